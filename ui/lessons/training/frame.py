"""The training lesson's live view: one fragment ticks every ``pace.tick`` seconds with a
batch of frames; the picture paints them one by one (player.py) and, with each, the
numbers beside it (readout.py), so what a person reads is the frame on screen. How fast a
session animates is shared fairly among every session playing on this server process
(``ui.process``; bench/README.md has the figures)."""

from dataclasses import dataclass

import numpy as np
import streamlit as st
from streamlit.runtime.scriptrunner import get_script_run_ctx

from core import gradients, liverun, render
from ui import charts, live, process, viewport
from ui.i18n import plain, t
from ui.lessons.training import charts as view
from ui.lessons.training import player, readout
from ui.lessons.training.controls import TrainingSettings, probability_class
from ui.lessons.training.data import LessonData
from ui.lessons.training.panels import gradient_rules
from ui.lessons.training.run import advance, catch_up, diverged
from ui.lessons.training.state import PLAYER, TrainingState
from ui.palette import class_colors
from ui.shell import is_present

# Pixels: the replay slider's height (measured in Chromium), left empty while playing.
REPLAY_HEIGHT = {False: 68, True: 134}
# Pixels: the numbers above the picture in projection mode (measured in Chromium).
HEAD_HEIGHT = 92


@dataclass(frozen=True)
class Frame:
    """What every frame draws with, prepared once per page run (``prepare``), so a tick
    computes and sends only data (charts.py says why the specs are built once)."""

    loop: live.Loop
    data: LessonData
    hyper: TrainingSettings
    present: bool
    player_points: dict
    player_style: dict
    session: str
    pace: process.Pace
    one_screen: bool = False


def prepare(
    loop: live.Loop, data: LessonData, hyper: TrainingSettings, *, one_screen: bool = False
) -> Frame:
    """What every frame draws with; ``one_screen``: the regions chart's height fits the
    window (projection mode, settings out of the way)."""
    # The specs are looked up once per page run, not per tick: hashing the cache key alone
    # was a noticeable part of every frame. Points are hovered and clicked on the canvas
    # (player.py); a click reruns the page once, like any other widget.
    present, bounds = is_present(), data.bounds
    chart_height = charts.height(460)
    if one_screen and present:  # the room below the Play row (ui/viewport.py)
        chart_height = max(300, viewport.fit(chart_height + HEAD_HEIGHT) - HEAD_HEIGHT)
    numbers = [t("training.train_loss"), t("training.train_accuracy")]
    if len(data.y_test):
        numbers.append(t("training.test_accuracy"))
    style = {
        "names": list(data.class_names),
        "colors": class_colors(data.n_classes),
        "labels": {
            "epoch": t("training.epoch"),
            "numbers": numbers,
            "train": t("training.chart.train"),
            "test": t("training.chart.test"),
            "point": t("training.chart.point"),
            "class": t("training.chart.class"),
            "clickToInspect": t("training.chart.click"),
            "fullscreen": t("training.chart.fullscreen"),
        },
        "bounds": [float(v) for v in bounds],
        "height": chart_height,
        "present": present,
        "opacity": view.BAND_OPACITY,
        "picture": render.STYLE,  # what the PNG and SVG downloads draw with too
        "playButton": f".st-key-{loop.key}-play button",  # Play paints the frames ahead
    }
    session = get_script_run_ctx().session_id
    if loop.playing:
        pace = process.shared().pace(session)
    else:
        process.shared().leave(session)
        pace = process.Process.pace_alone()
    pace = pace.slowed(hyper.frame_rate)  # a lecturer's slow speed
    return Frame(
        loop,
        data,
        hyper,
        present,
        player_points=player.points_data(data.X, data.y, data.is_test, bounds),
        player_style=style,
        session=session,
        pace=pace,
        one_screen=one_screen and present,
    )


def show(frame: Frame) -> None:
    """The regions on the left, the panels on the right (on one screen as wide: the
    picture is lower there, and the numbers, W, b and the gradients need the room)."""
    if frame.one_screen:
        viewport.probe()  # right above the picture: how much room the window leaves it
    left, right = st.columns([1, 1] if frame.one_screen else [3, 2])
    with left:
        live.animate(
            frame.loop,
            lambda now: draw(frame, now),
            interval=frame.pace.tick,
            busy=TrainingState().aim() is not None,  # a link's run training to its epoch
        )
    with right:
        # W, b, the gradients and the curves of the frame on screen, drawn by the picture's
        # frames (readout.py): nothing here ticks.
        data = frame.data
        readout.show(
            n_classes=data.n_classes,
            n_inputs=data.X.shape[1],
            has_test=bool(len(data.y_test)),
            present=frame.present,
        )
        if not frame.one_screen:
            gradient_rules(frame.hyper.loss, frame.hyper.descent.l2)
        names = ", ".join(map(plain, data.class_names))
        st.caption(t("training.params_caption", classes=names))


