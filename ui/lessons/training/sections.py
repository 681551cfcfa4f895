"""The training lesson's sections, one function each, in the page's order."""

import streamlit as st

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


def _playing(text: str) -> bool:
    """A link's ``?play=``."""
    if text not in ("0", "1"):
        raise ValueError(text)
    return text == "1"


def opening() -> None:
    st.title(t("nav.training"))
    st.markdown(t("training.intro"))
    study.questions_section("training", on_reveal=run.reveal_answer)


def data() -> LessonData:
    """1. The data: generated blobs, or a person's own file."""
    lesson_data = load(controls.data_settings())
    study.code_expander(
        [make_blobs, train_test_split],
        r"x_i = 3\left(\cos\tfrac{2\pi y_i}{K}, \sin\tfrac{2\pi y_i}{K}\right)"
        r" + \text{spread}\cdot\varepsilon_i,\quad \varepsilon_i \sim \mathcal N(0, I_2)",
    )
    return lesson_data


def play_controls(lesson_data: LessonData, hyper: TrainingSettings) -> live.Loop:
    """2. How it trains: the run for these data and settings, and Play, Step and Reset.
    Changing a setting goes on from where the run is; other data starts a new run."""
    loop = live.Loop("training")
    epoch = urlstate.link_value(
        "epoch",
        urlstate.number_parser(0, run.MAX_LINK_EPOCH, integer=True),
        f"0 … {run.MAX_LINK_EPOCH}",
    )
    play = urlstate.link_value("play", _playing, "0 / 1")
    run.follow_link(loop, lesson_data, epoch, play)
    run.settle(loop, lesson_data, hyper)
    with reveal.section("training.section.train"):
        st.subheader(t("training.train_header"))
        live.controls(loop, on_reset=lambda: run.start_over(lesson_data, hyper))
        st.caption(t("training.shortcuts"))
    return loop


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
