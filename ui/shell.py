"""The frame around every page: navigation, the shared sidebar, projection mode.

``app.py`` calls ``navigation()``; every page file starts with ``page_setup(key)``.
"""

import logging
import time
from pathlib import Path

import streamlit as st
from streamlit.runtime.app_session import AppSession
from streamlit.runtime.scriptrunner import get_script_run_ctx

from ui import live, nav, presenting, students, study, uploads, urlstate, wire  # noqa: F401 (uploads, wire: at import)
from ui.i18n import LANGUAGE_NAMES, LANGUAGES, language_from_locale, t
from ui.urlstate import report_bad_param

_LOGGER = logging.getLogger(__name__)


def _refuse_clear_cache(session: AppSession) -> None:
    """Streamlit clears every cache of the process (everyone's) when any browser sends its
    clear-cache message, which a modified client can send at will; the app's menu offers no
    such action (``client.toolbarMode = "minimal"``), so the message does nothing here."""
    _LOGGER.warning("a browser asked to clear the server's caches; refused")


# Once per process, on the first import (app.py's first run): Streamlit 1.67's handler of
# the message is this private method (tests/test_security.py fails if it moves).
AppSession._handle_clear_cache_request = _refuse_clear_cache
_SHELL_FLAG = "_shell_ran"
_RETURN_TO = "_shell_return_to"
_LANGUAGE = "_shell_language"
# The link's refused lang / present values, shown on every run until the next page (a rerun
# the page makes by itself would otherwise take the message away at once).
_REFUSED = "_shell_refused"
_REFUSED_ON = "_shell_refused_on"
# The server lost this browser's session (a worker died and came back): said on the page.
_CAME_BACK = "_shell_came_back"
CAME_BACK_SECONDS = 20

# Static CSS; nothing a user types is ever rendered as HTML.
# Always: a formula wider than its column scrolls instead of being cut off.
_BASE_CSS = "<style>.katex-display { overflow-x: auto; overflow-y: hidden; }</style>"
# Projection mode: type that reads from the back of a hall and a high-contrast palette.
_PRESENT_CSS = Path(__file__).with_name("present.css")
# A Chinese page: Streamlit's own English (chart menus, shortcut keys) hidden or translated.
_CHINESE_CSS = Path(__file__).with_name("chinese.css")


def is_present() -> bool:
    return bool(st.session_state.get("present", False))


def _init_language() -> None:
    """Take the language from ``?lang=`` once per session, else from the browser's locale.

    The radio is kept in sync with the URL by hand rather than with ``bind="query-params"``:
    a bound radio writes its displayed label ("中文") to the URL, and links say ``lang=zh``.
    The session's language lives in its own key and re-seeds the radio on every run: a
    widget's identity includes the script running it, which on a fresh server's first run
    is a ``pages/<url>.py`` router (ui/nav.py), so on the next run the radio is a new widget
    and would fall back to its first option.
    """
    if _LANGUAGE not in st.session_state:
        requested = st.query_params.get("lang")
        if requested in LANGUAGES:
            st.session_state[_LANGUAGE] = requested
        else:
            st.session_state[_LANGUAGE] = language_from_locale(st.context.locale)
            if requested is not None:
                _refused("lang", requested, " / ".join(LANGUAGES))
    st.session_state["lang"] = st.session_state[_LANGUAGE]


def _refused(name: str, value: str, reason: str) -> None:
    st.session_state.setdefault(_REFUSED, {})[name] = (value, reason)


def _show_refused(page_path: str) -> None:
    """The refused shell parameters, on every run of the page the link opened."""
    shown_on = st.session_state.setdefault(_REFUSED_ON, page_path)
    if shown_on != page_path:
        st.session_state[_REFUSED] = {}
        st.session_state[_REFUSED_ON] = page_path
    for name, (value, reason) in st.session_state.get(_REFUSED, {}).items():
        report_bad_param(name, value, reason)


def _remember_language() -> None:
    st.session_state[_LANGUAGE] = st.session_state["lang"]


def _sidebar() -> None:
    _init_language()
    present = st.query_params.get("present")
    if present is not None and present not in ("true", "false"):
        _refused("present", present, "true / false")
    with st.sidebar:
        st.radio(
            t("shell.language"),
            LANGUAGES,
            format_func=LANGUAGE_NAMES.__getitem__,
            horizontal=True,
            key="lang",
            on_change=_remember_language,
        )
        st.toggle(
            t("shell.present"),
            key="present",
            help=t("shell.present_help"),
            bind="query-params",
        )
    st.html(_BASE_CSS)
    if is_present():
        st.html(_PRESENT_CSS)
    if st.session_state["lang"] == "zh":
        st.html(_CHINESE_CSS)


def _page(lesson: nav.Lesson, *, default: bool = False) -> st.Page:
    return st.Page(
        lesson.path,
        title=t(f"nav.{lesson.key}"),
        icon=lesson.icon,
        url_path=lesson.url_path,
        default=default,
    )


def _browser_had_a_page() -> bool:
    """Whether this run brings widget values from a page the browser already showed: on a
    session's first run, the browser reconnected to a process that did not know it (a
    worker restarted, or nginx sent it to another). A fresh page load sends none.
    Streamlit 1.67 keeps the values the browser sent in this private field until the next
    run (tests/e2e/test_restart_e2e.py fails if it moves)."""
    ctx = get_script_run_ctx()
    states = getattr(getattr(ctx.session_state, "_state", None), "_new_widget_state", None)
    return bool(getattr(states, "states", None))


