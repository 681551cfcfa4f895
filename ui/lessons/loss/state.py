"""The loss lesson's own session state, behind ``LossState``.

The lesson's settings live in the URL (``ui.urlstate``); what it keeps besides is the last
valid value of each probability field and the cell clicked in a triangle chart. No other
module reads or writes these keys.
"""

import numpy as np
import streamlit as st

from ui.inputs import remember_valid
from ui.lessons.loss.charts import PICK


class LossState:
    """Named reads and writes of the loss lesson's session state."""

    def remember_probabilities(self, field: str, values) -> None:
        """Keep ``values`` as the last valid input of the probability field ``field``."""
        remember_valid(self._memory(field), values)

    def last_probabilities(self, field: str):
        """The last valid input of the probability field ``field``, or None before the first."""
        return remember_valid(self._memory(field))

    def picked_cell(self, chart_key: str) -> np.ndarray | None:
        """The prediction ``(p1, p2, p3)`` clicked in the triangle chart ``chart_key``, if any."""
        picked = st.session_state[chart_key].selection.get(PICK) or []
        if not picked:
            return None
        return np.array([picked[0]["p1"], picked[0]["p2"], picked[0]["p3"]])

    @staticmethod
    def _memory(field: str) -> str:
        return f"loss.{field}"


state = LossState()
