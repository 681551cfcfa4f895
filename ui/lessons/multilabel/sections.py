"""The multi-label lesson's sections, one function each, in the page's order."""

import numpy as np
import pandas as pd
import streamlit as st
from streamlit.delta_generator import DeltaGenerator

from core import multilabel as ml
from ui import charts, formula, live, reveal, stage, study
from ui.formula import number
from ui.i18n import t
from ui.lessons.multilabel import charts as lesson_charts
from ui.lessons.multilabel import controls, frame
from ui.lessons.multilabel.frame import Looking
from ui.lessons.multilabel.run import Data, trained
from ui.lessons.multilabel.state import DATA_CHART, LessonState
from ui.shell import is_present

EXAMPLE_VIEW = "multilabel.example"  # the example's view in projection mode (ui/stage)
# The sections a link can open the page at (``?section=``, ui/reveal.linked_section).
SECTIONS = ("example", "data", "models", "why")


def opening() -> None:
    st.title(t("nav.multilabel"))
    if not is_present():  # there the example's view comes first, these words under it
        _introduction()


def _introduction() -> None:
    st.markdown(t("multilabel.intro"))
    study.questions_section("multilabel")


def example() -> None:
    """1. One example first: one picture, three labels. In projection mode the scores, both
    activations and their sums open the page on one screen (issue #12), the words under."""
    if is_present():
        with reveal.section("multilabel.section.example"):
            soft, sig = _example_view()
        _introduction()
        st.header(t("multilabel.example_header"))
        st.markdown(t("multilabel.example_intro"))
        _scene()
    else:
        with reveal.section("multilabel.section.example"):
            st.header(t("multilabel.example_header"))
        st.markdown(t("multilabel.example_intro"))
        picture, sliders = st.columns([3, 2], gap="large")
        with picture:
            _scene()
        with sliders:
            scores = controls.example_scores()
        soft, sig = ml.compare_activations(scores)
        charts.show(_example_chart(soft, sig))
        _sums(st.columns(2), soft, sig)
    _example_words(soft, sig)


def _example_view() -> tuple[np.ndarray, np.ndarray]:
    """The scores' sliders in a row, the two activations' bars and their sums beside them."""
    with stage.view(EXAMPLE_VIEW, tabs=False):
        scores = _scores_in_a_row()
        soft, sig = ml.compare_activations(scores)
        bars, sums = st.columns([3, 2], gap="large")
        with bars:
            charts.show(stage.fitted(_example_chart(soft, sig), EXAMPLE_VIEW, above=SLIDER_ROW))
        with sums:
            _sums_table(soft, sig)
    return soft, sig


SLIDER_ROW = 110  # pixels: the row of sliders between the probe and the bars, in the hall


def _scores_in_a_row() -> np.ndarray:
    columns = st.columns(len(controls.EXAMPLE_LABELS), gap="large")
    values = []
    for index, column in enumerate(columns):
        with column:
            values.append(controls.example_score(index))
    return np.array(values)


def _scene() -> None:
    charts.show(lesson_charts.scene_chart())
    st.caption(t("multilabel.scene_caption"))


def _example_chart(soft: np.ndarray, sig: np.ndarray):
    names = controls.label_names(len(controls.EXAMPLE_LABELS))
    return lesson_charts.example_chart(names, soft, sig)


def _sums(places, soft: np.ndarray, sig: np.ndarray) -> None:
    left, right = places
    left.metric(t("multilabel.softmax_sum"), number(soft.sum(), 4))
    left.metric(t("multilabel.above_half"), int(np.sum(soft > 0.5)))
    right.metric(t("multilabel.sigmoid_sum"), number(sig.sum(), 4))
    right.metric(t("multilabel.above_half"), int(np.sum(sig > 0.5)))


def _sums_table(soft: np.ndarray, sig: np.ndarray) -> None:
    """The sums and the labels above 0.5 as one small table: four metrics need more height
    than a 1280×720 hall's screen has beside the bars."""
    table = pd.DataFrame(
        {
            t("multilabel.softmax_short"): [number(soft.sum(), 4), str(int(np.sum(soft > 0.5)))],
            t("multilabel.sigmoid_short"): [number(sig.sum(), 4), str(int(np.sum(sig > 0.5)))],
        },
        index=[t("multilabel.sum"), t("multilabel.above_half")],
    )
    st.table(table)


def _example_words(soft: np.ndarray, sig: np.ndarray) -> None:
    formula.show(
        r"\operatorname{softmax}(z) = $soft \qquad \sigma(z) = $sig",
        digits=3,
        soft=formula.vector(soft, 3),
        sig=formula.vector(sig, 3),
    )
    first, second = np.sort(soft)[::-1][:2]
    st.markdown(t("multilabel.example_why", first=number(first, 3), second=number(second, 3)))
    study.code_expander(
        [ml.compare_activations],
        r"\operatorname{softmax}(z)_l = \frac{e^{z_l}}{\sum_j e^{z_j}},\qquad"
        r" \sigma(z_l) = \frac{1}{1 + e^{-z_l}}",
    )


