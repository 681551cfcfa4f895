"""The loss lesson's widgets, through ``ui.urlstate`` so the URL keeps them.

``probability_input`` is the one place a typed probability vector is read.
"""

import re

import numpy as np
import streamlit as st

from core.loss_views import probability_problem, rescaled, rounded_probabilities
from ui import urlstate
from ui.formula import number
from ui.i18n import t
from ui.inputs import InputError, format_numbers, parse_numbers
from ui.lessons.loss.state import state

_FRACTION = re.compile(r"(\d+(?:\.\d*)?)\s*/\s*(\d+(?:\.\d*)?)")


def _with_fractions(text: str) -> str:
    """``"1/6, 1/3"`` → decimals, so a fair die can be typed exactly; ``x/0`` is left as typed
    (and then reported as not a number)."""

    def decimal(match: re.Match) -> str:
        denominator = float(match[2])
        return repr(float(match[1]) / denominator) if denominator else match[0]

    return _FRACTION.sub(decimal, text) if isinstance(text, str) else text


def set_probabilities(key: str, values) -> None:
    """Write a probability vector into the text field ``key`` (4 decimals, still summing to 1)."""
    urlstate.set_value(key, format_numbers(rounded_probabilities(values, 4)))


def probability_input(label: str, key: str, default: str, *, max_count: int = 10):
    """A text field for a probability vector (bound to ``?key=``); returns the values to use.

    Bad input gets a message beside the field and the last valid values are returned.
    Entries that are negative or do not sum to 1 also get a button that normalises them.
    """
    text = urlstate.text_input(label, default, key=key)
    try:
        values = np.array(parse_numbers(_with_fractions(text), min_count=2, max_count=max_count))
    except InputError as error:
        st.error(error.message(), icon=":material/error:")
        return _last_valid(key, default)
    problem = probability_problem(values)
    if problem is None:
        state.remember_probabilities(key, values)
        return values
    if problem == "negative":
        st.error(t("loss.prob.negative", value=number(values.min(), 4)), icon=":material/error:")
    else:
        st.error(t("loss.prob.sum", total=number(values.sum(), 6)), icon=":material/error:")
    if np.any(values > 0):
        st.button(
            t("loss.prob.rescale"),
            key=f"{key}_rescale",
            icon=":material/balance:",
            on_click=set_probabilities,
            args=(key, rescaled(values)),
        )
    else:
        st.caption(t("loss.prob.cannot_rescale"))
    return _last_valid(key, default)


def _last_valid(key: str, default: str):
    st.caption(t("input.kept_last"))
    kept = state.last_probabilities(key)
    return kept if kept is not None else np.array(parse_numbers(_with_fractions(default)))
