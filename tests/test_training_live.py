"""ui/live.py alone: the buttons drive the loop, Step advances once, a stop pauses and says why;
a timer's tick gives way to a person's run."""

import threading
import time

import pytest
from streamlit.testing.v1 import AppTest

from ui import live, process


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


def _as_timer_tick(waited_until):
    """What ``animate``'s and ``every``'s wrappers set for a timer's tick in this thread."""
    live._this_run.timer = True
    live._this_run.waited_until = waited_until


def test_a_timer_tick_gives_way_while_a_person_runs_and_not_longer():
    person_started, person_may_end = threading.Event(), threading.Event()

    def person():
        with live.for_a_person():
            person_started.set()
            person_may_end.wait(5)

    helper = threading.Thread(target=person)
    helper.start()
    person_started.wait(5)
    waited = []

    def tick():
        _as_timer_tick(time.monotonic() + 5)
        start = time.monotonic()
        live.give_way()
        waited.append(time.monotonic() - start)

    ticker = threading.Thread(target=tick)
    ticker.start()
    time.sleep(0.2)
    assert ticker.is_alive()  # still waiting: the person's run goes on
    person_may_end.set()
    ticker.join(5)
    helper.join(5)
    assert 0.15 <= waited[0] < 2


def test_the_wait_is_bounded_and_only_timer_ticks_wait():
    with live.for_a_person():  # a person's run that never ends while we look
        live._this_run.timer = False
        start = time.monotonic()
        live.give_way()  # a person's own run (or a page run) never waits
        assert time.monotonic() - start < 0.05
        _as_timer_tick(time.monotonic() + 0.1)
        start = time.monotonic()
        live.give_way()
        assert 0.09 <= time.monotonic() - start < 1
    assert process.shared().people == 0


def test_a_person_run_that_fails_still_stops_counting():
    with pytest.raises(RuntimeError), live.for_a_person():
        assert process.shared().people == 1
        raise RuntimeError("the page failed")
    assert process.shared().people == 0
