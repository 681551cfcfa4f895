"""The training lesson's panels around the live view: the parameters and their gradients,
one point up close, cross-entropy against squared error, divergence, downloads."""

import hashlib
import json

import numpy as np
import pandas as pd
import streamlit as st

from core import liverun, render
from ui import charts, formula, process, spreadsheet
from ui import training_view as view
from ui.i18n import t
from ui.training_controls import plain

_COMPARISON = "training.comparison"  # (key, a half-trained liverun.Comparison)


def divergence_message(divergence, learning_rate) -> str:
    """What blew up, when, and what to do: the text shown when a run stops by itself."""
    return t(
        f"training.diverged.{divergence.what}",
        epoch=divergence.epoch,
        objective=formula.number(divergence.objective),
        weight=formula.number(divergence.largest_weight),
        lr=f"{learning_rate:g}",
    )


def _matrix(values, digits=3) -> str:
    # Rounded for display, so float noise in a zero (1.3e-17) reads 0.
    values = np.round(np.atleast_2d(values), digits)
    rows = [" & ".join(formula.latex_number(v, digits) for v in row) for row in values]
    return r"\begin{bmatrix}" + r" \\ ".join(rows) + r"\end{bmatrix}"


def parameter_tables(W, b, grad_W, grad_b, *, loss, l2) -> None:
    """``W``, ``b`` and their gradients with the live numbers (``W (2, K)``: rows x₁, x₂)."""
    if loss == "cross_entropy":
        rule = r"\nabla_W &= \tfrac{1}{n} X^\top(\hat Y - Y)"
        bias_rule = r"\nabla_b &= \tfrac{1}{n}\textstyle\sum_i (\hat y_i - y_i)"
    else:
        rule = r"\nabla_W &= X^\top \tfrac{\partial L}{\partial O}"
        bias_rule = r"\nabla_b &= \textstyle\sum_i \tfrac{\partial L}{\partial o_i}"
    penalty = rf" + {formula.latex_number(l2)}\,W" if l2 > 0 else ""
    # One matrix per row, each rule above its numbers: the formula shares a column with
    # the curves (small type: four-digit numbers at K = 5 overflowed it), in one element:
    # each element is a message the browser renders again.
    # Past six classes the rows only fit the column in smaller type with two decimals.
    wide = np.shape(W)[-1] > 6
    size, digits = (r"\scriptsize", 2) if wide else (r"\small", 3)
    st.latex(
        size + r"\begin{aligned}"
        rf"W &= {_matrix(W, digits)} \\ b &= {_matrix(b, digits)} \\[1ex]"
        rf"{rule}{penalty} \\ &= {_matrix(grad_W, digits)} \\[1ex]"
        rf"{bias_rule} \\ &= {_matrix(grad_b, digits)}"
        r"\end{aligned}"
    )


def inspect_point(X, y, is_test, W, b, class_names, *, n_train, loss) -> None:
    """Pick a point by its number: its logits, probabilities, loss, and gradient share."""
    st.subheader(t("training.inspect_header"))
    index = st.number_input(
        t("training.inspect_index", last=len(y) - 1),
        0,
        len(y) - 1,
        0,
        1,
        key="training.point",
        help=t("training.inspect_help"),
    )
    index = int(min(index, len(y) - 1))
    z, p, value, share_W, share_b = liverun.point_details(
        X[index], int(y[index]), W, b, n_samples=n_train, loss=loss
    )
    split = t("training.chart.test") if is_test[index] else t("training.chart.train")
    st.markdown(
        t(
            "training.inspect_point",
            index=index,
            x1=formula.number(X[index, 0], 3),
            x2=formula.number(X[index, 1], 3),
            label=plain(class_names[y[index]]),
            split=split,
            predicted=plain(class_names[int(np.argmax(z))]),
        )
    )
    table = pd.DataFrame(
        {
            t("training.inspect_logit"): z,
            t("training.inspect_probability"): p,
            "∂W · x₁": share_W[0],
            "∂W · x₂": share_W[1],
            "∂b": share_b,
        },
        index=class_names,
    )
    # Four significant digits by column format, in the browser: a pandas Styler cost more
    # server time than the rest of this section.
    st.dataframe(
        table,
        width="stretch",
        column_config={name: st.column_config.NumberColumn(format="%.4g") for name in table},
    )
    loss_name = t(f"training.loss.{loss}")
    st.markdown(t("training.inspect_loss", loss=loss_name, value=formula.number(value)))
    if is_test[index]:
        st.caption(t("training.inspect_test_note"))


