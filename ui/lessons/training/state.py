"""The training lesson's own session state, behind ``TrainingState``.

What a link reproduces is not here: the settings are ``ui.urlstate`` widgets (controls.py)
and Play / Pause is ``ui.live``'s. Here is what the page keeps between runs by itself: the
run and what it was started for (and the epoch a link's run trains toward), the epoch on
screen, the canvas's last batch, the last good data and file, a half-trained comparison, and
the clicks and replays that rerun the page. No other module reads or writes these keys.
"""

from dataclasses import dataclass

import streamlit as st

from core import liverun
from core.comparison import Comparison

PLAYER = "training.player"  # the picture's component key: its clicked point, its held frame
POINT = "training.point"  # the "Inspect a point" number's widget key
COMPARE = "training.compare"  # the comparison's toggle
UPLOAD = "training.upload"  # the file uploader's widget key
UPLOAD_GUARD = "training.upload_guard"  # the upload guard component's key

_RUN = "training.run"
_RUN_SERIAL = "training.run_serial"  # counts new runs: the canvas drops its queue
_DATA_KEY = "training.data_key"  # the data the run belongs to
_AIM = "training.aim"  # the epoch a link's (or a reveal's) run is training toward
_PLAY_AFTER = "training.play_after"  # play once the aimed epoch is reached
_DIVERGED_WITH = "training.diverged_with"
_SHOWN = "training.shown"  # (epoch, W, b) on screen
_PLAYER_SEQ = "training.player_seq"
_PLAYER_LAST = "training.player_last"
_MARKS = "training.marks"  # the runs of the frames sent lately, marked (core.liverun.Mark)
# Enough for what the canvas may still have to paint: two of the largest batches
# (process.LATE × process.CHUNK frames), and more.
KEPT_MARKS = 96
_PICKED = "training.picked"
_REPLAYED = "training.replayed"
_EXPORT_VIEW = "training.export_view"
_COMPARISON = "training.comparison"  # (key, a half-trained Comparison)
_KEPT_FILE = "training.kept_file"
_REFUSED = "training.upload_refused"  # the last file refused for its size
_FILE_ID = "training.upload_file_id"


@dataclass
class ExportView:
    """What the chart downloads draw, read when a button is clicked: outside a script run,
    where session state cannot be read, so the downloads hold this object itself."""

    probability_class: int | None = None


class _Run:
    """The run, what it was started for, and what it diverged with."""

    def run(self) -> liverun.Run:
        return st.session_state[_RUN]

    def keep_run(self, run: liverun.Run) -> None:
        st.session_state[_RUN] = run

    def start_run(self, run: liverun.Run, data_key: str) -> None:
        """``run`` is a new run, of the data ``data_key``."""
        st.session_state[_RUN_SERIAL] = self.run_serial() + 1
        st.session_state[_MARKS] = []
        st.session_state[_RUN] = run
        st.session_state[_DATA_KEY] = data_key

    def run_serial(self) -> int:
        """Which run this is: one more with every new run."""
        return st.session_state.get(_RUN_SERIAL, 0)

    def run_is_of(self, data_key: str) -> bool:
        """Whether the run belongs to the data ``data_key``."""
        return st.session_state.get(_DATA_KEY) == data_key

    def forget_run(self) -> None:
        """The next run of the page starts a new run, whatever its data."""
        st.session_state.pop(_DATA_KEY, None)

    def aim_at(self, epoch: int, play: bool = False) -> None:
        """Train the run (the next new one, after ``forget_run``) to ``epoch`` in bounded
        steps before it is shown paused, or playing if ``play``."""
        st.session_state[_AIM] = epoch or None
        st.session_state[_PLAY_AFTER] = play and bool(epoch)

    def aim(self) -> int | None:
        """The epoch the run is still training toward, if any."""
        return st.session_state.get(_AIM)

    def reach_aim(self) -> bool:
        """The aimed epoch is reached: whether the run should play now."""
        st.session_state[_AIM] = None
        return bool(st.session_state.pop(_PLAY_AFTER, False))

    def note_diverged_with(self, settings) -> None:
        st.session_state[_DIVERGED_WITH] = settings

    def diverged_with(self):
        """The gradient-descent settings the run last diverged with, if any."""
        return st.session_state.get(_DIVERGED_WITH)


