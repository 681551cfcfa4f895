"""The loss lesson's sections, one function each, in the page's order: the header, then the
four tabs (the curve, the two cases and the triangle, the information view, the gradients).
"""

import numpy as np
import streamlit as st

from core import cross_entropy, cross_entropy_dist, entropy, kl_divergence, logsumexp, softmax
from core.loss_views import (
    gradient_curves,
    logit_gradients,
    loss_curves,
    prediction_cross_entropy,
    predictions_with_true_probability,
    squared_error,
    wrong_class_shares,
)
from ui import charts, formula, stage, study
from ui.i18n import t
from ui.lessons.loss import controls, triangle
from ui.lessons.loss.charts import (
    distribution_bars,
    gradient_bars,
    gradient_norm_chart,
    loss_curve_chart,
)
from ui.lessons.loss.controls import Settings, probability_input
from ui.shell import is_present

# The course's examples (docs/course.md §3).
WORKED_P = (0.7, 0.2)
CASE_1, CASE_2 = "0.2, 0.2, 0.6", "0, 0.4, 0.6"
DIE_P, DIE_Q = ", ".join(["1/6"] * 6), "0.3, 0.1, 0.15, 0.15, 0.15, 0.15"


def header() -> None:
    st.title(t("nav.loss"))
    st.markdown(t("loss.intro"))


def curve(settings: Settings) -> None:
    """The loss as a function of the true class's probability ``p``."""
    K, spread, true_index = settings.K, settings.spread, settings.true_index
    words, picture, _ = stage.split("loss.stage.curve", (2, 3), lead=t("loss.curve.intro"))
    with words:
        p = controls.true_probability()
    (ce_at_p,), (se_at_p,) = loss_curves(np.array([p]), K, spread)
    # The prediction in class order, p at the true class chosen above (class 1 stands in
    # for a true class beyond K, and the caption says so).
    curve_true = true_index if true_index < K else 0
    prediction = predictions_with_true_probability(
        np.array([p]), wrong_class_shares(K, spread), true=curve_true
    )
    with words:
        # On the projector, beside the chart: the two losses a row, the prediction under them.
        ce_col, se_col, formula_col = (
            (*st.columns(2), st.container()) if is_present() else st.columns([1, 1, 2])
        )
        ce_col.metric(t("loss.metric.ce"), formula.number(ce_at_p, 3))
        se_col.metric(t("loss.metric.se"), formula.number(se_at_p, 3))
        with formula_col:
            st.caption(t("loss.curve.prediction", K=K, true=curve_true + 1))
            if curve_true != true_index:
                st.caption(t("loss.curve.true_beyond", K=K, true=settings.true_class))
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
    with picture:
        worked = list(zip(WORKED_P, worked_ce, strict=True))
        chart = loss_curve_chart(grid, ce_curve, se_curve, worked, p)
        charts.show(stage.fitted(chart, "loss.stage.curve"))
    st.caption(t("loss.curve.caption"))
    study.code_expander(
        [loss_curves, predictions_with_true_probability],
        r"\mathrm{CE} = -\log p_{\text{true}}, \qquad \mathrm{SE} = \tfrac12\|\hat y - y\|^2",
    )


def cases(settings: Settings) -> None:
    """Two predictions with the same cross-entropy, then both losses over the triangle (on
    the projector the two cases beside the triangle's maps, on one screen)."""
    words, picture, _ = stage.split(triangle.STAGE)
    # What the predictions give the true class: above them, or under the view on the
    # projector (the two cases and the maps on one screen).
    intro = st.empty() if is_present() else words.empty()
    with words:
        results = []
        for column, key, label, default in zip(
            st.columns(2),
            ("pred", "pred2"),
            (t("loss.cases.case1"), t("loss.cases.case2")),
            (CASE_1, CASE_2),
            strict=True,
        ):
            with column:
                results.append(_case(settings, label, key, default))
        _cases_verdict(settings, intro, results)
    triangle.show(settings, results, picture)
    study.code_expander(
        [prediction_cross_entropy, squared_error],
        r"-\sum_i y_i \log \hat y_i = -\log \hat y_{\text{true}}, \qquad"
        r" \tfrac12\|\hat y - y\|^2",
    )


def _case(settings: Settings, label: str, key: str, default: str):
    """One prediction's field and its two losses: ``(prediction, ce, se)``, or None when the
    prediction has no true class."""
    true_index = settings.true_index
    case = probability_input(label, key, default)
    if true_index >= case.size:
        st.error(t("loss.cases.true_missing", count=case.size, true=settings.true_class))
        return None
    ce_case = float(prediction_cross_entropy(case, true_index))
    se_case = float(squared_error(case, true_index))
    formula.show(r"\hat y = $yhat", yhat=formula.vector(case, 3))
    metric_ce, metric_se = st.columns(2)
    metric_ce.metric(t("loss.metric.ce"), formula.number(ce_case, 3))
    metric_se.metric(t("loss.metric.se"), formula.number(se_case, 3))
    return case, ce_case, se_case


def _cases_verdict(settings: Settings, intro, results: list) -> None:
    """The sentence above the two cases (into ``intro``) and the lesson they give below."""
    true_class, true_index = settings.true_class, settings.true_index
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


