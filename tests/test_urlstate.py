"""Lesson settings: their own session state per lesson, mirrored in the URL, checked whatever
sent them."""

import math

import pytest
from streamlit.proto.WidgetStates_pb2 import WidgetState
from streamlit.testing.v1 import AppTest

from tests.apptest import assert_clean, open_page


def _choice_app():
    import streamlit as st

    from ui import urlstate

    st.session_state.setdefault("lang", "en")
    urlstate.begin("demo")
    urlstate.choice(
        st.radio,
        "Loss",
        ["cross_entropy", "mse"],
        key="loss",
        default="cross_entropy",
        format_func={"cross_entropy": "Cross-entropy", "mse": "Squared error"}.get,
    )
    urlstate.end()


def _slider_app():
    import streamlit as st

    from ui import urlstate

    st.session_state.setdefault("lang", "en")
    urlstate.begin("demo")
    value = urlstate.slider("T", 0.01, 100.0, 1.0, 0.01, key="T")
    st.write(f"T={value}")
    urlstate.end()


def test_a_choice_writes_its_code_to_the_url():
    at = AppTest.from_function(_choice_app).run()
    assert at.radio(key="demo.loss").value == "cross_entropy"
    assert "loss" not in at.query_params
    at.radio(key="demo.loss").set_value("mse").run()
    assert at.query_params["loss"] in ("mse", ["mse"])


def test_a_choice_reads_the_url_and_reports_a_bad_value():
    at = AppTest.from_function(_choice_app)
    at.query_params["loss"] = "mse"
    assert at.run().radio(key="demo.loss").value == "mse"
    at = AppTest.from_function(_choice_app)
    at.query_params["loss"] = "hinge"
    at.run()
    assert at.radio(key="demo.loss").value == "cross_entropy"
    assert "hinge" in at.warning[0].value


@pytest.mark.parametrize(
    ("raw", "shown", "warned"),
    [
        ("0.5", "T=0.5", False),
        ("nan", "T=1.0", True),
        ("1e9", "T=1.0", True),
        ("abc", "T=1.0", True),
    ],
)
def test_a_link_value_is_taken_or_refused_with_a_message(raw, shown, warned):
    at = AppTest.from_function(_slider_app)
    at.query_params["T"] = raw
    at.run()
    assert not at.exception
    assert at.markdown[0].value == shown
    assert bool(at.warning) is warned


def _seed_app():
    import streamlit as st

    from ui import urlstate

    st.session_state.setdefault("lang", "en")
    urlstate.begin("demo")
    value = urlstate.integer_input("Seed", 0, 999_999, 0, key="seed")
    st.write(f"seed={value}")
    urlstate.end()


def _send(widget, state: WidgetState) -> None:
    """Make AppTest send exactly ``state`` for this widget, as a modified browser could."""
    widget.__class__ = type("Sent", (type(widget),), {"_widget_state": property(lambda _: state)})


@pytest.mark.parametrize("crafted", [math.nan, math.inf, -math.inf, 1e300, 2.5])
def test_a_crafted_widget_value_is_refused_and_the_last_good_one_kept(crafted):
    at = AppTest.from_function(_seed_app).run()
    at.number_input(key="demo.seed").set_value(7).run()
    widget = at.number_input(key="demo.seed")
    state = WidgetState(id=widget.id)
    state.double_value = crafted
    _send(widget, state)
    at.run()
    assert not at.exception
    # Streamlit turns a non-finite or out-of-range number back into the value the widget was
    # given, the last good one; a fraction reaches the app's own check, which says so.
    assert at.markdown[0].value == "seed=7"
    if crafted == 2.5:
        assert "`seed`" in at.warning[0].value


@pytest.mark.parametrize("page", ["training", "multilabel"])
@pytest.mark.parametrize("value", ["inf", "-inf", "1e999", "NaN", "12.5", "-3", "abc"])
def test_a_seed_the_link_cannot_hold_is_reported_not_a_crash(page, value):
    # Streamlit's own reading of ?seed=inf into a bound integer widget raised OverflowError.
    at = open_page(page, lang="en", seed=value)
    assert_clean(at)
    assert any("seed" in warning.value for warning in at.warning)
    assert at.number_input(key=f"{page}.seed").value == 0
