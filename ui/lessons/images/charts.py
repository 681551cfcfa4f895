"""The images lesson's pictures: templates and images as pixels, and its Altair charts.

Pixels: a template's weights are coloured on one diverging scale (``DIVERGING``, the same
table the live canvas uses): blue for negative, white for 0, orange for positive, the
palette's colour-blind-safe pair. Images are grey. Both are enlarged by whole pixels in
numpy, so the browser never blurs them.
"""

import base64
import json

import altair as alt
import numpy as np
import streamlit as st

from core import render
from ui import charts
from ui.i18n import t
from ui.palette import SERIES_COLORS

NEGATIVE, POSITIVE = (0x00, 0x72, 0xB2), (0xD5, 0x5E, 0x00)
NEGATIVE_HEX, POSITIVE_HEX = (f"#{bytes(colour).hex()}" for colour in (NEGATIVE, POSITIVE))
PICK = "pick"  # the galleries' click selection: it holds the clicked image's number


def _diverging_table() -> np.ndarray:
    """``(256, 3)`` uint8: level 0 → ``NEGATIVE``, ~128 → white, 255 → ``POSITIVE``."""
    level = np.arange(256) / 127.5 - 1.0  # −1 … 1
    white = np.full(3, 255.0)
    ends = np.where(level[:, None] < 0, np.array(NEGATIVE), np.array(POSITIVE))
    return np.round(white + np.abs(level)[:, None] * (ends - white)).astype(np.uint8)


DIVERGING = _diverging_table()


def enlarge(image: np.ndarray, factor: int) -> np.ndarray:
    """Each pixel as a ``factor × factor`` block."""
    return np.repeat(np.repeat(image, factor, axis=0), factor, axis=1)


def template_pictures(levels: np.ndarray, factor: int) -> list[np.ndarray]:
    """``core.template_levels``'s ``(K, h, w)`` as ``K`` RGB pictures."""
    return [enlarge(DIVERGING[level], factor) for level in levels]


def grey_picture(pixels: np.ndarray, side: int, factor: int) -> np.ndarray:
    """One image's grey levels ``(side², )`` in ``[0, 255]`` (or ``[0, 1]`` as floats)."""
    pixels = np.asarray(pixels, dtype=np.float64)
    if pixels.max(initial=0) <= 1.0:
        pixels = pixels * 255
    grey = np.round(pixels).astype(np.uint8).reshape(side, side)
    return enlarge(np.repeat(grey[:, :, None], 3, axis=2), factor)


def image_url(picture: np.ndarray) -> str:
    """A picture as a ``data:`` URL of a PNG (``core.render.png``), for a chart's image mark."""
    return "data:image/png;base64," + base64.b64encode(render.png(picture)).decode("ascii")


def diverging_hex() -> list[str]:
    """The diverging table as 256 ``#rrggbb`` colours, for the live canvas."""
    return [f"#{r:02x}{g:02x}{b:02x}" for r, g, b in DIVERGING]


def _split_colour(labels):
    return alt.Scale(domain=[labels["train"], labels["test"]], range=list(SERIES_COLORS))


@charts.template
def curves_spec():
    """Loss and accuracy against epochs, training and test images, one above the other."""
    labels = {"train": t("images.chart.train"), "test": t("images.chart.test")}
    expr = (
        f"indexof(datum.key, 'test') == 0 ? {json.dumps(labels['test'])}"
        f" : {json.dumps(labels['train'])}"
    )

    def panel(fields, title, domain):
        return (
            alt.Chart(alt.NamedData(name="history"))
            .transform_fold(fields)
            .transform_calculate(split=expr)
            .mark_line(strokeWidth=charts.line_width(), clip=True)
            .encode(
                x=alt.X("epoch:Q", title=t("images.chart.epoch")),
                y=alt.Y("value:Q", title=title, scale=alt.Scale(domain=domain)),
                color=alt.Color(
                    "split:N",
                    scale=_split_colour(labels),
                    legend=alt.Legend(title=None, orient="top"),
                ),
            )
            .properties(height=charts.height(170), width="container")
        )

    return alt.vconcat(
        panel(["train_loss", "test_loss"], t("images.chart.loss"), [0, 2.5]),
        panel(["train_accuracy", "test_accuracy"], t("images.chart.accuracy"), [0, 1]),
    )


def history_arrow(history: np.ndarray) -> bytes:
    return charts.arrow(
        {
            "epoch": history[:, 1],
            "train_loss": history[:, 2],
            "test_loss": history[:, 3],
            "train_accuracy": history[:, 4],
            "test_accuracy": history[:, 5],
        }
    )


