"""The training lesson's sections, one function each, in the page's order."""

from dataclasses import dataclass
from pathlib import Path

import streamlit as st
from streamlit.delta_generator import DeltaGenerator

from core import gradients, liverun, make_blobs
from core.csvdata import train_test_split
from core.regions import boundary_segments, confidence_bands
from ui import live, reveal, study, urlstate
from ui.i18n import t
from ui.lessons.training import controls, run
from ui.lessons.training.controls import TrainingSettings
from ui.lessons.training.data import LessonData, load
from ui.lessons.training.panels import inspect_point
from ui.lessons.training.state import TrainingState
from ui.shell import is_present

# Projection mode with the settings out of the way: the live view fits one screen.
_STAGE_CSS = Path(__file__).with_name("stage_style.html").read_text(encoding="utf-8")


@dataclass(frozen=True)
class Layout:
    """Where the page's parts go: with the settings on the page, the introduction and the
    open settings panels come first (``above``); out of the way, the live view does, its
    Play row holding the closed settings panels (``beside``), the introduction after it."""

    on_page: bool
    above: DeltaGenerator  # the introduction, questions and open settings panels
    buttons: DeltaGenerator  # Play, Step and Reset
    beside: DeltaGenerator  # the closed settings panels, in the Play row


def opening() -> Layout:
    st.title(t("nav.training"))
    above = st.container()
    with st.sidebar:
        on_page = controls.settings_on_page()
    with reveal.section("training.section.train"):
        header = st.container()
        with st.container(horizontal=True, vertical_alignment="bottom"):
            buttons = st.container(horizontal=True, width="content")
            beside = st.container(horizontal=True, width="content")
    if not on_page and is_present():
        st.html(_STAGE_CSS)
    if on_page:
        with above:
            introduction()
        header.subheader(t("training.train_header"))
    return Layout(on_page, above, buttons, beside)


def introduction() -> None:
    st.markdown(t("training.intro"))
    study.questions_section("training", on_reveal=run.reveal_answer)


def data(layout: Layout) -> tuple[LessonData, TrainingSettings]:
    """1. The data (generated blobs, or a person's own file), and how gradient descent runs."""
    data_box, descent_box = controls.settings_boxes(layout.on_page, layout.above, layout.beside)
    lesson_data = load(controls.data_settings(data_box, layout.on_page))
    if layout.on_page:
        with layout.above:
            data_code()
    return lesson_data, controls.training_settings(descent_box, layout.on_page)


def data_code() -> None:
    study.code_expander(
        [make_blobs, train_test_split],
        r"x_i = 3\left(\cos\tfrac{2\pi y_i}{K}, \sin\tfrac{2\pi y_i}{K}\right)"
        r" + \text{spread}\cdot\varepsilon_i,\quad \varepsilon_i \sim \mathcal N(0, I_2)",
    )


def play_controls(layout: Layout, lesson_data: LessonData, hyper: TrainingSettings) -> live.Loop:
    """2. How it trains: the run for these data and settings, and Play, Step and Reset.
    Changing a setting goes on from where the run is; other data starts a new run."""
    loop = live.Loop("training")
    epoch = urlstate.link_value(
        "epoch",
        urlstate.number_parser(0, run.MAX_LINK_EPOCH, integer=True),
        f"0 … {run.MAX_LINK_EPOCH}",
    )
    play = urlstate.link_value("play", urlstate.flag, "0 / 1")
    run.follow_link(loop, lesson_data, epoch, play)
    run.settle(loop, lesson_data, hyper)
    with layout.buttons:
        live.controls(loop, on_reset=lambda: run.start_over(lesson_data, hyper))
    return loop


def after_the_live_view(layout: Layout) -> None:
    """Below the live view: the shortcuts, and with the settings out of the way, the
    introduction and the data's code."""
    st.caption(t("training.shortcuts"))
    if not layout.on_page:
        introduction()
        data_code()


def view_in_url(loop: live.Loop) -> None:
    """After the live view: the run's epoch on screen and whether it plays, in the URL
    (``?epoch=`` and ``?play=``), so the address bar is a link to this view. While playing
    the epoch is the one Play started from, or the one a link's run still trains toward."""
    state = TrainingState()
    epoch = state.aim() or state.shown()[0]
    urlstate.finish("epoch", int(epoch), 0)
    urlstate.finish("play", loop.playing, False, lambda playing: "1")


def code() -> None:
    """The code behind what the live view shows (outside the animated fragment: a tick
    re-sends only what changes)."""
    study.code_expander(
        [liverun.advance, gradients, confidence_bands, boundary_segments],
        r"\begin{aligned} W &\leftarrow W - \alpha \nabla_W J,\quad"
        r" \nabla_W J = \tfrac{1}{n} X^\top(\hat Y - Y) + \lambda W \\"
        r" R_k &= \{x : (w_k - w_j)\cdot x + b_k - b_j \ge 0 \ \ \forall j \ne k\}"
        r" \end{aligned}",
    )


def inspect(lesson_data: LessonData, hyper: TrainingSettings, trained: liverun.Run) -> None:
    """3. Beyond the live view: one point up close."""
    inspect_point(
        lesson_data.X,
        lesson_data.y,
        lesson_data.is_test,
        trained.W,
        trained.b,
        lesson_data.class_names,
        n_train=len(lesson_data.y_train),
        loss=hyper.loss,
    )
