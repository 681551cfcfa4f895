"""The softmax lesson's widgets: the presets, the logits and class names, the temperature.

Each keeps its value through ``ui.urlstate`` (the URL names are in ``state.py``).
"""

import math
import re

import streamlit as st

from ui import urlstate
from ui.i18n import plain, t
from ui.inputs import InputError, parse_numbers
from ui.lessons.softmax.state import STATE
from ui.shell import is_present

DEFAULT_LOGITS = "2, 1, 0.1"
MIN_CLASSES, MAX_CLASSES = 2, 10
# Large enough for the overflow lesson (exp overflows past 709.78), small enough that a
# slider over ±bound stays an ordinary JavaScript number.
LOGIT_LIMIT = 1e6
NAME_LIMIT = 24

# Presets from the course: (logits, names key or None), and what each one shows: its
# caption stays while the logits (and names) are still the preset's.
PRESETS = (
    ("2, 1, 0.1", None),
    ("10, 0, 0", None),
    ("1, 1, 1", None),
    ("1000, 0, 1000", None),
    ("0.1, 10, 0.1", "softmax.names_dog_cat_chicken"),
)
PRESET_CAPTIONS = {
    "2, 1, 0.1": "softmax.preset.running",
    "10, 0, 0": "softmax.preset.extreme",
    "1, 1, 1": "softmax.preset.uniform",
    "1000, 0, 1000": "softmax.preset.overflow",
    "0.1, 10, 0.1": "softmax.preset.animals",
}

# Temperature stops: ten per decade from 0.01 to 100, read as round numbers; "0" is T → 0.
_MANTISSAS = (1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8)
TEMPERATURE_STOPS = (
    "0",
    *(f"{m * 10.0**e:.4g}" for e in range(-2, 2) for m in _MANTISSAS),
    "100",
)
DEFAULT_TEMPERATURE = "1"


# --- Logits and class names --------------------------------------------------------


def preset_buttons():
    """The course's examples as buttons; returns the slot for the open preset's caption
    (``preset_caption``), filled once the logits are known."""
    st.caption(t("softmax.presets"))
    with st.container(horizontal=True):
        for logits_text, names_key in PRESETS:
            label = f"({logits_text})"
            if names_key is not None:
                label = f"{t(names_key)} {label}"
            st.button(
                label,
                key=f"preset_{logits_text}",
                on_click=STATE.use_logits,
                args=(logits_text, names_key),
            )
    return st.empty()


def preset_caption(slot, logits: list[float], names: list[str]) -> None:
    """Say what the preset on screen shows; nothing once its values were edited."""
    for logits_text, names_key in PRESETS:
        if parse_numbers(logits_text) != list(logits):
            continue
        if names_key is not None and names != t(names_key).split(", "):
            continue
        slot.caption(
            t("softmax.preset_shown", logits=logits_text, what=t(PRESET_CAPTIONS[logits_text]))
        )
        return


def logits_field() -> list[float]:
    """The ``logits`` text field; returns the logits to show (the last valid ones)."""
    text = urlstate.text_input(
        t("softmax.logits_label"),
        DEFAULT_LOGITS,
        key="logits",
        help=t("softmax.logits_help", min_count=MIN_CLASSES, max_count=MAX_CLASSES),
    )
    try:
        values = parse_numbers(
            text,
            min_count=MIN_CLASSES,
            max_count=MAX_CLASSES,
            lower=-LOGIT_LIMIT,
            upper=LOGIT_LIMIT,
        )
    except InputError as error:
        kept = STATE.last_valid_logits()
        fallback = t("input.kept_last") if kept else t("softmax.kept_default")
        st.error(f"{error.message()} {fallback}", icon=":material/error:")
        return kept or parse_numbers(DEFAULT_LOGITS)
    STATE.remember_logits(values)
    return values


def slider_bound(logits: list[float]) -> float:
    """±bound of the per-class sliders: 10, or enough to hold the largest logit."""
    largest = max(abs(v) for v in logits)
    return 10.0 if largest <= 10 else float(10 ** math.ceil(math.log10(largest)))


