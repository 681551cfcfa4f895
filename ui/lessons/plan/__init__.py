"""The lecture plan page: the views of a lecture in order, each a link with its slide's
title; presenting one steps through it with PageDown (``ui.presenting``). The shipped plan
follows the course's lecture 5 (``ui.lecture5``); a teacher's own plan is made here and on
the lesson pages, kept as a file or shared as one link (``ui.plans`` reads both).
``pages/7_plan_page.py`` is its entry line; ``sections.py`` the list, the file and the link;
``editor.py`` the editing of the teacher's own plan."""

import streamlit as st

from ui import presenting
from ui.i18n import t
from ui.lessons.plan import editor, sections


def render() -> None:
    """The page from top to bottom (``page_setup`` is the page file's)."""
    st.title(t("plan.title"))
    st.markdown(t("plan.intro"))
    sections.read_link()  # a shared plan in the link (?plan=…) becomes the own plan
    plan = sections.choose()
    presenting.show_note("plan")
    if plan is None:
        st.info(t("plan.mine_empty"), icon=":material/playlist_add:")
    else:
        sections.listing(plan)
    if sections.showing_mine():
        editor.edit()
    sections.as_file(plan)
    sections.as_link(plan)
    sections.class_round()