class _Screen:
    """What is on screen, and the clicks and replays that change it."""

    def show(self, epoch: int, W, b) -> None:
        """The epoch, and its parameters, the regions chart shows: what the panels show."""
        st.session_state[_SHOWN] = (epoch, W, b)

    def shown(self) -> tuple:
        """``(epoch, W, b)`` on screen."""
        return st.session_state[_SHOWN]

    def next_batch_number(self) -> int:
        """A new number for the canvas's next batch."""
        seq = st.session_state[_PLAYER_SEQ] = st.session_state.get(_PLAYER_SEQ, 0) + 1
        return seq

    def keep_last_batch(self, shown: dict) -> None:
        st.session_state[_PLAYER_LAST] = shown

    def last_batch(self) -> dict | None:
        """What the canvas was last sent (``player.show``'s arguments), if anything."""
        return st.session_state.get(_PLAYER_LAST)

    def export_view(self) -> ExportView:
        """The one ``ExportView`` of this session."""
        return st.session_state.setdefault(_EXPORT_VIEW, ExportView())

    def player_said(self, name: str):
        """What the picture last sent as ``name`` (``pick``, ``held``), if anything: any
        value a client may send, to be checked."""
        said = st.session_state.get(PLAYER)
        return said.get(name) if hasattr(said, "get") else None

    def mark(self, marks: list[liverun.Mark]) -> None:
        """The runs of the frames just sent, for a Pause that keeps one of them."""
        kept = st.session_state.setdefault(_MARKS, [])
        kept += marks
        del kept[:-KEPT_MARKS]

    def marked(self, epoch: int) -> liverun.Mark | None:
        """The kept mark of ``epoch`` in this run, if any."""
        for mark in st.session_state.get(_MARKS, ()):
            if mark.epoch == epoch:
                return mark
        return None

    def inspect(self, point: int) -> None:
        """A click chose ``point`` for "Inspect a point"; the page reruns to show it."""
        st.session_state[POINT] = point
        st.session_state[_PICKED] = True

    def note_replayed(self) -> None:
        """An epoch was chosen to replay; the page reruns to show it."""
        st.session_state[_REPLAYED] = True

    def take_rerun_wish(self) -> bool:
        """Whether a click or a replay asked for the whole page to run (asked once)."""
        picked = st.session_state.pop(_PICKED, False)
        return st.session_state.pop(_REPLAYED, False) | picked

    def show_comparison(self) -> None:
        """Turn on the comparison of both losses."""
        st.session_state[COMPARE] = True


class _Comparison:
    """The half-trained comparison of both losses."""

    def comparison(self, key) -> Comparison | None:
        """The half-trained comparison, if it is the one for ``key``."""
        kept = st.session_state.get(_COMPARISON)
        return kept[1] if kept is not None and kept[0] == key else None

    def keep_comparison(self, key, comparison: Comparison) -> None:
        st.session_state[_COMPARISON] = (key, comparison)

    def forget_comparison(self) -> None:
        st.session_state.pop(_COMPARISON, None)

    def comparison_pending(self) -> bool:
        """Whether a comparison is half trained."""
        return _COMPARISON in st.session_state


class _Files:
    """A person's last good data, the file kept, and a file refused for its size."""

    def keep_good_data(self, source: str, data: tuple) -> None:
        """``(X, y, class_names)``: the last good data of ``source``."""
        st.session_state[self._good(source)] = data

    def good_data(self, source: str) -> tuple | None:
        return st.session_state.get(self._good(source))

    def forget_good_data(self, source: str) -> None:
        st.session_state.pop(self._good(source), None)

    @staticmethod
    def _good(source: str) -> str:
        return f"training.good_data.{source}"

    def keep_file(self, name: str, contents: bytes) -> None:
        """The last file loaded: the uploader is empty again after a visit to another page."""
        st.session_state[_KEPT_FILE] = (name, contents)

    def kept_file(self) -> tuple[str, bytes] | None:
        return st.session_state.get(_KEPT_FILE)

    def forget_file(self) -> None:
        st.session_state.pop(_KEPT_FILE, None)

    def uploader_emptied(self) -> bool:
        return st.session_state.get(UPLOAD) is None

    def guard_refused(self):
        """What the upload guard last sent of a refused file (not yet checked)."""
        return (st.session_state.get(UPLOAD_GUARD) or {}).get("refused")

    def note_loaded_file(self, file_id: str | None) -> None:
        st.session_state[_FILE_ID] = file_id

    def refuse(self, name: str, size: float) -> None:
        """A file over the size limit was chosen while the file loaded now was loaded."""
        st.session_state[_REFUSED] = {
            "name": name,
            "size": size,
            "file_id": st.session_state.get(_FILE_ID),
        }

    def refused(self, file_id: str | None) -> dict | None:
        """The refused file to tell of, forgotten once another file is loaded (or none)."""
        refused = st.session_state.get(_REFUSED)
        if refused is not None and refused["file_id"] != file_id:
            refused = st.session_state[_REFUSED] = None
        return refused


class TrainingState(_Run, _Screen, _Comparison, _Files):
    """Named reads and writes of the training lesson's session state, by concern in its
    four parts. Holds nothing itself: every method reads or writes session state."""
