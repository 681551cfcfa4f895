"""URL-synced widgets: codes in the link, bad values reported, numbers checked."""

import pytest
from streamlit.testing.v1 import AppTest

from tests.apptest import assert_clean, open_page


def _choice_app():
    import streamlit as st

    from ui.urlstate import choice

    st.session_state.setdefault("lang", "en")
    choice(
        st.radio,
        "Loss",
        ["cross_entropy", "mse"],
        key="loss",
        default="cross_entropy",
        format_func={"cross_entropy": "Cross-entropy", "mse": "Squared error"}.get,
    )


def _number_app():
    import streamlit as st

    from ui.urlstate import checked_param, number_parser

    st.session_state.setdefault("lang", "en")
    value = checked_param("T", number_parser(0.01, 100), "0.01 … 100")
    st.write(f"T={value}")


def test_a_choice_writes_its_code_to_the_url():
    at = AppTest.from_function(_choice_app).run()
    assert at.radio(key="loss").value == "cross_entropy"
    assert "loss" not in at.query_params
    at.radio(key="loss").set_value("mse").run()
    assert at.query_params["loss"] in ("mse", ["mse"])


def test_a_choice_reads_the_url_and_reports_a_bad_value():
    at = AppTest.from_function(_choice_app)
    at.query_params["loss"] = "mse"
    assert at.run().radio(key="loss").value == "mse"
    at = AppTest.from_function(_choice_app)
    at.query_params["loss"] = "hinge"
    at.run()
    assert at.radio(key="loss").value == "cross_entropy"
    assert "hinge" in at.warning[0].value


def test_checked_param_accepts_and_refuses():
    for raw, shown, warned in [
        ("0.5", "T=0.5", False),
        ("nan", "T=None", True),
        ("1e9", "T=None", True),
        ("abc", "T=None", True),
    ]:
        at = AppTest.from_function(_number_app)
        at.query_params["T"] = raw
        at.run()
        assert not at.exception
        assert at.markdown[0].value == shown
        assert bool(at.warning) is warned


@pytest.mark.parametrize("page", ["training", "multilabel"])
@pytest.mark.parametrize("value", ["inf", "-inf", "1e999", "NaN", "12.5", "-3", "abc"])
def test_a_seed_the_link_cannot_hold_is_reported_not_a_crash(page, value):
    # Streamlit's own reading of ?seed=inf into an integer widget raised OverflowError.
    at = open_page(page, lang="en", seed=value)
    assert_clean(at)
    assert any("seed" in warning.value for warning in at.warning)
    assert at.number_input(key="seed").value == 0