def play_batch(frame: Frame, shown_class: int | None, replay_slot) -> None:
    """While playing: train a batch of frames (``process.CHUNK`` on a tick, a few when a
    person changed something) and hand them to the canvas, which paints one per display
    frame (player.py says why). A tick that came too early trains nothing and shows the
    last batch again: the server sets the pace (ui/process.py)."""
    state, data = TrainingState(), frame.data
    if live.timer_tick():
        # This process's share, at most the speed asked for.
        share = process.shared().batch(frame.session, frame.pace.tick, frame.hyper.frame_rate)
        if share is None:  # the class stopped playing: a page run sets a faster timer
            st.rerun(scope="app")
        count, fps = share.frames, share.fps
        chunk = count
    else:
        count, fps, chunk = process.CHUNK_ON_PAGE_RUN, frame.pace.fps, process.CHUNK
        if fps <= process.SLOW_FPS:  # a slow speed: the frames until the first tick, so
            count = round(fps * frame.pace.tick)  # the picture goes on (few and cheap)
        count = min(count, max(1, round(fps * frame.pace.tick)))  # no more than a tick's
    # Where the replay slider stands when paused, so Play and Pause move nothing below.
    replay_slot.space(REPLAY_HEIGHT[frame.present])
    last = state.last_batch()
    if (count == 0 or (live.timer_tick() and live.over_share())) and last and last["playing"]:
        _show(frame, last)
        return
    start = state.run()
    run, frames, extras = _train_frames(frame, start, count, shown_class)
    state.keep_run(run)
    state.show(run.epoch, run.W, run.b)
    if run.divergence is not None:
        diverged(frame.loop, run, frame.hyper)
    batch = {**player.batch_data(frames, data.bounds, extras["numbers"]), **extras["readout"]}
    if not live.timer_tick():  # a page run: the canvas may be new, send the run's past
        batch["history"] = _past(run.history, start.epoch + 1)
    _send(frame, batch, playing=True, fps=fps, chunk=chunk)


def _send(frame: Frame, frames: dict, *, playing: bool, fps: float, chunk: int) -> None:
    """A new batch for the canvas, kept to be sent again by a tick that trains nothing."""
    state = TrainingState()
    batch = {
        "frames": frames,
        "run": state.run_serial(),
        "seq": state.next_batch_number(),
        "fps": fps,
        "chunk": chunk,
        "playing": playing,
    }
    state.keep_last_batch(batch)
    _show(frame, batch)


def _show(frame: Frame, batch: dict) -> None:
    player.show(
        key=PLAYER,
        points=frame.player_points,
        style=frame.player_style,
        on_pick=lambda: _pick_point(len(frame.data.y)),
        on_held=lambda: _hold(frame.loop),
        **batch,
    )


def _train_frames(frame: Frame, run, count: int, shown_class: int | None):
    """Up to ``count`` frames of training, each one's picture and numbers; fewer once this
    run's work is spent or the run diverges. Each frame's run is marked, for Pause."""
    frames, numbers, params, rows, marks = [], [], [], [], []
    keep_going = live.budget(background=live.timer_tick())
    for index in range(count):
        if index and not keep_going():  # the rest of the batch waits for the next tick
            break
        live.give_way()
        run = advance(run, frame.data, frame.hyper, frame.hyper.epochs_per_frame, keep_going)
        if run.divergence is not None:
            break
        frames.append(
            (run.epoch, *view.region_shapes(run.W, run.b, frame.data.bounds, shown_class))
        )
        numbers.append(frame_numbers(frame, run.history[-1]))
        params.append(_params(frame, run, run.W, run.b))
        rows.append(readout.history_rows(run.history[-1:])[0])
        marks.append(liverun.mark(run))
    TrainingState().mark(marks)
    return run, frames, {"numbers": numbers, "readout": {"params": params, "rows": rows}}


def _params(frame: Frame, run, W, b) -> dict:
    """W, b (the run's, or a replayed epoch's) and the gradients at them as text, for the
    readout (readout.py): at the run's own, from the probabilities it measured there."""
    data, settings = frame.data, {"loss": frame.hyper.loss, "l2": frame.hyper.descent.l2}
    if W is run.W and b is run.b:
        grads = liverun.gradients_at(run, data.X_train, data.y_train, **settings)
    else:
        grads = gradients(data.X_train, data.y_train, W, b, **settings)
    return readout.frame_params(W, b, *grads)


def _past(history, before: int) -> list:
    """The history rows before epoch ``before``, at most ``CURVE_POINTS`` evenly spread,
    for the curves (readout.py)."""
    history = history[view.history_column(history, "epoch") < before]
    if len(history) > view.CURVE_POINTS:
        history = history[np.linspace(0, len(history) - 1, view.CURVE_POINTS).round().astype(int)]
    return readout.history_rows(history)


def frame_numbers(frame: Frame, row) -> list[str]:
    """A history row's loss and accuracies as the picture's head shows them."""
    row = dict(zip(liverun.HISTORY_FIELDS, row, strict=True))
    shown = [f"{row['train_loss']:.4f}", f"{row['train_accuracy']:.1%}"]
    if len(frame.data.y_test):
        shown.append(f"{row['test_accuracy']:.1%}")
    return shown


