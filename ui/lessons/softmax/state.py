"""The softmax lesson's session state, behind ``STATE``.

Its ``ui.urlstate`` settings, named by their URL parameters: ``logits`` (text, the source of
truth for the logits), ``names`` (text), ``T`` (a stop of a log-scale slider, ``"0"`` meaning
T → 0), ``shift`` (number) and the tabs' ``tab``. The per-class sliders ``logit_0`` …
``logit_9`` are plain session state that mirrors ``logits``: dragging one rewrites the text in
a callback, and every run sets them from it. The last valid logits are kept for a text that
does not parse (``ui.inputs.remember_valid``).
"""

import streamlit as st

from ui import urlstate
from ui.i18n import t
from ui.inputs import InputError, format_numbers, parse_numbers, remember_valid

_LAST_VALID = "softmax.logits"  # the name of the last valid logits in ui.inputs


class LessonState:
    """The lesson's state by what it means, not by its keys."""

    @staticmethod
    def slider_key(k: int) -> str:
        """The Streamlit key of class ``k``'s slider."""
        return f"logit_{k}"

    def set_sliders(self, logits: list[float]) -> None:
        """Set each class's slider to its logit."""
        for k, value in enumerate(logits):
            # Only when the text says otherwise: setting a slider's state sends its value to
            # the browser, and doing so on every run lost arrow-key presses made meanwhile.
            if st.session_state.get(self.slider_key(k)) != value:
                st.session_state[self.slider_key(k)] = value

    def follow_sliders(self, n_classes: int) -> None:
        """Slider callback: the logits text from the sliders' values, if the logits are
        still ``n_classes`` long. A slider's change that reaches the server after the logits
        were replaced (a lecture plan's next view, under load) belongs to logits no longer
        shown: it once turned a view's "3,1" into "3, 1, -1, 0.3", the old view's last two."""
        try:
            shown = parse_numbers(str(urlstate.value("logits", "")))
        except InputError:
            shown = None
        if shown is not None and len(shown) != n_classes:
            return
        values = [st.session_state[self.slider_key(k)] for k in range(n_classes)]
        urlstate.set_value("logits", format_numbers(values))

    @staticmethod
    def use_logits(logits_text: str, names_key: str | None = None) -> None:
        """Button callback: show these logits (and these class names), as if typed."""
        urlstate.set_value("logits", logits_text)
        if names_key is not None:
            urlstate.set_value("names", t(names_key))

    @staticmethod
    def names_given() -> bool:
        """Whether the ``names`` field holds any text."""
        return bool(urlstate.value("names"))

    @staticmethod
    def last_valid_logits() -> list[float] | None:
        return remember_valid(_LAST_VALID)

    @staticmethod
    def remember_logits(values: list[float]) -> None:
        remember_valid(_LAST_VALID, values)

    @staticmethod
    def temperature_stop(default: str) -> str:
        """The ``T`` slider's stop, without drawing it."""
        return urlstate.value("T", default)

    @staticmethod
    def set_temperature_stop(stop: str) -> None:
        urlstate.set_value("T", stop)


STATE = LessonState()
