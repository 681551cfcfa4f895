"""The home page: what the app teaches, the lessons in order, and how to use it in a
lecture (``pages/0_home_page.py`` is its entry line)."""

import pandas as pd
import streamlit as st

from ui import nav, study
from ui.i18n import t
from ui.shell import page_setup


def render() -> None:
    """The page from top to bottom."""
    page_setup("home")
    st.title(t("app.name"))
    st.markdown(f"**{t('home.tagline')}**")
    st.markdown(t("home.intro"))
    _lessons()
    _exercises()
    _record()
    _lecture()
    _summary()


def _lessons() -> None:
    st.header(t("home.lessons"))
    for lesson in nav.LESSONS:
        with st.container(border=True):
            label = f"**{t(f'nav.{lesson.key}')}** · {t('home.minutes', minutes=lesson.minutes)}"
            st.page_link(str(lesson.path), label=label, icon=lesson.icon)
            st.caption(t(f"home.lesson.{lesson.key}"))


def _exercises() -> None:
    st.header(t("study.try_it"))
    study.exercise_buttons()


def _record() -> None:
    st.header(t("study.record"))
    st.caption(t("study.record_intro"))
    for lesson in nav.LESSONS:
        right, answered, total = study.score(lesson.key)
        st.markdown(
            "- "
            + t(
                "study.score_line",
                title=t(f"nav.{lesson.key}"),
                right=right,
                answered=answered,
                total=total,
            )
        )
    study.record_downloads()
    study.record_upload()
    # Until the shell places it on every page, the record's link to this browser is placed here
    # and by each lesson's questions (a second call in one run does nothing).
    study.sync_record()


def _lecture() -> None:
    st.header(t("home.lecture"))
    for key in ("present", "links", "keys", "language"):
        st.markdown(f"- {t(f'home.lecture.{key}')}")


def _summary() -> None:
    st.header(t("home.summary"))
    rows = ("task", "activation", "output", "loss", "prediction")
    logistic = {"activation": "sigmoid σ(z)", "prediction": "ŷ > 0.5 ⇒ 1"}
    softmax = {"activation": "softmax(o)", "prediction": r"$\arg\max_i \hat y_i$"}
    table = pd.DataFrame(
        {
            t("home.summary.logistic"): [
                logistic.get(row) or t(f"home.summary.{row}.logistic") for row in rows
            ],
            t("home.summary.softmax"): [
                softmax.get(row) or t(f"home.summary.{row}.softmax") for row in rows
            ],
        },
        index=[t(f"home.summary.{row}") for row in rows],
    )
    st.table(table)
