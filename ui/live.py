"""Play / Pause / Step / Reset for anything that trains live, and the fragment that animates it.

Generic over the page's trainer: the page keeps its own state (parameters, history) in
session state and gives this module two callbacks. Used by the training lesson; the
multi-label lesson can use it the same way::

    from ui import live

    loop = live.Loop("multilabel")              # a namespace for its session-state keys
    live.controls(loop, on_reset=start_over)    # the four buttons, with their shortcuts

    def frame(advance: bool) -> None:
        if advance and not train_a_little():    # returns False when it must stop
            loop.stop("why it stopped")         # shown beside the buttons; pauses the loop
        draw_everything_that_changes()

    live.animate(loop, frame)                   # runs frame(...) now, and every tick while playing

``frame(advance)`` is called once per script run and once per tick while playing: with
``advance=True`` while playing or right after Step, ``False`` otherwise (a rerun caused by
any other widget just redraws). Draw inside ``frame`` only what changes while training;
draw the rest of the page outside it, so a tick re-sends as little as possible.

Shortcuts: Space plays and pauses, the right arrow steps, 0 resets ("back to epoch 0";
Streamlit reserves R and C). Strings come from the ``training.live.*`` catalog keys.

Why a fragment with ``run_every`` (measured in the prototype of issue #5): a Python loop
that keeps rewriting ``st.empty()`` placeholders cannot see how fast the browser paints;
it filled Streamlit's send queue and the session dropped after ~6 s. A fragment tick is a
request from the browser, so the loop runs no faster than the browser takes the frames.
``runner.postScriptGC = false`` (.streamlit/config.toml) keeps a tick's server cost low.
"""

import threading
import time
from collections.abc import Callable
from contextlib import contextmanager
from dataclasses import dataclass

import streamlit as st
from streamlit.runtime.scriptrunner import get_script_run_ctx

from ui import process
from ui.i18n import t

# Seconds between ticks. Shorter than a frame takes, so the loop runs as fast as the server
# and browser allow (ticks do not pile up: see bench/bench_training.py for the figures).
FRAME_INTERVAL = 0.04

# Seconds between redraws of what changes slowly or costs the browser most (``every``):
# four times a second is live to a person watching.
PANEL_INTERVAL = 0.25

SHORTCUTS = {"play": "Space", "step": "Right", "reset": "0"}

# People before animation (issue #7, a class on one server): Python runs one thread of a
# process at a time, so a timer's tick that trains and draws competes with the run that
# answers a person's click. A tick steps aside (``give_way``) while any person's run is
# going on in this process, at most ``MAX_WAIT`` seconds a tick: the animation slows a
# little, the click answers sooner. A person's run: a run of the whole page (app.py), or a
# fragment run that a widget inside the fragment caused (its ``on_change`` is ``changed``).
# The count of people's runs is the process's (``ui.process``).
MAX_WAIT = 0.2
_WAIT_STEP = 0.005
# Seconds of CPU a timer's run may spend on work (``budget``): less than a person's run
# (``process.RUN_CPU``), since while it computes, every click in this process waits
# (issue #17: a student repeating the heaviest work added 250 ms to the class's p95).
TICK_CPU = 0.1
_this_run = threading.local()  # each script run has its own thread
# Set by ``changed``: the next run of the animated fragment answers a person.
CHANGED = "training.changed"


@dataclass(frozen=True)
class Loop:
    """One animated thing on a page; ``key`` namespaces its session-state entries."""

    key: str

    def _state(self, name: str) -> str:
        return f"{self.key}.live.{name}"

    @property
    def playing(self) -> bool:
        return bool(st.session_state.get(self._state("playing"), False))

    @property
    def stop_reason(self) -> str | None:
        """Why the loop stopped by itself (divergence, say), until Play or Reset."""
        return st.session_state.get(self._state("stopped"))

    def play(self) -> None:
        st.session_state[self._state("playing")] = True
        self.clear_stop()

    def pause(self) -> None:
        st.session_state[self._state("playing")] = False

    def stop(self, reason: str) -> None:
        """Pause from inside ``frame`` and say why; the page reruns so the ticking stops."""
        self.pause()
        st.session_state[self._state("stopped")] = reason
        st.rerun(scope="app")

    def clear_stop(self) -> None:
        st.session_state[self._state("stopped")] = None

    def request_step(self) -> None:
        self.pause()
        st.session_state[self._state("step")] = True

    def take_step_request(self) -> bool:
        return bool(st.session_state.pop(self._state("step"), False))


