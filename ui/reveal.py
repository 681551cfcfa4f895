"""Where a revealed answer shows: a lesson's tabs as a setting (``?tab=``), and a scroll to them.

A lesson's tabs are the ``ui.urlstate`` setting ``tab``: session state ``"<lesson>.tab"``
holds the open tab's *label* (what ``st.tabs`` keeps there, so a click and
``st.session_state["softmax.tab"] = label`` both open a tab), the URL holds its *code*
(``tab=temperature``), the same in every language. A reveal, a link or an exercise sets the
code; a label of the other language (after a language switch) opens the same tab.

``request_scroll(key)`` asks the next run of the page to bring the element of that
Streamlit key into view (ui/reveal_scroll.js): the reveal's tab, for the student who
pressed Check in the questions above it.
"""

import uuid
from collections.abc import Mapping
from pathlib import Path

import streamlit as st

from ui import urlstate
from ui.i18n import CATALOGS, t

TAB = "tab"  # the URL name of every lesson's tabs
SCROLL_KEY = "reveal.scroll"
_REQUEST = "reveal.scroll_request"

_HTML = '<span class="sx-reveal-scroll"></span>'
_JS = Path(__file__).with_name("reveal_scroll.js").read_text(encoding="utf-8")
_CSS = Path(__file__).with_name("reveal_scroll.css").read_text(encoding="utf-8")
_SCROLL = st.components.v2.component(
    "softmax_explorer.reveal_scroll", html=_HTML, css=_CSS, js=_JS, isolate_styles=False
)


def tabs_key(lesson: str) -> str:
    """The session-state key (and Streamlit key) of ``lesson``'s tabs: ``"softmax.tab"``."""
    return urlstate.key(TAB, lesson)


def lesson_tabs(label_keys: Mapping[str, str]) -> dict:
    """The running lesson's tabs, ``code → catalog key of its label`` in order; the first is
    the default. Returns ``code → tab container`` (each with ``.open``). Only the open tab's
    content needs to run: opening another reruns the page."""
    codes = list(label_keys)
    labels = {code: t(key) for code, key in label_keys.items()}
    # Every language's label of a tab → its code: a label held from before a language
    # switch still names the same tab.
    code_of = {
        catalog[key]: code for catalog in CATALOGS.values() for code, key in label_keys.items()
    }

    def accept(held):
        if isinstance(held, str) and held in labels:  # a code: a reveal, memory
            return labels[held]
        if isinstance(held, str) and held in code_of:
            return labels[code_of[held]]
        raise ValueError(held)

    def parse(raw: str) -> str:
        if raw not in labels:
            raise ValueError(raw)
        return labels[raw]

    # A link to a tab in projection mode opens scrolled to it: the view a teacher prepared
    # for a slide is the first screen (issue #12).
    from ui.shell import is_present  # here: the shell imports this module

    scroll_to_tabs = urlstate.linked(TAB) and is_present()
    # The tabs' value (a label) and their URL text (a code) differ, which urlstate.choice
    # cannot express; urlstate's two steps around a widget of one's own can.
    state_key = urlstate.prepare(
        TAB,
        labels[codes[0]],
        parse,
        accept,
        " / ".join(codes),
        stale=lambda held: isinstance(held, str) and len(held) <= urlstate.TEXT_LIMIT,
    )
    containers = st.tabs(list(labels.values()), key=state_key, on_change="rerun")
    open_code = code_of.get(st.session_state.get(state_key), codes[0])
    urlstate.finish(TAB, open_code, codes[0])
    if scroll_to_tabs:
        request_scroll(state_key)
    place_scroll()
    return dict(zip(codes, containers, strict=True))


SECTION = "section"  # the URL name of a section of a lesson without tabs


def linked_section(lesson: str, codes: tuple[str, ...]) -> None:
    """A link to a section of ``lesson`` (``?section=data``, a code of ``codes``) opens the
    page scrolled to it, the container ``section(f"{lesson}.section.{code}")``; the URL
    keeps naming it, so the link can be shared again. Call before the sections."""
    chosen = f"{lesson}.{SECTION}"

    def parse(raw: str) -> str:
        if raw not in codes:
            raise ValueError(raw)
        return raw

    code = urlstate.link_value(SECTION, parse, " / ".join(codes))
    if code is not None:
        st.session_state[chosen] = code
        request_scroll(f"{lesson}.section.{code}")
    held = st.session_state.get(chosen)
    urlstate.finish(SECTION, held if held in codes else None, None)


def section(key: str):
    """A keyed container holding a section, for a reveal to scroll to (on a lesson without
    tabs): ``with reveal.section("training.section.train"): ...``. Serves a scroll request
    aimed at it."""
    request = pending_scroll()
    if request is not None and request.get("target") == key:
        place_scroll()
    return st.container(key=key)


def open_tab(lesson: str, code: str) -> None:
    """From a callback: open ``lesson``'s tab ``code`` on the next run."""
    urlstate.set_value(TAB, code, lesson=lesson)


def request_scroll(key: str) -> None:
    """Ask the next page run to scroll the element of Streamlit key ``key`` into view."""
    st.session_state[_REQUEST] = {"target": key, "nonce": uuid.uuid4().hex}


def pending_scroll() -> dict | None:
    return st.session_state.get(_REQUEST)


def place_scroll() -> None:
    """Serve a pending scroll request (once: the request is then forgotten)."""
    request = st.session_state.pop(_REQUEST, None)
    if request is not None:
        _SCROLL(key=SCROLL_KEY, data=request)
