"""Formulas with the live numbers substituted, and numbers formatted for people.

Templates are LaTeX with ``$name`` fields (``string.Template``), because LaTeX's own
braces would clash with ``str.format``.
"""

import math
from string import Template

import streamlit as st


def number(value: float, digits: int = 4) -> str:
    """A number as a person should read it: small values keep their significant digits.

    ``0.0000454`` stays ``0.0000454`` (not ``0.0000``); inf and NaN are written out,
    because the overflow lesson shows them as values.
    """
    value = float(value)
    if math.isnan(value):
        return "NaN"
    if math.isinf(value):
        return "∞" if value > 0 else "-∞"
    if value == 0:
        return "0"
    magnitude = abs(value)
    if magnitude >= 1e6 or magnitude < 1e-12:
        mantissa, exponent = f"{value:.{digits - 1}e}".split("e")
        return f"{mantissa}e{int(exponent)}"
    if magnitude >= 10**-digits:
        text = f"{value:.{digits}f}".rstrip("0").rstrip(".")
        return "0" if text in ("", "-0") else text
    # Keep `digits` significant digits of a tiny value in positional notation.
    decimals = -math.floor(math.log10(magnitude)) + digits - 2
    return f"{value:.{decimals}f}".rstrip("0").rstrip(".")


def latex_number(value: float, digits: int = 4) -> str:
    text = number(value, digits)
    return {"∞": r"\infty", "-∞": r"-\infty", "NaN": r"\text{NaN}"}.get(text, text)


def fill(template: str, digits: int = 4, **values) -> str:
    """``template`` with every ``$name`` replaced; numbers formatted by ``latex_number``."""
    formatted = {
        name: latex_number(value, digits) if isinstance(value, (int, float)) else str(value)
        for name, value in values.items()
    }
    return Template(template).substitute(formatted)


def show(template: str, digits: int = 4, **values) -> None:
    """Render a formula with its live numbers."""
    st.latex(fill(template, digits, **values))


def vector(values, digits: int = 4) -> str:
    """A LaTeX row vector ``(a, b, c)``."""
    return r"\left(" + ", ".join(latex_number(v, digits) for v in values) + r"\right)"
