"""The loss lesson's probability triangle (the cases tab): cross-entropy and squared error
over every prediction of three classes, the two cases and a chosen point marked on both maps;
a click on a map chooses the point."""

import numpy as np
import streamlit as st

from core.loss_views import prediction_cross_entropy, simplex_grid, squared_error
from ui import charts, formula, stage
from ui.i18n import t
from ui.lessons.loss import controls
from ui.lessons.loss.charts import PICK, TRIANGLE_CE_TOP, triangle_chart
from ui.lessons.loss.controls import Settings, probability_input
from ui.shell import is_present

STAGE = "loss.stage.cases"  # the cases tab's view (ui/stage.py), the maps in its picture
MAP_ROOM = 48 + 110  # pixels of a map's name above it and its colour legend below


def show(settings: Settings, results: list, picture) -> None:
    """Both losses over the probability triangle of three classes, with the cases marked:
    the maps in ``picture``; on the projector the rest (the point and its losses) below."""
    true_index = settings.true_index
    below = st.container() if is_present() else picture
    with below:
        st.subheader(t("loss.triangle.title"))
    if true_index >= 3:
        with picture:
            st.info(t("loss.triangle.no_true"), icon=":material/change_history:")
        return
    with below:
        st.markdown(t("loss.triangle.intro", true=settings.true_class))
        point = probability_input(t("loss.triangle.point"), "point", "0.1, 0.7, 0.2", max_count=3)
    if point.size != 3:
        point = np.array([0.1, 0.7, 0.2])
    markers = [
        (t(f"loss.triangle.case{n}"), shape, result[0])
        for n, shape, result in zip((1, 2), ("circle", "square"), results, strict=True)
        if result is not None and result[0].size == 3
    ]
    markers.append((t("loss.triangle.picked"), "diamond", point))
    with picture:
        _triangle_maps(true_index, markers)
    with below:
        _triangle_point(settings, point, markers)


def _triangle_point(settings: Settings, point, markers: list) -> None:
    """What the maps' marks are, and both losses at the chosen point."""
    true_index = settings.true_index
    st.caption(t("loss.triangle.marks"))
    if len(markers) < 3:
        st.caption(t("loss.triangle.unmarked"))
    st.markdown(t("loss.triangle.at_point"))
    at_ce, at_se, at_formula = st.columns([1, 1, 2])
    at_ce.metric(
        t("loss.metric.ce"), formula.number(prediction_cross_entropy(point, true_index), 3)
    )
    at_se.metric(t("loss.metric.se"), formula.number(squared_error(point, true_index), 3))
    with at_formula:
        formula.show(r"\hat y = $yhat", yhat=formula.vector(point, 3))


def _triangle_maps(true_index: int, markers: list) -> None:
    """The two heatmaps side by side; a click on either picks the point."""
    cells, corners = simplex_grid(48)
    ce_cells = np.minimum(prediction_cross_entropy(cells, true_index), 50.0)
    se_cells = squared_error(cells, true_index)
    maps = (
        (
            "triangle_ce",
            t("loss.series.ce"),
            ce_cells,
            TRIANGLE_CE_TOP,
            (t("loss.triangle.ce_legend"), t("loss.triangle.ce_darkest")),
        ),
        # Two lines each, so that both triangles are drawn at one size.
        ("triangle_se", t("loss.series.se"), se_cells, 1.0, ("½‖ŷ − y‖²", t("loss.triangle.se_y"))),
    )
    for column, (key, name, values, top, title) in zip(st.columns(2), maps, strict=True):
        with column:
            st.markdown(f"**{name}**")
            chart = triangle_chart(cells, corners, values, top=top, title=title, markers=markers)
            charts.show(
                stage.fitted(chart, STAGE, grow=False, lowest=240, above=MAP_ROOM),
                key=key,
                on_select=lambda key=key: controls.pick_point(key),
                selection_mode=PICK,
            )
