"""Cross-entropy against squared error: the same data, seed and settings trained with each
loss, side by side. A long comparison trains in bounded steps (``ui.live.budget``)
over several runs of its section."""

import hashlib
from contextlib import nullcontext

import numpy as np
import pandas as pd
import streamlit as st

from core.comparison import (
    Comparison,
    LossProgress,
    advance_comparison,
    comparison_results,
    start_comparison,
)
from ui import charts, formula, live, reveal, urlstate
from ui.i18n import t
from ui.lessons.training import charts as view
from ui.lessons.training.controls import TrainingSettings
from ui.lessons.training.data import LessonData
from ui.lessons.training.state import TrainingState

# While one is half trained, its section runs again every ``COMPARE_INTERVAL`` seconds,
# showing its progress.
COMPARE_INTERVAL = 0.2
COMPARE_EPOCHS = (10, 20, 50, 100, 200, 500)


def section(data: LessonData, hyper: TrainingSettings) -> None:
    """The comparison's section, a fragment on a timer while a comparison is half trained."""
    timed = TrainingState().comparison_pending()

    def compare_section() -> None:
        # Its timer's runs count against the session's share of the CPU (ui/process.py).
        with live.charged() if live.ticking() else nullcontext():
            _compare(data, hyper)
        if (
            TrainingState().comparison_pending() != timed
        ):  # started or finished: the page sets its timer
            st.rerun(scope="app")

    with reveal.section("training.section.compare"):
        st.fragment(compare_section, run_every=COMPARE_INTERVAL if timed else None)()


def _compare(data: LessonData, hyper: TrainingSettings) -> None:
    compare_losses(
        data.X_train,
        data.y_train,
        data.n_classes,
        hyper,
        seed=data.seed,
        bounds=data.bounds,
        class_names=data.class_names,
    )


# Finished comparisons, shared by the process's sessions: a class that opens the same link
# trains it once. Oldest first; at most ``_KEPT``.
_KEPT = 16


@st.cache_resource(show_spinner=False)
def _finished() -> dict:
    return {}


def _comparison(X, y, n_classes, n_epochs, seed, settings) -> Comparison:
    """The comparison for these data and settings, a bounded step further than the last run
    left it (``ui.live.budget``): long comparisons train over several runs."""
    digest = hashlib.sha256(np.ascontiguousarray(X).tobytes() + np.asarray(y).tobytes())
    key = (digest.hexdigest(), n_classes, n_epochs, seed, *sorted(settings.items()))
    finished = _finished()
    if key in finished:
        return finished[key]
    state = TrainingState()
    kept = state.comparison(key)
    if kept is None:
        kept = start_comparison(X, y, n_classes, n_epochs=n_epochs, seed=seed)
    elif live.ticking() and live.over_share():  # its timer has had its share for now
        return kept
    keep_going = live.budget(background=live.ticking())  # its timer's, or a person's run
    comparison = advance_comparison(kept, X, y, keep_going=keep_going, **settings)
    if comparison.done:
        finished[key] = comparison
        while len(finished) > _KEPT:
            finished.pop(next(iter(finished)))
        state.forget_comparison()
    else:
        state.keep_comparison(key, comparison)
    return comparison


def compare_losses(X, y, n_classes, hyper, *, seed, bounds, class_names) -> None:
    """The same data, seed and settings trained with each loss, side by side, compared by
    what both losses share (``core.LossProgress``): the training accuracy, the
    fraction of each loss's own start that is left, and the gradient's size. Their raw
    values are on different scales (squared error starts lower), so they come second."""
    st.subheader(t("training.compare_header"))
    st.markdown(t("training.compare_intro"))
    # Both are settings (``?compare=1&compare_epochs=200``): a link opens the comparison.
    if not urlstate.toggle(t("training.compare_show"), key="compare"):
        return
    n_epochs = urlstate.number_choice_slider(
        t("training.compare_epochs"), COMPARE_EPOCHS, 50, key="compare_epochs"
    )
    settings = hyper.descent.arguments()
    comparison = _comparison(X, y, n_classes, n_epochs, seed, settings)
    if not comparison.done:
        st.progress(
            comparison.epoch / n_epochs,
            text=t("training.compare_progress", epoch=comparison.epoch, epochs=n_epochs),
        )
        return
    results = comparison_results(comparison, X, y, l2=hyper.descent.l2)
    _side_by_side(results, X, y, n_epochs, bounds=bounds, class_names=class_names)
    if results["cross_entropy"] is not None and results["mse"] is not None:
        _verdict(results["cross_entropy"][1], results["mse"][1])


def _side_by_side(results, X, y, n_epochs, *, bounds, class_names) -> None:
    """Each loss's result: what is left of its start, and its regions."""
    spec = view.regions_spec(tuple(class_names), bounds)
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


def _verdict(ce: LossProgress, mse: LossProgress) -> None:
    """Which loss trained faster, and what is left of each one's start, epoch by epoch."""
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
