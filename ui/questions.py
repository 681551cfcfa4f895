"""Predict-then-reveal questions, 3 to 5 per lesson, tied to what the lesson's page shows.

Each question names the page state that proves its answer (``reveal``: widget key → value,
the keys being the page's URL parameters), so answering it sets the page there. Numeric
answers are computed by ``core`` when asked, never typed in here.

Texts live in the catalog under ``study.q.<id>`` (the question), ``study.q.<id>.why`` (the
explanation) and, for choices, ``study.q.<id>.<option>``.
"""

from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np

import core


@dataclass(frozen=True)
class Question:
    id: str
    lesson: str
    options: tuple[str, ...] = ()  # a choice question's option codes; empty for a number
    correct: str = ""  # the right option's code
    number: Callable[[], float] | None = None  # a number question's answer, from core
    # How precisely a number must be given, as the question's text says: to this many
    # decimals (a whole number when 0, then exactly).
    decimals: int = 2
    reveal: dict = field(default_factory=dict)
    where: str = ""  # catalog key of the tab or section where the revealed state shows
    tab: str = ""  # the code of the lesson's tab that ``where`` names (``?tab=``)
    # The key of the section (``ui.reveal.section``) that ``where`` names, on a lesson
    # without tabs: the reveal scrolls there.
    section: str = ""

    @property
    def is_number(self) -> bool:
        return self.number is not None

    @property
    def tolerance(self) -> float:
        """What rounding to ``decimals`` can change: half a unit of the last decimal (and a
        hair more, so that the rounded answer typed in always counts)."""
        if self.decimals == 0:
            return 1e-9
        return 0.5 * 10.0**-self.decimals + 1e-9

    def check(self, given) -> bool:
        if self.is_number:
            return given is not None and abs(float(given) - self.number()) <= self.tolerance
        return given == self.correct


def _softmax_first(logits, temperature=1.0) -> float:
    return float(core.softmax(np.array(logits), temperature)[0])


def _cross_entropy_at(p_true: float) -> float:
    # Logits log(p) reproduce the probabilities p exactly: softmax(log p) = p.
    probabilities = np.array([p_true, 1 - p_true])
    return float(core.cross_entropy(np.log(probabilities)[None, :], np.array([0])))


def _die_kl() -> float:
    fair = np.full(6, 1 / 6)
    skewed = np.array([0.3, 0.1, 0.15, 0.15, 0.15, 0.15])
    return float(core.kl_divergence(fair, skewed))


def _untrained_loss(n_classes: int) -> float:
    # W = 0, b = 0 gives equal logits for every class: the loss of a uniform guess.
    return float(core.cross_entropy(np.zeros((1, n_classes)), np.array([0])))


_SOFTMAX = (
    Question(
        "temperature_up",
        "softmax",
        options=("up", "down", "same"),
        correct="down",
        reveal={"logits": "2, 1, 0.1", "T": "5"},
        where="softmax.tab_temperature",
        tab="temperature",
    ),
    Question(
        "shift",
        "softmax",
        number=lambda: _softmax_first([2, 1, 0.1]),
        decimals=2,
        reveal={"logits": "2, 1, 0.1", "T": "1", "shift": 5.0},
        where="softmax.tab_properties",
        tab="properties",
    ),
    Question(
        "ten_zero_zero",
        "softmax",
        options=("a", "b", "c"),
        correct="b",
        reveal={"logits": "10, 0, 0", "T": "1"},
        # The slide's numbers against the true ones, under "Larger gaps give more extreme
        # outputs"; the bars above show the same 0.0000454.
        where="softmax.tab_properties",
        tab="properties",
    ),
    Question(
        "two_classes",
        "softmax",
        number=lambda: 2.0,
        decimals=0,
        reveal={"logits": "3, 1", "T": "1"},
        where="softmax.tab_sigmoid",
        tab="sigmoid",
    ),
    Question(
        "one_vs_rest",
        "softmax",
        options=("less", "one", "more"),
        correct="more",
        reveal={"logits": "2, 1, 0.1", "T": "1"},
        where="softmax.tab_why",
        tab="why",
    ),
)

