"""Lesson 2: cross-entropy against squared error, and why cross-entropy trains better.

Course order: the loss as a function of the true class's probability; two predictions with
the same cross-entropy (and the loss over the probability triangle); the information view
(entropy, cross-entropy, KL); the derivation and the gradients, where saturation shows.
"""

import numpy as np
import streamlit as st

from core import cross_entropy, cross_entropy_dist, entropy, kl_divergence, logsumexp, softmax
from core.loss_views import (
    SPREADS,
    gradient_curves,
    logit_gradients,
    loss_curves,
    prediction_cross_entropy,
    predictions_with_true_probability,
    simplex_grid,
    squared_error,
    wrong_class_shares,
)
from ui import charts, formula, reveal, study, urlstate
from ui.i18n import t
from ui.inputs import format_numbers
from ui.lessons.loss.charts import (
    PICK,
    TRIANGLE_CE_TOP,
    distribution_bars,
    gradient_bars,
    gradient_norm_chart,
    loss_curve_chart,
    triangle_chart,
)
from ui.lessons.loss.controls import probability_input
from ui.lessons.loss.state import state
from ui.shell import page_setup

page_setup("loss")

MAX_CLASSES = 10
UNITS = ("nats", "bits")
# The course's examples (docs/course.md §3).
WORKED_P = (0.7, 0.2)
CASE_1, CASE_2 = "0.2, 0.2, 0.6", "0, 0.4, 0.6"
DIE_P, DIE_Q = ", ".join(["1/6"] * 6), "0.3, 0.1, 0.15, 0.15, 0.15, 0.15"
# Default logits: class 3 (the default true class) is confidently wrong.
DEFAULT_LOGITS = (2.0, 0.0, -2.0, 1.0, -1.0, 0.5, -0.5, 1.5, -1.5, 0.25)

st.title(t("nav.loss"))
st.markdown(t("loss.intro"))

# Page-wide settings: every tab below reads them.
with st.container(border=True):
    K_col, true_col, spread_col = st.columns(3)
    with K_col:
        K = urlstate.slider(
            t("loss.K"), 2, MAX_CLASSES, 3, 1, key="K", integer=True, help=t("loss.K_help")
        )
    with true_col:
        true_class = urlstate.integer_input(
            t("loss.true"), 1, MAX_CLASSES, 3, key="true", help=t("loss.true_help")
        )
    with spread_col:
        spread = urlstate.choice(
            st.segmented_control,
            t("loss.spread"),
            SPREADS,
            key="spread",
            default="one",
            # Labels looked up now: Streamlit may call format_func outside the script run,
            # where the session's language is unknown.
            format_func={code: t(f"loss.spread.{code}") for code in SPREADS}.__getitem__,
            help=t("loss.spread_help"),
        )
true_index = int(true_class) - 1  # core counts classes from 0, people from 1

study.questions_section("loss")

# The tabs are the setting ``tab`` (``?tab=cases``): a reveal or a link opens the one that
# shows its answer. Every tab's content runs (its settings are in the URL).
TABS = ("curve", "cases", "information", "gradients")
tabs = reveal.lesson_tabs({code: f"loss.tab.{code}" for code in TABS})
curve_tab, cases_tab, information_tab, gradients_tab = (tabs[code] for code in TABS)

with curve_tab:
    st.markdown(t("loss.curve.intro"))
    p = urlstate.slider(t("loss.curve.p"), 0.01, 1.0, 0.7, 0.01, key="p")
    (ce_at_p,), (se_at_p,) = loss_curves(np.array([p]), K, spread)
    # The prediction in class order, p at the true class chosen above (class 1 stands in
    # for a true class beyond K, and the caption says so).
    curve_true = true_index if true_index < K else 0
    prediction = predictions_with_true_probability(
        np.array([p]), wrong_class_shares(K, spread), true=curve_true
    )
    ce_col, se_col, formula_col = st.columns([1, 1, 2])
    ce_col.metric(t("loss.metric.ce"), formula.number(ce_at_p, 3))
    se_col.metric(t("loss.metric.se"), formula.number(se_at_p, 3))
    with formula_col:
        st.caption(t("loss.curve.prediction", K=K, true=curve_true + 1))
        if curve_true != true_index:
            st.caption(t("loss.curve.true_beyond", K=K, true=true_class))
        formula.show(
            r"\hat y = $yhat,\quad -\log $p = $ce",
            yhat=formula.vector(prediction[0], 3),
            p=p,
            ce=ce_at_p,
            digits=3,
        )
    grid = np.linspace(0.01, 1, 199)
    ce_curve, se_curve = loss_curves(grid, K, spread)
    worked_ce, _ = loss_curves(np.array(WORKED_P), K, spread)
    charts.show(
        loss_curve_chart(grid, ce_curve, se_curve, list(zip(WORKED_P, worked_ce, strict=True)), p)
    )
    st.caption(t("loss.curve.caption"))
    study.code_expander(
        [loss_curves, predictions_with_true_probability],
        r"\mathrm{CE} = -\log p_{\text{true}}, \qquad \mathrm{SE} = \tfrac12\|\hat y - y\|^2",
    )

