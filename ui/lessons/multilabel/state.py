"""The multi-label lesson's own session state, behind ``LessonState``.

What a link reproduces is not here: the settings are ``ui.urlstate`` widgets (controls.py)
and Play / Pause is ``ui.live``'s. Here is what the page keeps between runs by itself: the
two models' training run, the settings that run was made with, whether they diverged, and
the data chart's click.
"""

import streamlit as st

from core import multilabel as ml

DATA_CHART = "multilabel.data_chart"  # the data chart's widget key: its click selection


class LessonState:
    """The training run both models share, what came of the settings it was made with, and
    the data chart's click. Holds nothing itself: every method reads or writes session state."""

    _RUN = "multilabel.run"
    _RUN_KEY = "multilabel.run_key"
    _DIVERGED = "multilabel.diverged"

    def run(self) -> ml.Run:
        return st.session_state[self._RUN]

    def keep_run(self, run: ml.Run) -> None:
        st.session_state[self._RUN] = run

    def take_settings(self, run_key) -> bool:
        """Whether ``run_key`` (the data and training settings) differs from the last run's;
        from now on it is the last run's."""
        # A run of the page stopped by a newer one (a person clicking on) can note the key
        # and not yet the run made for it: without the run, the settings are new still.
        if st.session_state.get(self._RUN_KEY) == run_key and self._RUN in st.session_state:
            return False
        st.session_state[self._RUN_KEY] = run_key
        return True

    def diverged(self) -> bool:
        """Whether the run the last new settings asked for diverged."""
        return bool(st.session_state.get(self._DIVERGED))

    def note_diverged(self, diverged: bool) -> None:
        st.session_state[self._DIVERGED] = diverged

    def chart_selection(self, chart_key: str = DATA_CHART) -> list:
        """The points clicked in the chart drawn with widget key ``chart_key`` (selection
        ``pick``); empty if none."""
        return st.session_state[chart_key].selection.get("pick") or []
