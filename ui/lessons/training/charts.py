"""Charts of the training lesson, built for a live loop: the spec once, the data every frame.

Why this shape (measured in the prototype of issue #5 and again by bench/bench_training.py;
the figures are in bench/README.md):
- Building an Altair chart and converting it to a spec costs more server time per frame
  than the training itself, and a spec that differs between frames makes Vega redraw from
  scratch, at a fraction of the frame rate. So each chart's spec is built once per language
  and mode (``charts.template``; what differs between data sets, the view and the class
  names, are the spec's parameters), its data refers to named datasets, and a frame
  only passes new tables to ``st.vega_lite_chart``; the browser then swaps the data in the
  existing view.
- The tables are Arrow IPC bytes made with pyarrow (``charts.arrow``), which Streamlit sends as
  they are; pandas DataFrames and their conversion cost more server time than the training.
- The regions are filled polygons (``core.regions``), a few dozen rows, not a grid.
- The points never change during a run: their Arrow bytes are made once per page run
  (uint16 view fractions, 8 bytes a point), and travel with every redraw of the regions
  chart. The live regions, playing or paused, are the canvas of player.py, which is sent
  the points in its own form; this Vega chart draws the side-by-side comparison.
- The curves (readout.py) are sent at most ``CURVE_POINTS`` past epochs, so a page run's
  size does not grow with the run.
"""

import json

import altair as alt
import numpy as np

from core import regions
from core.liverun import HISTORY_FIELDS
from ui import charts
from ui.i18n import t
from ui.palette import class_colors
from ui.shell import is_present

CONFIDENCE_LEVELS = (0.6, 0.8, 0.95)
PROBABILITY_LEVELS = (0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9)
CURVE_POINTS = 300
BAND_OPACITY = 0.2


def view_bounds(X):
    """A square view around the points with a 10 % margin: ``(x_min, x_max, y_min, y_max)``."""
    low, high = X.min(axis=0), X.max(axis=0)
    centre, half = (low + high) / 2, max(float(np.max(high - low)) / 2, 0.5) * 1.1
    return (centre[0] - half, centre[0] + half, centre[1] - half, centre[1] + half)


def view_fractions(X, bounds):
    """Points as uint16 fractions of the view, ``(n, 2)``: ``q = 65535 (x − x_min) / width``,
    exact to 1/65,535 of the view (the regions chart and the live canvas both send these)."""
    x_min, x_max, y_min, y_max = bounds
    fractions = (np.asarray(X) - [x_min, y_min]) / [x_max - x_min, y_max - y_min]
    return np.clip(np.round(65535 * fractions), 0, 65535).astype(np.uint16)


def points_arrow(X, y, is_test, bounds):
    """The points as Arrow IPC bytes, 8 bytes a point.

    Coordinates travel as uint16 fractions of the view (``qx = 65535 (x − x_min) / width``;
    the spec turns them back into ``x``), exact to 1/65,535 of the view, in half the bytes
    of float32: they are re-sent with every redraw of the chart.
    """
    q = view_fractions(X, bounds)
    return charts.arrow(
        {
            "qx": q[:, 0].copy(),
            "qy": q[:, 1].copy(),
            "c": np.asarray(y).astype(np.int8),
            "test": is_test.astype(np.int8),
            "i": np.arange(len(y)).astype(np.uint16),
        }
    )


def decision_polygons(bands, n_classes):
    """Each class's whole decision region (level 0 of ``regions.confidence_bands``), empty
    where a class wins nowhere in view: what ``regions.boundary_segments`` reuses."""
    polygons = [np.empty((0, 2))] * n_classes
    for k, level, polygon in bands:
        if level == 0:
            polygons[k] = polygon
    return polygons


def fill_shapes(bands, W, b, bounds, probability_class=None):
    """The polygons to fill, ``[(class, polygon (m, 2))]`` in drawing order.

    ``probability_class=None``: every class's decision region and confidence ``bands``,
    each layer filled with low opacity so the bands stack darker towards confident parts.
    Otherwise the nested sets ``p_k ≥ t`` of that one class, in its colour.
    """
    if probability_class is None:
        return [(k, polygon) for k, _, polygon in bands]
    contours = regions.probability_contours(W, b, probability_class, bounds, PROBABILITY_LEVELS)
    return [(probability_class, polygon) for polygon in contours if len(polygon) >= 3]