@charts.template
def confusion_spec(names: tuple[str, ...]):
    """The confusion matrix as a heatmap: true class down, predicted class across."""
    base = alt.Chart(alt.NamedData(name="confusion")).encode(
        x=alt.X("predicted:N", sort=list(names), title=t("images.confusion.predicted")),
        y=alt.Y("true:N", sort=list(names), title=t("images.confusion.true")),
    )
    cells = base.mark_rect().encode(
        color=alt.Color(
            "count:Q", scale=alt.Scale(scheme="blues"), legend=None, title=t("images.cal.count")
        ),
    )
    text = base.mark_text().encode(
        text="count:Q",
        color=alt.condition("datum.count > 50", alt.value("white"), alt.value("#31333F")),
    )
    return (cells + text).properties(height=charts.height(360), width="container")


def confusion_arrow(confusion: np.ndarray, names: tuple[str, ...]) -> bytes:
    K = len(names)
    return charts.arrow(
        {
            "true": [names[i] for i in range(K) for _ in range(K)],
            "predicted": [names[j] for _ in range(K) for j in range(K)],
            "count": confusion.reshape(-1).astype(np.int32),
        }
    )


@charts.template
def per_class_spec(names: tuple[str, ...]):
    """Each class's share of test images predicted right, as bars."""
    return (
        alt.Chart(alt.NamedData(name="classes"))
        .mark_bar(color=SERIES_COLORS[0])
        .encode(
            x=alt.X("accuracy:Q", scale=alt.Scale(domain=[0, 1]), title=t("images.per_class")),
            y=alt.Y("class:N", sort=list(names), title=None),
            tooltip=charts.class_tooltip("accuracy:Q", ".1%", t("images.per_class")),
        )
        .properties(height=charts.height(360), width="container")
    )


def per_class_arrow(accuracy: np.ndarray, names: tuple[str, ...]) -> bytes:
    return charts.arrow({"class": list(names), "accuracy": np.nan_to_num(accuracy)})


@charts.template
def outputs_spec(names: tuple[str, ...], field: str, height: int):
    """One image's logits (``field="logit"``) or probabilities (``"probability"``), one bar
    per class, the predicted class in orange."""
    probability = field == "probability"
    return (
        alt.Chart(alt.NamedData(name="outputs"))
        .mark_bar()
        .encode(
            x=alt.X(
                f"{field}:Q",
                title=t(f"images.chart.{field}"),
                scale=alt.Scale(domain=[0, 1]) if probability else alt.Scale(),
            ),
            y=alt.Y("class:N", sort=list(names), title=None),
            color=alt.condition("datum.top", alt.value(POSITIVE_HEX), alt.value(SERIES_COLORS[0])),
            tooltip=charts.class_tooltip(f"{field}:Q", ".4f", t(f"images.chart.{field}")),
        )
        .properties(height=charts.height(height), width="container")
    )


def show_outputs(names: tuple[str, ...], z: np.ndarray, p: np.ndarray, height: int) -> None:
    """The logits and the probabilities side by side."""
    rows = outputs_data(z, p, names)
    for column, field in zip(st.columns(2), ("logit", "probability"), strict=True):
        with column:
            charts.show_spec(outputs_spec(names, field, height), {"outputs": rows})


def outputs_data(z: np.ndarray, p: np.ndarray, names) -> list[dict]:
    top = int(np.argmax(p))
    return [
        {"class": name, "logit": float(z[k]), "probability": float(p[k]), "top": k == top}
        for k, name in enumerate(names)
    ]


@charts.template
def reliability_spec():
    """The reliability diagram: per confidence bin, the share right (bars) against the
    mean confidence (dots), and the diagonal a calibrated model sits on."""
    bins = alt.Chart(alt.NamedData(name="bins"))
    x = alt.X("low:Q", scale=alt.Scale(domain=[0, 1]), title=t("images.cal.confidence"))
    bars = bins.mark_bar(color=SERIES_COLORS[0], opacity=0.8).encode(
        x=x,
        x2="high:Q",
        y=alt.Y("accuracy:Q", scale=alt.Scale(domain=[0, 1]), title=t("images.cal.accuracy")),
        y2=alt.datum(0),
        tooltip=[
            alt.Tooltip("count:Q", title=t("images.cal.count")),
            alt.Tooltip("accuracy:Q", format=".3f", title=t("images.cal.accuracy")),
            alt.Tooltip("confidence:Q", format=".3f", title=t("images.cal.confidence")),
        ],
    )
    dots = bins.mark_point(filled=True, color=POSITIVE_HEX, size=60).encode(
        x="confidence:Q", y="confidence:Q"
    )
    diagonal = (
        alt.Chart(alt.InlineData(values=[{"v": 0.0}, {"v": 1.0}]))
        .mark_line(color="#000", strokeDash=[4, 4])
        .encode(x="v:Q", y="v:Q")
    )
    return alt.layer(bars, diagonal, dots).properties(height=charts.height(320), width="container")


