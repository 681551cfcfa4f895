"""One frame of the multi-label lesson's live training (``ui.live.animate``): both models
train a little, then everything training changes is drawn: the losses, one label's maps,
the predicted label sets, the scores and the picked point."""

from dataclasses import dataclass

import numpy as np
import streamlit as st

from core import multilabel as ml
from ui import charts, live
from ui.formula import number
from ui.i18n import t
from ui.lessons.multilabel import charts as lesson_charts
from ui.lessons.multilabel import live_charts
from ui.lessons.multilabel.controls import Rules, TrainingSettings, label_set, model_title
from ui.lessons.multilabel.run import Data, advance_run
from ui.lessons.multilabel.state import LessonState


@dataclass(frozen=True)
class Looking:
    """How label sets are predicted, and what is looked at."""

    rules: Rules
    label: int  # the label the probability maps show
    point: int  # the point whose outputs are shown


def _side_by_side(spec: dict, per_model: dict) -> None:
    """One chart per model, side by side; ``per_model``: model → its datasets."""
    for column, model in zip(st.columns(2, gap="large"), ml.MODELS, strict=True):
        with column:
            st.markdown(f"**{model_title(model)}**")
            charts.show_spec(spec, per_model[model], width="content")


@dataclass(frozen=True)
class Frame:
    """What every frame draws with. What does not change while training is prepared once
    per page run (``prepare``), so a tick computes and sends only data (live_charts.py says
    why the specs are built once)."""

    loop: live.Loop
    data: Data
    training: TrainingSettings
    looking: Looking
    grid_features: np.ndarray  # the maps' cells, as features
    loss_spec: dict
    map_spec: dict
    map_static: dict  # the maps' datasets training leaves alone
    sets_spec: dict
    discs: bytes  # the sets charts' disc outlines
    point_spec: dict


def prepare(loop: live.Loop, data: Data, training: TrainingSettings, looking: Looking) -> Frame:
    centres, radius = data.centres, data.radius
    extent = lesson_charts.plane_extent(centres, radius)
    return Frame(
        loop,
        data,
        training,
        looking,
        grid_features=ml.features(live_charts.grid_points(centres, radius)),
        loss_spec=live_charts.loss_spec(training.n_epochs),
        map_spec=live_charts.map_spec(data.settings.n_labels, looking.label, extent),
        map_static=live_charts.map_static_datasets(
            data.X, data.Y[:, looking.label] == 1, centres[looking.label], radius
        ),
        sets_spec=live_charts.sets_spec(extent),
        discs=live_charts.discs_dataset(centres, radius),
        point_spec=live_charts.point_spec(data.settings.n_labels),
    )


def draw(frame: Frame, advance: bool) -> None:
    """``frame(advance)`` of ``live.animate``: train if asked, then draw."""
    if advance:
        advance_run(frame.loop, frame.data, frame.training)
    run = LessonState().run()
    F = frame.data.F
    P = {model: ml.probabilities(F, *run.params[model], model=model) for model in ml.MODELS}
    sets = _predicted_sets(frame.looking.rules, P)
    _losses(frame, run)
    _maps(frame, run)
    _sets(frame, sets)
    _metrics(frame, sets)
    _point(frame, P, sets)


def _predicted_sets(rules: Rules, P: dict) -> dict:
    if rules.softmax_rule == "topk":
        softmax_sets = ml.predict_top_k(P["softmax"], rules.k)
    else:
        softmax_sets = ml.predict_threshold(P["softmax"], rules.softmax_threshold)
    return {
        "softmax": softmax_sets,
        "sigmoid": ml.predict_threshold(P["sigmoid"], rules.thresholds),
    }


def _losses(frame: Frame, run: ml.Run) -> None:
    floor = frame.data.floor
    st.subheader(t("multilabel.training_header"))
    counters = st.columns(3)
    counters[0].metric(t("multilabel.epoch"), f"{run.epoch} / {frame.training.n_epochs}")
    counters[1].metric(model_title("softmax"), number(run.history[-1, 1], 4))
    counters[2].metric(model_title("sigmoid"), number(run.history[-1, 2], 4))
    charts.show_spec(frame.loss_spec, live_charts.loss_datasets(run.history, floor))
    st.caption(t("multilabel.loss_note", floor=number(floor, 3)))


def _maps(frame: Frame, run: ml.Run) -> None:
    label = frame.looking.label
    st.subheader(t("multilabel.maps_header", name=frame.data.names[label]))
    _side_by_side(
        frame.map_spec,
        {
            model: {
                **frame.map_static,
                "cells": live_charts.map_cells(
                    ml.probabilities(frame.grid_features, *run.params[model], model=model)[:, label]
                ),
            }
            for model in ml.MODELS
        },
    )


def _sets(frame: Frame, sets: dict) -> None:
    X, Y = frame.data.X, frame.data.Y
    st.subheader(t("multilabel.sets_header"))
    _side_by_side(
        frame.sets_spec,
        {
            model: {
                "points": live_charts.sets_points(X, ml.set_outcomes(Y, sets[model])),
                "discs": frame.discs,
            }
            for model in ml.MODELS
        },
    )


def _metrics(frame: Frame, sets: dict) -> None:
    Y = frame.data.Y
    st.subheader(t("multilabel.metrics_header"))
    metrics = {
        model: (
            ml.subset_accuracy(Y, sets[model]),
            ml.hamming_loss(Y, sets[model]),
            ml.per_label_scores(Y, sets[model]),
        )
        for model in ml.MODELS
    }
    st.table(live_charts.metrics_table(frame.data.names, metrics))
    st.caption(t("multilabel.metrics_note"))


def _point(frame: Frame, P: dict, sets: dict) -> None:
    picked, names = frame.looking.point, frame.data.names
    st.subheader(t("multilabel.point_header", index=picked))
    outputs = {model: P[model][picked] for model in ml.MODELS}
    charts.show_spec(frame.point_spec, live_charts.point_datasets(outputs, frame.looking.rules))
    lines = [t("multilabel.true_set", labels=label_set(frame.data.Y[picked], names))]
    for model in ml.MODELS:
        lines.append(
            t(
                "multilabel.predicted_set",
                model=model_title(model),
                labels=label_set(sets[model][picked], names),
                total=number(outputs[model].sum(), 3),
            )
        )
    st.markdown("\n".join(f"- {line}" for line in lines))