def draw(frame: Frame, advance_now: bool) -> None:
    """The animated part: train, then the epoch and the regions chart, every tick."""
    state = TrainingState()
    # The epoch and the picture first, the replay slider and the map switch below them: on
    # one screen the picture comes right after the Play row (issue #12).
    picture, replay_slot = st.container(), st.container()
    # The map switch lives in the animated part: flipping it reruns only this part, not the
    # page (a whole class flipping it while training, bench/bench_load.py, issue #7).
    shown_class = probability_class(frame.data.class_names)
    state.export_view().probability_class = shown_class  # what the chart downloads draw
    with picture:
        # The same elements playing or paused, so the canvas is never replaced.
        progress_slot = st.container()
        if frame.loop.playing:
            play_batch(frame, shown_class, replay_slot)
        else:
            _paused(frame, advance_now, shown_class, progress_slot, replay_slot)
    # A click, a replayed epoch or a held frame reruns only this fragment; the inspected
    # point and the panels are drawn outside it.
    if state.take_rerun_wish():
        st.rerun(scope="app")


def _paused(
    frame: Frame, advance_now: bool, shown_class: int | None, progress_slot, replay_slot
) -> None:
    """Paused: a Step (or a link's run going on towards its epoch), and the picture of the
    epoch on screen (the replay's), as a batch of one frame."""
    state = TrainingState()
    if state.aim() is not None:
        with progress_slot:
            _catch_up(frame)
    run = state.run()
    if advance_now:  # Step
        run = advance(
            run, frame.data, frame.hyper, frame.hyper.epochs_per_frame, process.cpu_budget()
        )
        state.keep_run(run)
        if run.divergence is not None:
            diverged(frame.loop, run, frame.hyper)
    with replay_slot:
        epoch, W, b = _replayed(run)
    state.show(epoch, W, b)  # the epoch on screen, for the link (sections.view_in_url)
    # Regions as exact convex polygons (core/regions.py says why not a pixel grid).
    shapes, segments = view.region_shapes(W, b, frame.data.bounds, shown_class)
    row = history_row(run.history, epoch)
    numbers = frame_numbers(frame, row.values())
    batch = player.batch_data([(epoch, shapes, segments)], frame.data.bounds, [numbers])
    batch["params"] = [_params(frame, run, W, b)]
    batch["rows"] = readout.history_rows([list(row.values())])
    batch["history"] = _past(run.history, epoch)
    # Which answer to a Pause this batch comes after: the canvas keeps its frame until then.
    answer = view.held_answer(state.player_said("held"), state.run_serial())
    batch["answered"] = answer[1] if answer else None
    if epoch == run.epoch and run.divergence is None and state.aim() is None:
        # The frames Play trains first, painted as soon as Play is clicked (player.js).
        _, ahead, extras = _train_frames(frame, run, process.CHUNK_ON_PAGE_RUN, shown_class)
        batch["ahead"] = {
            **player.batch_data(ahead, frame.data.bounds, extras["numbers"]),
            **extras["readout"],
        }
    _send(
        frame,
        batch,
        playing=False,
        fps=frame.pace.fps,
        chunk=process.CHUNK,
    )


def _catch_up(frame: Frame) -> None:
    """A link's run still short of its epoch: a tick trains further (the page run did
    already), and the progress shows above the chart; once there, the page shows it."""
    if live.ticking() and not catch_up(frame.loop, frame.data, frame.hyper):
        st.rerun(scope="app")
    run, target = TrainingState().run(), TrainingState().aim()
    st.progress(run.epoch / target, text=t("training.catching_up", epoch=run.epoch, target=target))


def _replayed(run) -> tuple:
    """``(epoch, W, b)`` of the epoch the replay slider stands at (paused, past epoch 0)."""
    if run.epoch == 0:
        return run.epoch, run.W, run.b
    kept = [kept_epoch for kept_epoch, _, _ in run.snapshots]
    epoch = st.select_slider(
        t("training.replay"),
        kept,
        value=kept[-1],
        key=f"training.replay.{run.epoch}",
        help=t("training.replay_help"),
        on_change=TrainingState().note_replayed,
    )
    return liverun.snapshot_at(run, epoch)


def _pick_point(n_points: int) -> None:
    """A click on a point of the picture chooses it for "Inspect a point" below."""
    state = TrainingState()
    picked = view.picked_point(state.player_said("pick"), n_points)
    if picked is not None:
        state.inspect(picked)


def _hold(loop: live.Loop) -> None:
    """The paused canvas kept the frame it showed, behind the server's run: take the run
    back to that frame, if it is one of the frames sent lately (anything else is ignored)."""
    state = TrainingState()
    answer = view.held_answer(state.player_said("held"), state.run_serial())
    if answer is None:
        return
    kept = state.marked(answer[0])
    if kept is not None and not loop.playing:
        state.keep_run(liverun.rewind(state.run(), kept))
        state.note_replayed()  # the page reruns: the panels and the link show it


def history_row(history, epoch: int) -> dict:
    """The recorded row of ``epoch``, by the names of ``core.liverun.HISTORY_FIELDS``."""
    row = history[np.searchsorted(view.history_column(history, "epoch"), epoch)]
    return dict(zip(liverun.HISTORY_FIELDS, row, strict=True))
