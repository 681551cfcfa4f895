"""Training: softmax regression learns by gradient descent on 2-D data, live."""

import hashlib

import numpy as np
import streamlit as st
from streamlit.runtime.scriptrunner import get_script_run_ctx

from core import gradients, liverun, make_blobs
from core.csvdata import DataFileError, parse_points, train_test_split
from core.regions import boundary_segments, confidence_bands
from ui import charts, live, player, process, reveal, study, urlstate
from ui import training_view as view
from ui.i18n import t
from ui.palette import class_colors
from ui.questions import by_id
from ui.shell import is_present, page_setup
from ui.training_controls import data_settings, plain, probability_class, training_settings
from ui.training_panels import (
    compare_losses,
    comparison_pending,
    divergence_message,
    export_buttons,
    inspect_point,
    parameter_tables,
)

page_setup("training")

st.title(t("nav.training"))
st.markdown(t("training.intro"))


# Questions whose answer shows only in a trained state: the reveal trains this many epochs
# from W = 0 (at W = 0 every logit ties and there is no boundary to see).
TRAINED_REVEALS = {"boundaries": 50}
_PRETRAIN = "training.pretrain"  # epochs the next new run trains before it is shown


def reveal_answer(state: dict) -> None:
    """Show a question's answer on generated blobs: its settings, the run reset and paused at
    epoch 0 (a start-from-zero answer needs epoch 0 on screen, whatever ran before), or
    trained ``TRAINED_REVEALS`` epochs for an answer that needs trained parameters."""
    for name, value in state.items():
        urlstate.set_value(name, value)
    urlstate.set_value("training.source", "blobs")
    if state.get("loss") == "mse":
        st.session_state["training.compare"] = True  # both losses side by side
    stopped = live.Loop("training")
    stopped.pause()
    stopped.clear_stop()
    st.session_state.pop("training.data_key", None)  # the page starts a new run
    trained = [
        epochs
        for question_id, epochs in TRAINED_REVEALS.items()
        if (question := by_id(question_id)) is not None and question.reveal == state
    ]
    st.session_state[_PRETRAIN] = trained[0] if trained else 0


study.questions_section("training", on_reveal=reveal_answer)

# 1. The data: generated blobs, or a person's own file.
settings = data_settings()
# A person's last good data of each source: a bad file after it is refused and this stays
# on screen, with its run (the run belongs to the data).
good_key = f"training.good_data.{settings.source}"
if settings.upload is not None:
    try:
        X, y, class_names = parse_points(settings.upload, max_rows=settings.max_rows)
        st.session_state[good_key] = (X, y, class_names)
    except DataFileError as error:
        details = {
            name: plain(value) if isinstance(value, str) else value
            for name, value in error.details.items()
        }
        st.error(t(f"training.csv.{error.code}", **details), icon=":material/error:")
        if good_key in st.session_state:
            X, y, class_names = st.session_state[good_key]
            st.caption(t("training.csv.kept", points=len(y), classes=len(class_names)))
        else:
            X, y = make_blobs(settings.n, settings.K, settings.spread, settings.seed)
            class_names = [str(k) for k in range(settings.K)]
            st.caption(t("training.csv.using_blobs"))
else:
    st.session_state.pop(good_key, None)  # emptied: a later bad file has nothing to keep
    X, y = make_blobs(settings.n, settings.K, settings.spread, settings.seed)
    class_names = [str(k) for k in range(settings.K)]
n_classes = len(class_names)
train_rows, test_rows = train_test_split(len(y), settings.split, settings.seed)
X_train, y_train, X_test, y_test = X[train_rows], y[train_rows], X[test_rows], y[test_rows]
is_test = np.zeros(len(y), dtype=bool)
is_test[test_rows] = True
study.code_expander(
    [make_blobs, train_test_split],
    r"x_i = 3\left(\cos\tfrac{2\pi y_i}{K}, \sin\tfrac{2\pi y_i}{K}\right)"
    r" + \text{spread}\cdot\varepsilon_i,\quad \varepsilon_i \sim \mathcal N(0, I_2)",
)

