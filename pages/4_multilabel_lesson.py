"""Multi-label: softmax against one sigmoid per label (docs/course.md §6)."""

import numpy as np
import streamlit as st

from core import multilabel as ml
from ui import charts, formula, live, reveal, study
from ui.formula import number
from ui.i18n import t
from ui.lessons.multilabel import charts as lesson_charts
from ui.lessons.multilabel import controls, live_charts
from ui.shell import page_setup

page_setup("multilabel")

st.title(t("nav.multilabel"))
st.markdown(t("multilabel.intro"))
study.questions_section("multilabel")

# --- 1. One example first: one picture, three labels --------------------------------------
with reveal.section("multilabel.section.example"):
    st.header(t("multilabel.example_header"))
st.markdown(t("multilabel.example_intro"))
picture, sliders = st.columns([3, 2], gap="large")
with picture:
    charts.show(lesson_charts.scene_chart())
    st.caption(t("multilabel.scene_caption"))
with sliders:
    scores = controls.example_scores()
example_names = controls.label_names(len(controls.EXAMPLE_LABELS))
soft, sig = ml.compare_activations(scores)
charts.show(lesson_charts.example_chart(example_names, soft, sig))
left, right = st.columns(2)
left.metric(t("multilabel.softmax_sum"), number(soft.sum(), 4))
left.metric(t("multilabel.above_half"), int(np.sum(soft > 0.5)))
right.metric(t("multilabel.sigmoid_sum"), number(sig.sum(), 4))
right.metric(t("multilabel.above_half"), int(np.sum(sig > 0.5)))
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

# --- 2. The data: every label a disc, the discs overlap ------------------------------------
st.header(t("multilabel.data_header"))
st.markdown(t("multilabel.data_intro"))
settings_column, chart_column = st.columns([1, 2], gap="large")
with settings_column:
    data = controls.data_settings()


@st.cache_data(max_entries=16)
def generated(n_points: int, n_labels: int, overlap: float, seed: int):
    X, Y = ml.make_multilabel(n_points, n_labels, overlap, seed)
    return X, Y, ml.features(X)


X, Y, F = generated(data.n_points, data.n_labels, data.overlap, data.seed)
centres, radius = ml.label_discs(data.n_labels, data.overlap)
names = controls.label_names(data.n_labels)
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
    radius=float(radius),
)
study.code_expander(
    [ml.make_multilabel, ml.label_discs, ml.features],
    r"y_l = [\lVert x - c_l \rVert \le \rho],\quad"
    r" c_l = (\cos\theta_l, \sin\theta_l),\ \theta_l = \tfrac{\pi}{2} + \tfrac{2\pi l}{L},"
    r"\quad \phi(x) = (x_1, x_2, x_1^2 + x_2^2)",
)

# --- 3. Two models on the same data ---------------------------------------------------------
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
training = controls.training_settings()
floor = ml.softmax_loss_floor(Y)


@st.cache_data(max_entries=16)
def trained(data_args: tuple, learning_rate: float, l2: float, n_epochs: int):
    """Both models after ``n_epochs``: what a link shows; ``None`` if the run diverged."""
    _, Y, F = generated(*data_args)
    try:
        return ml.advance(
            ml.start(F, Y, l2=l2), F, Y, learning_rate=learning_rate, n_epochs=n_epochs, l2=l2
        )
    except ValueError:
        return None


loop = live.Loop("multilabel")
run_key = (data, training)


def start_over() -> None:
    st.session_state["multilabel.run"] = ml.start(F, Y, l2=training.l2)


if st.session_state.get("multilabel.run_key") != run_key:
    # New settings: show where they lead after the chosen number of epochs (a link shows
    # the same), and pause; Play then replays the training from epoch 0.
    st.session_state["multilabel.run_key"] = run_key
    finished = trained(
        (data.n_points, data.n_labels, data.overlap, data.seed),
        training.learning_rate,
        training.l2,
        training.n_epochs,
    )
    if finished is None:
        start_over()
        st.session_state["multilabel.diverged"] = True
    else:
        st.session_state["multilabel.run"] = finished
        st.session_state["multilabel.diverged"] = False
    loop.pause()

live.controls(loop, on_reset=start_over)
st.caption(
    t(
        "multilabel.play_note",
        epochs=training.n_epochs,
        chunk=training.epochs_per_frame,
    )
)
if st.session_state.get("multilabel.diverged"):
    st.error(t("multilabel.diverged"), icon=":material/warning:")

st.subheader(t("multilabel.rules_header"))
rules = controls.prediction_rules(data.n_labels)
shown_label = controls.label_picker(data.n_labels)
picked = controls.point_picker(Y)
with chart_slot:
    lesson_charts.show_square(
        lesson_charts.data_chart(X, Y, centres, radius, picked),
        on_select=lambda: controls.pick_from_chart("multilabel.data_chart", Y),
        key="multilabel.data_chart",
        selection_mode="pick",
    )