def data() -> tuple[Data, DeltaGenerator]:
    """2. The data: every label a disc, the discs overlap. Also returns where the data
    chart goes: it rings the picked point, whose picker comes in the next section."""
    with reveal.section("multilabel.section.data"):
        st.header(t("multilabel.data_header"))
    st.markdown(t("multilabel.data_intro"))
    settings_column, chart_column = st.columns([1, 2], gap="large")
    with settings_column:
        settings = controls.data_settings()
    lesson_data = Data.of(settings)
    Y = lesson_data.Y
    counts = ml.label_counts(Y)
    with settings_column:
        st.markdown(
            t(
                "multilabel.data_counts",
                one=int(counts[1]),
                two=int(counts[2]),
                more=int(counts[3:].sum()),
                share=f"{counts[2:].sum() / len(Y):.0%}",
            )
        )
    with chart_column:
        chart_slot = st.container()
        st.caption(t("multilabel.click_hint"))
    st.markdown(t("multilabel.features"))
    formula.show(
        r"\lVert x - c_l \rVert^2 \le \rho^2 \iff 2 c_l \cdot x - (x_1^2 + x_2^2)"
        r" + \rho^2 - \lVert c_l \rVert^2 \ge 0, \qquad \rho = $radius",
        digits=3,
        radius=float(lesson_data.radius),
    )
    study.code_expander(
        [ml.make_multilabel, ml.label_discs, ml.features],
        r"y_l = [\lVert x - c_l \rVert \le \rho],\quad"
        r" c_l = (\cos\theta_l, \sin\theta_l),\ \theta_l = \tfrac{\pi}{2} + \tfrac{2\pi l}{L},"
        r"\quad \phi(x) = (x_1, x_2, x_1^2 + x_2^2)",
    )
    return lesson_data, chart_slot


def models() -> controls.TrainingSettings:
    """3. Two models on the same data: what each one is, and how they are trained."""
    with reveal.section("multilabel.section.models"):
        st.header(t("multilabel.models_header"))
    st.markdown(f"**{controls.model_title('softmax')}**")
    formula.show(
        r"\hat y = \operatorname{softmax}(W^\top \phi(x) + b),\quad "
        r"t_l = \frac{y_l}{\sum_j y_j},\quad \ell = -\sum_l t_l \log \hat y_l"
    )
    st.markdown(f"**{controls.model_title('sigmoid')}**")
    formula.show(
        r"\hat y_l = \sigma(w_l^\top \phi(x) + b_l),\quad "
        r"\ell = -\sum_l \left[y_l \log \hat y_l + (1 - y_l)\log(1 - \hat y_l)\right]"
    )
    st.caption(t("multilabel.models_note"))
    return controls.training_settings()


def play_controls(data: Data, training: controls.TrainingSettings) -> live.Loop:
    """Play, Step and Reset for both models' run, which new settings replace."""
    loop = live.Loop("multilabel")
    lesson = LessonState()

    def start_over() -> None:
        lesson.keep_run(ml.start(data.F, data.Y, l2=training.descent.l2))

    if lesson.take_settings((data.settings, training)):
        # New settings: show where they lead after the chosen number of epochs (a link shows
        # the same), and pause; Play then replays the training from epoch 0.
        finished = trained(
            Data.arguments(data.settings),
            training.n_epochs,
            **training.descent.full_batch_arguments(),
        )
        if finished is None:
            start_over()
            lesson.note_diverged(True)
        else:
            lesson.keep_run(finished)
            lesson.note_diverged(False)
        loop.pause()

    live.controls(loop, on_reset=start_over)
    st.caption(
        t(
            "multilabel.play_note",
            epochs=training.n_epochs,
            chunk=training.epochs_per_frame,
        )
    )
    if lesson.diverged():
        st.error(t("multilabel.diverged"), icon=":material/warning:")
    return loop


def rules(data: Data, chart_slot: DeltaGenerator) -> Looking:
    """How each model turns probabilities into a label set, and what is looked at: the
    maps' label and the point (also picked by a click on the data chart, drawn here)."""
    st.subheader(t("multilabel.rules_header"))
    prediction_rules = controls.prediction_rules(data.settings.n_labels)
    shown_label = controls.label_picker(data.settings.n_labels)
    picked = controls.point_picker(data.Y)
    with chart_slot:
        lesson_charts.show_square(
            lesson_charts.data_chart(data.X, data.Y, data.centres, data.radius, picked),
            on_select=lambda: controls.pick_from_chart(DATA_CHART, data.Y),
            key=DATA_CHART,
            selection_mode="pick",
        )
    return Looking(prediction_rules, shown_label, picked)


def training(
    loop: live.Loop, data: Data, settings: controls.TrainingSettings, looking: Looking
) -> None:
    """Both models training live, then the code behind what the frames show."""
    prepared = frame.prepare(loop, data, settings, looking)
    live.animate(loop, lambda advance: frame.draw(prepared, advance))
    # Outside the animated fragment: a tick re-sends only what changes.
    study.code_expander(
        [ml.advance, ml.probabilities, ml.softmax_loss_floor],
        r"W \leftarrow W - \alpha\left(\tfrac{1}{n}\Phi^\top(P - T) + \lambda W\right),\quad"
        r" T = \begin{cases} Y / \textstyle\sum_l Y_l & \text{softmax} \\"
        r" Y & \text{sigmoids} \end{cases},\quad"
        r" L_{\text{softmax}} \ge \tfrac{1}{n}\textstyle\sum_i \log k_i",
    )
    study.code_expander(
        [
            ml.predict_threshold,
            ml.predict_top_k,
            ml.set_outcomes,
            ml.subset_accuracy,
            ml.hamming_loss,
            ml.per_label_scores,
        ],
        r"\text{subset acc.} = \tfrac{1}{n}\textstyle\sum_i [\hat y_i = y_i],\quad"
        r" \text{Hamming} = \tfrac{1}{nL}\textstyle\sum_{i,l} [\hat y_{il} \ne y_{il}],\quad"
        r" F_1 = \tfrac{2\,TP}{2\,TP + FP + FN}",
    )


def why(data: Data) -> None:
    """4. Why softmax is the wrong tool here."""
    with reveal.section("multilabel.section.why"):
        st.header(t("multilabel.why_header"))
    st.markdown(t("multilabel.why_softmax", floor=number(data.floor, 3)))
    st.markdown(t("multilabel.why_sigmoid"))
