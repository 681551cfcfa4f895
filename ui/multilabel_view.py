"""Widgets and charts of the multi-label lesson (pages/4_multilabel_lesson.py).

Every setting a link reproduces is a ``ui.urlstate`` widget named by its URL parameter:
the example's scores ``dog``, ``person``, ``car``; the data ``L``, ``n``, ``overlap``,
``seed``; training ``lr``, ``l2``, ``epochs``; the prediction rules ``thr1`` … ``thr6``
(one threshold per label, sigmoid model), ``rule`` (``threshold`` or ``topk``), ``sthr`` and
``k`` (softmax model); what is looked at, ``label`` (the maps) and ``point``. Charts take
plain arrays and know nothing of the models.
"""

import json
from dataclasses import dataclass

import altair as alt
import numpy as np
import pandas as pd
import streamlit as st

from core.multilabel import EXACT, EXTRA, MAX_LABELS, MIN_LABELS, MISSED, MISSED_AND_EXTRA
from ui import charts, urlstate
from ui.formula import number
from ui.i18n import t
from ui.palette import MARK_COLOR, SERIES_COLORS, class_colors
from ui.shell import is_present

MODEL_NAMES = ("softmax", "sigmoid")
EXAMPLE_LABELS = (0, 1, 2)  # dog, person, car: the first three labels of the data too
EXAMPLE_SCORES = {"dog": 2.0, "person": 1.5, "car": 1.0}
LEARNING_RATES = (0.01, 0.03, 0.1, 0.3, 1.0, 3.0, 10.0)
L2_STRENGTHS = (0.0, 0.0001, 0.001, 0.01, 0.1)
EPOCH_CHOICES = (10, 20, 50, 100, 200, 300, 500, 1000)
RULES = ("threshold", "topk")
FRAMES_PER_RUN = 60  # Play shows a run in about this many frames
MAP_CELLS = 36  # probability maps are MAP_CELLS × MAP_CELLS rectangles


def label_names(n_labels: int) -> list[str]:
    return [t(f"multilabel.label.{index}") for index in range(n_labels)]


def model_title(model: str) -> str:
    return t(f"multilabel.model.{model}")


# --- widgets --------------------------------------------------------------------------------


def example_scores() -> np.ndarray:
    """One slider per label of the picture: the scores ``z`` a model gave it."""
    names = label_names(len(EXAMPLE_LABELS))
    return np.array(
        [
            urlstate.slider(
                t("multilabel.score_label", name=name), -6.0, 6.0, default, 0.1, key=key
            )
            for (key, default), name in zip(EXAMPLE_SCORES.items(), names, strict=True)
        ]
    )


@dataclass(frozen=True)
class DataSettings:
    n_labels: int
    n_points: int
    overlap: float
    seed: int


def data_settings() -> DataSettings:
    n_labels = urlstate.slider(
        t("multilabel.L_label"), MIN_LABELS, MAX_LABELS, 3, 1, key="L", integer=True
    )
    n_points = urlstate.slider(t("multilabel.n_label"), 30, 500, 200, 10, key="n", integer=True)
    overlap = urlstate.slider(
        t("multilabel.overlap_label"),
        0.0,
        1.0,
        0.7,
        0.05,
        key="overlap",
        help=t("multilabel.overlap_help"),
    )
    seed = urlstate.integer_input(t("multilabel.seed_label"), 0, 999_999, 0, key="seed")
    return DataSettings(n_labels, n_points, overlap, int(seed))


