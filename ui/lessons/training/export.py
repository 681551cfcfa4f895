"""The training lesson's downloads: the parameters and the history as CSV or JSON, the
regions chart as PNG or SVG."""

import json
from functools import partial

import numpy as np
import pandas as pd
import streamlit as st

from core import liverun, render
from ui import spreadsheet
from ui.i18n import t
from ui.lessons.training import charts as view
from ui.lessons.training.data import LessonData
from ui.lessons.training.state import ExportView


def parameters_csv(run: liverun.Run, class_names) -> str:
    parameters = pd.DataFrame(
        np.vstack([run.W, run.b[None, :]]),
        index=["W_x1", "W_x2", "b"],
        columns=spreadsheet.cells(class_names),  # a CSV label may start with "="
    )
    return parameters.to_csv()


def history_table(run: liverun.Run) -> pd.DataFrame:
    history = pd.DataFrame(run.history, columns=liverun.HISTORY_FIELDS)
    history["epoch"] = history["epoch"].astype(int)
    return history


def history_csv(run: liverun.Run) -> str:
    return history_table(run).to_csv(index=False)


def run_json(run: liverun.Run, class_names) -> str:
    history = history_table(run)
    everything = {
        "epoch": run.epoch,
        "classes": list(class_names),
        "W": run.W.tolist(),
        "b": run.b.tolist(),
        "history": {
            name: [None if np.isnan(v) else float(v) for v in history[name]]
            for name in liverun.HISTORY_FIELDS
        },
    }
    return json.dumps(everything, indent=1)


def _picture(run: liverun.Run, data: LessonData, shown: ExportView) -> dict:
    """The regions chart with the map the page shows at the click."""
    return view.picture(
        run.W, run.b, data.bounds, data.X, data.y, data.is_test, shown.probability_class
    )


def chart_svg(run: liverun.Run, data: LessonData, shown: ExportView) -> str:
    return render.svg(**_picture(run, data, shown))


def chart_png(run: liverun.Run, data: LessonData, shown: ExportView) -> bytes:
    return render.png(render.raster(**_picture(run, data, shown)))


def export_buttons(run: liverun.Run, data: LessonData, shown: ExportView) -> None:
    """The download buttons.

    The chart files are drawn server-side by ``core.render`` (Streamlit shows Vega without
    its export menu). Every file is made only when its button is clicked (``data`` is a
    callable: the PNG takes a good part of a second; made on every run, the files cost a
    page run more than the rest of the export section, bench/bench_load.py, issue #7).
    ``on_click="ignore"``: a download does not rerun. ``shown`` is read on click: the map
    switch can change without a run of the whole page.
    """
    st.subheader(t("training.export_header"))
    names = data.class_names
    downloads = [
        ("params", "export_params_csv", partial(parameters_csv, run, names), "csv"),
        ("history", "export_history_csv", partial(history_csv, run), "csv"),
        ("json", "export_json", partial(run_json, run, names), "json"),
        ("png", "export_png", partial(chart_png, run, data, shown), "png"),
        ("svg", "export_svg", partial(chart_svg, run, data, shown), "svg"),
    ]
    with st.container(horizontal=True):
        for key, label, make, kind in downloads:
            file_name, mime = _FILES[key].format(epoch=run.epoch), _MIMES[kind]
            st.download_button(
                t(f"training.{label}"),
                make,
                file_name,
                mime,
                icon=":material/download:",
                key=f"training.export_{key}",
                on_click="ignore",
            )


_FILES = {
    "params": "softmax_parameters.csv",
    "history": "softmax_history.csv",
    "json": "softmax_run.json",
    "png": "softmax_regions_epoch{epoch}.png",
    "svg": "softmax_regions_epoch{epoch}.svg",
}
_MIMES = {"csv": "text/csv", "json": "application/json", "png": "image/png", "svg": "image/svg+xml"}