# 2. How it trains: changing these goes on from where the run is.
hyper = training_settings()

# A run belongs to one data set and seed; any other data starts a new run.
data_key = hashlib.sha256(X.tobytes() + y.tobytes() + is_test.tobytes()).hexdigest()


def start_over() -> None:
    st.session_state["training.run_serial"] = st.session_state.get("training.run_serial", 0) + 1
    st.session_state["training.run"] = liverun.start(
        X_train, y_train, X_test, y_test, n_classes, seed=settings.seed, loss=hyper.loss
    )
    st.session_state["training.data_key"] = data_key
    live.Loop("training").clear_stop()  # an old run's divergence is not this one's


loop = live.Loop("training")
# The gradient-descent settings a divergence happened with: other settings let the run go on.
current_hyper = (hyper.lr, hyper.batch, hyper.l2, hyper.loss)
if st.session_state.get("training.data_key") != data_key:
    start_over()
    pretrain = st.session_state.pop(_PRETRAIN, 0)
    if pretrain:
        st.session_state["training.run"] = liverun.advance(
            st.session_state["training.run"],
            X_train,
            y_train,
            X_test,
            y_test,
            n_epochs=pretrain,
            loss=hyper.loss,
            learning_rate=hyper.lr,
            batch_size=hyper.batch,
            l2=hyper.l2,
            keep_going=process.cpu_budget(),
        )
# Every number shown belongs to the settings of now: the history in the chosen loss, and a
# divergence forgotten once the settings it happened with are changed.
run_now = liverun.with_loss(st.session_state["training.run"], hyper.loss)
if run_now.divergence is not None and (
    st.session_state.get("training.diverged_with") != current_hyper
):
    run_now = liverun.resume(run_now)
    loop.clear_stop()
st.session_state["training.run"] = run_now
with reveal.section("training.section.train"):
    st.subheader(t("training.train_header"))
    live.controls(loop, on_reset=start_over)
    st.caption(t("training.shortcuts"))

bounds = view.view_bounds(X)
points = view.points_arrow(X, y, is_test, bounds)
present = is_present()
# The specs are looked up once per page run, not per tick: hashing the cache key alone
# cost a millisecond or two of every frame.
# Points can be clicked while playing too: the click selection is part of the spec from the
# start, so Play and Pause do not redraw the chart from scratch, and registering the chart
# as a widget added no measurable server time per frame (6.3–6.6 ms either way, AppTest,
# K = 5, 500 points per class). A click reruns the page once, like any other widget.
regions_spec = view.regions_spec(tuple(class_names), bounds, True)


def pick_point() -> None:
    """A click on a point of the regions chart chooses it for "Inspect a point" below."""
    picked = view.picked_point(st.session_state["training.chart"], len(y))
    if picked is not None:
        st.session_state["training.point"] = picked
        st.session_state["training.picked"] = True


curves_spec = view.curves_spec(bool(len(y_test)))


player_points = player.points_data(X, y, is_test, bounds)
player_style = {
    "names": list(class_names),
    "colors": class_colors(n_classes),
    "labels": {
        "epoch": t("training.epoch"),
        "train": t("training.chart.train"),
        "test": t("training.chart.test"),
    },
    "bounds": [float(v) for v in bounds],
    "height": charts.height(460),
    "present": present,
    "pointSize": 90 if present else 40,
    "lineWidth": charts.line_width() * 0.8,
    "opacity": view.BAND_OPACITY,
}


def advance(run, keep_going):
    """The next frame's epochs, fewer once ``keep_going`` says this run's work is spent."""
    return liverun.advance(
        run,
        X_train,
        y_train,
        X_test,
        y_test,
        n_epochs=hyper.epochs_per_frame,
        loss=hyper.loss,
        learning_rate=hyper.lr,
        batch_size=hyper.batch,
        l2=hyper.l2,
        keep_going=keep_going,
    )


