"""The training lesson's data: generated blobs, or a person's own file or text, split into
training and test points."""

import hashlib
from dataclasses import dataclass

import numpy as np
import streamlit as st

from core import make_blobs
from core.csvdata import DataFileError, parse_points, train_test_split
from ui.i18n import plain, t
from ui.lessons.training.charts import view_bounds
from ui.lessons.training.controls import DataSettings
from ui.lessons.training.state import TrainingState


@dataclass(frozen=True)
class LessonData:
    """The points, their classes and which are test points; what the page trains on. Made
    once a page run (``load``): a frame of the animation only reads it."""

    X: np.ndarray  # (n, 2)
    y: np.ndarray  # (n,) class numbers
    class_names: list
    is_test: np.ndarray  # (n,) bool
    seed: int
    X_train: np.ndarray
    y_train: np.ndarray
    X_test: np.ndarray
    y_test: np.ndarray
    key: str  # a run belongs to one data set and split; any other data starts a new run
    bounds: tuple  # the view, ``charts.view_bounds``

    @property
    def n_classes(self) -> int:
        return len(self.class_names)


def load(settings: DataSettings) -> LessonData:
    """The data the settings ask for, split; an error shown for a bad file or text."""
    X, y, class_names = _points(settings)
    train_rows, test_rows = train_test_split(len(y), settings.split, settings.seed)
    is_test = np.zeros(len(y), dtype=bool)
    is_test[test_rows] = True
    key = hashlib.sha256(X.tobytes() + y.tobytes() + is_test.tobytes()).hexdigest()
    return LessonData(
        X,
        y,
        class_names,
        is_test,
        settings.seed,
        X_train=X[train_rows],
        y_train=y[train_rows],
        X_test=X[test_rows],
        y_test=y[test_rows],
        key=key,
        bounds=view_bounds(X),
    )


def _points(settings: DataSettings) -> tuple:
    """``(X, y, class_names)``. A person's last good data of each source: a bad file after
    it is refused and this stays on screen, with its run (the run belongs to the data)."""
    state = TrainingState()
    if settings.upload is None:
        state.forget_good_data(settings.source)  # emptied: a later bad file has nothing to keep
        return _blobs(settings)
    try:
        points = parse_points(settings.upload, max_rows=settings.max_rows)
    except DataFileError as error:
        details = {
            name: plain(value) if isinstance(value, str) else value
            for name, value in error.details.items()
        }
        st.error(t(f"training.csv.{error.code}", **details), icon=":material/error:")
        kept = state.good_data(settings.source)
        if kept is None:
            st.caption(t("training.csv.using_blobs"))
            return _blobs(settings)
        st.caption(t("training.csv.kept", points=len(kept[1]), classes=len(kept[2])))
        return kept
    state.keep_good_data(settings.source, points)
    return points


def _blobs(settings: DataSettings) -> tuple:
    X, y = make_blobs(settings.n, settings.K, settings.spread, settings.seed)
    return X, y, [str(k) for k in range(settings.K)]
