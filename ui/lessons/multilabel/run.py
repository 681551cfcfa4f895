"""The multi-label lesson's data and its training run: what the page computes (cached where
a rerun would repeat it) and the training a frame of the animation does. No widgets, no
charts."""

from dataclasses import dataclass

import numpy as np
import streamlit as st

from core import multilabel as ml
from ui import live
from ui.i18n import t
from ui.lessons.multilabel.controls import DataSettings, TrainingSettings, label_names
from ui.lessons.multilabel.state import LessonState


@st.cache_data(max_entries=16)
def generated(n_points: int, n_labels: int, overlap: float, seed: int):
    X, Y = ml.make_multilabel(n_points, n_labels, overlap, seed)
    return X, Y, ml.features(X)


@dataclass(frozen=True)
class Data:
    """The data both models train on, made from the data settings."""

    settings: DataSettings
    X: np.ndarray  # (n, 2) points
    Y: np.ndarray  # (n, L) multi-hot labels
    F: np.ndarray  # (n, 3) features of X
    centres: np.ndarray  # (L, 2) the labels' discs
    radius: float
    names: list[str]
    floor: float  # the softmax loss's floor H(T)

    @classmethod
    def of(cls, settings: DataSettings) -> "Data":
        X, Y, F = generated(*cls.arguments(settings))
        centres, radius = ml.label_discs(settings.n_labels, settings.overlap)
        names = label_names(settings.n_labels)
        return cls(settings, X, Y, F, centres, radius, names, ml.softmax_loss_floor(Y))

    @staticmethod
    def arguments(settings: DataSettings) -> tuple:
        """``generated``'s arguments."""
        return (settings.n_points, settings.n_labels, settings.overlap, settings.seed)


@st.cache_data(max_entries=16)
def trained(data_args: tuple, n_epochs: int, *, learning_rate: float, l2: float):
    """Both models after ``n_epochs``: what a link shows; ``None`` if the run diverged.
    ``learning_rate``, ``l2``: ``GradientDescent.full_batch_arguments()``."""
    _, Y, F = generated(*data_args)
    try:
        return ml.advance(
            ml.start(F, Y, l2=l2), F, Y, learning_rate=learning_rate, n_epochs=n_epochs, l2=l2
        )
    except ValueError:
        return None


def advance_run(loop: live.Loop, data: Data, training: TrainingSettings) -> None:
    """One frame's epochs of both models; the loop stops if they diverge."""
    lesson = LessonState()
    F, Y = data.F, data.Y
    run = lesson.run()
    if run.epoch >= training.n_epochs:
        run = ml.start(F, Y, l2=training.descent.l2)  # at the end: Play replays from epoch 0
    steps = min(training.epochs_per_frame, training.n_epochs - run.epoch)
    try:
        run = ml.advance(run, F, Y, n_epochs=steps, **training.descent.full_batch_arguments())
    except ValueError:
        loop.stop(t("multilabel.diverged"))
    lesson.keep_run(run)
    if run.epoch >= training.n_epochs and loop.playing:
        loop.pause()
        st.rerun(scope="app")
