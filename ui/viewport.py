"""The height of the browser's window, for a view that must fit one screen.

``probe()`` places a hidden component (viewport.js) that sends the window's inner height
when the page is drawn and after a resize; ``height()`` is the last one sent, or ``None``
before the first (the page then uses its usual sizes, and runs once more when it arrives).
"""

from pathlib import Path

import streamlit as st

KEY = "viewport.probe"
LOWEST, HIGHEST = 300, 5_000  # pixels: what a real window reports lies between

_HTML = '<span class="sx-viewport"></span>'
_JS = Path(__file__).with_name("viewport.js").read_text(encoding="utf-8")
_CSS = Path(__file__).with_name("viewport.css").read_text(encoding="utf-8")
_COMPONENT = st.components.v2.component(
    "softmax_explorer.viewport", html=_HTML, css=_CSS, js=_JS, isolate_styles=False
)


def height() -> int | None:
    """The window's inner height in CSS pixels, as the browser last sent it (a modified
    browser's value outside what a window can be is ignored)."""
    sent = st.session_state.get(KEY)
    value = sent.get("height") if isinstance(sent, dict) else None
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    return int(value) if LOWEST <= value <= HIGHEST else None


def probe() -> None:
    """Place the probe: the page runs again when the window's height changes."""
    _COMPONENT(key=KEY, data={"known": height() or 0}, on_height_change=lambda: None)


def fit(usual: int, reserved: int, lowest: int = 260) -> int:
    """A height for what must share the window with ``reserved`` pixels of other things:
    ``usual`` at most, ``lowest`` at least; ``usual`` while the window's height is unknown."""
    window = height()
    if window is None:
        return usual
    return max(lowest, min(usual, window - reserved))