# Finished comparisons, shared by the process's sessions: a class that opens the same link
# trains it once. Oldest first; at most ``_KEPT``.
_KEPT = 16


@st.cache_resource(show_spinner=False)
def _finished() -> dict:
    return {}


def _comparison(X, y, n_classes, n_epochs, seed, settings) -> liverun.Comparison:
    """The comparison for these data and settings, a bounded step further than the last run
    left it (``ui.process.cpu_budget``): long comparisons train over several runs."""
    digest = hashlib.sha256(np.ascontiguousarray(X).tobytes() + np.asarray(y).tobytes())
    key = (digest.hexdigest(), n_classes, n_epochs, seed, *sorted(settings.items()))
    finished = _finished()
    if key in finished:
        return finished[key]
    kept = st.session_state.get(_COMPARISON)
    if kept is None or kept[0] != key:
        kept = (key, liverun.start_comparison(X, y, n_classes, n_epochs=n_epochs, seed=seed))
    comparison = liverun.advance_comparison(
        kept[1], X, y, keep_going=process.cpu_budget(), **settings
    )
    if comparison.done:
        finished[key] = comparison
        while len(finished) > _KEPT:
            finished.pop(next(iter(finished)))
        st.session_state.pop(_COMPARISON, None)
    else:
        st.session_state[_COMPARISON] = (key, comparison)
    return comparison


def comparison_pending() -> bool:
    """Whether a comparison is half trained: its section should run again soon."""
    return _COMPARISON in st.session_state


def compare_losses(X, y, n_classes, hyper, *, seed, bounds, class_names) -> None:
    """The same data, seed and settings trained with each loss, side by side, compared by
    what both losses share (``core.liverun.LossProgress``): the training accuracy, the
    fraction of each loss's own start that is left, and the gradient's size. Their raw
    values are on different scales (squared error starts lower), so they come second."""
    st.subheader(t("training.compare_header"))
    st.markdown(t("training.compare_intro"))
    if not st.toggle(t("training.compare_show"), key="training.compare", persist_state="session"):
        return
    n_epochs = st.select_slider(
        t("training.compare_epochs"),
        (10, 20, 50, 100, 200, 500),
        value=50,
        key="training.compare_epochs",
        persist_state="session",
    )
    settings = {"learning_rate": hyper.lr, "batch_size": hyper.batch, "l2": hyper.l2}
    comparison = _comparison(X, y, n_classes, n_epochs, seed, settings)
    if not comparison.done:
        st.progress(
            comparison.epoch / n_epochs,
            text=t("training.compare_progress", epoch=comparison.epoch, epochs=n_epochs),
        )
        return
    results = liverun.comparison_results(comparison, X, y, l2=hyper.l2)
    spec = view.regions_spec(tuple(class_names), bounds, False)
    points = view.points_arrow(X, y, np.zeros(len(y), dtype=bool), bounds)
    for column, loss in zip(st.columns(2), ("cross_entropy", "mse"), strict=True):
        with column:
            st.markdown(f"**{t(f'training.loss.{loss}')}**")
            if results[loss] is None:
                st.error(t("training.compare_diverged"), icon=":material/warning:")
                continue
            result, progress = results[loss]
            st.caption(
                t(
                    "training.compare_result",
                    epochs=n_epochs,
                    accuracy=f"{progress.accuracy:.1%}",
                    left=f"{progress.left:.1%}",
                    end=formula.number(progress.end),
                    start=formula.number(progress.start),
                    start_gradient=formula.number(progress.start_gradient),
                    end_gradient=formula.number(progress.end_gradient),
                )
            )
            shapes, segments = view.region_shapes(result.W, result.b, bounds)
            charts.show_spec(
                spec,
                {
                    "polygons": view.polygon_arrow(shapes),
                    "boundaries": view.boundary_arrow(segments),
                    "points": points,
                },
                key=f"training.compare_chart.{loss}",
            )
    if results["cross_entropy"] is None or results["mse"] is None:
        return
    ce, mse = results["cross_entropy"][1], results["mse"][1]
    if mse.left > ce.left:
        verdict = t(
            "training.compare_verdict.slower",
            ratio=formula.number(ce.start_gradient / mse.start_gradient, 2),
        )
    else:
        verdict = t("training.compare_verdict.not_slower")
    st.markdown(
        t(
            "training.compare_verdict",
            mse_left=f"{mse.left:.1%}",
            ce_left=f"{ce.left:.1%}",
            verdict=verdict,
        )
    )
    left = pd.DataFrame(
        {
            t("training.loss.cross_entropy"): ce.left_by_epoch,
            t("training.loss.mse"): mse.left_by_epoch,
        }
    )
    left.index.name = t("training.chart.epoch")
    st.line_chart(
        left,
        y_label=t("training.compare_chart"),
        x_label=t("training.chart.epoch"),
        color=["#0072B2", "#D55E00"],
        height=charts.height(220),
    )


