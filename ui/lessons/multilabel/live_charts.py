"""The multi-label lesson's charts that change while training, each spec built once.

Each spec is built once per language, mode and settings (``charts.template``); its data
refers to named datasets that a tick fills with small Arrow tables, and the browser swaps
the data into the view it already has (the training lesson's design, ui/lessons/training/charts.py,
issue #5). Rebuilt Altair charts would cost far more server time and bytes a tick, and
since Altair names a dataset by its hash, every chart's spec would change with its data,
so the browser would redraw all six charts (the maps' cells included) from scratch
(bench/bench_multilabel.py measures it). Charts take plain arrays and know nothing of the
models.
"""

import json

import altair as alt
import numpy as np
import pandas as pd

from core.multilabel import EXACT, EXTRA, MISSED, MISSED_AND_EXTRA
from ui import charts
from ui.formula import number
from ui.i18n import t
from ui.lessons.multilabel.charts import circle, plane_extent, square_plane
from ui.lessons.multilabel.controls import MODEL_NAMES, Rules, label_names, model_title
from ui.palette import MARK_COLOR, SERIES_COLORS, class_colors
from ui.shell import is_present

MAP_CELLS = 36  # probability maps are MAP_CELLS × MAP_CELLS rectangles


def _names_expr(names) -> str:
    """A Vega expression mapping a code (0, 1, …) to its name (names escaped by JSON)."""
    return f"{json.dumps(list(names))}[datum.value]"


def _series_colour(field: str) -> alt.Color:
    """Softmax (0) and sigmoid (1) in the two series colours, named in the legend."""
    return alt.Color(
        f"{field}:N",
        scale=alt.Scale(domain=[0, 1], range=list(SERIES_COLORS)),
        legend=alt.Legend(
            orient="bottom",
            title=None,
            labelLimit=400,
            labelExpr=_names_expr([model_title(m) for m in MODEL_NAMES]),
        ),
    )


@charts.template
def loss_spec(n_epochs: int) -> alt.TopLevelMixin:
    """Both objectives against the epoch (dataset ``history``: ``epoch``, ``softmax``,
    ``sigmoid``) and the softmax loss's floor ``H(T)`` (dataset ``floor``: ``loss``, ``text``)."""
    x = alt.X("epoch:Q", scale=alt.Scale(domain=[0, n_epochs]), title=t("multilabel.epoch"))
    lines = (
        alt.Chart(alt.NamedData(name="history"))
        .transform_fold(list(MODEL_NAMES), as_=["model", "loss"])
        .transform_calculate(series="datum.model == 'softmax' ? 0 : 1")
        .mark_line(strokeWidth=charts.line_width())
        .encode(
            x=x,
            y=alt.Y("loss:Q", title=t("multilabel.loss_axis"), scale=alt.Scale(zero=True)),
            color=_series_colour("series"),
        )
    )
    floor = alt.Chart(alt.NamedData(name="floor"))
    floor_rule = floor.mark_rule(strokeDash=[6, 4], color=SERIES_COLORS[0]).encode(y="loss:Q")
    floor_text = floor.mark_text(
        align="left", baseline="top", dx=4, dy=4, color=SERIES_COLORS[0]
    ).encode(y="loss:Q", x=alt.value(0), text="text:N")
    chart = (lines + floor_rule + floor_text).properties(
        height=charts.height(300), width="container"
    )
    return chart


CURVE_POINTS = 300  # at most this many epochs of a curve are sent: a tick's size stays flat


def loss_datasets(history: np.ndarray, floor: float) -> dict:
    if len(history) > CURVE_POINTS:
        history = history[np.linspace(0, len(history) - 1, CURVE_POINTS).round().astype(int)]
    return {
        "history": charts.arrow(
            {
                name: history[:, i].astype(np.float32)
                for i, name in enumerate(("epoch", *MODEL_NAMES))
            }
        ),
        "floor": charts.arrow(
            {"loss": [floor], "text": [t("multilabel.floor", value=number(floor, 3))]}
        ),
    }


def grid_points(centres, radius) -> np.ndarray:
    """Cell centres ``(MAP_CELLS², 2)`` covering the plane the data chart shows; cell ``i``
    is column ``i % MAP_CELLS``, row ``i // MAP_CELLS``."""
    low, high = plane_extent(centres, radius)
    edges = np.linspace(low, high, MAP_CELLS + 1)
    mids = (edges[:-1] + edges[1:]) / 2
    gx, gy = np.meshgrid(mids, mids)
    return np.column_stack([gx.ravel(), gy.ravel()])


def _plane_spec(extent):
    x = alt.X("x:Q", scale=alt.Scale(domain=list(extent), nice=False), title="x₁")
    y = alt.Y("y:Q", scale=alt.Scale(domain=list(extent), nice=False), title="x₂")
    return x, y


