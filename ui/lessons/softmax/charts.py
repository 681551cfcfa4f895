"""The softmax lesson's Altair charts (``(spec, datasets)`` for ``ui.charts.show_spec``), its
tables, and its numbers as the formulas print them."""

import math

import altair as alt
import numpy as np
import pandas as pd

from ui import charts
from ui.formula import latex_number, number
from ui.i18n import t
from ui.palette import MARK_COLOR, SERIES_COLORS
from ui.shell import is_present


def _label_font() -> int:
    return 26 if is_present() else 14


def probability_chart(names, logits, probabilities, argmax) -> tuple[dict, dict]:
    """Horizontal bars of the probabilities, the value printed on each, logits beside:
    ``(spec, datasets)`` for ``charts.show_spec``."""
    rows = charts.arrow(
        {
            "class": list(names),
            "row": [f"{name}   z = {number(z)}" for name, z in zip(names, logits, strict=True)],
            "p": np.asarray(probabilities, dtype=float),
            "label": [
                readable(p) + ("   ← argmax" if k in argmax else "")
                for k, p in enumerate(probabilities)
            ],
            "is_argmax": [k in argmax for k in range(len(names))],
        }
    )
    return _probability_spec(tuple(names)), {"bars": rows}


@charts.template
def _probability_spec(names):
    y = alt.Y("row:N", sort=None, title=t("chart.class"), axis=alt.Axis(labelLimit=400, title=None))
    bars = (
        alt.Chart(alt.NamedData(name="bars"))
        .mark_bar(stroke=MARK_COLOR)
        .encode(
            # Room right of 1 for the printed value; ticks only where probabilities live.
            x=alt.X(
                "p:Q",
                scale=alt.Scale(domain=[0, 1.5 if is_present() else 1.35]),
                axis=alt.Axis(values=[0, 0.25, 0.5, 0.75, 1], format=".2~f"),
                title=t("softmax.probability"),
            ),
            y=y,
            color=alt.Color("class:N", scale=charts.class_scale(names), legend=None),
            strokeWidth=alt.condition("datum.is_argmax", alt.value(3), alt.value(0)),
        )
    )
    text = bars.mark_text(align="left", dx=6, fontSize=_label_font(), fontWeight="bold").encode(
        text="label:N", color=alt.value(MARK_COLOR), strokeWidth=alt.value(0)
    )
    return (bars + text).properties(height=charts.height(44 * len(names) + 50))


def temperature_chart(names, temperatures, sweep, current) -> tuple[dict, dict]:
    """Each class's probability against T (log axis); the current T drawn as a rule."""
    sweep = np.asarray(sweep, dtype=float)
    count = len(names)
    long = charts.arrow(
        {
            "T": np.repeat(np.asarray(temperatures, dtype=float), count),
            "class": list(names) * len(temperatures),
            "p": sweep.ravel(),
        }
    )
    at_current = charts.arrow(
        {
            "T": [float(current["T"])] * count,
            "class": list(names),
            "p": np.asarray(current["p"], dtype=float),
        }
    )
    spec = _temperature_spec(tuple(names), float(temperatures[0]), float(temperatures[-1]))
    return spec, {
        "lines": long,
        "rule": charts.arrow({"T": [float(current["T"])]}),
        "current": at_current,
    }


@charts.template
def _temperature_spec(names, low, high):
    x = alt.X(
        "T:Q",
        scale=alt.Scale(type="log", domain=[low, high]),
        title=t("softmax.temperature_axis"),
    )
    lines = (
        alt.Chart(alt.NamedData(name="lines"))
        .mark_line(strokeWidth=charts.line_width())
        .encode(
            x=x,
            y=alt.Y("p:Q", scale=alt.Scale(domain=[0, 1]), title=t("softmax.probability")),
            color=alt.Color(
                "class:N",
                scale=charts.class_scale(names),
                sort=list(names),
                title=t("chart.class"),
                legend=alt.Legend(orient="top", title=None),
            ),
        )
    )
    rule = (
        alt.Chart(alt.NamedData(name="rule"))
        .mark_rule(color=MARK_COLOR, strokeDash=[6, 4], strokeWidth=2)
        .encode(x=x)
    )
    points = (
        alt.Chart(alt.NamedData(name="current"))
        .mark_point(filled=True, size=250 if is_present() else 120, stroke=MARK_COLOR, opacity=1)
        .encode(
            x=x,
            y="p:Q",
            color=alt.Color("class:N", scale=charts.class_scale(names), legend=None),
        )
    )
    return (lines + rule + points).properties(height=charts.height(320))


_SOFTMAX_CURVE, _SIGMOID_CURVE = "softmax(z₁, z₂)₁", "σ(z₁ − z₂)"


def two_class_chart(differences, softmax_first, sigmoid_curve, point) -> tuple[dict, dict]:
    """``softmax(z1, z2)_1`` and ``σ(z1 − z2)`` over ``z1 − z2``: one curve drawn twice."""
    count = len(differences)
    long = charts.arrow(
        {
            "d": np.concatenate([differences, differences]).astype(float),
            "value": np.concatenate([softmax_first, sigmoid_curve]).astype(float),
            "curve": [_SOFTMAX_CURVE] * count + [_SIGMOID_CURVE] * count,
        }
    )
    marker = charts.arrow({"d": [float(point["d"])], "value": [float(point["value"])]})
    return _two_class_spec(), {"curves": long, "marker": marker}


