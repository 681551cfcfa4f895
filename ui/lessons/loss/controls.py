"""The loss lesson's widgets, through ``ui.urlstate`` so the URL keeps them.

``page_settings`` are the settings every tab reads; ``probability_input`` is the one place
a typed probability vector is read.
"""

import re
from typing import NamedTuple

import numpy as np
import streamlit as st

from core.loss_views import SPREADS, probability_problem, rescaled, rounded_probabilities
from ui import reveal, urlstate
from ui.formula import number
from ui.i18n import t
from ui.inputs import InputError, format_numbers, parse_numbers
from ui.lessons.loss.state import state

MAX_CLASSES = 10
UNITS = ("nats", "bits")
# Default logits: class 3 (the default true class) is confidently wrong.
DEFAULT_LOGITS = (2.0, 0.0, -2.0, 1.0, -1.0, 0.5, -0.5, 1.5, -1.5, 0.25)
# The tabs are the setting ``tab`` (``?tab=cases``): a reveal or a link opens the one that
# shows its answer. Every tab's content runs (its settings are in the URL).
TABS = ("curve", "cases", "information", "gradients")


class Settings(NamedTuple):
    """The page-wide settings: the number of classes, the true class (counted from 1) and
    how a prediction spreads what the true class does not get."""

    K: int
    true_class: int
    spread: str

    @property
    def true_index(self) -> int:
        return int(self.true_class) - 1  # core counts classes from 0, people from 1


def page_settings() -> Settings:
    """The settings box at the top of the page: every tab below reads it."""
    with st.container(border=True):
        K_col, true_col, spread_col = st.columns(3)
        with K_col:
            K = urlstate.slider(
                t("loss.K"), 2, MAX_CLASSES, 3, 1, key="K", integer=True, help=t("loss.K_help")
            )
        with true_col:
            true_class = urlstate.integer_input(
                t("loss.true"), 1, MAX_CLASSES, 3, key="true", help=t("loss.true_help")
            )
        with spread_col:
            spread = urlstate.choice(
                st.segmented_control,
                t("loss.spread"),
                SPREADS,
                key="spread",
                default="one",
                # Labels looked up now: Streamlit may call format_func outside the script
                # run, where the session's language is unknown.
                format_func={code: t(f"loss.spread.{code}") for code in SPREADS}.__getitem__,
                help=t("loss.spread_help"),
            )
    return Settings(K, true_class, spread)


def lesson_tabs() -> dict:
    """``code → tab container`` for the codes in ``TABS``."""
    return reveal.lesson_tabs({code: f"loss.tab.{code}" for code in TABS})


def true_probability() -> float:
    """The curve tab's ``p``, the probability the prediction gives the true class."""
    return urlstate.slider(t("loss.curve.p"), 0.01, 1.0, 0.7, 0.01, key="p")


def units() -> str:
    """The information tab's units: ``"nats"`` or ``"bits"``."""
    return urlstate.choice(
        st.segmented_control,
        t("loss.info.units"),
        UNITS,
        key="units",
        default="nats",
        format_func={code: t(f"loss.info.{code}") for code in UNITS}.__getitem__,
    )


def logits(K: int, per_row: int = 5) -> np.ndarray:
    """The gradients tab's logits ``o1 … oK``, one slider each, up to ``per_row`` to a row."""
    values = np.empty(K)
    slider_columns = st.columns(min(K, per_row))
    for k in range(K):
        name = f"o{k + 1}"
        with slider_columns[k % len(slider_columns)]:
            values[k] = urlstate.slider(
                t("loss.grad.logit", k=k + 1), -8.0, 8.0, DEFAULT_LOGITS[k], 0.1, key=name
            )
    return values


def pick_point(chart_key: str) -> None:
    """A click in the triangle chart ``chart_key``: the clicked cell becomes the point."""
    cell = state.picked_cell(chart_key)
    if cell is not None:
        rounded = np.round(cell[1:], 2)
        urlstate.set_value("point", format_numbers([1 - rounded.sum(), *rounded]))


# Reading probability vectors -------------------------------------------------------------


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
