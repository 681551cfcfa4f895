"""The images lesson's calibration tab (the slides' 6.2, the notes' 校准): are the trained
model's outputs probabilities? The reliability diagram, the expected calibration error, and
temperature scaling with the best T marked (docs/course.md §9)."""

import numpy as np
import streamlit as st

import core
from ui import charts, stage, study
from ui.i18n import t
from ui.lessons.images import charts as pictures
from ui.lessons.images import controls
from ui.lessons.images.sections import PRETRAIN_STEPS, train_now, trained_now
from ui.shell import is_present

STAGE = "images.stage.calibration"  # its view's probe (ui/stage.py)
AXIS_ROOM = 60  # pixels of the reliability diagram's x axis, below its height


def _figures(Z, P, y, best: float, confidence, correct) -> None:
    """The ECE at T and at 1, the best T, the mean confidence and the accuracy: in a row,
    or two rows beside the diagram on the projector."""
    columns = [*st.columns(3), *st.columns(3)[:2]] if is_present() else st.columns(5)
    columns[0].metric(t("images.cal.ece"), f"{core.expected_calibration_error(P, y):.3f}")
    columns[1].metric(
        t("images.cal.ece_plain"), f"{core.expected_calibration_error(core.softmax(Z), y):.3f}"
    )
    columns[2].metric(t("images.cal.best_T"), f"{best:.2f}")
    columns[3].metric(t("images.cal.mean_confidence"), f"{confidence.mean():.3f}")
    columns[4].metric(t("images.cal.accuracy_all"), f"{correct.mean():.3f}")


def show(data: core.ImageData, run: core.ImageRun) -> None:
    """Are the outputs probabilities? The reliability diagram, the ECE, and temperature
    scaling with the best T marked."""
    pretrained = run.steps == 0 and is_present()
    if pretrained:  # on the projector the view is of a trained model, one link away
        run = trained_now(data)
    elif run.steps == 0:
        st.info(t("images.cal.untrained"), icon=":material/info:")
        train_now()
    Z = core.image_logits(data.X_test, run.W, run.b)
    y = data.y_test
    best = core.best_temperature(Z, y)
    # On the projector (one screen): T, its button and the figures beside the reliability
    # diagram; the NLL curve and the bins' counts below.
    present = is_present()
    words, picture, _ = stage.split(STAGE, lead=t("images.cal.intro"))
    with words:
        # On the projector the button beside the slider, so the figures fit under them.
        if present:
            slider, button = st.columns(2, vertical_alignment="bottom")
        else:
            slider, button = st.container(), st.container()
        with slider:
            T = controls.temperature()
        button.button(
            t("images.cal.use_best", T=f"{best:.2f}"),
            key="images.use_best",
            on_click=controls.set_temperature,
            args=(best,),
        )
    P = core.softmax(Z, temperature=T)
    bins = core.reliability_bins(P, y)
    confidence, correct = core.confidence_and_correct(P, y)
    with words:
        _figures(Z, P, y, best, confidence, correct)
        if pretrained:
            st.caption(t("images.cal.trained_for_view", steps=PRETRAIN_STEPS))
    _charts(Z, y, T, best, bins, picture)
    verdict = "under" if confidence.mean() < correct.mean() else "over"
    if run.steps > 0:
        st.markdown(t(f"images.cal.verdict.{verdict}", T=f"{best:.2f}"))
    st.caption(t("images.cal.caution"))
    study.code_expander(
        [
            core.reliability_bins,
            core.expected_calibration_error,
            core.best_temperature,
            core.temperature_nll,
        ],
        r"\mathrm{ECE} = \sum_m \tfrac{n_m}{n}\,\lvert \mathrm{acc}_m - \mathrm{conf}_m \rvert,"
        r"\quad \mathrm{NLL}(T) = -\tfrac{1}{n}\sum_i \log \operatorname{softmax}(z_i / T)_{y_i}",
    )


def _charts(Z, y, T: float, best: float, bins, picture) -> None:
    """The reliability diagram (in ``picture`` on the projector), the bins' counts, and the
    test NLL against T with the T shown and the best T marked."""
    present = is_present()
    left, right = (picture, st.container()) if present else st.columns(2, gap="large")
    with left:
        charts.show_spec(
            # Its axes are drawn below its height: room for them.
            stage.sized(pictures.reliability_spec(), STAGE, above=AXIS_ROOM),
            {"bins": pictures.bins_data(bins)},
        )
    with right if present else left:
        charts.show_spec(pictures.counts_spec(), {"bins": pictures.bins_data(bins)})
    with right:
        grid = np.geomspace(controls.T_RANGE[0], controls.T_RANGE[1], 60)
        curve = [{"T": float(v), "nll": core.temperature_nll(Z, y, float(v))} for v in grid]
        marks = [
            {"T": float(T), "what": t("images.cal.shown_T")},
            {"T": float(best), "what": t("images.cal.best_T")},
        ]
        charts.show_spec(pictures.nll_spec(), {"nll": curve, "marks": marks})
        st.metric(t("images.cal.nll_at", T=f"{T:.2f}"), f"{core.temperature_nll(Z, y, T):.4f}")