_LOSS = (
    Question(
        "confident_wrong",
        "loss",
        options=("ce", "mse", "equal"),
        correct="ce",
        # K = 3, true class 3 gets softmax(3, 0, −1.6)₃ ≈ 0.0095.
        reveal={"K": 3, "true": 3, "o1": 3.0, "o2": 0.0, "o3": -1.6},
        where="loss.tab.gradients",
        tab="gradients",
    ),
    Question(
        "same_ce",
        "loss",
        options=("case1", "case2", "equal"),
        correct="case2",
        reveal={"K": 3, "true": 3, "pred": "0.2, 0.2, 0.6", "pred2": "0, 0.4, 0.6"},
        where="loss.tab.cases",
        tab="cases",
    ),
    Question(
        "ce_value",
        "loss",
        number=lambda: _cross_entropy_at(0.2),
        decimals=2,
        reveal={"p": 0.2},
        where="loss.tab.curve",
        tab="curve",
    ),
    Question(
        "die_kl",
        "loss",
        number=_die_kl,
        decimals=3,
        reveal={
            "P": "1/6, 1/6, 1/6, 1/6, 1/6, 1/6",
            "Q": "0.3, 0.1, 0.15, 0.15, 0.15, 0.15",
            "units": "nats",
        },
        where="loss.tab.information",
        tab="information",
    ),
)

_TRAINING = (
    Question(
        "start_loss",
        "training",
        number=lambda: _untrained_loss(5),
        decimals=2,
        reveal={"K": 5},
        where="training.train_header",
        section="training.section.train",
    ),
    Question(
        "boundaries",
        "training",
        options=("straight", "curved", "depends"),
        correct="straight",
        reveal={"K": 4},
        where="training.train_header",
        section="training.section.train",
    ),
    Question(
        "mse_slower",
        "training",
        options=("faster", "slower", "same"),
        correct="slower",
        reveal={"loss": "mse"},
        where="training.compare_header",
        section="training.section.compare",
    ),
)

_MULTILABEL = (
    Question(
        "both_high",
        "multilabel",
        options=("yes", "no"),
        correct="no",
        # Two equal high scores: softmax splits (≈ 0.498 each), sigmoids give 0.95 each.
        reveal={"dog": 3.0, "person": 3.0, "car": -2.0},
        where="multilabel.example_header",
        section="multilabel.section.example",
    ),
    Question(
        "sigmoid_three",
        "multilabel",
        number=lambda: float(core.sigmoid(np.array(3.0))),
        decimals=2,
        reveal={"dog": 3.0, "person": 3.0, "car": 3.0},
        where="multilabel.example_header",
        section="multilabel.section.example",
    ),
    Question(
        "which_loss",
        "multilabel",
        options=("softmax_ce", "sigmoid_bce", "mse"),
        correct="sigmoid_bce",
        where="multilabel.why_header",
        section="multilabel.section.why",
    ),
    Question(
        "notes_shape",
        "images",
        options=("same", "transpose", "square"),
        correct="transpose",
        reveal={"epochs": 100},
        where="images.tab.toy",
        tab="toy",
    ),
    Question(
        "lowest_class",
        "images",
        options=("shirt", "trouser", "bag"),
        correct="shirt",
        # The reveal trains 200 steps (10 epochs) from W = 0 with these settings.
        reveal={"lr": 0.1, "batch": "256", "l2": 0.0, "seed": 0},
        where="images.tab.train",
        tab="train",
    ),
    Question(
        "best_t",
        "images",
        options=("above", "below", "one"),
        correct="below",
        # docs/course.md §9: after those 10 epochs the best T is 0.68.
        reveal={"lr": 0.1, "batch": "256", "l2": 0.0, "seed": 0, "T": 1.0},
        where="images.tab.calibration",
        tab="calibration",
    ),
)

QUESTIONS = (*_SOFTMAX, *_LOSS, *_TRAINING, *_MULTILABEL)


def for_lesson(lesson: str) -> tuple[Question, ...]:
    return tuple(question for question in QUESTIONS if question.lesson == lesson)


def by_id(question_id: str) -> Question | None:
    return next((question for question in QUESTIONS if question.id == question_id), None)


@dataclass(frozen=True)
class Exercise:
    """An exercise from the course or the d2l chapter, and the link state that answers it
    (``params``, with ``tab``: the lesson's tab the exercise is about)."""

    id: str
    lesson: str
    params: dict


EXERCISES = (
    Exercise(
        "temperature_power", "softmax", {"logits": "2, 1, 0.1", "T": "0.5", "tab": "temperature"}
    ),
    Exercise(
        "logsumexp_max", "softmax", {"logits": "2, 1, 0.1", "T": "0.01", "tab": "temperature"}
    ),
    Exercise("overflow", "softmax", {"logits": "50, 710, 0", "tab": "overflow"}),
    Exercise("two_class_sigmoid", "softmax", {"logits": "3, 1", "tab": "sigmoid"}),
)
