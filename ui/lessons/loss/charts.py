"""The loss lesson's Altair charts.

Each builder takes plain arrays and labels and returns a chart; none knows the page's state.
"""

import altair as alt
import numpy as np
import pandas as pd

from core.loss_views import TRIANGLE_HEIGHT, simplex_to_xy
from ui.charts import height, line_width
from ui.formula import number
from ui.i18n import t
from ui.palette import MARK_COLOR, SERIES_COLORS
from ui.shell import is_present

# Cross-entropy is unbounded; the curve and the triangle's colours stop here.
CURVE_TOP = 4.7
TRIANGLE_CE_TOP = 3.0
TRIANGLE_BANDS = 10


def series_scale() -> alt.Scale:
    """Cross-entropy and squared error in the two comparison colours, in every chart."""
    return alt.Scale(domain=[t("loss.series.ce"), t("loss.series.se")], range=list(SERIES_COLORS))


def loss_curve_chart(p, ce, se, examples, current_p) -> alt.LayerChart:
    """Both losses against ``p``; ``examples`` are ``(p, loss)`` points labelled on the curve."""
    names = (t("loss.series.ce"), t("loss.series.se"))
    curves = pd.DataFrame(
        {
            "p": np.concatenate([p, p]),
            "loss": np.concatenate([ce, se]),
            "series": np.repeat(names, len(p)),
        }
    )
    x = alt.X("p:Q", title=t("loss.curve.axis_p"), scale=alt.Scale(domain=[0, 1]))
    y = alt.Y("loss:Q", title=t("loss.curve.axis_loss"), scale=alt.Scale(domain=[0, CURVE_TOP]))
    colour = alt.Color(
        "series:N",
        scale=series_scale(),
        title=t("chart.curve"),
        legend=alt.Legend(orient="top", title=None),
    )
    lines = alt.Chart(curves).mark_line(strokeWidth=line_width(), clip=True).encode(x, y, colour)
    marked = pd.DataFrame(
        {
            "p": [point for point, _ in examples],
            "loss": [loss for _, loss in examples],
            "label": [f"p = {number(point, 3)} → {number(loss, 3)}" for point, loss in examples],
        }
    )
    dots = (
        alt.Chart(marked)
        .mark_point(filled=True, size=260 if is_present() else 110, color=MARK_COLOR)
        .encode(x, y)
    )
    labels = (
        alt.Chart(marked)
        .mark_text(align="left", dx=12, dy=-12, color=MARK_COLOR)
        .encode(x, y, text="label:N")
    )
    rule = (
        alt.Chart(pd.DataFrame({"p": [current_p]}))
        .mark_rule(strokeDash=[6, 4], color=MARK_COLOR, strokeWidth=line_width() / 2)
        .encode(x)
    )
    return (lines + rule + dots + labels).properties(height=height(360))


def gradient_norm_chart(p, ce_norm, se_norm, current_p) -> alt.LayerChart:
    """Gradient sizes of both losses against ``p``, a dashed rule at the current ``p``."""
    names = (t("loss.series.ce"), t("loss.series.se"))
    data = pd.DataFrame(
        {
            "p": np.concatenate([p, p]),
            "norm": np.concatenate([ce_norm, se_norm]),
            "series": np.repeat(names, len(p)),
        }
    )
    x = alt.X("p:Q", title=t("loss.curve.axis_p"), scale=alt.Scale(domain=[0, 1]))
    lines = (
        alt.Chart(data)
        .mark_line(strokeWidth=line_width())
        .encode(
            x,
            alt.Y("norm:Q", title=t("loss.grad.axis_norm")),
            alt.Color(
                "series:N",
                scale=series_scale(),
                title=t("chart.curve"),
                legend=alt.Legend(orient="top", title=None),
            ),
        )
    )
    rule = (
        alt.Chart(pd.DataFrame({"p": [current_p]}))
        .mark_rule(strokeDash=[6, 4], color=MARK_COLOR, strokeWidth=line_width() / 2)
        .encode(x)
    )
    return (lines + rule).properties(height=height(340))


