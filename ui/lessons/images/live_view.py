"""The live part of the training tab: the ten templates, and the panels beside and below.

While playing, the templates are a canvas (templates.js) that paints frames the server
trains in batches, as the training lesson's regions (ui/player.py says why, with its
figures): a tick trains up to ``process.CHUNK`` frames, each ``spf`` minibatch steps, and
sends every frame's ten templates as bytes (7,840 a frame, 10.5 KB in base64), then the
canvas paints one per display frame. The run is measured (both sets, every image) once a
batch, not once a frame: that costs more than the steps. The frames per second a process
gives all its playing sessions are shared with the training lesson's (``ui.process``).
Paused, the same canvas shows the current templates, one frame.
"""

import base64
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import streamlit as st
from streamlit.runtime.scriptrunner import get_script_run_ctx

import core
from core.images import SIDE
from ui import charts, live, process, viewport
from ui.i18n import t
from ui.lessons.images import charts as pictures
from ui.lessons.images.state import STATE
from ui.shell import is_present

_TEMPLATES_HTML = Path(__file__).with_name("templates.html").read_text(encoding="utf-8")
_TEMPLATES_CSS = Path(__file__).with_name("templates.css").read_text(encoding="utf-8")
_TEMPLATES_JS = Path(__file__).with_name("templates.js").read_text(encoding="utf-8")
_CANVAS = st.components.v2.component(
    "softmax_explorer.images_templates",
    html=_TEMPLATES_HTML,
    css=_TEMPLATES_CSS,
    js=_TEMPLATES_JS,
    isolate_styles=False,
)
COLUMNS = 5
# Frames a second at most: a frame here is a minibatch step on 60,000 images, costlier than
# the training lesson's epoch on 2-D points (bench/bench_images.py).
IMAGES_FPS = 30.0
VIEW = "images.train"  # the view's probe (ui/stage.view), in projection mode
# Pixels of the view over and under the templates in the hall: Play's row, the canvas's head
# (the step and epoch) and the gap to the window's edge.
CANVAS_ABOVE = 170
CANVAS_LOWEST = 200


def _epoch(run: core.ImageRun, data: core.ImageData) -> float:
    return run.epoch + run.position / len(data.y_train)