@charts.template
def map_spec(n_labels: int, label: int, extent: tuple) -> alt.TopLevelMixin:
    """``P(label)`` over the plane: datasets ``cells`` (``p`` per cell, in ``grid_points``
    order: the cells' corners are computed in the browser), ``disc`` (the label's true
    disc) and ``points`` (``x``, ``y``, ``has`` = 1 if the point carries the label)."""
    names = label_names(n_labels)
    x, y = _plane_spec(extent)
    heat = _map_heat(x, y, extent, class_colors(n_labels)[label], names[label])
    disc = (
        alt.Chart(alt.NamedData(name="disc"))
        .mark_line(color=MARK_COLOR, strokeDash=[6, 4], strokeWidth=charts.line_width() / 1.5)
        .encode(x=x, y=y, order="order:Q")
    )
    dots = _map_dots(x, y, names[label])
    chart = (heat + disc + dots).properties(**square_plane())
    return chart


def _map_heat(x, y, extent: tuple, colour: str, name: str) -> alt.Chart:
    """A map's cells (dataset ``cells``), from white at ``P = 0`` to the label's colour."""
    low, high = extent
    width = (high - low) / MAP_CELLS
    return (
        alt.Chart(alt.NamedData(name="cells"))
        .transform_window(i="row_number()")
        .transform_calculate(
            x=f"{low!r} + ((datum.i - 1) % {MAP_CELLS}) * {width!r}",
            y=f"{low!r} + floor((datum.i - 1) / {MAP_CELLS}) * {width!r}",
        )
        # Each cell 2 % wider than its step: abutting rects leave antialiased hairlines.
        .transform_calculate(x2=f"datum.x + {1.02 * width!r}", y2=f"datum.y + {1.02 * width!r}")
        .mark_rect()
        .encode(
            x=x,
            y=y,
            x2="x2:Q",
            y2="y2:Q",
            color=alt.Color(
                "p:Q",
                scale=alt.Scale(domain=[0, 1], range=["#ffffff", colour], interpolate="rgb"),
                legend=alt.Legend(title=f"P({name})", orient="bottom"),
            ),
        )
    )


def _map_dots(x, y, name: str) -> alt.Chart:
    """A map's points (dataset ``points``): a dot if it carries the label, a cross if not."""
    carries = [
        t("multilabel.point_not", name=name),
        t("multilabel.point_has", name=name),
    ]
    return (
        alt.Chart(alt.NamedData(name="points"))
        .mark_point(size=50 if is_present() else 25, filled=True)
        .encode(
            x=x,
            y=y,
            shape=alt.Shape(
                "has:N",
                scale=alt.Scale(domain=[1, 0], range=["circle", "cross"]),
                legend=alt.Legend(
                    title=None,
                    orient="bottom",
                    direction="vertical",
                    labelLimit=400,
                    labelExpr=_names_expr(carries),
                ),
            ),
            color=alt.value(MARK_COLOR),
            opacity=alt.value(0.75),
        )
    )


def map_static_datasets(X, has_label, centre, radius) -> dict:
    """What a label's maps show that training does not change: its disc and the points."""
    outline = np.array(circle(*centre, radius, 72))
    return {
        "disc": charts.arrow(
            {
                "x": outline[:, 0].astype(np.float32),
                "y": outline[:, 1].astype(np.float32),
                "order": np.arange(len(outline), dtype=np.uint8),
            }
        ),
        "points": charts.arrow(
            {
                "x": X[:, 0].astype(np.float32),
                "y": X[:, 1].astype(np.float32),
                "has": np.asarray(has_label, dtype=np.uint8),
            }
        ),
    }


def map_cells(probabilities: np.ndarray) -> bytes:
    """One map's cells: ``P`` per cell, float32, in ``grid_points`` order."""
    return charts.arrow({"p": np.asarray(probabilities, dtype=np.float32)})


OUTCOMES = (EXACT, MISSED, EXTRA, MISSED_AND_EXTRA)
OUTCOME_COLOURS = ("#009E73", "#E69F00", "#56B4E9", "#D55E00")


@charts.template
def sets_spec(extent: tuple) -> alt.TopLevelMixin:
    """Every point coloured by whether a model's predicted label set is right: datasets
    ``points`` (``x``, ``y``, ``outcome``, a ``core.multilabel`` outcome code) and ``discs``
    (every label's disc outline)."""
    x, y = _plane_spec(extent)
    discs = (
        alt.Chart(alt.NamedData(name="discs"))
        .mark_line(color="#9a9a9a", strokeWidth=1.5)
        .encode(x=x, y=y, detail="disc:N", order="order:Q")
    )
    dots = (
        alt.Chart(alt.NamedData(name="points"))
        .mark_circle(size=70 if is_present() else 40, opacity=0.9)
        .encode(
            x=x,
            y=y,
            color=alt.Color(
                "outcome:N",
                scale=alt.Scale(domain=list(OUTCOMES), range=list(OUTCOME_COLOURS)),
                legend=alt.Legend(
                    title=None,
                    orient="bottom",
                    columns=2,
                    labelLimit=400,
                    labelExpr=_names_expr([t(f"multilabel.outcome.{code}") for code in OUTCOMES]),
                ),
            ),
        )
    )
    chart = (discs + dots).properties(**square_plane())
    return chart