@dataclass(frozen=True)
class TrainingSettings:
    learning_rate: float
    l2: float
    n_epochs: int

    @property
    def epochs_per_frame(self) -> int:
        return max(1, self.n_epochs // FRAMES_PER_RUN)


def training_settings() -> TrainingSettings:
    columns = st.columns(3)
    with columns[0]:
        learning_rate = urlstate.number_choice_slider(
            t("multilabel.lr_label"), LEARNING_RATES, 1.0, key="lr"
        )
    with columns[1]:
        n_epochs = urlstate.number_choice_slider(
            t("multilabel.epochs_label"), EPOCH_CHOICES, 300, key="epochs"
        )
    with columns[2]:
        l2 = urlstate.number_choice_slider(
            t("multilabel.l2_label"), L2_STRENGTHS, 0.0, key="l2", help=t("multilabel.l2_help")
        )
    return TrainingSettings(float(learning_rate), float(l2), int(n_epochs))


@dataclass(frozen=True)
class Rules:
    thresholds: np.ndarray  # (L,): the sigmoid model's threshold per label
    softmax_rule: str  # "threshold" or "topk"
    softmax_threshold: float
    k: int


def prediction_rules(n_labels: int) -> Rules:
    names = label_names(n_labels)
    sigmoid_side, softmax_side = st.columns(2, gap="large")
    with sigmoid_side:
        st.markdown(f"**{model_title('sigmoid')}**")
        grid = st.columns(3)
        thresholds = []
        for index, name in enumerate(names):
            with grid[index % 3]:
                thresholds.append(
                    urlstate.slider(
                        t("multilabel.threshold_label", name=name),
                        0.05,
                        0.95,
                        0.5,
                        0.05,
                        key=f"thr{index + 1}",
                    )
                )
    with softmax_side:
        st.markdown(f"**{model_title('softmax')}**")
        rule = urlstate.choice(
            st.segmented_control,
            t("multilabel.rule_label"),
            RULES,
            key="rule",
            default="threshold",
            format_func=lambda code: t(f"multilabel.rule.{code}"),
        )
        softmax_threshold, k = 0.5, 1
        if rule == "threshold":
            softmax_threshold = urlstate.slider(
                t("multilabel.sthr_label"), 0.05, 0.95, 0.5, 0.05, key="sthr"
            )
        else:
            k = urlstate.slider(t("multilabel.k_label"), 1, n_labels, 1, 1, key="k", integer=True)
        st.caption(t(f"multilabel.rule_note.{rule}"))
    return Rules(np.array(thresholds), rule, float(softmax_threshold), int(k))


def label_picker(n_labels: int) -> int:
    """Which label the probability maps show; ``?label=`` counts from 1."""
    options = [str(index + 1) for index in range(n_labels)]
    names = label_names(n_labels)
    code = urlstate.choice(
        st.segmented_control,
        t("multilabel.map_label_pick"),
        options,
        key="label",
        default="1",
        format_func=lambda code: names[int(code) - 1],
    )
    return int(code) - 1


def point_picker(Y: np.ndarray) -> int:
    """A point with two or more true labels (any point if none has two); ``?point=``."""
    several = np.flatnonzero(Y.sum(axis=1) >= 2)
    candidates = several if len(several) else np.arange(len(Y))
    options = [str(index) for index in candidates]
    names = label_names(Y.shape[1])
    code = urlstate.choice(
        st.selectbox,
        t("multilabel.point_pick"),
        options,
        key="point",
        default=options[0],
        format_func=lambda code: t(
            "multilabel.point_option", index=code, labels=label_set(Y[int(code)], names)
        ),
    )
    if not len(several):
        st.info(t("multilabel.no_multi"), icon=":material/info:")
    return int(code)


def pick_from_chart(chart_key: str, Y: np.ndarray) -> None:
    """Callback of the data chart: a clicked point with two or more labels becomes ``point``."""
    selection = st.session_state[chart_key].selection.get("pick") or []
    if selection:
        index = int(selection[0]["index"])
        if Y[index].sum() >= 2:
            urlstate.set_value("point", str(index))


def label_set(row, names) -> str:
    chosen = [name for name, flag in zip(names, row, strict=True) if flag]
    return " + ".join(chosen) if chosen else t("multilabel.none")


# --- the example picture --------------------------------------------------------------------


def _circle(cx, cy, r, steps=24):
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
    _circle(62, 46, 4.5),  # head
    [(62, 41.5), (62, 24)],  # body
    [(53, 30), (62, 37), (71, 30)],  # arms
    [(56, 8), (62, 24), (68, 8)],  # legs
]
_CAR = [
    [(80, 12), (116, 12), (116, 21), (107, 21), (101, 30), (86, 30), (82, 21), (80, 21), (80, 12)],
    [(88, 21), (91, 27), (99, 27), (103, 21), (88, 21)],  # window
    _circle(89, 12, 4),
    _circle(107, 12, 4),  # wheels
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
    colour = alt.Color("name:N", scale=charts.class_scale(names), legend=None)
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
        .encode(x="x0:Q", y="y1:Q", text="name:N", color=colour)
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
    x = alt.X("label:N", sort=list(names), title=None, axis=alt.Axis(labelAngle=0))
    y = alt.Y("value:Q", scale=alt.Scale(domain=[0, 1]), title=t("multilabel.output_axis"))
    colour = alt.Color(
        "model:N",
        scale=alt.Scale(domain=series, range=list(SERIES_COLORS)),
        legend=alt.Legend(orient="bottom", title=None, labelLimit=400),
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
        for order, (x, y) in enumerate(_circle(cx, cy, radius, 72)):
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
            color=alt.Color("name:N", scale=charts.class_scale(names), legend=None),
        )
    )
    pick = alt.selection_point(name="pick", fields=["index"], on="click")
    dots = (
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


# --- live charts: each spec built once, only its data changes -------------------------------
#
# Why (bench/bench_multilabel.py, L = 3, n = 200, this 2-core machine under load): drawing
# the frame with Altair charts rebuilt every tick cost a median 320 ms of server time and
# 203 KB per tick, and every chart's spec changed with its data (Altair names a dataset by
# its hash), so the browser redrew all six charts, 2 × 1296 map cells included, from
# scratch. Now each spec is built once per language, mode and data settings
# (``charts.template``); its data refers to named datasets that a tick fills with small
# Arrow tables, and the browser swaps the data in the view it already has (the training
# lesson's design, ui/training_view.py, issue #5). Measured the same way: a median 7 ms
# (quartiles 7–8) and 51 KB per tick; with L = 6, n = 500: 248 ms and 264 KB before,
# 9 ms and 66 KB now.


def _names_expr(names) -> str:
    """A Vega expression mapping a code (0, 1, …) to its name (names escaped by JSON)."""
    return f"{json.dumps(list(names))}[datum.value]"


def square_plane(side: int = 340, present_side: int = 380) -> dict:
    """Chart properties for a square plot: a disc must look round. ``pad`` makes ``width`` ×
    ``height`` the plot itself; axes and legends go around it (Streamlit's default, ``fit``,
    squeezes the plot to leave room for them). The defaults suit two charts in a row: in
    projection mode the big axis labels take ~90 px of a ~500 px column (1400-px screen), so
    the side grows less than the other charts' 1.5×. Draw with ``width="content"``."""
    side = present_side if is_present() else side
    return {"width": side, "height": side, "autosize": {"type": "pad", "contains": "padding"}}


def show_square(chart: alt.TopLevelMixin, **kwargs):
    """``charts.show`` for a chart sized by ``square_plane``: its own width, not stretched."""
    return st.altair_chart(charts.styled(chart), width="content", **kwargs)


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
    low, high = extent
    width = (high - low) / MAP_CELLS
    heat = (
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
                scale=alt.Scale(
                    domain=[0, 1],
                    range=["#ffffff", class_colors(n_labels)[label]],
                    interpolate="rgb",
                ),
                legend=alt.Legend(title=f"P({names[label]})", orient="bottom"),
            ),
        )
    )
    disc = (
        alt.Chart(alt.NamedData(name="disc"))
        .mark_line(color=MARK_COLOR, strokeDash=[6, 4], strokeWidth=charts.line_width() / 1.5)
        .encode(x=x, y=y, order="order:Q")
    )
    carries = [
        t("multilabel.point_not", name=names[label]),
        t("multilabel.point_has", name=names[label]),
    ]
    dots = (
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
    chart = (heat + disc + dots).properties(**square_plane())
    return chart


def map_static_datasets(X, has_label, centre, radius) -> dict:
    """What a label's maps show that training does not change: its disc and the points."""
    outline = np.array(_circle(*centre, radius, 72))
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
        for order, (x, y) in enumerate(_circle(cx, cy, radius, 72))
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
