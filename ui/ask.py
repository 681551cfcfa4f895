"""Ask the class: one predict-then-reveal question at a time, large, revealed on a key press
(``pages/5_ask_page.py`` is its entry line)."""

import streamlit as st

from ui import nav, reveal, study
from ui.i18n import current_language, t
from ui.questions import QUESTIONS, Question, by_id
from ui.shell import page_setup
from ui.urlstate import choice


def render() -> None:
    """The page from top to bottom."""
    page_setup("ask")
    st.title(t("ask.title"))
    st.caption(t("ask.intro"))

    labels = {q.id: f"{t(f'nav.{q.lesson}')} · {t(f'study.q.{q.id}')}" for q in QUESTIONS}
    question_id = choice(
        st.selectbox,
        t("ask.pick"),
        list(labels),
        key="q",
        default=QUESTIONS[0].id,
        format_func=labels.__getitem__,
    )
    question = by_id(question_id)
    revealed_key = f"ask.revealed.{question.id}"

    with st.container(border=True):
        st.header(t(f"study.q.{question.id}"))
        for letter, option in zip("ABCDE", question.options, strict=False):
            st.subheader(f"{letter}. {t(f'study.q.{question.id}.{option}')}")

    revealed = st.session_state.get(revealed_key, False)
    if st.button(
        t("ask.hide") if revealed else t("ask.reveal"),
        key="ask.reveal",
        shortcut="Enter",
        type="primary",
        icon=":material/visibility:",
    ):
        revealed = not revealed
        st.session_state[revealed_key] = revealed

    if revealed:
        _answer(question)


def _answer(question: Question) -> None:
    """The answer and why, and a button to the lesson set to the state that shows it."""
    st.success(
        f"### {t('ask.answer', answer=study.answer_text(question))}", icon=":material/check:"
    )
    st.markdown(f"### {t(f'study.q.{question.id}.why')}")
    lesson = next((item for item in nav.available_lessons() if item.key == question.lesson), None)
    if lesson is not None and st.button(t("ask.open"), icon=":material/open_in_new:"):
        params = {"lang": current_language(), **{k: str(v) for k, v in question.reveal.items()}}
        if question.tab:  # the lesson opens on the tab that shows the answer, scrolled to it
            params[reveal.TAB] = question.tab
            reveal.request_scroll(reveal.tabs_key(question.lesson))
        st.switch_page(str(lesson.path), query_params=params)
