"""How much of the browser's window is left below a point of the page, for a view that
must fit one screen.

``probe()`` places a hidden component (viewport.js) right above that view: it sends the
window's height less the top of what follows it, when the page is drawn and after a resize.
``room()`` is the last one sent, or ``None`` before the first (the page then uses its usual
sizes, and runs once more when it arrives). Each probe has its key; one inside a lesson's
tabs (``tabs=True``) measures as if the tabs stood at the top of the window, as a link to a
tab opens them in projection mode (ui/reveal.py).
"""

from pathlib import Path

import streamlit as st

KEY = "viewport.probe"
LOWEST, HIGHEST = 0, 5_000  # pixels: what a real window reports lies between

_HTML = '<span class="sx-viewport"></span>'
_JS = Path(__file__).with_name("viewport.js").read_text(encoding="utf-8")
_CSS = Path(__file__).with_name("viewport.css").read_text(encoding="utf-8")
_COMPONENT = st.components.v2.component(
    "softmax_explorer.viewport", html=_HTML, css=_CSS, js=_JS, isolate_styles=False
)


def room(key: str = KEY) -> int | None:
    """Pixels from the probe's place to the bottom of the window, as the browser last sent
    them (a modified browser's value outside what a window can hold is ignored)."""
    sent = st.session_state.get(key)
    value = sent.get("room") if isinstance(sent, dict) else None
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    return int(value) if LOWEST <= value <= HIGHEST else None


def probe(key: str = KEY, *, tabs: bool = False) -> None:
    """Place the probe here: the page runs again when the room below it changes."""
    data = {"known": room(key) or 0, "name": key, "tabs": tabs}
    _COMPONENT(key=key, data=data, on_room_change=lambda: None)


def fit(usual: int, margin: int = 16, lowest: int = 260, *, key: str = KEY) -> int:
    """A height for what fills the room below the probe ``key``, ``margin`` pixels left
    below it: ``usual`` at most, ``lowest`` at least; ``usual`` while the room is unknown."""
    known = room(key)
    if known is None:
        return usual
    return max(lowest, min(usual, known - margin))