def gradient_bars(ce_grad, se_grad) -> alt.Chart:
    """The two gradient vectors side by side, one group of bars per class (numbered from 1)."""
    K = len(ce_grad)
    names = (t("loss.series.ce"), t("loss.series.se"))
    data = pd.DataFrame(
        {
            "class": np.tile(np.arange(1, K + 1), 2),
            "value": np.concatenate([ce_grad, se_grad]),
            "series": np.repeat(names, K),
            "label": [number(v, 3) for v in np.concatenate([ce_grad, se_grad])],
        }
    )
    encoding = {
        "x": alt.X("class:O", title=t("loss.grad.class"), axis=alt.Axis(labelAngle=0)),
        "xOffset": alt.XOffset("series:N", sort=list(names)),
        "y": alt.Y("value:Q", title=t("loss.grad.component"), scale=alt.Scale(domain=[-1, 1])),
        "color": alt.Color(
            "series:N",
            scale=series_scale(),
            title=t("chart.curve"),
            legend=alt.Legend(orient="top", title=None),
        ),
    }
    bars = alt.Chart(data).mark_bar().encode(**encoding)
    zero = alt.Chart(pd.DataFrame({"y": [0]})).mark_rule(color=MARK_COLOR).encode(y="y:Q")
    return (bars + zero).properties(height=height(300))


def distribution_bars(P, Q, names) -> alt.Chart:
    """Two distributions over the same outcomes (numbered from 1) as grouped bars."""
    K = len(P)
    data = pd.DataFrame(
        {
            "outcome": np.tile(np.arange(1, K + 1), 2),
            "probability": np.concatenate([P, Q]),
            "distribution": np.repeat(names, K),
        }
    )
    return (
        alt.Chart(data)
        .mark_bar()
        .encode(
            alt.X("outcome:O", title=t("loss.info.outcome"), axis=alt.Axis(labelAngle=0)),
            alt.XOffset("distribution:N", sort=list(names)),
            alt.Y("probability:Q", title=t("loss.info.probability")),
            alt.Color(
                "distribution:N",
                scale=alt.Scale(domain=list(names), range=list(SERIES_COLORS)),
                title=None,
                legend=alt.Legend(orient="top"),
            ),
            tooltip=[
                alt.Tooltip("distribution:N", title=t("loss.info.distribution")),
                alt.Tooltip("outcome:O", title=t("loss.info.outcome")),
                alt.Tooltip("probability:Q", format=".4f", title=t("loss.info.probability")),
            ],
        )
        .properties(height=height(300))
    )


PICK = "pick"


# The triangle's plane: x and y scales that fit it and its corner labels.
_PLANE_X = {"domain": [-0.12, 1.12], "nice": False}
_PLANE_Y = {"domain": [-0.1, TRIANGLE_HEIGHT + 0.1], "nice": False}


def triangle_chart(cells, corners, loss, *, top, title, markers) -> alt.LayerChart:
    """A heatmap of ``loss`` over the probability triangle; clicking a cell selects it.

    cells: ``(m, 3)`` predictions; corners: ``(m, 4)`` cell rectangles from
    ``core.loss_views.simplex_grid``; loss: ``(m,)`` finite values; top: the colour scale's
    end (larger values get its darkest colour); title: the legend's lines (short: a map is
    a quarter of a 1280 screen wide). markers: ``[(label, shape, prediction)]``.
    """
    layers = [_triangle_heat(cells, corners, loss, top=top, title=title), *_triangle_frame()]
    if markers:
        layers.append(_triangle_markers(markers))
    return alt.layer(*layers).properties(height=height(400))