def information() -> None:
    """Entropy, cross-entropy and KL divergence of two distributions typed in."""
    words, picture, notes = stage.split("loss.stage.information", lead=t("loss.info.intro"))
    with words:
        units = controls.units()
        base = np.e if units == "nats" else 2.0
        P_col, Q_col = st.columns(2)
        with P_col:
            P = probability_input(t("loss.info.P"), "P", DIE_P)
        with Q_col:
            Q = probability_input(t("loss.info.Q"), "Q", DIE_Q)
    if P.size != Q.size:
        st.error(t("loss.info.length", p=P.size, q=Q.size), icon=":material/error:")
    else:
        _information_measures(P, Q, base, units, picture, notes)
    study.code_expander(
        [entropy, cross_entropy_dist, kl_divergence],
        r"H(P) = -\sum_x P\log P,\quad H(P,Q) = -\sum_x P\log Q,\quad"
        r" \mathrm{KL}(P\|Q) = \sum_x P\log\frac{P}{Q}",
    )


def _information_measures(P, Q, base: float, units: str, picture, notes) -> None:
    """The two distributions' bars (in ``picture``), H(P), H(P, Q), KL(P‖Q) (in ``notes``)
    and the identity between them."""
    H_P = float(entropy(P, base))
    H_PQ = float(cross_entropy_dist(P, Q, base))
    KL = float(kl_divergence(P, Q, base))
    names = (t("loss.info.P"), t("loss.info.Q"))
    with picture:
        charts.show(stage.fitted(distribution_bars(P, Q, names), "loss.stage.information"))
    with notes:
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


def gradients(settings: Settings) -> None:
    """The derivation, both gradients for the logits set here, and where squared error
    saturates."""
    K, true_index = settings.K, settings.true_index
    # On the projector the logits, ŷ − y and both gradients' sizes beside their bars (one
    # screen); the derivation and the saturation below.
    lead = t("loss.grad.intro", true=settings.true_class)
    words, picture, _ = stage.split("loss.stage.gradients", (2, 3), lead=lead)
    with words:
        logits = controls.logits(K, per_row=3 if is_present() else 5)
    if true_index >= K:
        st.error(
            t("loss.grad.true_missing", K=K, true=settings.true_class), icon=":material/error:"
        )
    else:
        y_hat = softmax(logits)
        ce_grad, se_grad = logit_gradients(logits, true_index)
        if is_present():
            _gradient_vectors(ce_grad, se_grad, words, picture, rule=True)
            _derivation(logits, true_index, y_hat, ce_grad, se_grad)
        else:
            _derivation(logits, true_index, y_hat, ce_grad, se_grad)
            _gradient_vectors(ce_grad, se_grad, *st.columns([2, 3]))
        _saturation(settings, y_hat[true_index])
    # The app's W is the transpose of the slides' (docs/course.md, "Conventions").
    st.info(t("loss.grad.shapes"), icon=":material/school:")
    study.code_expander(
        [cross_entropy, logit_gradients],
        r"\frac{\partial l}{\partial o} = \mathrm{softmax}(o) - y, \qquad"
        r" \frac{\partial}{\partial o}\tfrac12\|\hat y - y\|^2"
        r" = \big(\mathrm{diag}(\hat y) - \hat y\hat y^\top\big)(\hat y - y)",
    )


def _derivation(logits, true_index: int, y_hat, ce_grad, se_grad) -> None:
    """The loss and both gradients written out with this run's numbers."""
    y = np.eye(len(logits))[true_index]
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


def _gradient_vectors(ce_grad, se_grad, words, picture, *, rule: bool = False) -> None:
    """Both gradients' sizes (in ``words``, with the rule ∂l/∂o = ŷ − y and its numbers
    if ``rule``) and their bars (in ``picture``)."""
    with words:
        st.subheader(t("loss.grad.vectors"))
        norm_ce, norm_se = st.columns(2)
        norm_ce.metric(t("loss.grad.norm_ce"), formula.number(np.linalg.norm(ce_grad), 3))
        norm_se.metric(t("loss.grad.norm_se"), formula.number(np.linalg.norm(se_grad), 3))
        if rule:
            formula.show(
                r"\frac{\partial l}{\partial o} = \hat y - y = $grad",
                grad=formula.vector(ce_grad, 3),
            )
    with picture:
        charts.show(stage.fitted(gradient_bars(ce_grad, se_grad), "loss.stage.gradients"))


def _saturation(settings: Settings, p_true: float) -> None:
    """Both gradients' sizes against the true class's probability, ``p_true`` marked."""
    st.subheader(t("loss.grad.saturation"))
    st.markdown(
        t(
            "loss.grad.saturation_intro",
            K=settings.K,
            spread=t(f"loss.spread.{settings.spread}"),
            p=formula.number(p_true, 3),
        )
    )
    grid = np.linspace(0, 1, 201)
    ce_norms, se_norms = gradient_curves(grid, settings.K, settings.spread)
    charts.show(gradient_norm_chart(grid, ce_norms, se_norms, p_true))
    st.info(t("loss.grad.saturation_caption"), icon=":material/lightbulb:")