@dataclass(frozen=True)
class _View:
    """The training tab's live parts for one page run: the loop, the data, the class names,
    the settings, and this session's pace."""

    loop: live.Loop
    data: core.ImageData
    names: tuple[str, ...]
    settings: object
    session: str
    pace: process.Pace

    def advance(self, run: core.ImageRun) -> core.ImageRun:
        return core.advance_run(
            run, self.data, n_steps=self.settings.steps_per_frame, **self.settings.step_settings
        )

    def play_batch(self) -> None:
        run = STATE.run(self.data, self.settings.seed)
        if live.timer_tick():
            share = process.shared().batch(self.session, self.pace.tick, IMAGES_FPS)
            if share is None:  # the other sessions stopped: a page run sets a faster timer
                st.rerun(scope="app")
            count, fps = share.frames, share.fps
            chunk = count
            last = STATE.last_batch()
            # Too early, or over its share of the CPU: the server sets the pace.
            if (count == 0 or live.over_share()) and last is not None:
                _CANVAS(key="images.templates", data=last)
                return
        else:
            count, fps, chunk = process.CHUNK_ON_PAGE_RUN, self.pace.fps, process.CHUNK
        steps, epochs, levels = [], [], []
        keep_going = live.budget(background=live.timer_tick())
        for index in range(count):
            if index and not keep_going():  # the rest waits for the next tick
                break
            live.give_way()
            run = self.advance(run)
            if run.diverged:
                break
            steps.append(run.steps)
            epochs.append(round(_epoch(run, self.data), 3))
            levels.append(core.template_levels(run.W, SIDE)[0].tobytes())
        run = core.record_run(run, self.data)
        STATE.save(run)
        if run.diverged:
            self.loop.stop(t("images.diverged"))
        self.send(steps, epochs, levels, fps=fps, chunk=chunk, head=True)

    def send(self, steps, epochs, levels, *, fps, chunk, head) -> None:
        """Hand frames to the canvas; ``head``: it shows the step (the metric does, paused)."""
        data = {
            "batch": {
                "run": STATE.serial,
                "seq": STATE.next_seq(),
                "fps": fps,
                "chunk": chunk,
                "steps": steps,
                "epochs": epochs,
                "levels": _base64(b"".join(levels)),
            },
            "style": self.style(head),
        }
        STATE.keep_batch(data)
        _CANVAS(key="images.templates", data=data)

    def style(self, head: bool) -> dict:
        return {
            "names": list(self.names),
            "lut": pictures.diverging_hex(),
            "side": SIDE,
            "columns": COLUMNS,
            "present": is_present(),
            "head": head or is_present(),  # in the hall the step is the canvas's own head
            "tallest": canvas_height(),
            "labels": {"step": t("images.step"), "epoch": t("images.epoch")},
        }

    def frame(self, advance_now: bool) -> None:
        if self.loop.playing:
            self.play_batch()
            return
        run = STATE.run(self.data, self.settings.seed)
        if advance_now:  # Step
            run = core.record_run(self.advance(run), self.data)
            STATE.save(run)
            if run.diverged:
                self.loop.stop(t("images.diverged"))
        if not is_present():
            st.metric(t("images.step"), f"{run.steps}")
        levels, scale = core.template_levels(run.W, SIDE)
        epoch = round(_epoch(run, self.data), 3)
        self.send([run.steps], [epoch], [levels.tobytes()], fps=self.pace.fps, chunk=1, head=False)
        if not is_present():  # a detail the hall's one screen has no room for
            st.caption(t("images.templates_scale", scale=f"{scale:.3f}"))

    def figures(self, *, curves: bool = True) -> None:
        run = STATE.run(self.data, self.settings.seed)
        _, epoch, train_loss, test_loss, train_accuracy, test_accuracy = run.history[-1]
        if is_present():  # the epoch is the canvas's head, in step with its frame
            losses = st.columns(2)
        else:
            first = st.columns(3)
            first[0].metric(t("images.epoch"), f"{epoch:.2f}")
            losses = first[1:]
        losses[0].metric(t("images.train_loss"), f"{train_loss:.4f}")
        losses[1].metric(t("images.test_loss"), f"{test_loss:.4f}")
        columns = st.columns(2)
        columns[0].metric(t("images.train_accuracy"), f"{train_accuracy:.1%}")
        columns[1].metric(t("images.test_accuracy"), f"{test_accuracy:.1%}")
        if curves:
            self.curves()

    def curves(self) -> None:
        run = STATE.run(self.data, self.settings.seed)
        charts.show_spec(pictures.curves_spec(), {"history": pictures.history_arrow(run.history)})

    def classes(self) -> None:
        run = STATE.run(self.data, self.settings.seed)
        Z = core.image_logits(self.data.X_test, run.W, run.b)
        confusion = core.confusion_matrix(self.data.y_test, np.argmax(Z, axis=1), len(self.names))
        left, right = st.columns([3, 2], gap="large")
        with left:
            st.subheader(t("images.confusion.header"))
            charts.show_spec(
                pictures.confusion_spec(self.names),
                {"confusion": pictures.confusion_arrow(confusion, self.names)},
            )
        with right:
            st.subheader(t("images.per_class_header"))
            charts.show_spec(
                pictures.per_class_spec(self.names),
                {
                    "classes": pictures.per_class_arrow(
                        core.per_class_accuracy(confusion), self.names
                    )
                },
            )


def canvas_height() -> int | None:
    """The templates' greatest height in the hall, what the view's room leaves them."""
    room = viewport.room(VIEW) if is_present() else None
    return None if room is None else max(CANVAS_LOWEST, room - CANVAS_ABOVE)


def show(loop: live.Loop, data: core.ImageData, names: tuple[str, ...], settings, *, below=None):
    """The templates (animated) beside the figures and curves, then the confusion matrix
    and per-class accuracy (refreshed a few times a second while playing). With ``below``
    (projection mode's one-screen view), the curves and the matrix go there."""
    session = get_script_run_ctx().session_id
    if loop.playing:
        pace = process.shared().pace(session)
    else:
        process.shared().leave(session)
        pace = process.Process.pace_alone()
    pace = pace.slowed(IMAGES_FPS)
    view = _View(loop, data, names, settings, session, pace)
    left, right = st.columns([3, 2], gap="large")
    with left:
        live.animate(loop, view.frame, interval=pace.tick)
    with right:
        live.every(loop, lambda: view.figures(curves=below is None), interval=pace.panels)
    with below if below is not None else st.container():
        if below is not None:
            live.every(loop, view.curves, interval=pace.panels)
        live.every(loop, view.classes, interval=2 * pace.panels)


def _base64(raw: bytes) -> str:
    return base64.b64encode(raw).decode("ascii")
