"""The training lesson's live view: two fragments. What moves (the regions) ticks every
``pace.tick`` seconds with a batch of frames the canvas paints one by one (player.py); what
a person reads (numbers, curves, W, b and gradients) every ``pace.panels`` seconds (four
times a second alone). How fast a session animates is shared fairly among every session
playing on this server process (``ui.process``; bench/README.md has the figures)."""

from dataclasses import dataclass

import numpy as np
import streamlit as st
from streamlit.runtime.scriptrunner import get_script_run_ctx

from core import gradients, liverun
from ui import charts, live, process, viewport
from ui.i18n import plain, t
from ui.lessons.training import charts as view
from ui.lessons.training import player
from ui.lessons.training.controls import TrainingSettings, probability_class
from ui.lessons.training.data import LessonData
from ui.lessons.training.panels import parameter_tables
from ui.lessons.training.run import advance, catch_up, diverged
from ui.lessons.training.state import CHART, TrainingState
from ui.palette import class_colors
from ui.shell import is_present

# Pixels: the replay slider's height (measured in Chromium), left empty while playing.
REPLAY_HEIGHT = {False: 68, True: 134}


@dataclass(frozen=True)
class Frame:
    """What every frame draws with, prepared once per page run (``prepare``), so a tick
    computes and sends only data (charts.py says why the specs are built once)."""

    loop: live.Loop
    data: LessonData
    hyper: TrainingSettings
    present: bool
    points: bytes  # the regions chart's points, Arrow
    regions_spec: dict
    curves_spec: dict
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
    # was a noticeable part of every frame. Points can be clicked while playing too: the
    # click selection is part of the spec from the start, so Play and Pause do not redraw
    # the chart from scratch, and registering the chart as a widget added no measurable
    # server time per frame. A click reruns the page once, like any other widget.
    present, bounds = is_present(), data.bounds
    chart_height = charts.height(460)
    if one_screen and present:  # the room below the numbers (ui/viewport.py)
        chart_height = viewport.fit(chart_height)
    style = {
        "names": list(data.class_names),
        "colors": class_colors(data.n_classes),
        "labels": {
            "epoch": t("training.epoch"),
            "train": t("training.chart.train"),
            "test": t("training.chart.test"),
        },
        "bounds": [float(v) for v in bounds],
        "height": chart_height,
        "present": present,
        "pointSize": 90 if present else 40,
        "lineWidth": charts.line_width() * 0.8,
        "opacity": view.BAND_OPACITY,
        "head": not (one_screen and present),  # the epoch above the canvas, or beside it
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
        points=view.points_arrow(data.X, data.y, data.is_test, bounds),
        regions_spec={
            **view.regions_spec(tuple(data.class_names), bounds, True),
            "height": chart_height,
        },
        curves_spec=view.curves_spec(bool(len(data.y_test))),
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
        live.every(frame.loop, lambda: panels(frame), interval=frame.pace.panels)
        names = ", ".join(map(plain, frame.data.class_names))
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
        count = min(count, max(1, round(fps * frame.pace.tick)))  # no more than a tick's
    # Where the replay slider stands when paused, so Play and Pause move nothing below.
    replay_slot.space(REPLAY_HEIGHT[frame.present])
    last = state.last_batch()
    if count == 0 and last is not None:
        player.show(**last)
        return
    run, frames = _train_frames(frame, state.run(), count, shown_class)
    state.keep_run(run)
    state.show(run.epoch, run.W, run.b)
    if run.divergence is not None:
        diverged(frame.loop, run, frame.hyper)
    batch = {
        "key": "training.player",
        "frames": player.batch_data(frames, data.bounds),
        "points": frame.player_points,
        "run": state.run_serial(),
        "seq": state.next_batch_number(),
        "style": frame.player_style,
        "fps": fps,
        "chunk": chunk,
    }
    state.keep_last_batch(batch)
    player.show(**batch)


def _train_frames(frame: Frame, run, count: int, shown_class: int | None):
    """Up to ``count`` frames of training, and each one's picture; fewer once this run's
    work is spent or the run diverges."""
    frames = []
    keep_going = process.cpu_budget()
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
    return run, frames


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
    if frame.loop.playing:
        with picture:
            play_batch(frame, shown_class, replay_slot)
        return
    with picture:
        _paused(frame, advance_now, shown_class, replay_slot)
    # A click or a replayed epoch reruns only this fragment; the inspected point and the
    # panels are drawn outside it.
    if state.take_rerun_wish():
        st.rerun(scope="app")


def _paused(frame: Frame, advance_now: bool, shown_class: int | None, replay_slot) -> None:
    """Paused: a Step (or a link's run going on towards its epoch), and the regions chart."""
    state = TrainingState()
    if state.aim() is not None:
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
    state.show(epoch, W, b)  # what ``panels`` shows
    if not frame.one_screen:  # there, the epoch is the first of the numbers beside
        st.metric(t("training.epoch"), f"{epoch}")
    # Regions as exact convex polygons (core/regions.py says why not a pixel grid), the
    # same picture the canvas paints while playing.
    shapes, segments = view.region_shapes(W, b, frame.data.bounds, shown_class)
    charts.show_spec(
        frame.regions_spec,
        {
            "polygons": view.polygon_arrow(shapes),
            "boundaries": view.boundary_arrow(segments),
            "points": frame.points,
        },
        key=CHART,
        on_select=lambda: _pick_point(len(frame.data.y)),
        selection_mode=view.PICK,
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
    """A click on a point of the regions chart chooses it for "Inspect a point" below."""
    state = TrainingState()
    picked = view.picked_point(state.chart_selection(), n_points)
    if picked is not None:
        state.inspect(picked)


def panels(frame: Frame) -> None:
    """The numbers, W, b, the gradients and the curves of the epoch ``draw`` shows, a few
    times a second."""
    run = TrainingState().run()
    epoch, W, b = TrainingState().shown()
    numbers(frame)
    data, hyper = frame.data, frame.hyper
    grad_W, grad_b = gradients(
        data.X_train, data.y_train, W, b, loss=hyper.loss, l2=hyper.descent.l2
    )
    # W, b and the gradients before the curves: on one screen with the regions (issue #12).
    parameter_tables(
        W, b, grad_W, grad_b, loss=hyper.loss, l2=hyper.descent.l2, compact=frame.one_screen
    )
    charts.show_spec(frame.curves_spec, {"history": view.history_arrow(run.history, upto=epoch)})


def numbers(frame: Frame) -> None:
    """The epoch (on one screen; otherwise it is above the picture), the loss and the
    accuracies of the epoch ``draw`` shows."""
    run = TrainingState().run()
    epoch = TrainingState().shown()[0]
    row = history_row(run.history, epoch)
    with st.container(horizontal=True):
        if frame.one_screen:
            st.metric(t("training.epoch"), f"{epoch}")
        st.metric(t("training.train_loss"), f"{row['train_loss']:.4f}")
        st.metric(t("training.train_accuracy"), f"{row['train_accuracy']:.1%}")
        if len(frame.data.y_test):
            st.metric(t("training.test_accuracy"), f"{row['test_accuracy']:.1%}")


def history_row(history, epoch: int) -> dict:
    """The recorded row of ``epoch``, by the names of ``core.liverun.HISTORY_FIELDS``."""
    row = history[np.searchsorted(view.history_column(history, "epoch"), epoch)]
    return dict(zip(liverun.HISTORY_FIELDS, row, strict=True))
