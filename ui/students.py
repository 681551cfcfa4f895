"""On every lesson page, in the sidebar: the link for students (a QR code and a short
readable link of the view as it is now, large in projection mode) and the teacher's
"add this view to my plan".

Drawn by the shell after the page has run, so the link carries the settings the page has
just written to the address bar (minus projection mode: a phone wants ordinary type).
"""

import streamlit as st

from ui import nav, presenting, qr
from ui.i18n import literal, t

_LESSON_PATHS = {lesson.url_path for lesson in nav.LESSONS}
BUTTON_KEY = "students.link"


def view_params() -> dict[str, str]:
    """The address bar's parameters of this view, without projection mode."""
    return {name: value for name, value in st.query_params.to_dict().items() if name != "present"}


def sidebar(url_path: str) -> None:
    """The two lecture tools of a lesson page (nothing on other pages)."""
    if url_path not in _LESSON_PATHS:
        return
    with st.sidebar:
        _student_link(url_path)
        st.button(
            t("plan.add"),
            key="students.add_view",
            icon=":material/playlist_add:",
            help=t("plan.add_help"),
            on_click=presenting.add_view,
            args=(url_path, view_params()),
        )
        presenting.show_note(url_path)


def _student_link(url_path: str) -> None:
    # A dialog, not a popover: centred, it has the screen's room for a code the back rows
    # can scan, and its content runs only while it is open.
    if st.button(t("plan.students"), key=BUTTON_KEY, icon=":material/qr_code_2:"):
        _dialog(url_path)


@st.dialog(" ", width="medium")
def _dialog(url_path: str) -> None:
    link = qr.view_link(st.context.url, url_path, view_params())
    st.markdown(f"**{t('plan.students')}**")
    st.image(qr.svg(link), width=400 if st.session_state.get("present") else 300)
    # Quoted as code: the address a browser sent (its Host) is shown as it is and never
    # becomes a link or markup.
    st.markdown(literal(qr.readable(link)))
    st.caption(t("plan.students_help"))
