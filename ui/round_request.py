"""A class round asked for on one page and started on the Ask page, which holds the
rounds (the lecture plan's "Start the class round"): the question's id in session state,
taken once, so a reload of the Ask page starts nothing."""

import streamlit as st

_KEY = "ask.round.start_request"


def ask_for(question_id: str) -> None:
    st.session_state[_KEY] = question_id


def take() -> str | None:
    held = st.session_state.pop(_KEY, None)
    return held if isinstance(held, str) else None
