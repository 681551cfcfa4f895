"""The multi-label lesson's charts drawn once per page run: the example picture, the two
activations of its scores, and the data. They take plain arrays and know nothing of the
models; the charts that change while training are in live_charts.py.
"""

import altair as alt
import numpy as np
import pandas as pd
import streamlit as st

from ui import charts
from ui.formula import number
from ui.i18n import t
from ui.lessons.multilabel.controls import EXAMPLE_LABELS, label_names, model_title
from ui.palette import MARK_COLOR, SERIES_COLORS
from ui.shell import is_present

# --- the example picture --------------------------------------------------------------------


def circle(cx, cy, r, steps=24):
    angles = np.linspace(0, 2 * np.pi, steps + 1)
    return list(zip(cx + r * np.cos(angles), cy + r * np.sin(angles), strict=True))


# A line drawing in a 120 × 64 frame: (label index or None for the ground, strokes).
_DOG = [
    [(16, 18), (36, 18), (38, 24), (16, 25), (16, 18)],  # body
    [(36, 23), (36, 31), (45, 31), (45, 25), (38, 24)],  # head
    [(45, 28), (48, 27), (45, 25)],  # snout
    [(37, 31), (38, 35), (40, 31)],  # ear
    [(18, 18), (18, 8)],
    [(23, 18), (23, 8)],
    [(30, 18), (30, 8)],
    [(35, 18), (35, 8)],  # legs
    [(16, 23), (10, 30)],  # tail
]
_PERSON = [
    circle(62, 46, 4.5),  # head
    [(62, 41.5), (62, 24)],  # body
    [(53, 30), (62, 37), (71, 30)],  # arms
    [(56, 8), (62, 24), (68, 8)],  # legs
]
_CAR = [
    [(80, 12), (116, 12), (116, 21), (107, 21), (101, 30), (86, 30), (82, 21), (80, 21), (80, 12)],
    [(88, 21), (91, 27), (99, 27), (103, 21), (88, 21)],  # window
    circle(89, 12, 4),
    circle(107, 12, 4),  # wheels
]
_BOXES = {0: (8, 5, 50, 38), 1: (50, 5, 75, 53), 2: (77, 5, 119, 34)}  # x0, y0, x1, y1
_GROUND = [[(0, 4), (120, 4)]]


def scene_chart() -> alt.LayerChart:
    """A dog, a person and a car, each in a labelled box: one image with three labels."""
    names = label_names(len(EXAMPLE_LABELS))
    rows = []
    for label, strokes in ((0, _DOG), (1, _PERSON), (2, _CAR), (None, _GROUND)):
        for stroke_index, stroke in enumerate(strokes):
            for order, (x, y) in enumerate(stroke):
                rows.append((f"{label}-{stroke_index}", order, x, y))
    strokes = pd.DataFrame(rows, columns=["stroke", "order", "x", "y"])
    boxes = pd.DataFrame(
        [(names[label], *box) for label, box in _BOXES.items()],
        columns=["name", "x0", "y0", "x1", "y1"],
    )
    x = alt.X("x:Q", scale=alt.Scale(domain=[0, 120]), axis=None)
    y = alt.Y("y:Q", scale=alt.Scale(domain=[0, 64]), axis=None)
    drawing = (
        alt.Chart(strokes)
        .mark_line(color=MARK_COLOR, strokeWidth=charts.line_width(), strokeCap="round")
        .encode(x=x, y=y, detail="stroke:N", order="order:Q")
    )
    frames = (
        alt.Chart(boxes)
        .mark_rect(fillOpacity=0, strokeWidth=charts.line_width(), strokeDash=[6, 3])
        .encode(
            x="x0:Q",
            y="y0:Q",
            x2="x1",
            y2="y1",
            stroke=alt.Stroke("name:N", scale=charts.class_scale(names), legend=None),
        )
    )
    tags = (
        alt.Chart(boxes)
        .mark_text(align="left", baseline="bottom", dx=2, dy=-3, fontWeight="bold")
        # Black: a name in its class's colour is unreadable (orange on white is 2.2:1).
        .encode(x="x0:Q", y="y1:Q", text="name:N", color=alt.value(MARK_COLOR))
    )
    return (drawing + frames + tags).properties(height=charts.height(260))


def example_chart(names, softmax_outputs, sigmoid_outputs) -> alt.LayerChart:
    """Both activations of the same scores, label by label, with the line at 0.5."""
    series = [model_title("softmax"), model_title("sigmoid")]
    table = pd.DataFrame(
        {
            "label": list(names) * 2,
            "model": [series[0]] * len(names) + [series[1]] * len(names),
            "value": np.concatenate([softmax_outputs, sigmoid_outputs]),
            "text": [number(v, 3) for v in np.concatenate([softmax_outputs, sigmoid_outputs])],
        }
    )
    x = alt.X(
        "label:N",
        sort=list(names),
        title=t("chart.label"),
        axis=alt.Axis(labelAngle=0, title=None),
    )
    y = alt.Y("value:Q", scale=alt.Scale(domain=[0, 1]), title=t("multilabel.output_axis"))
    colour = alt.Color(
        "model:N",
        scale=alt.Scale(domain=series, range=list(SERIES_COLORS)),
        title=t("chart.model"),
        # Stacked in the hall: side by side, the two long names outrun a 1280 screen's half.
        legend=alt.Legend(
            orient="bottom", title=None, labelLimit=600, columns=1 if is_present() else 0
        ),
    )
    bars = (
        alt.Chart(table)
        .mark_bar()
        .encode(x=x, xOffset=alt.XOffset("model:N", sort=series), y=y, color=colour)
    )
    values = (
        alt.Chart(table)
        .mark_text(dy=-8)
        .encode(x=x, xOffset=alt.XOffset("model:N", sort=series), y=y, text="text:N")
    )
    half = (
        alt.Chart(pd.DataFrame({"value": [0.5]}))
        .mark_rule(strokeDash=[6, 4], color=MARK_COLOR, strokeWidth=charts.line_width() / 2)
        .encode(y="value:Q")
    )
    return (bars + values + half).properties(height=charts.height(300))


