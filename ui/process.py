"""What the sessions of one server process share: who is playing an animation (and how
fast each may go), and how many people's runs are going on.

One object per process, ``shared()`` (``st.cache_resource``); a test builds its own
``Process(clock=...)`` and drives the clock.

The pace (issue #7, a class on one server): ``BUDGET`` frames a second for all the
sessions playing on the process together, shared fairly, never below ``MIN_FPS`` each.
Alone, a session plays at ``FPS``, ``CHUNK`` frames a tick. With 10 playing, 45 frames a
second each; past 90, ``MIN_FPS``: the batches come less often, the panels beside the
chart refresh less often, and every interaction stays prompt.

The server sets the pace, not the browser (issue #17): a tick that arrives before
``EARLY`` of its interval has passed since the session's last batch trains nothing (the page
shows the last batch again), and a batch holds the frames the time since the last one
earned, never more than ``LATE`` intervals'. A client that ticks twenty times a second gets the
frames of its share and no more.
"""

import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass

import streamlit as st

# Alone, a session paints one frame a display frame (60 Hz), as TensorFlow Playground does
# (issue #13); a batch of CHUNK frames every 0.4 s.
FPS = 60
CHUNK = 24
# Most of a core at 1.9 ms of server CPU a frame (bench/README.md, issue #13; it was 120 at
# 4.3 ms): a class of 30 on two processes plays at about 26 frames a second, each session
# then held by its share of the core (``SHARE_WINDOW``) more than by this.
BUDGET = 450
MIN_FPS = 5
STALE = 5.0  # seconds without a batch after which a session no longer counts as playing
EARLY = 0.5
LATE = 1.5  # a batch holds the frames of at most this many intervals (``batch``)
# Frames a run of the whole page (Play, a setting changed) or a person's change inside the
# animated part trains while playing: a few, so that the change shows sooner; the canvas
# has frames queued meanwhile.
CHUNK_ON_PAGE_RUN = 3
# Seconds of a thread's CPU after which a run stops adding work (``cpu_budget``). One run
# should cost at most about half a second of server CPU, so that a student with the
# heaviest settings cannot hold the process the class shares: the work stops at a quarter
# of a second, which leaves room for the step in progress (the largest mini-batch epoch the
# training lesson allows, 10,000 points in batches of 8, costs about 0.1 s) and the drawing.
RUN_CPU = 0.25
SLOW_TICK = 2.0  # seconds: the longest wait between batches at a slow speed
SLOW_FPS = 10  # frames a second at or below which a speed is a lecturer's (the canvas's too)
# A timer's work is shared fairly as well (issue #17): over time, each session playing may
# spend its share of the process's one core (Python runs one thread at a time), ``1 / n``
# with ``n`` playing; a session over it trains nothing on its next ticks. Alone, a session
# may use the whole core. ``SHARE_WINDOW`` seconds of its share may be spent at once.
SHARE_WINDOW = 2.0


@dataclass(frozen=True)
class Pace:
    """How fast one session animates, given how many play on this process now."""

    fps: float  # frames the canvas paints per second
    tick: float  # seconds between batches of ``CHUNK`` frames
    panels: float  # seconds between refreshes of the numbers and curves beside the chart

    def slowed(self, rate: float | None) -> "Pace":
        """This pace, or a slower one of ``rate`` frames a second (a lecturer's speed below
        one epoch a display frame). Its batches come at most ``SLOW_TICK`` apart, so the
        first frames after Play are never followed by a long wait."""
        if rate is None or rate >= self.fps:
            return self
        tick = max(self.tick, min(SLOW_TICK, CHUNK / rate))
        return Pace(fps=rate, tick=tick, panels=self.panels)


@dataclass(frozen=True)
class Share:
    """What one tick may train: ``frames`` (0: the tick came too early, train nothing) and
    the rate ``fps`` the canvas paints them at, so that the batch lasts one tick."""

    frames: int
    fps: float


def cpu_budget(seconds: float = RUN_CPU) -> Callable[[], bool]:
    """A ``keep_going`` for core's bounded loops: true until this thread has spent
    ``seconds`` of CPU from now (a script run is one thread; its waits do not count)."""
    deadline = time.thread_time() + seconds
    return lambda: time.thread_time() < deadline


