"""The multi-label lesson's widgets, and what it calls its labels and models.

Every setting a link reproduces is a ``ui.urlstate`` widget named by its URL parameter:
the example's scores ``dog``, ``person``, ``car``; the data ``L``, ``n``, ``overlap``,
``seed``; training ``lr``, ``l2``, ``epochs``; the prediction rules ``thr1`` … ``thr6``
(one threshold per label, sigmoid model), ``rule`` (``threshold`` or ``topk``), ``sthr`` and
``k`` (softmax model); what is looked at, ``label`` (the maps) and ``point``.
"""

from dataclasses import dataclass

import numpy as np
import streamlit as st

from core.multilabel import MAX_LABELS, MIN_LABELS
from ui import urlstate
from ui.gd import GradientDescent
from ui.i18n import t
from ui.lessons.multilabel import state

MODEL_NAMES = ("softmax", "sigmoid")
EXAMPLE_LABELS = (0, 1, 2)  # dog, person, car: the first three labels of the data too
EXAMPLE_SCORES = {"dog": 2.0, "person": 1.5, "car": 1.0}
LEARNING_RATES = (0.01, 0.03, 0.1, 0.3, 1.0, 3.0, 10.0)
L2_STRENGTHS = (0.0, 0.0001, 0.001, 0.01, 0.1)
EPOCH_CHOICES = (10, 20, 50, 100, 200, 300, 500, 1000)
RULES = ("threshold", "topk")
FRAMES_PER_RUN = 60  # Play shows a run in about this many frames


def label_names(n_labels: int) -> list[str]:
    return [t(f"multilabel.label.{index}") for index in range(n_labels)]


def model_title(model: str) -> str:
    return t(f"multilabel.model.{model}")


def label_set(row, names) -> str:
    chosen = [name for name, flag in zip(names, row, strict=True) if flag]
    return " + ".join(chosen) if chosen else t("multilabel.none")


# --- widgets --------------------------------------------------------------------------------


def example_scores() -> np.ndarray:
    """One slider per label of the picture: the scores ``z`` a model gave it."""
    return np.array([example_score(index) for index in range(len(EXAMPLE_SCORES))])


def example_score(index: int) -> float:
    """The slider of the picture's label ``index``: the score ``z`` a model gave it."""
    key, default = list(EXAMPLE_SCORES.items())[index]
    name = label_names(len(EXAMPLE_LABELS))[index]
    return urlstate.slider(t("multilabel.score_label", name=name), -6.0, 6.0, default, 0.1, key=key)


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
    descent: GradientDescent  # full batch: core.multilabel steps on the whole data set
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
    return TrainingSettings(GradientDescent(float(learning_rate), l2=float(l2)), int(n_epochs))


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
    selection = state.LessonState().chart_selection(chart_key)
    if selection:
        index = int(selection[0]["index"])
        if Y[index].sum() >= 2:
            urlstate.set_value("point", str(index))