def region_shapes(W, b, bounds, probability_class=None):
    """One frame's picture: ``fill_shapes`` and the boundary segments ``(s, 2, 2)``."""
    # One class's map fills its contours: of the bands it needs only the decision regions,
    # for the boundaries.
    levels = CONFIDENCE_LEVELS if probability_class is None else ()
    bands = regions.confidence_bands(W, b, bounds, levels)
    decision = decision_polygons(bands, W.shape[1])
    segments = regions.boundary_segments(W, b, bounds, decision_regions=decision)
    return fill_shapes(bands, W, b, bounds, probability_class), segments


def polygon_arrow(shapes):
    """Rows ``(shape, c, order, x, y)`` of the polygons ``region_shapes`` gives, as Arrow."""
    sizes = [len(polygon) for _, polygon in shapes]
    vertices = np.vstack([polygon for _, polygon in shapes]) if shapes else np.empty((0, 2))
    return charts.arrow(
        {
            "shape": np.repeat(np.arange(len(shapes)), sizes).astype(np.int16),
            "c": np.repeat([k for k, _ in shapes], sizes).astype(np.int8),
            "order": np.concatenate([np.arange(size) for size in sizes]).astype(np.int16)
            if shapes
            else np.empty(0, np.int16),
            "x": vertices[:, 0].astype(np.float32),
            "y": vertices[:, 1].astype(np.float32),
        }
    )


def boundary_arrow(segments):
    segments = segments.astype(np.float32)
    return charts.arrow(
        {
            "x": segments[:, 0, 0].copy(),
            "y": segments[:, 0, 1].copy(),
            "x2": segments[:, 1, 0].copy(),
            "y2": segments[:, 1, 1].copy(),
        }
    )


def history_column(history, name):
    """One column of a run's history ``(e, 5)``, by its name in ``HISTORY_FIELDS``."""
    return history[:, HISTORY_FIELDS.index(name)]


def regions_spec(names, bounds):
    """The Vega-Lite spec of the regions chart (polygons, boundaries, points) for this data:
    the spec built once per number of classes, language and mode (``_regions_template``),
    with the view's ``bounds`` and the class ``names`` as its parameters' values. A class
    each with its own seed (issue #7) then shares one spec: building and validating it with
    Altair was a good part of opening the page."""
    x_min, x_max, y_min, y_max = (float(v) for v in bounds)
    return charts.with_params(
        _regions_template(len(names)),
        x_min=x_min,
        x_max=x_max,
        y_min=y_min,
        y_max=y_max,
        names=[str(name) for name in names],
    )


@charts.template
def _regions_template(n_classes):
    """The regions chart over the parameters ``x_min``, ``x_max``, ``y_min``, ``y_max`` (the
    view) and ``names`` (the class names); ``regions_spec`` gives them their values."""
    bounds = [alt.param(name=name, value=0.0) for name in ("x_min", "x_max", "y_min", "y_max")]
    names = alt.param(name="names", value=[str(k) for k in range(n_classes)])
    x = alt.X(
        "x:Q",
        scale=alt.Scale(domainMin=alt.ExprRef("x_min"), domainMax=alt.ExprRef("x_max"), nice=False),
        title="x₁",
    )
    y = alt.Y(
        "y:Q",
        scale=alt.Scale(domainMin=alt.ExprRef("y_min"), domainMax=alt.ExprRef("y_max"), nice=False),
        title="x₂",
    )
    color = alt.Color(
        "c:N",
        scale=alt.Scale(domain=list(range(n_classes)), range=class_colors(n_classes)),
        legend=alt.Legend(
            title=t("training.chart.class"),
            labelExpr="names[datum.value] || datum.value",
            orient="bottom",
        ),
    )
    polygons = (
        alt.Chart(alt.NamedData(name="polygons"))
        .mark_line(filled=True, fillOpacity=BAND_OPACITY, strokeWidth=0, clip=True)
        # No tooltip: a filled outline's would name one corner of the polygon.
        .encode(x=x, y=y, color=color, detail="shape:N", order="order:Q", tooltip=alt.value(None))
    )
    boundaries = (
        alt.Chart(alt.NamedData(name="boundaries"))
        .mark_rule(color="#000", strokeWidth=charts.line_width() * 0.8, clip=True)
        .encode(x="x:Q", y="y:Q", x2="x2:Q", y2="y2:Q")
    )
    return (
        alt.layer(polygons, boundaries, _points_layer(color))
        .add_params(*bounds, names)
        .properties(height=charts.height(460), width="container")
    )


