"""The images lesson's own session state, behind one object.

The Fashion-MNIST run (``core.ImageRun``) belongs to a seed: another seed starts a new run;
the learning rate, batch size and L2 may change mid-run (the run goes on from where it is).
Settings a person chooses live in ``ui.urlstate`` (the URL), not here.
"""

from dataclasses import dataclass

import streamlit as st

import core

_RUN = "images.run"
_SEED = "images.run_seed"  # the seed the run was started with
_SERIAL = "images.run_serial"  # raised at every new run: the canvas drops its queued frames
_SEQ = "images.player_seq"  # raised at every batch of frames sent to the canvas
_LAST = "images.player_last"  # the last batch sent to the canvas, shown again by a too-early tick
_PRETRAIN = "images.pretrain"  # steps the next new run trains before it is shown


@dataclass(frozen=True)
class LessonState:
    """Named reads and writes of the lesson's session state."""

    def run(self, data: core.ImageData, seed: int) -> core.ImageRun:
        """The current run; a new one (trained ``pretrain`` steps first, if asked) when
        there is none yet or the seed changed."""
        if st.session_state.get(_SEED) != seed or _RUN not in st.session_state:
            self.start_over(data, seed)
        return st.session_state[_RUN]

    def start_over(self, data: core.ImageData, seed: int) -> None:
        run = core.start_run(data, seed=seed)
        steps, settings = st.session_state.pop(_PRETRAIN, (0, None))
        if steps:
            run = core.record_run(core.advance_run(run, data, n_steps=steps, **settings), data)
        st.session_state[_RUN] = run
        st.session_state[_SEED] = seed
        st.session_state[_SERIAL] = st.session_state.get(_SERIAL, 0) + 1

    def save(self, run: core.ImageRun) -> None:
        st.session_state[_RUN] = run

    def forget_run(self, *, pretrain: int = 0, settings: dict | None = None) -> None:
        """Drop the run; the next page run starts a new one, trained ``pretrain`` steps
        with ``settings`` (``learning_rate``, ``batch_size``, ``l2``) before it shows."""
        st.session_state.pop(_RUN, None)
        if pretrain:
            st.session_state[_PRETRAIN] = (pretrain, settings)

    @property
    def serial(self) -> int:
        return st.session_state.get(_SERIAL, 0)

    def last_batch(self) -> dict | None:
        """The data of the last batch the canvas was sent, if any."""
        return st.session_state.get(_LAST)

    def keep_batch(self, data: dict) -> None:
        st.session_state[_LAST] = data

    def next_seq(self) -> int:
        st.session_state[_SEQ] = st.session_state.get(_SEQ, 0) + 1
        return st.session_state[_SEQ]


STATE = LessonState()