_RECONNECT_HTML = '<span class="sx-reconnect"></span>'
_RECONNECT_JS = Path(__file__).with_name("reconnect.js").read_text(encoding="utf-8")
_RECONNECT_CSS = Path(__file__).with_name("reconnect.css").read_text(encoding="utf-8")
_RECONNECT = st.components.v2.component(
    "softmax_explorer.reconnect",
    html=_RECONNECT_HTML,
    css=_RECONNECT_CSS,
    js=_RECONNECT_JS,
    isolate_styles=False,
)


_KEYS_HTML = '<span class="sx-keys"></span>'
_KEYS_JS = Path(__file__).with_name("keys.js").read_text(encoding="utf-8")
_KEYS_CSS = Path(__file__).with_name("keys.css").read_text(encoding="utf-8")
# The lesson's shortcuts whatever widget last had focus (ui/keys.js says how and why).
_KEYS = st.components.v2.component(
    "softmax_explorer.keys", html=_KEYS_HTML, css=_KEYS_CSS, js=_KEYS_JS, isolate_styles=False
)


def _show_came_back(page_path: str) -> None:
    """After a reconnect, for ``CAME_BACK_SECONDS`` on that page: what happened and what was
    kept (the view, from the link; the record, from the browser)."""
    came_back = st.session_state.get(_CAME_BACK)
    if came_back is None:
        return
    path, since = came_back
    if path != page_path or time.monotonic() - since > CAME_BACK_SECONDS:
        st.session_state.pop(_CAME_BACK, None)
        return
    st.info(t("shell.came_back"), icon=":material/sync:")


def navigation() -> st.Page:
    """Build the sidebar and ``st.navigation``; return the page to run."""
    came_back = not st.session_state.get(_SHELL_FLAG) and _browser_had_a_page()
    _sidebar()
    home = _page(nav.HOME, default=True)
    lessons = [_page(lesson) for lesson in nav.LESSONS]
    teaching = [_page(page) for page in nav.TEACHING]
    pages = {"": [home], t("nav.section_lessons"): lessons, t("nav.section_teaching"): teaching}
    current = st.navigation(pages)
    # Asks for a run as soon as the connection comes back (ui/reconnect.js).
    _RECONNECT(key="shell.reconnect", data={}, on_back_change=lambda: None)
    _KEYS(key="shell.keys", data={})
    if came_back:
        st.session_state[_CAME_BACK] = (current.url_path, time.monotonic())
    _show_came_back(current.url_path)
    _show_refused(current.url_path)
    st.query_params["lang"] = st.session_state["lang"]
    st.session_state[_SHELL_FLAG] = True
    return_to = st.session_state.pop(_RETURN_TO, None)
    if return_to is not None:
        for page in [home, *lessons, *teaching]:
            if page.url_path == return_to:
                # `present` is bound to the sidebar toggle, which keeps it in the URL itself
                # (Streamlit refuses to set a bound parameter directly).
                params = {k: v for k, v in st.query_params.to_dict().items() if k != "present"}
                st.switch_page(page, query_params=params)
    presenting.bar(current)  # while a lecture plan is presented: its position, ◀ ▶
    return current


def page_setup(key: str) -> None:
    """First call of every page file.

    A session whose first run is a page file on its own (Streamlit's ``pages/`` folder
    fallback on a fresh server) has no sidebar and no language yet: send it through
    ``app.py`` and back to this page, keeping the URL's query parameters.
    """
    if not st.session_state.get(_SHELL_FLAG):
        lesson = next(item for item in (nav.HOME, *nav.LESSONS, *nav.TEACHING) if item.key == key)
        st.session_state[_RETURN_TO] = lesson.url_path
        st.caption(t("shell.redirecting"))
        st.switch_page(nav.ROOT / "app.py", query_params=st.query_params.to_dict())
    urlstate.begin(key)


def run_app() -> None:
    """What ``app.py`` does: configure the page, build the shell, run the chosen page.

    A last line of defence: any exception a page lets through becomes a translated message
    instead of a traceback (the traceback goes to the server log). Streamlit's own
    rerun/stop signals are ``BaseException``s and pass untouched. Tests look for this
    message, so a bug is still a failing test.
    """
    # A file, not a :material/…: icon, which the browser would fetch from Google's servers
    # (nothing on an offline lecture-hall machine).
    # In projection mode the sidebar starts closed: its settings take no room on the
    # projected screen (issue #12), a click on its arrow away.
    presenting = is_present() or st.query_params.get("present") == "true"
    st.set_page_config(
        layout="wide",
        page_icon=str(Path(__file__).with_name("favicon.png")),
        initial_sidebar_state="collapsed" if presenting else "auto",
    )
    page = navigation()
    study.sync_record()  # the student's record, kept in their browser (ui/study.py)
    try:
        with live.for_a_person():  # timers' ticks give way to it (ui/live.py)
            page.run()
        urlstate.end()
        students.sidebar(page.url_path)  # the link for students, on a lesson page
    except Exception as error:
        _LOGGER.exception("page %s failed", page.url_path)
        st.error(t("error.unexpected", kind=type(error).__name__), icon=":material/error:")