def diverged(run) -> None:
    """Stop the loop with the message, noting the settings it diverged with."""
    st.session_state["training.diverged_with"] = current_hyper
    loop.stop(divergence_message(run.divergence, hyper.lr))


# Pixels: the replay slider's height (measured in Chromium), left empty while playing.
REPLAY_HEIGHT = {False: 68, True: 134}


def play_batch(shown_class: int | None) -> None:
    """While playing: train a batch of frames (``process.CHUNK`` on a tick, a few when a
    person changed something) and hand them to the canvas, which paints one per display
    frame (ui/player.py says why). A tick that came too early trains nothing and shows the
    last batch again: the server sets the pace (ui/process.py)."""
    run = st.session_state["training.run"]
    frames = []
    if live.timer_tick():
        share = process.shared().batch(session, pace.tick)  # the share of this process now
        if share is None:  # the class stopped playing: a page run sets a faster timer
            st.rerun(scope="app")
        count, fps = share.frames, share.fps
        chunk = count
    else:
        count, fps, chunk = player.CHUNK_ON_PAGE_RUN, pace.fps, process.CHUNK
    # Where the replay slider stands when paused, so Play and Pause do not move the chart.
    st.space(REPLAY_HEIGHT[present])
    last = st.session_state.get("training.player_last")
    if count == 0 and last is not None:
        player.show(**last)
        return
    keep_going = process.cpu_budget()
    for index in range(count):
        if index and not keep_going():  # the rest of the batch waits for the next tick
            break
        live.give_way()
        run = advance(run, keep_going)
        if run.divergence is not None:
            break
        frames.append((run.epoch, *view.region_shapes(run.W, run.b, bounds, shown_class)))
    st.session_state["training.run"] = run
    st.session_state["training.shown"] = (run.epoch, run.W, run.b)
    if run.divergence is not None:
        diverged(run)
    seq = st.session_state["training.player_seq"] = (
        st.session_state.get("training.player_seq", 0) + 1
    )
    shown = st.session_state["training.player_last"] = {
        "key": "training.player",
        "frames": player.batch_data(frames, bounds),
        "points": player_points,
        "run": st.session_state.get("training.run_serial", 0),
        "seq": seq,
        "style": player_style,
        "fps": fps,
        "chunk": chunk,
    }
    player.show(**shown)


# A plain dict, not session state: the downloads read it on click, outside a script run.
export_view = st.session_state.setdefault("training.export_view", {})


def frame(advance_now: bool) -> None:
    """The animated part: train, then the epoch and the regions chart, every tick."""
    # The map switch lives in the animated part: flipping it reruns only this part, not the
    # page (a whole class flipping it while training, bench/bench_load.py, issue #7).
    shown_class = probability_class(class_names)
    export_view["class"] = shown_class  # what the chart downloads draw, read on click
    if loop.playing:
        play_batch(shown_class)
        return
    run = st.session_state["training.run"]
    if advance_now:  # Step
        run = advance(run, process.cpu_budget())
        st.session_state["training.run"] = run
        if run.divergence is not None:
            diverged(run)
    epoch, W, b = run.epoch, run.W, run.b
    if not loop.playing and run.epoch > 0:
        kept = [kept_epoch for kept_epoch, _, _ in run.snapshots]
        epoch = st.select_slider(
            t("training.replay"),
            kept,
            value=kept[-1],
            key=f"training.replay.{run.epoch}",
            help=t("training.replay_help"),
            on_change=lambda: st.session_state.update({"training.replayed": True}),
        )
        epoch, W, b = liverun.snapshot_at(run, epoch)
    st.session_state["training.shown"] = (epoch, W, b)  # what ``panels`` shows
    st.metric(t("training.epoch"), f"{epoch}")
    # Regions as exact convex polygons (core/regions.py says why not a pixel grid), the
    # same picture the canvas paints while playing.
    shapes, segments = view.region_shapes(W, b, bounds, shown_class)
    charts.show_spec(
        regions_spec,
        {
            "polygons": view.polygon_arrow(shapes),
            "boundaries": view.boundary_arrow(segments),
            "points": points,
        },
        key="training.chart",
        on_select=pick_point,
        selection_mode=view.PICK,
    )
    # A click or a replayed epoch reruns only this fragment; the inspected point and the
    # panels are drawn outside it.
    if st.session_state.pop("training.picked", False) | st.session_state.pop(
        "training.replayed", False
    ):
        st.rerun(scope="app")