def logit_sliders(logits: list[float], names: list[str]) -> None:
    """One slider per class, set from the logits every run; dragging rewrites the text.
    Each is given its value as well as its state (as ``ui.urlstate``'s widgets are): a
    slider the browser draws again (a tab switch, a resize) otherwise fell back to its
    first default, the minimum, and sent it, which rewrote the logits to −10, −10, …"""
    bound = slider_bound(logits)
    step = bound / 100
    STATE.set_sliders(logits)
    columns = st.columns(2) if len(logits) > 5 else [st.container()]
    for k, name in enumerate(names):
        with columns[k % len(columns)]:
            st.slider(
                f"$z_{{{k + 1}}}$ · {plain(name)}",
                min_value=-bound,
                max_value=bound,
                value=st.session_state[STATE.slider_key(k)],
                step=step,
                key=STATE.slider_key(k),
                on_change=STATE.follow_sliders,
                args=(len(logits),),
            )


def default_names(count: int) -> list[str]:
    return t("softmax.default_names").split(", ")[:count]


def _split_names(text: str) -> list[str]:
    return [name.strip() for name in re.split(r"[,;，；、]", text) if name.strip()]


def names_field(count: int) -> list[str]:
    """The optional ``names`` field: ``count`` distinct names, defaults filling the rest."""
    with st.expander(t("softmax.names_label"), expanded=STATE.names_given()):
        text = urlstate.text_input(
            t("softmax.names_label"),
            "",
            key="names",
            placeholder=", ".join(default_names(count)),
            help=t("softmax.names_help"),
            label_visibility="collapsed",
        )
        given = _split_names(text)[:count]
        too_long = [name for name in given if len(name) > NAME_LIMIT]
        if too_long:
            st.error(t("softmax.name_too_long", limit=NAME_LIMIT), icon=":material/error:")
            given = []
        elif len(set(given)) < len(given):
            st.error(t("softmax.names_repeat"), icon=":material/error:")
            given = []
        typed = len(_split_names(text))
    spare = [name for name in default_names(MAX_CLASSES) if name not in given]
    added = spare[: count - len(given)]
    if given and added:  # said, not done silently: the defaults are catalog names
        st.caption(t("softmax.names_filled", given=len(given), count=count, added=", ".join(added)))
    if typed > count and given:
        st.caption(t("softmax.names_extra", extra=typed - count, count=count))
    return given + added


# --- Temperature -------------------------------------------------------------------


def _nearest_stop(value: float) -> str:
    if value == 0:
        return "0"
    positive = TEMPERATURE_STOPS[1:]
    return min(positive, key=lambda stop: abs(math.log(float(stop)) - math.log(value)))


def _temperature_from_link(raw: str) -> str:
    """``?T=`` as a slider stop: a stop as written, or the nearest one to a number in
    [0, 100]; anything else raises ``ValueError`` (and is reported)."""
    if raw in TEMPERATURE_STOPS:
        return raw
    value = float(raw)
    if not 0 <= value <= 100:  # also refuses NaN
        raise ValueError(raw)
    return _nearest_stop(value)


def _step_temperature(direction: int) -> None:
    index = TEMPERATURE_STOPS.index(STATE.temperature_stop(DEFAULT_TEMPERATURE)) + direction
    STATE.set_temperature_stop(TEMPERATURE_STOPS[min(max(index, 0), len(TEMPERATURE_STOPS) - 1)])


def temperature_label(stop: str) -> str:
    return "T → 0" if stop == "0" else stop


def temperature_input() -> float:
    """The ``T`` slider (log scale, 0.01 … 100, and T → 0) with step buttons; 0 means T → 0."""
    stop = urlstate.choice(
        st.select_slider,
        t("softmax.temperature_label"),
        TEMPERATURE_STOPS,
        key="T",
        default=DEFAULT_TEMPERATURE,
        format_func=temperature_label,
        parse=_temperature_from_link,
        help=t("softmax.temperature_help"),
    )
    present = is_present()
    with st.container(horizontal=True):
        st.button(
            t("softmax.sharper"),
            icon=":material/chevron_left:",
            on_click=_step_temperature,
            args=(-1,),
            shortcut="Left" if present else None,
            disabled=stop == TEMPERATURE_STOPS[0],
        )
        st.button(
            t("softmax.flatter"),
            icon=":material/chevron_right:",
            on_click=_step_temperature,
            args=(1,),
            shortcut="Right" if present else None,
            disabled=stop == TEMPERATURE_STOPS[-1],
        )
    if present:
        st.caption(t("softmax.keys_hint"))
    return float(stop)