with cases_tab:
    intro = st.empty()  # says what the predictions below give the true class
    results = []
    for column, key, label, default in zip(
        st.columns(2),
        ("pred", "pred2"),
        (t("loss.cases.case1"), t("loss.cases.case2")),
        (CASE_1, CASE_2),
        strict=True,
    ):
        with column:
            case = probability_input(label, key, default)
            if true_index >= case.size:
                st.error(t("loss.cases.true_missing", count=case.size, true=true_class))
                results.append(None)
                continue
            ce_case = float(prediction_cross_entropy(case, true_index))
            se_case = float(squared_error(case, true_index))
            formula.show(r"\hat y = $yhat", yhat=formula.vector(case, 3))
            metric_ce, metric_se = st.columns(2)
            metric_ce.metric(t("loss.metric.ce"), formula.number(ce_case, 3))
            metric_se.metric(t("loss.metric.se"), formula.number(se_case, 3))
            results.append((case, ce_case, se_case))
    if all(results):
        p_true = [formula.number(result[0][true_index], 3) for result in results]
        if p_true[0] == p_true[1]:
            intro.markdown(t("loss.cases.intro", true=true_class, p=p_true[0]))
        else:
            intro.markdown(
                t("loss.cases.intro_different", true=true_class, p1=p_true[0], p2=p_true[1])
            )
    else:
        intro.markdown(t("loss.cases.intro_missing", true=true_class))
    if all(results):
        (case1, ce1, se1), (case2, ce2, se2) = results
        if np.isclose(ce1, ce2, rtol=0, atol=1e-12) or ce1 == ce2:
            st.info(
                t(
                    "loss.cases.same",
                    ce=formula.number(ce1, 3),
                    se1=formula.number(se1, 3),
                    se2=formula.number(se2, 3),
                ),
                icon=":material/lightbulb:",
            )
        else:
            st.info(
                t(
                    "loss.cases.different",
                    p1=formula.number(case1[true_index], 3),
                    p2=formula.number(case2[true_index], 3),
                ),
                icon=":material/lightbulb:",
            )

    st.subheader(t("loss.triangle.title"))
    if true_index >= 3:
        st.info(t("loss.triangle.no_true"), icon=":material/change_history:")
    else:
        st.markdown(t("loss.triangle.intro", true=true_class))

        def pick_from(chart_key: str) -> None:
            cell = state.picked_cell(chart_key)
            if cell is not None:
                rounded = np.round(cell[1:], 2)
                urlstate.set_value("point", format_numbers([1 - rounded.sum(), *rounded]))

        point = probability_input(t("loss.triangle.point"), "point", "0.1, 0.7, 0.2", max_count=3)
        if point.size != 3:
            point = np.array([0.1, 0.7, 0.2])
        cells, corners = simplex_grid(48)
        markers = [
            (t(f"loss.triangle.case{n}"), shape, result[0])
            for n, shape, result in zip((1, 2), ("circle", "square"), results, strict=True)
            if result is not None and result[0].size == 3
        ]
        markers.append((t("loss.triangle.picked"), "diamond", point))
        ce_cells = np.minimum(prediction_cross_entropy(cells, true_index), 50.0)
        se_cells = squared_error(cells, true_index)
        ce_map, se_map = st.columns(2)
        with ce_map:
            st.markdown(f"**{t('loss.series.ce')}**")
            charts.show(
                triangle_chart(
                    cells,
                    corners,
                    ce_cells,
                    top=TRIANGLE_CE_TOP,
                    title=t("loss.triangle.ce_clip"),
                    markers=markers,
                ),
                key="triangle_ce",
                on_select=lambda: pick_from("triangle_ce"),
                selection_mode=PICK,
            )
        with se_map:
            st.markdown(f"**{t('loss.series.se')}**")
            charts.show(
                triangle_chart(
                    cells, corners, se_cells, top=1.0, title="½‖ŷ − y‖²", markers=markers
                ),
                key="triangle_se",
                on_select=lambda: pick_from("triangle_se"),
                selection_mode=PICK,
            )
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
    study.code_expander(
        [prediction_cross_entropy, squared_error],
        r"-\sum_i y_i \log \hat y_i = -\log \hat y_{\text{true}}, \qquad"
        r" \tfrac12\|\hat y - y\|^2",
    )