def panels() -> None:
    """The numbers, curves, W, b and gradients of the epoch ``frame`` shows, a few times a
    second."""
    run = st.session_state["training.run"]
    epoch = st.session_state["training.shown"][0]
    row = run.history[np.searchsorted(run.history[:, 0], epoch)]
    with st.container(horizontal=True):
        st.metric(t("training.train_loss"), f"{row[1]:.4f}")
        st.metric(t("training.train_accuracy"), f"{row[3]:.1%}")
        if len(y_test):
            st.metric(t("training.test_accuracy"), f"{row[4]:.1%}")
    charts.show_spec(curves_spec, {"history": view.history_arrow(run.history, upto=epoch)})
    _, W, b = st.session_state["training.shown"]
    grad_W, grad_b = gradients(X_train, y_train, W, b, loss=hyper.loss, l2=hyper.l2)
    parameter_tables(W, b, grad_W, grad_b, loss=hyper.loss, l2=hyper.l2)


# Two fragments: what moves (the regions) ticks every ``pace.tick`` seconds with a batch
# of frames the canvas paints one by one (ui/player.py); what a person reads (numbers,
# curves, W, b and gradients) every ``pace.panels`` seconds (four times a second alone).
# bench/bench_training.py, K = 5, 500 points per class, quiet machine:
#   Vega chart redrawn every tick, one frame a tick     10–12 painted fps, 13–15 ms CPU a frame
#   canvas, 12 frames a tick                             26 painted fps, 5.5–6 ms CPU a frame
# How fast this session animates: shared fairly among every session playing on this
# server process (ui/process.py).
session = get_script_run_ctx().session_id
if loop.playing:
    pace = process.shared().pace(session)
else:
    process.shared().leave(session)
    pace = process.Process.pace_alone()
left, right = st.columns([3, 2])
with left:
    live.animate(loop, frame, interval=pace.tick)
with right:
    live.every(loop, panels, interval=pace.panels)
    st.caption(t("training.params_caption", classes=", ".join(map(plain, class_names))))
# Outside the animated fragment: a tick re-sends only what changes.
study.code_expander(
    [liverun.advance, gradients, confidence_bands, boundary_segments],
    r"\begin{aligned} W &\leftarrow W - \alpha \nabla_W J,\quad"
    r" \nabla_W J = \tfrac{1}{n} X^\top(\hat Y - Y) + \lambda W \\"
    r" R_k &= \{x : (w_k - w_j)\cdot x + b_k - b_j \ge 0 \ \ \forall j \ne k\}"
    r" \end{aligned}",
)

# 3. Beyond the live view: one point up close, the two losses side by side, downloads.
run = st.session_state["training.run"]
inspect_point(X, y, is_test, run.W, run.b, class_names, n_train=len(y_train), loss=hyper.loss)
# A long comparison trains in bounded steps (ui/process.py): while one is half trained,
# its section runs again every ``COMPARE_INTERVAL`` seconds, showing its progress.
COMPARE_INTERVAL = 0.2
timed = comparison_pending()


def compare_section() -> None:
    compare_losses(
        X_train,
        y_train,
        n_classes,
        hyper,
        seed=settings.seed,
        bounds=bounds,
        class_names=class_names,
    )
    if comparison_pending() != timed:  # started or finished: the page sets its timer
        st.rerun(scope="app")


with reveal.section("training.section.compare"):
    st.fragment(compare_section, run_every=COMPARE_INTERVAL if timed else None)()
export_buttons(
    run,
    class_names,
    X=X,
    y=y,
    is_test=is_test,
    bounds=bounds,
    probability_class=lambda: export_view.get("class"),
)

study.next_lesson("training")
