"""Reading what people type: lists of numbers from a text field or a URL parameter.

Parsing never raises past the page: ``parse_numbers`` raises ``InputError``, whose
``message()`` is the translated sentence the page shows beside the field, and the page
keeps drawing the last valid value (``remember_valid``).
"""

import math
import re

import streamlit as st

from ui.i18n import literal, t

MAX_TEXT_LENGTH = 2000


class InputError(ValueError):
    """Bad input, with a catalog key (``input.<code>``) and the values its text needs."""

    def __init__(self, code: str, **details):
        super().__init__(code)
        self.code = code
        self.details = details

    def message(self) -> str:
        details = {
            name: literal(value) if name == "token" else value
            for name, value in self.details.items()
        }
        return t(f"input.{self.code}", **details)


def parse_numbers(
    text: str,
    *,
    min_count: int = 1,
    max_count: int = 10,
    lower: float = -math.inf,
    upper: float = math.inf,
) -> list[float]:
    """``"2, 1, 0.1"`` (commas, spaces, semicolons or Chinese commas) → ``[2.0, 1.0, 0.1]``."""
    if not isinstance(text, str) or not text.strip():
        raise InputError("empty")
    if len(text) > MAX_TEXT_LENGTH:
        raise InputError("too_long", limit=MAX_TEXT_LENGTH)
    values = []
    for token in re.split(r"[\s,;，；、]+", text.strip().strip("()[]（）")):
        if not token:
            continue
        try:
            value = float(token)
        except ValueError:
            raise InputError("not_a_number", token=token[:20]) from None
        if not math.isfinite(value):
            raise InputError("not_finite", token=token[:20])
        if not lower <= value <= upper:
            raise InputError("out_of_range", token=token[:20], lower=lower, upper=upper)
        values.append(value)
    if not min_count <= len(values) <= max_count:
        raise InputError("count", count=len(values), min_count=min_count, max_count=max_count)
    return values


def format_numbers(values) -> str:
    """The text a field shows for a list of numbers (inverse of ``parse_numbers``)."""
    return ", ".join(f"{float(v):g}" for v in values)


def remember_valid(name: str, value=None):
    """Store ``value`` as the last valid input called ``name``, or return the stored one."""
    key = f"_last_valid.{name}"
    if value is not None:
        st.session_state[key] = value
    return st.session_state.get(key)