grid = live_charts.grid_points(centres, radius)
grid_features = ml.features(grid)


def predicted_sets(P: dict) -> dict:
    if rules.softmax_rule == "topk":
        softmax_sets = ml.predict_top_k(P["softmax"], rules.k)
    else:
        softmax_sets = ml.predict_threshold(P["softmax"], rules.softmax_threshold)
    return {
        "softmax": softmax_sets,
        "sigmoid": ml.predict_threshold(P["sigmoid"], rules.thresholds),
    }


def advance_run() -> None:
    run = st.session_state["multilabel.run"]
    if run.epoch >= training.n_epochs:
        run = ml.start(F, Y, l2=training.l2)  # at the end: Play replays from epoch 0
    steps = min(training.epochs_per_frame, training.n_epochs - run.epoch)
    try:
        run = ml.advance(
            run, F, Y, learning_rate=training.learning_rate, n_epochs=steps, l2=training.l2
        )
    except ValueError:
        loop.stop(t("multilabel.diverged"))
    st.session_state["multilabel.run"] = run
    if run.epoch >= training.n_epochs and loop.playing:
        loop.pause()
        st.rerun(scope="app")


# The live charts' specs are looked up once per page run, not per tick; a tick only sends
# their data (ui/lessons/multilabel/live_charts.py says why).
extent = lesson_charts.plane_extent(centres, radius)
loss_spec = live_charts.loss_spec(training.n_epochs)
map_spec = live_charts.map_spec(data.n_labels, shown_label, extent)
map_static = live_charts.map_static_datasets(
    X, Y[:, shown_label] == 1, centres[shown_label], radius
)
sets_spec = live_charts.sets_spec(extent)
discs = live_charts.discs_dataset(centres, radius)
point_spec = live_charts.point_spec(data.n_labels)


def side_by_side(spec: dict, per_model: dict) -> None:
    """One chart per model, side by side; ``per_model``: model → its datasets."""
    for column, model in zip(st.columns(2, gap="large"), ml.MODELS, strict=True):
        with column:
            st.markdown(f"**{controls.model_title(model)}**")
            charts.show_spec(spec, per_model[model], width="content")


def frame(advance: bool) -> None:
    if advance:
        advance_run()
    run = st.session_state["multilabel.run"]
    P = {model: ml.probabilities(F, *run.params[model], model=model) for model in ml.MODELS}
    sets = predicted_sets(P)

    st.subheader(t("multilabel.training_header"))
    counters = st.columns(3)
    counters[0].metric(t("multilabel.epoch"), f"{run.epoch} / {training.n_epochs}")
    counters[1].metric(controls.model_title("softmax"), number(run.history[-1, 1], 4))
    counters[2].metric(controls.model_title("sigmoid"), number(run.history[-1, 2], 4))
    charts.show_spec(loss_spec, live_charts.loss_datasets(run.history, floor))
    st.caption(t("multilabel.loss_note", floor=number(floor, 3)))

    st.subheader(t("multilabel.maps_header", name=names[shown_label]))
    side_by_side(
        map_spec,
        {
            model: {
                **map_static,
                "cells": live_charts.map_cells(
                    ml.probabilities(grid_features, *run.params[model], model=model)[:, shown_label]
                ),
            }
            for model in ml.MODELS
        },
    )

    st.subheader(t("multilabel.sets_header"))
    side_by_side(
        sets_spec,
        {
            model: {
                "points": live_charts.sets_points(X, ml.set_outcomes(Y, sets[model])),
                "discs": discs,
            }
            for model in ml.MODELS
        },
    )

    st.subheader(t("multilabel.metrics_header"))
    metrics = {
        model: (
            ml.subset_accuracy(Y, sets[model]),
            ml.hamming_loss(Y, sets[model]),
            ml.per_label_scores(Y, sets[model]),
        )
        for model in ml.MODELS
    }
    st.table(live_charts.metrics_table(names, metrics))
    st.caption(t("multilabel.metrics_note"))

    st.subheader(t("multilabel.point_header", index=picked))
    outputs = {model: P[model][picked] for model in ml.MODELS}
    charts.show_spec(point_spec, live_charts.point_datasets(outputs, rules))
    lines = [t("multilabel.true_set", labels=controls.label_set(Y[picked], names))]
    for model in ml.MODELS:
        lines.append(
            t(
                "multilabel.predicted_set",
                model=controls.model_title(model),
                labels=controls.label_set(sets[model][picked], names),
                total=number(outputs[model].sum(), 3),
            )
        )
    st.markdown("\n".join(f"- {line}" for line in lines))


live.animate(loop, frame)
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

# --- 4. Why softmax is the wrong tool here --------------------------------------------------
with reveal.section("multilabel.section.why"):
    st.header(t("multilabel.why_header"))
st.markdown(t("multilabel.why_softmax", floor=number(floor, 3)))
st.markdown(t("multilabel.why_sigmoid"))

study.next_lesson("multilabel")