def _chart_svg(picture) -> str:
    return render.svg(**picture)


def _chart_png(picture) -> bytes:
    return render.png(render.raster(**picture))


def export_buttons(run, class_names, *, X, y, is_test, bounds, probability_class) -> None:
    """Downloads: the parameters and the history as CSV or JSON, the chart as PNG or SVG.

    The chart files are drawn server-side by ``core.render`` (Streamlit shows Vega without
    its export menu). Every file is made only when its button is clicked (``data`` is a
    callable: the PNG takes a good part of a second). ``on_click="ignore"``: a download
    does not rerun. ``probability_class`` is a function, asked on click: the map switch
    can change without a run of the whole page.
    """
    st.subheader(t("training.export_header"))
    # Every file is made only when its button is clicked: made on every run, they cost a
    # page run more than the rest of the export section (bench/bench_load.py, issue #7).

    def parameters_csv() -> str:
        parameters = pd.DataFrame(
            np.vstack([run.W, run.b[None, :]]),
            index=["W_x1", "W_x2", "b"],
            columns=spreadsheet.cells(class_names),  # a CSV label may start with "="
        )
        return parameters.to_csv()

    def history_table() -> pd.DataFrame:
        history = pd.DataFrame(run.history, columns=liverun.HISTORY_FIELDS)
        history["epoch"] = history["epoch"].astype(int)
        return history

    def run_json() -> str:
        history = history_table()
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

    def picture():
        return view.picture(run.W, run.b, bounds, X, y, is_test, probability_class())

    downloads = [
        ("params", "export_params_csv", parameters_csv, "softmax_parameters.csv", "text/csv"),
        (
            "history",
            "export_history_csv",
            lambda: history_table().to_csv(index=False),
            "softmax_history.csv",
            "text/csv",
        ),
        ("json", "export_json", run_json, "softmax_run.json", "application/json"),
        (
            "png",
            "export_png",
            lambda: _chart_png(picture()),
            f"softmax_regions_epoch{run.epoch}.png",
            "image/png",
        ),
        (
            "svg",
            "export_svg",
            lambda: _chart_svg(picture()),
            f"softmax_regions_epoch{run.epoch}.svg",
            "image/svg+xml",
        ),
    ]
    with st.container(horizontal=True):
        for key, label, data, file_name, mime in downloads:
            st.download_button(
                t(f"training.{label}"),
                data,
                file_name,
                mime,
                icon=":material/download:",
                key=f"training.export_{key}",
                on_click="ignore",
            )