with information_tab:
    st.markdown(t("loss.info.intro"))
    units = urlstate.choice(
        st.segmented_control,
        t("loss.info.units"),
        UNITS,
        key="units",
        default="nats",
        format_func={code: t(f"loss.info.{code}") for code in UNITS}.__getitem__,
    )
    base = np.e if units == "nats" else 2.0
    P_col, Q_col = st.columns(2)
    with P_col:
        P = probability_input(t("loss.info.P"), "P", DIE_P)
    with Q_col:
        Q = probability_input(t("loss.info.Q"), "Q", DIE_Q)
    if P.size != Q.size:
        st.error(t("loss.info.length", p=P.size, q=Q.size), icon=":material/error:")
    else:
        H_P = float(entropy(P, base))
        H_PQ = float(cross_entropy_dist(P, Q, base))
        KL = float(kl_divergence(P, Q, base))
        names = (t("loss.info.P"), t("loss.info.Q"))
        charts.show(distribution_bars(P, Q, names))
        H_col, HPQ_col, KL_col = st.columns(3)
        H_col.metric("H(P)", formula.number(H_P, 3))
        HPQ_col.metric("H(P, Q)", formula.number(H_PQ, 3))
        KL_col.metric("KL(P‖Q)", formula.number(KL, 3))
        st.markdown(t("loss.info.identity"))
        holds = np.isclose(H_PQ, H_P + KL, rtol=1e-9, atol=1e-12) or np.isinf(H_PQ)
        formula.show(
            r"H(P, Q) = $H_PQ \;=\; H(P) + \mathrm{KL}(P\|Q) = $H_P + $KL = $total \quad $mark",
            H_PQ=H_PQ,
            H_P=H_P,
            KL=KL,
            total=H_P + KL,
            mark=r"\checkmark" if holds else r"\times",
            digits=3,
        )
        if np.isinf(H_PQ):
            st.warning(t("loss.info.infinite"), icon=":material/all_inclusive:")
        st.caption(t("loss.info.caption", units=t(f"loss.info.{units}")))
    study.code_expander(
        [entropy, cross_entropy_dist, kl_divergence],
        r"H(P) = -\sum_x P\log P,\quad H(P,Q) = -\sum_x P\log Q,\quad"
        r" \mathrm{KL}(P\|Q) = \sum_x P\log\frac{P}{Q}",
    )

with gradients_tab:
    st.markdown(t("loss.grad.intro", true=true_class))
    logits = np.empty(K)
    slider_columns = st.columns(min(K, 5))
    for k in range(K):
        name = f"o{k + 1}"
        with slider_columns[k % len(slider_columns)]:
            logits[k] = urlstate.slider(
                t("loss.grad.logit", k=k + 1), -8.0, 8.0, DEFAULT_LOGITS[k], 0.1, key=name
            )
    if true_index >= K:
        st.error(t("loss.grad.true_missing", K=K, true=true_class), icon=":material/error:")
    else:
        y = np.eye(K)[true_index]
        y_hat = softmax(logits)
        ce_grad, se_grad = logit_gradients(logits, true_index)
        loss_value = float(cross_entropy(logits[None, :], [true_index]))

        st.subheader(t("loss.grad.derivation"))
        st.markdown(t("loss.grad.derivation_text"))
        formula.show(
            r"l = -\sum_j y_j \log \hat y_j = \log \sum_k \exp(o_k) - \sum_j y_j o_j"
            r" = $lse - ($o_true) = $loss",
            lse=float(logsumexp(logits)),
            o_true=logits[true_index],
            loss=loss_value,
        )
        st.markdown(t("loss.grad.derivative_text"))
        formula.show(
            r"\frac{\partial l}{\partial o} = \mathrm{softmax}(o) - y = $y_hat - $y = $grad",
            y_hat=formula.vector(y_hat, 3),
            y=formula.vector(y, 0),
            grad=formula.vector(ce_grad, 3),
        )
        st.markdown(t("loss.grad.se_text"))
        formula.show(
            r"\frac{\partial}{\partial o}\tfrac12\|\hat y - y\|^2"
            r" = \big(\mathrm{diag}(\hat y) - \hat y \hat y^\top\big)(\hat y - y) = $grad",
            grad=formula.vector(se_grad, 3),
        )

        st.subheader(t("loss.grad.vectors"))
        norm_ce, norm_se, bars_col = st.columns([1, 1, 3])
        norm_ce.metric(t("loss.grad.norm_ce"), formula.number(np.linalg.norm(ce_grad), 3))
        norm_se.metric(t("loss.grad.norm_se"), formula.number(np.linalg.norm(se_grad), 3))
        with bars_col:
            charts.show(gradient_bars(ce_grad, se_grad))

        st.subheader(t("loss.grad.saturation"))
        st.markdown(
            t(
                "loss.grad.saturation_intro",
                K=K,
                spread=t(f"loss.spread.{spread}"),
                p=formula.number(y_hat[true_index], 3),
            )
        )
        grid = np.linspace(0, 1, 201)
        ce_norms, se_norms = gradient_curves(grid, K, spread)
        charts.show(gradient_norm_chart(grid, ce_norms, se_norms, y_hat[true_index]))
        st.info(t("loss.grad.saturation_caption"), icon=":material/lightbulb:")
    study.code_expander(
        [cross_entropy, logit_gradients],
        r"\frac{\partial l}{\partial o} = \mathrm{softmax}(o) - y, \qquad"
        r" \frac{\partial}{\partial o}\tfrac12\|\hat y - y\|^2"
        r" = \big(\mathrm{diag}(\hat y) - \hat y\hat y^\top\big)(\hat y - y)",
    )

study.next_lesson("loss")