def discs_dataset(centres, radius) -> bytes:
    rows = [
        (disc, order, x, y)
        for disc, (cx, cy) in enumerate(centres)
        for order, (x, y) in enumerate(circle(cx, cy, radius, 72))
    ]
    disc, order, x, y = (np.array(column) for column in zip(*rows, strict=True))
    return charts.arrow(
        {
            "disc": disc.astype(np.uint8),
            "order": order.astype(np.uint8),
            "x": x.astype(np.float32),
            "y": y.astype(np.float32),
        }
    )


def sets_points(X, outcomes) -> bytes:
    return charts.arrow(
        {
            "x": X[:, 0].astype(np.float32),
            "y": X[:, 1].astype(np.float32),
            "outcome": np.asarray(outcomes, dtype=np.uint8),
        }
    )


@charts.template
def point_spec(n_labels: int) -> alt.TopLevelMixin:
    """One point's outputs from both models, label by label, with each model's thresholds
    as ticks: datasets ``bars`` (``label``, ``model`` 0 softmax / 1 sigmoid, ``value``,
    ``text``) and ``ticks`` (``label``, ``model``, ``value``)."""
    x = alt.X(
        "label:O",
        title=None,
        axis=alt.Axis(labelAngle=0, labelExpr=_names_expr(label_names(n_labels))),
    )
    offset = alt.XOffset("model:O", scale=alt.Scale(domain=[0, 1]))
    y = alt.Y("value:Q", scale=alt.Scale(domain=[0, 1]), title=t("multilabel.output_axis"))
    bars = alt.Chart(alt.NamedData(name="bars"))
    columns = bars.mark_bar().encode(x=x, xOffset=offset, y=y, color=_series_colour("model"))
    values = bars.mark_text(dy=-8).encode(x=x, xOffset=offset, y=y, text="text:N")
    ticks = (
        alt.Chart(alt.NamedData(name="ticks"))
        .mark_tick(color=MARK_COLOR, thickness=3, size=30 if is_present() else 20)
        .encode(x=x, xOffset=offset, y="value:Q")
    )
    chart = (columns + values + ticks).properties(height=charts.height(300), width="container")
    return chart


def point_datasets(outputs: dict, rules: Rules) -> dict:
    """``outputs``: model → the point's ``(L,)`` probabilities."""
    n_labels = len(rules.thresholds)
    labels = np.tile(np.arange(n_labels, dtype=np.uint8), 2)
    models = np.repeat(np.arange(2, dtype=np.uint8), n_labels)
    values = np.concatenate([outputs[model] for model in MODEL_NAMES])
    tick_thresholds = [rules.thresholds]
    tick_models = [np.ones(n_labels, dtype=np.uint8)]
    if rules.softmax_rule == "threshold":
        tick_thresholds.append(np.full(n_labels, rules.softmax_threshold))
        tick_models.append(np.zeros(n_labels, dtype=np.uint8))
    return {
        "bars": charts.arrow(
            {
                "label": labels,
                "model": models,
                "value": values,
                "text": [number(value, 3) for value in values],
            }
        ),
        "ticks": charts.arrow(
            {
                "label": np.tile(np.arange(n_labels, dtype=np.uint8), len(tick_models)),
                "model": np.concatenate(tick_models),
                "value": np.concatenate(tick_thresholds),
            }
        ),
    }


def metrics_table(names, metrics) -> pd.DataFrame:
    """One table: subset accuracy, Hamming loss, then precision / recall / F1 per label.

    ``metrics``: model → ``(subset_accuracy, hamming_loss, PerLabel)``.
    """
    index = [t("multilabel.metric.subset"), t("multilabel.metric.hamming")]
    for name in names:
        index += [
            t(f"multilabel.metric.{score}", name=name) for score in ("precision", "recall", "f1")
        ]
    columns = {}
    for model in MODEL_NAMES:
        subset, hamming, scores = metrics[model]
        values = [subset, hamming]
        for label in range(len(names)):
            values += [scores.precision[label], scores.recall[label], scores.f1[label]]
        columns[model_title(model)] = [number(value, 3) for value in values]
    return pd.DataFrame(columns, index=index)