def _pace(playing: int) -> Pace:
    fps = max(MIN_FPS, min(FPS, BUDGET / max(playing, 1)))
    return Pace(fps=fps, tick=CHUNK / fps, panels=max(0.25, 0.25 * FPS / fps))


class _Pacing:
    """Who is playing, and the pace each one gets: the animation's part of ``Process``."""

    _clock: Callable[[], float]
    _lock: threading.Lock
    _seen: dict[str, float]  # session → when it last asked for its pace
    _batch: dict[str, float]  # session → when it last took a batch
    _spent: dict[str, tuple[float, float]]  # session → (CPU seconds owed, when counted)

    def pace(self, session: str) -> Pace:
        """Count ``session`` as playing and return its pace (``BUDGET`` shared fairly)."""
        now = self._clock()
        with self._lock:
            self._seen[session] = now
            for other, last in list(self._seen.items()):
                if now - last > STALE:
                    del self._seen[other]
                    self._batch.pop(other, None)
                    self._spent.pop(other, None)
            playing = len(self._seen)
        return _pace(playing)

    @staticmethod
    def pace_alone() -> Pace:
        """The pace of a session playing alone (used while paused: nothing ticks then)."""
        return _pace(1)

    def batch(self, session: str, tick: float, rate: float | None = None) -> Share | None:
        """What a timer's tick of ``session`` may train, from the pace now (``slowed`` to
        ``rate`` frames a second, if given): sessions may have started or stopped playing
        since its page ran and fixed ``tick`` (seconds between batches). ``None`` when the
        pace now wants ticks at least twice as often (the others stopped): the page should
        run again to set its timer."""
        pace = self.pace(session).slowed(rate)
        if pace.tick < tick / 2:
            return None
        now = self._clock()
        with self._lock:
            last = self._batch.get(session)
            if last is not None and now - last < EARLY * tick:
                return Share(0, pace.fps)
            self._batch[session] = now
        # A late tick (the browser's timer counts from the end of the run before) brings the
        # frames its lateness earned too, up to half an interval's more: capped at one
        # interval's, a class's canvases ran a fifth short of their pace and went blank
        # between batches at slow speeds. Such a batch plays at the pace itself.
        earned = tick if last is None else min(now - last, LATE * tick)
        frames = min(round(LATE * CHUNK), max(1, round(pace.fps * earned)))
        return Share(frames, frames / max(earned, tick))

    def charge(self, session: str, seconds: float) -> None:
        """``session``'s timer spent ``seconds`` of CPU on its work."""
        now = self._clock()
        with self._lock:
            owed = self._owed(session, now)
            self._spent[session] = (owed + seconds, now)

    def allowance(self, session: str) -> float:
        """Seconds of CPU ``session``'s timer may still spend now (0: it is over its share)."""
        now = self._clock()
        with self._lock:
            return max(0.0, self._share() * SHARE_WINDOW - self._owed(session, now))

    def _share(self) -> float:
        return 1.0 / max(1, len(self._seen))

    def _owed(self, session: str, now: float) -> float:
        """What ``session`` spent beyond its share so far, paid back at its share a second."""
        owed, when = self._spent.get(session, (0.0, now))
        return max(0.0, owed - (now - when) * self._share())

    def leave(self, session: str) -> None:
        """``session`` paused or left the page."""
        with self._lock:
            self._seen.pop(session, None)
            self._batch.pop(session, None)


class Process(_Pacing):
    """The state the sessions of one server process share, behind one lock."""

    def __init__(self, clock: Callable[[], float] = time.monotonic) -> None:
        self._clock = clock
        self._lock = threading.Lock()
        self._seen = {}
        self._batch = {}
        self._spent = {}
        self._people = 0

    @property
    def people(self) -> int:
        """How many people's runs are going on in this process now."""
        return self._people

    @contextmanager
    def person(self) -> Iterator[None]:
        """Count a run that answers a person while it lasts (``ui.live.give_way``)."""
        with self._lock:
            self._people += 1
        try:
            yield
        finally:
            with self._lock:
                self._people -= 1


@st.cache_resource(show_spinner=False)
def shared() -> Process:
    """This server process's one ``Process``."""
    return Process()