# --- the data -------------------------------------------------------------------------------


def _disc_outlines(centres, radius, names):
    rows = []
    for name, (cx, cy) in zip(names, centres, strict=True):
        for order, (x, y) in enumerate(circle(cx, cy, radius, 72)):
            rows.append((name, order, x, y))
    return pd.DataFrame(rows, columns=["name", "order", "x", "y"])


def plane_extent(centres, radius) -> tuple[float, float]:
    """The square the data chart and the maps show: every disc and a margin."""
    reach = float(np.max(np.linalg.norm(centres, axis=1)) + radius) + 0.35
    return (-reach, reach)


def _plane(centres, radius):
    domain = list(plane_extent(centres, radius))
    x = alt.X("x:Q", scale=alt.Scale(domain=domain, nice=False), title="x₁")
    y = alt.Y("y:Q", scale=alt.Scale(domain=domain, nice=False), title="x₂")
    return x, y


def count_names():
    return [t("multilabel.count.1"), t("multilabel.count.2"), t("multilabel.count.3")]


def data_chart(X, Y, centres, radius, picked: int) -> alt.LayerChart:
    """Each label's disc in its colour, the points shaded by how many labels they carry;
    clicking a point selects it (selection ``pick``, field ``index``)."""
    names = label_names(Y.shape[1])
    counts = np.minimum(Y.sum(axis=1).astype(int), 3)
    shades = count_names()
    points = pd.DataFrame(
        {
            "index": np.arange(len(X)),
            "x": X[:, 0],
            "y": X[:, 1],
            "count": [shades[c - 1] for c in counts],
        }
    )
    x, y = _plane(centres, radius)
    discs, tag_marks = _data_discs(x, y, centres, radius, names)
    dots = _data_dots(x, y, points, shades)
    ring = (
        alt.Chart(points.iloc[[picked]])
        .mark_point(size=500 if is_present() else 300, strokeWidth=3, color=MARK_COLOR)
        .encode(x=x, y=y)
    )
    return (
        (discs + tag_marks + dots + ring)
        .resolve_scale(color="independent")
        .properties(**square_plane(400, 460))
    )


def _data_discs(x, y, centres, radius, names) -> tuple[alt.Chart, alt.Chart]:
    """The data chart's disc outlines, and each disc's name just outside it."""
    discs = (
        alt.Chart(_disc_outlines(centres, radius, names))
        .mark_line(strokeWidth=charts.line_width())
        .encode(
            x=x,
            y=y,
            order="order:Q",
            stroke=alt.Stroke(
                "name:N",
                scale=charts.class_scale(names),
                sort=names,
                legend=alt.Legend(title=t("multilabel.legend_region"), orient="bottom"),
            ),
        )
    )
    outward = centres / np.linalg.norm(centres, axis=1, keepdims=True)
    tags = pd.DataFrame(
        {
            "name": names,
            "x": (centres + outward * (radius + 0.2))[:, 0],
            "y": (centres + outward * (radius + 0.2))[:, 1],
        }
    )
    tag_marks = (
        alt.Chart(tags)
        .mark_text(fontWeight="bold")
        .encode(
            x=x,
            y=y,
            text="name:N",
            color=alt.value(MARK_COLOR),  # not its class's colour: see scene_chart
        )
    )
    return discs, tag_marks


def _data_dots(x, y, points: pd.DataFrame, shades: list[str]) -> alt.Chart:
    """The data chart's points, shaded by their label count; a click selects one."""
    pick = alt.selection_point(name="pick", fields=["index"], on="click")
    return (
        alt.Chart(points)
        .mark_circle(size=70 if is_present() else 40, opacity=0.9)
        .encode(
            x=x,
            y=y,
            fill=alt.Fill(
                "count:N",
                scale=alt.Scale(domain=shades, range=["#b8b8b8", "#5a5a5a", "#000000"]),
                legend=alt.Legend(
                    title=t("multilabel.legend_counts"), orient="bottom", direction="vertical"
                ),
            ),
            tooltip=[
                alt.Tooltip("index:Q", title="#"),
                alt.Tooltip("count:N", title=t("multilabel.legend_counts")),
            ],
        )
        .add_params(pick)
    )


# --- square plots ---------------------------------------------------------------------------


def square_plane(side: int = 340, present_side: int = 380) -> dict:
    """Chart properties for a square plot: a disc must look round. ``pad`` makes ``width`` ×
    ``height`` the plot itself; axes and legends go around it (Streamlit's default, ``fit``,
    squeezes the plot to leave room for them). The defaults suit two charts in a row: in
    projection mode the big axis labels take a good part of a column, so the side grows less
    than the other charts' 1.5×. Draw with ``width="content"``."""
    side = present_side if is_present() else side
    return {"width": side, "height": side, "autosize": {"type": "pad", "contains": "padding"}}


def show_square(chart: alt.TopLevelMixin, **kwargs):
    """``charts.show`` for a chart sized by ``square_plane``: its own width, not stretched."""
    return st.altair_chart(charts.styled(chart), width="content", **kwargs)
