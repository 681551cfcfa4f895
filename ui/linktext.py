"""A setting's values as a link writes them: numbers and on/off flags read from the URL's
text and written back to it (no Streamlit: ``ui.urlstate`` uses these around its widgets)."""

import math
from collections.abc import Callable
from typing import Any


def in_range(held: Any, lower: float, upper: float, *, integer: bool = False) -> float | int:
    """A finite number pulled into ``[lower, upper]`` (a range may shrink with another
    setting); ``ValueError`` for anything else."""
    if isinstance(held, bool) or not isinstance(held, int | float) or not math.isfinite(held):
        raise ValueError(held)
    if integer and held != int(held):
        raise ValueError(held)
    pulled = min(max(held, lower), upper)
    return int(pulled) if integer else float(pulled)


def number_parser(lower: float, upper: float, *, integer: bool = False) -> Callable[[str], Any]:
    """A link value: a finite number in ``[lower, upper]`` (whole when ``integer``)."""

    def parse(text: str):
        number = float(text)
        if not lower <= number <= upper:  # also refuses NaN
            raise ValueError(text)
        if integer:
            if number != int(number):
                raise ValueError(text)
            return int(number)
        return number

    return parse


def flag(text: str) -> bool:
    """A link's on/off value: ``1`` or ``0``."""
    if text not in ("0", "1"):
        raise ValueError(text)
    return text == "1"


def number_text(number: float | int) -> str:
    return f"{number:g}" if isinstance(number, float) else str(number)