@charts.template
def _two_class_spec():
    colour = alt.Color(
        "curve:N",
        scale=alt.Scale(domain=[_SOFTMAX_CURVE, _SIGMOID_CURVE], range=list(SERIES_COLORS)),
        title=t("chart.curve"),
        legend=alt.Legend(orient="top", labelLimit=400, title=None),
    )
    width = charts.line_width()
    curves = (
        alt.Chart(alt.NamedData(name="curves"))
        .mark_line()
        .encode(
            x=alt.X("d:Q", title="z₁ − z₂"),
            y=alt.Y("value:Q", scale=alt.Scale(domain=[0, 1]), title=t("softmax.probability")),
            color=colour,
            # The sigmoid is drawn thin and dashed on top of the thick softmax curve, so
            # the reader sees both lines lying on each other.
            strokeWidth=alt.condition(
                f"datum.curve == '{_SIGMOID_CURVE}'", alt.value(width), alt.value(width * 3)
            ),
            strokeDash=alt.condition(
                f"datum.curve == '{_SIGMOID_CURVE}'", alt.value([8, 6]), alt.value([1, 0])
            ),
        )
    )
    marker = (
        alt.Chart(alt.NamedData(name="marker"))
        .mark_point(filled=True, size=350 if is_present() else 160, color=MARK_COLOR)
        .encode(x="d:Q", y="value:Q")
    )
    return (curves + marker).properties(height=charts.height(300))


# Subscript k, not "_k": a legend is plain text (issue #12: no underscores in what is read).
_SIGMOID_BARS, _SOFTMAX_BARS = "σ(zₖ)", "softmax(z)ₖ"


def one_vs_rest_chart(names, sigmoids, probabilities) -> tuple[dict, dict]:
    """Grouped bars: each class's independent sigmoid beside its softmax probability."""
    values = np.concatenate([sigmoids, probabilities]).astype(float)
    long = charts.arrow(
        {
            "class": list(names) * 2,
            "value": values,
            "kind": [_SIGMOID_BARS] * len(names) + [_SOFTMAX_BARS] * len(names),
            "label": [number(v, 3) for v in values],
        }
    )
    return _one_vs_rest_spec(tuple(names)), {"bars": long}


@charts.template
def _one_vs_rest_spec(names):
    base = alt.Chart(alt.NamedData(name="bars")).encode(
        x=alt.X(
            "class:N",
            sort=list(names),
            title=t("chart.class"),
            axis=alt.Axis(labelAngle=0, title=None),
        ),
        xOffset=alt.XOffset("kind:N", sort=[_SIGMOID_BARS, _SOFTMAX_BARS]),
        y=alt.Y(
            "value:Q",
            scale=alt.Scale(domain=[0, 1.08]),
            title=t("chart.value"),
            axis=alt.Axis(title=None),
        ),
    )
    bars = base.mark_bar().encode(
        color=alt.Color(
            "kind:N",
            scale=alt.Scale(domain=[_SIGMOID_BARS, _SOFTMAX_BARS], range=list(SERIES_COLORS)),
            title=t("chart.curve"),
            legend=alt.Legend(orient="top", title=None),
        )
    )
    labels = base.mark_text(dy=-10, fontSize=_label_font()).encode(text="label:N")
    return (bars + labels).properties(height=charts.height(300))


# --- Formulas and tables -----------------------------------------------------------


def _digits(value) -> int:
    return 6 if abs(value) >= 1e-3 else 4


def readable(value) -> str:
    """Six digits for ordinary values, three significant ones for tiny values: 0.999909 and
    0.0000454 (docs/course.md's Softmax(10, 0, 0)) both print as such."""
    return number(value, _digits(value))


def readable_vector(values) -> str:
    """A LaTeX row vector of ``readable`` numbers (∞ and NaN written out)."""
    cells = [latex_number(v, _digits(v)) if math.isfinite(v) else latex_number(v) for v in values]
    return r"\left(" + ", ".join(cells) + r"\right)"


def formula_terms(logits, temperature) -> list[str]:
    """``e^{z_k}`` (or ``e^{z_k/T}``) with each logit written in, for the live formula."""
    if temperature == 1:
        return [f"e^{{{latex_number(z)}}}" for z in logits]
    return [f"e^{{{latex_number(z)}/{latex_number(temperature)}}}" for z in logits]


def exponential_terms(exponents) -> list[str]:
    """``e^{x}`` for each exponent written in (the stable form's ``(z_k − m)/T``)."""
    return [f"e^{{{latex_number(x)}}}" for x in exponents]


def fraction(numerator, denominator) -> str:
    return rf"\frac{{{latex_number(numerator)}}}{{{latex_number(denominator)}}}"


def overflow_table(names, logits, numerators, naive, shifted_numerators, stable, totals):
    """Naive and max-subtracted softmax side by side, inf and NaN written as values."""
    naive_total, shifted_total = totals
    rows = {
        t("softmax.class"): [*names, "Σ"],
        "z": [number(z) for z in logits] + [""],
        "e^z": [number(v) for v in numerators] + [number(naive_total)],
        t("softmax.naive_column"): [number(v) for v in naive] + [""],
        "e^(z − m)": [number(v) for v in shifted_numerators] + [number(shifted_total)],
        t("softmax.stable_column"): [number(v) for v in stable] + [""],
    }
    return pd.DataFrame(rows).set_index(t("softmax.class"))


def log_table(names, logits, log_of_probabilities, log_probabilities):
    """``log(softmax(z))`` beside ``log_softmax(z)``: −∞ against the true value."""
    rows = {
        t("softmax.class"): names,
        "z": [number(z) for z in logits],
        "log(softmax(z))": [number(v) for v in log_of_probabilities],
        "log_softmax(z)": [number(v) for v in log_probabilities],
    }
    return pd.DataFrame(rows).set_index(t("softmax.class"))