def _triangle_heat(cells, corners, loss, *, top, title) -> alt.Chart:
    data = pd.DataFrame(
        {
            "x": corners[:, 0],
            "x2": corners[:, 1],
            "y": corners[:, 2],
            "y2": corners[:, 3],
            "p1": cells[:, 0],
            "p2": cells[:, 1],
            "p3": cells[:, 2],
            "loss": loss,
        }
    )
    hidden = alt.Axis(title=None, labels=False, ticks=False, grid=False, domain=False)
    pick = alt.selection_point(name=PICK, fields=["p1", "p2", "p3"], on="click")
    return (
        alt.Chart(data)
        .mark_rect()
        .encode(
            alt.X("x:Q", scale=alt.Scale(**_PLANE_X), axis=hidden),
            alt.X2("x2:Q"),
            alt.Y("y:Q", scale=alt.Scale(**_PLANE_Y), axis=hidden),
            alt.Y2("y2:Q"),
            alt.Color(
                "loss:Q",
                title=list(title),
                # Bands instead of a smooth ramp, so the contours show: straight lines
                # for cross-entropy, circles around the true corner for squared error.
                scale=alt.Scale(
                    type="quantize",
                    scheme={"name": "yelloworangered", "count": TRIANGLE_BANDS},
                    domain=[0, top],
                    nice=False,
                ),
                # One decimal and no label over another: 20 px labels on a narrow map.
                legend=alt.Legend(
                    orient="bottom",
                    gradientLength=220,
                    format=".1f",
                    labelOverlap="greedy",
                    titleLimit=260,
                ),
            ),
            tooltip=[
                alt.Tooltip("p1:Q", format=".2f", title="p₁"),
                alt.Tooltip("p2:Q", format=".2f", title="p₂"),
                alt.Tooltip("p3:Q", format=".2f", title="p₃"),
                alt.Tooltip("loss:Q", format=".3f", title=title[0]),
            ],
        )
        .add_params(pick)
    )


def _triangle_frame() -> tuple[alt.Chart, alt.Chart]:
    """The triangle's outline and its corners' labels."""
    plane_x, plane_y = alt.Scale(**_PLANE_X), alt.Scale(**_PLANE_Y)
    outline_xy = simplex_to_xy(np.array([[1, 0, 0], [0, 1, 0], [0, 0, 1], [1, 0, 0]], float))
    outline = (
        alt.Chart(pd.DataFrame({"x": outline_xy[:, 0], "y": outline_xy[:, 1], "order": range(4)}))
        .mark_line(color=MARK_COLOR, strokeWidth=line_width() / 2)
        .encode(alt.X("x:Q", scale=plane_x), alt.Y("y:Q", scale=plane_y), order="order:O")
    )
    corner_data = pd.DataFrame(
        {
            "x": [0.0, 1.0, 0.5],
            "y": [-0.055, -0.055, TRIANGLE_HEIGHT + 0.05],
            "label": [t("loss.triangle.corner", k=k) for k in (1, 2, 3)],
        }
    )
    corner_labels = (
        alt.Chart(corner_data)
        .mark_text(color=MARK_COLOR, fontWeight="bold")
        .encode(alt.X("x:Q", scale=plane_x), alt.Y("y:Q", scale=plane_y), text="label:N")
    )
    return outline, corner_labels


def _triangle_markers(markers) -> alt.Chart:
    """``[(label, shape, prediction)]`` as points on the triangle."""
    points = simplex_to_xy(np.array([prediction for _, _, prediction in markers]))
    marker_data = pd.DataFrame(
        {
            "x": points[:, 0],
            "y": points[:, 1],
            "label": [label for label, _, _ in markers],
            "shape": [shape for _, shape, _ in markers],
        }
    )
    size = 420 if is_present() else 200
    return (
        alt.Chart(marker_data)
        .mark_point(color=MARK_COLOR, strokeWidth=3, size=size, opacity=1)
        .encode(
            alt.X("x:Q", scale=alt.Scale(**_PLANE_X)),
            alt.Y("y:Q", scale=alt.Scale(**_PLANE_Y)),
            alt.Shape("shape:N", scale=None, legend=None),
            tooltip=[alt.Tooltip("label:N", title=t("chart.point"))],
        )
    )
