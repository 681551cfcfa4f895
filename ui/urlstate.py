"""Widgets whose values live in the URL, so a link reproduces the view.

Two mechanisms, both keyed by the URL parameter's name:
- Numbers, text and toggles: Streamlit's ``bind="query-params"`` on a keyed widget. It
  silently drops a value the widget cannot take, so call ``checked_param`` first: it
  shows a translated message for a bad value (and the widget then keeps its default).
- Choices (radio, selectbox, segmented control): ``choice`` below. A bound choice widget
  writes its *displayed label* to the URL (``loss=交叉熵``), which changes with the
  language; ``choice`` writes the option's code (``loss=cross_entropy``) instead.
"""

from collections.abc import Callable, Sequence
from typing import Any

import streamlit as st
from streamlit.runtime.state.session_state_proxy import get_session_state

from ui.i18n import t


def report_bad_param(name: str, value: str, reason: str) -> None:
    """A visible, translated note that a URL parameter was ignored."""
    st.warning(
        t("error.bad_query_param", name=name, value=str(value)[:80], reason=reason),
        icon=":material/link_off:",
    )


def checked_param(name: str, parse: Callable[[str], Any], reason: str) -> Any | None:
    """``parse(?name=)`` or ``None``; a value ``parse`` rejects (by raising) is reported.

    ``reason`` says what would be valid, e.g. ``"0.01 … 100"``.
    """
    raw = st.query_params.get(name)
    if raw is None:
        return None
    try:
        return parse(raw)
    except (ValueError, TypeError, OverflowError):
        report_bad_param(name, raw, reason)
        _forget_link_value(name)
        return None


def _forget_link_value(name: str) -> None:
    """Take a refused value out of what a bound widget is seeded from.

    Streamlit seeds a ``bind="query-params"`` widget from the URL as the page was opened,
    and its reading of ``?seed=inf`` into an integer widget raises ``OverflowError`` (it
    catches only ``ValueError``, ``TypeError`` and ``IndexError``; found by ``make fuzz``).
    The seed values live in a private field of Streamlit 1.67's query-params state; if a
    later Streamlit moves it, this does nothing and tests/test_urlstate.py says so.
    """
    with get_session_state().query_params() as params:
        initial = getattr(params, "_initial_query_params", None)
        if isinstance(initial, dict):
            initial.pop(name, None)


def number_parser(lower: float, upper: float, *, integer: bool = False) -> Callable[[str], Any]:
    """A ``parse`` for ``checked_param``: a finite number in ``[lower, upper]``."""

    def parse(text: str):
        value = float(text)
        if not lower <= value <= upper:  # also rejects NaN
            raise ValueError(text)
        if integer:
            if value != int(value):
                raise ValueError(text)
            return int(value)
        return value

    return parse


def choice(
    widget: Callable[..., Any],
    label: str,
    options: Sequence[str],
    *,
    key: str,
    default: str,
    format_func: Callable[[str], str] = str,
    **kwargs,
) -> str:
    """A choice widget synced with ``?key=<option code>``.

    ``widget`` is ``st.radio``, ``st.selectbox`` or ``st.segmented_control`` (or the same
    on a container). The value survives page switches (``persist_state="session"``).
    """
    if key not in st.session_state:
        requested = st.query_params.get(key)
        st.session_state[key] = requested if requested in options else default
        if requested is not None and requested not in options:
            report_bad_param(key, requested, " / ".join(options))
    if widget.__name__ == "segmented_control":
        kwargs.setdefault("required", True)
    # Labels are computed now, in this run's language: AppTest calls format_func later,
    # outside the session, where a lazy t() would fall back to another language.
    labels = {option: format_func(option) for option in options}
    value = widget(
        label, options, key=key, format_func=labels.__getitem__, persist_state="session", **kwargs
    )
    if value == default:
        st.query_params.pop(key, None)
    else:
        st.query_params[key] = value
    return value


def slider(label, lower, upper, default, step, *, key, integer=False, **kwargs):
    """A slider bound to ``?key=``: a bad link value is reported, and a remembered value
    outside today's range (a range that depends on another setting) is pulled back inside."""
    checked_param(key, number_parser(lower, upper, integer=integer), f"{lower} … {upper}")
    if key in st.session_state and not lower <= st.session_state[key] <= upper:
        st.session_state[key] = min(max(st.session_state[key], lower), upper)
    return st.slider(label, lower, upper, default, step, key=key, bind="query-params", **kwargs)


def integer_input(label, lower, upper, default, *, key, **kwargs):
    """A whole-number input bound to ``?key=``, bad link values reported (a seed, say)."""
    checked_param(key, number_parser(lower, upper, integer=True), f"{lower} … {upper}")
    return st.number_input(label, lower, upper, default, 1, key=key, bind="query-params", **kwargs)


def number_choice_slider(label, options, default, *, key, **kwargs):
    """A select-slider over fixed numbers, bound to ``?key=``, bad link values reported."""

    def parse(text):
        value = float(text)
        if value not in options:
            raise ValueError(text)
        return value

    checked_param(key, parse, " / ".join(f"{option:g}" for option in options))
    return st.select_slider(
        label,
        options,
        value=default,
        key=key,
        bind="query-params",
        format_func=lambda value: f"{value:g}",
        **kwargs,
    )