def _points_layer(color):
    """The regions chart's points, circles for training and triangles for test."""
    size = 90 if is_present() else 40
    points = (
        alt.Chart(alt.NamedData(name="points"))
        .transform_calculate(
            x="x_min + datum.qx * (x_max - x_min) / 65535",
            y="y_min + datum.qy * (y_max - y_min) / 65535",
        )
        .mark_point(filled=True, size=size, stroke="#fff", strokeWidth=0.6, opacity=0.9)
        .encode(
            x="x:Q",
            y="y:Q",
            color=color,
            shape=alt.Shape(
                "test:N",
                scale=alt.Scale(domain=[0, 1], range=["circle", "triangle-up"]),
                legend=alt.Legend(
                    title=t("training.chart.split"),
                    labelExpr=f"datum.value == 1 ? {_js(t('training.chart.test'))}"
                    f" : {_js(t('training.chart.train'))}",
                    orient="bottom",
                ),
            ),
            tooltip=[
                alt.Tooltip("i:Q", title="#"),
                alt.Tooltip("x:Q", format=".2f", title="x₁"),
                alt.Tooltip("y:Q", format=".2f", title="x₂"),
            ],
        )
    )
    return points


def _js(text):
    return json.dumps(text)


def picture(W, b, bounds, X, y, is_test, probability_class=None):
    """The regions chart as ``core.render`` draws it: keyword arguments for ``render.svg`` and
    ``render.raster`` (same polygons, boundaries, colours and opacity as the live chart)."""
    bands = regions.confidence_bands(W, b, bounds, CONFIDENCE_LEVELS)
    decision = decision_polygons(bands, W.shape[1])
    palette = class_colors(W.shape[1])
    if probability_class is None:
        fills = [
            (polygon, palette[k], BAND_OPACITY, f"{'region' if level == 0 else 'band'} c{k}")
            for k, level, polygon in bands
        ]
    else:
        fills = [
            (polygon, palette[k], BAND_OPACITY, f"probability c{k}")
            for k, polygon in fill_shapes(bands, W, b, bounds, probability_class)
        ]
    return {
        "bounds": bounds,
        "fills": fills,
        "segments": regions.boundary_segments(W, b, bounds, decision_regions=decision),
        "points": X,
        "colours": [palette[label] for label in y],
        "test": is_test,
    }


def picked_point(value, n_points):
    """The point number a click on the picture sent (player.py: ``pick``), or ``None``.

    The number comes from the browser, so anything but an integer in ``0 … n_points − 1``
    (a whole float is taken as that integer) is ignored.
    """
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, int) and not isinstance(value, bool) and 0 <= value < n_points:
        return value
    return None


def held_answer(value, run: int) -> tuple[int, int] | None:
    """``(epoch, stamp)`` of what a paused picture answered (player.py: ``held``, sent as
    ``[run, epoch, stamp]``), if it is of ``run``; else ``None``.

    The value comes from the browser: anything but three integers (whole floats taken as
    such), the first ``run``, is ignored. ``stamp`` tells one answer from the next.
    """
    if not isinstance(value, list | tuple) or len(value) != 3:
        return None
    numbers = []
    for item in value:
        if isinstance(item, float) and item.is_integer():
            item = int(item)
        if not isinstance(item, int) or isinstance(item, bool):
            return None
        numbers.append(item)
    said_run, epoch, stamp = numbers
    return (epoch, stamp) if said_run == run else None