@charts.template
def counts_spec():
    """How many test images fall in each confidence bin."""
    return (
        alt.Chart(alt.NamedData(name="bins"))
        .mark_bar(color="#888")
        .encode(
            x=alt.X("low:Q", scale=alt.Scale(domain=[0, 1]), title=t("images.cal.confidence")),
            x2="high:Q",
            y=alt.Y("count:Q", title=t("images.cal.count")),
            y2=alt.datum(0),
        )
        .properties(height=charts.height(110), width="container")
    )


def bins_data(bins) -> list[dict]:
    return [
        {
            "low": float(bins.edges[m]),
            "high": float(bins.edges[m + 1]),
            "count": int(bins.counts[m]),
            "accuracy": None if bins.counts[m] == 0 else float(bins.accuracy[m]),
            "confidence": None if bins.counts[m] == 0 else float(bins.confidence[m]),
        }
        for m in range(len(bins.counts))
    ]


@charts.template
def nll_spec():
    """The test images' negative log-likelihood against T (log scale), with the T shown
    (a solid rule) and the best T (dashed)."""
    curve = (
        alt.Chart(alt.NamedData(name="nll"))
        .mark_line(strokeWidth=charts.line_width(), color=SERIES_COLORS[0])
        .encode(
            x=alt.X("T:Q", scale=alt.Scale(type="log", domain=[0.1, 5], nice=False), title="T"),
            y=alt.Y("nll:Q", scale=alt.Scale(zero=False), title=t("images.cal.nll")),
        )
    )
    rules = (
        alt.Chart(alt.NamedData(name="marks"))
        .mark_rule(strokeWidth=2)
        .encode(
            x="T:Q",
            color=alt.Color(
                "what:N",
                scale=alt.Scale(
                    domain=[t("images.cal.shown_T"), t("images.cal.best_T")],
                    range=["#000", POSITIVE_HEX],
                ),
                legend=alt.Legend(title=None, orient="top"),
            ),
            strokeDash=alt.condition(
                f"datum.what == {json.dumps(t('images.cal.best_T'))}",
                alt.value([6, 4]),
                alt.value([1, 0]),
            ),
        )
    )
    return alt.layer(curve, rules).properties(height=charts.height(220), width="container")


@charts.template
def gallery_spec(columns: int, rows: int, size: int, cell: int):
    """Images in a grid of ``cell``-pixel columns, each with a caption (one or two lines)
    below; a click selects one (``PICK``)."""
    base = alt.Chart(alt.NamedData(name="images")).encode(
        x=alt.X("column:O", axis=None),
        y=alt.Y("row:O", axis=None),
    )
    pick = alt.selection_point(name=PICK, fields=["i"], on="click", clear="dblclick")
    images = (
        base.mark_image(width=size, height=size, yOffset=-14, cursor="pointer")
        .encode(url="url:N", tooltip=alt.Tooltip("caption:N", title=t("images.gallery_tip")))
        .add_params(pick)
    )
    font = 16 if size > 60 else 12
    captions = base.mark_text(
        dy=size / 2 - 6, baseline="top", fontSize=font, lineBreak="\n"
    ).encode(text="caption:N")
    return (
        alt.layer(images, captions)
        .properties(width=columns * cell, height=rows * (size + 2 * font + 14))
        .configure_view(stroke=None)
    )


def gallery_data(pictures, captions, indices, columns) -> list[dict]:
    return [
        {
            "url": image_url(picture),
            "caption": caption,
            "i": int(index),
            "column": n % columns,
            "row": n // columns,
        }
        for n, (picture, caption, index) in enumerate(zip(pictures, captions, indices, strict=True))
    ]


def picked(state, n_images: int) -> int | None:
    """The image number a click on a gallery selected, or ``None`` (the number comes from
    the browser: anything but an integer in ``0 … n_images − 1`` is ignored)."""
    try:
        chosen = state["selection"][PICK]
        number = chosen[-1]["i"] if isinstance(chosen, list) and chosen else None
    except (KeyError, TypeError, IndexError):
        return None
    if isinstance(number, float) and number.is_integer():
        number = int(number)
    if isinstance(number, int) and not isinstance(number, bool) and 0 <= number < n_images:
        return number
    return None
