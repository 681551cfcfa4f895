"""ui/live.py alone: the buttons drive the loop, Step advances once, a stop pauses and says why."""

from streamlit.testing.v1 import AppTest


def _counter_app():
    import streamlit as st

    from ui import live

    st.session_state.setdefault("lang", "en")
    st.session_state.setdefault("count", 0)
    loop = live.Loop("demo")

    def start_over():
        st.session_state["count"] = 0

    live.controls(loop, on_reset=start_over)

    def frame(advance):
        if advance:
            st.session_state["count"] += 1
            if st.session_state["count"] >= 5:
                loop.stop("reached five")
        st.metric("count", st.session_state["count"])

    live.animate(loop, frame)


def _count(at):
    return int(at.metric[0].value)


def test_step_advances_once_and_reset_starts_over():
    at = AppTest.from_function(_counter_app).run()
    assert _count(at) == 0
    at.button(key="demo.step").click().run()
    assert _count(at) == 1
    at.run()  # a rerun for another reason only redraws
    assert _count(at) == 1
    at.button(key="demo.reset").click().run()
    assert _count(at) == 0


def test_play_advances_every_run_until_pause():
    at = AppTest.from_function(_counter_app).run()
    at.button(key="demo.play").click().run()
    assert at.button(key="demo.play").label == "Pause"
    at.run()
    assert _count(at) == 2
    at.button(key="demo.play").click().run()
    assert at.button(key="demo.play").label == "Play"
    at.run()
    assert _count(at) == 2


def test_a_stop_from_the_frame_pauses_and_shows_the_reason():
    at = AppTest.from_function(_counter_app).run()
    at.button(key="demo.play").click().run()
    for _ in range(6):
        at.run()
    assert not at.exception
    assert _count(at) == 5
    assert at.button(key="demo.play").label == "Play"
    assert any("reached five" in error.value for error in at.error)
    at.button(key="demo.reset").click().run()
    assert not at.error and _count(at) == 0