def controls(loop: Loop, *, on_reset: Callable[[], None], disabled: bool = False) -> None:
    """Play/Pause (one button), Step and Reset in a row, each with its keyboard shortcut.

    ``on_reset`` starts the page's trainer over; the loop pauses first. ``disabled``
    greys out Play and Step (no data to train on, for instance).
    """

    def set_playing(playing: bool) -> None:
        loop.play() if playing else loop.pause()

    def reset() -> None:
        loop.pause()
        loop.clear_stop()
        on_reset()

    play_label, play_icon = (
        (t("training.live.pause"), ":material/pause:")
        if loop.playing
        else (t("training.live.play"), ":material/play_arrow:")
    )
    with st.container(horizontal=True):
        st.button(
            play_label,
            icon=play_icon,
            key=f"{loop.key}.play",
            # The target state, fixed when the button was drawn, not a toggle: a click that
            # lands during a fragment run can reach the callback twice (measured: with a
            # toggle, Pause then did nothing under load), and setting a state twice is safe.
            on_click=set_playing,
            args=(not loop.playing,),
            shortcut=SHORTCUTS["play"],
            type="primary",
            disabled=disabled,
        )
        st.button(
            t("training.live.step"),
            icon=":material/skip_next:",
            key=f"{loop.key}.step",
            on_click=loop.request_step,
            shortcut=SHORTCUTS["step"],
            disabled=disabled,
        )
        st.button(
            t("training.live.reset"),
            icon=":material/restart_alt:",
            key=f"{loop.key}.reset",
            on_click=reset,
            shortcut=SHORTCUTS["reset"],
        )
    if loop.stop_reason:
        st.error(loop.stop_reason, icon=":material/warning:")


def animate(
    loop: Loop,
    frame: Callable[[bool], None],
    *,
    interval: float = FRAME_INTERVAL,
    busy: bool = False,
) -> None:
    """Call ``frame(advance)`` now, and every ``interval`` seconds while ``loop`` plays (or
    while the page is ``busy`` with work it does in bounded steps, paused).

    The fragment is declared on every script run with ``run_every`` set only while
    playing: Play and Pause rerun the whole page, which restarts or stops the ticking, and
    a paused page costs nothing.
    """

    def tick() -> None:
        _begin(timer=ticking() and not st.session_state.pop(CHANGED, False))
        with charged() if timer_tick() else for_a_person():
            give_way()
            frame(loop.playing or loop.take_step_request())

    st.fragment(tick, run_every=interval if loop.playing or busy else None)()


def ticking() -> bool:
    """Whether this run is a fragment's tick, not a run of the whole page."""
    ctx = get_script_run_ctx()
    return bool(ctx is not None and ctx.fragment_ids_this_run)


def every(loop: Loop, draw: Callable[[], None], *, interval: float = PANEL_INTERVAL) -> None:
    """Call ``draw()`` now, and every ``interval`` seconds while ``loop`` plays.

    For what a person reads rather than watches move (numbers, formulas, curves): each
    element a tick sends is re-rendered by the browser, and the tick rate is what the
    browser can render. ``draw`` never trains; it shows the state the last ``animate``
    frame left (Step and Pause rerun the whole page, so it is exact then).
    """

    def refresh() -> None:
        _begin(timer=ticking())
        give_way()
        draw()

    st.fragment(refresh, run_every=interval if loop.playing else None)()


def changed() -> None:
    """``on_change`` of a widget inside ``animate``'s fragment: the run it causes answers a
    person (it trains a few frames, not a batch, and timers' ticks give way to it)."""
    st.session_state[CHANGED] = True


def _begin(*, timer: bool) -> None:
    """Start a run of ``animate``'s or ``every``'s function: a timer's tick or not, and
    the ``MAX_WAIT`` it may spend giving way from now."""
    _this_run.timer = timer
    _this_run.waited_until = time.monotonic() + MAX_WAIT


def timer_tick() -> bool:
    """Whether this run of ``animate``'s or ``every``'s function is a timer's tick (not a
    run of the whole page, nor a fragment run a person caused)."""
    return getattr(_this_run, "timer", False)


def for_a_person():
    """Mark a run that answers a person: timers' ticks in this process give way to it."""
    return process.shared().person()


def budget(*, background: bool) -> Callable[[], bool]:
    """A ``keep_going`` for core's bounded loops in this run. A person's run may work
    ``process.RUN_CPU`` seconds; a ``background`` run (a timer's tick) ``TICK_CPU`` or what
    is left of its session's share (``over_share``), and between steps it waits while a
    person's run is going on in this process (at most ``MAX_WAIT`` in all), so the clicks of
    the class come first."""
    if not background:
        return process.cpu_budget()
    within = process.cpu_budget(min(TICK_CPU, process.shared().allowance(_session())))
    shared = process.shared()
    until = time.monotonic() + MAX_WAIT

    def keep_going() -> bool:
        while shared.people and time.monotonic() < until:
            time.sleep(_WAIT_STEP)
        return within()

    return keep_going


def over_share() -> bool:
    """Whether this session's timer has spent its share of the process's CPU for now
    (``ui.process``): its tick should train nothing and show what it showed."""
    return process.shared().allowance(_session()) <= 0


@contextmanager
def charged():
    """Count the CPU this block spends against its session's share (a timer's work)."""
    start = time.thread_time()
    try:
        yield
    finally:
        process.shared().charge(_session(), time.thread_time() - start)


def _session() -> str:
    ctx = get_script_run_ctx()
    return ctx.session_id if ctx is not None else ""


def give_way() -> None:
    """In a timer's tick: wait while a person's run is going on in this process, at most
    ``MAX_WAIT`` seconds a tick in all. Elsewhere: nothing."""
    if not timer_tick():
        return
    shared = process.shared()
    while shared.people and time.monotonic() < _this_run.waited_until:
        time.sleep(_WAIT_STEP)
