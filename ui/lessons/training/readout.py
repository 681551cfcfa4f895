"""W, b, their gradients and the loss and accuracy curves beside the regions picture, of the
frame the picture shows (readout.html, readout.css, readout.js beside this file).

Why not ``st.latex`` and a Vega chart refreshed a few times a second (issue #13): those
showed the server's state, up to two batches ahead of the frame the canvas painted, and
their refreshes cost the browser a React pass, KaTeX and Vega four times a second (the
largest share of its main thread while playing) and the server a script run each. Here
every frame the picture is sent carries its numbers as text (``frame_params``) and its
history row; the picture keeps the rows up to the frame on screen and tells this readout
when it paints, so both change together, playing or paused.

Nothing from a person reaches the page as HTML: every cell is set with ``textContent``.
"""

from pathlib import Path

import numpy as np
import streamlit as st

from ui import charts, formula
from ui.i18n import t

_HTML = Path(__file__).with_name("readout.html").read_text(encoding="utf-8")
_CSS = Path(__file__).with_name("readout.css").read_text(encoding="utf-8")
_JS = Path(__file__).with_name("readout.js").read_text(encoding="utf-8")
_READOUT = st.components.v2.component(
    "softmax_explorer.readout", html=_HTML, css=_CSS, js=_JS, isolate_styles=False
)

# Past six classes the rows only fit the column with two decimals (and smaller type).
WIDE = 6


def cells(values, digits: int) -> list[list[str]]:
    """A matrix (or vector, as one row) as text, rounded so float noise in a zero reads 0,
    with a true minus sign (as the formulas around it)."""
    rounded = np.round(np.atleast_2d(values), digits)
    return [[formula.number(value, digits).replace("-", "−") for value in row] for row in rounded]


def frame_params(W, b, grad_W, grad_b) -> dict:
    """``W``, ``b`` and the gradients of the training objective at them, as text."""
    digits = 2 if np.shape(W)[-1] > WIDE else 3
    return {
        "W": cells(W, digits),
        "b": cells(b, digits),
        "gW": cells(grad_W, digits),
        "gb": cells(grad_b, digits),
    }


def history_rows(history) -> list[list[float | None]]:
    """History rows ``(e, 5)`` as JSON numbers (an empty test set's NaN as ``None``)."""
    return [[None if np.isnan(value) else float(value) for value in row] for row in history]


def show(*, n_classes: int, n_inputs: int, has_test: bool, present: bool) -> None:
    """The readout: its matrices and curves, filled in by the picture's frames."""
    _READOUT(
        key="training.readout",
        data={
            "classes": n_classes,
            "inputs": n_inputs,
            "names": [],
            "hasTest": has_test,
            "present": present,
            "height": charts.height(2 * 190 + 60),
            "lineWidth": charts.line_width(),
            "labels": {
                "train": t("training.chart.train"),
                "test": t("training.chart.test"),
                "loss": t("training.chart.loss"),
                "accuracy": t("training.chart.accuracy"),
                "epoch": t("training.chart.epoch"),
            },
        },
    )
