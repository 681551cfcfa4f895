"""Lesson 2, the loss: cross-entropy against squared error (pages/2_loss_lesson.py is its
entry line). The layout of this package: ui/lessons/__init__.py."""

from ui import study
from ui.lessons.loss import controls, sections
from ui.shell import page_setup


def render() -> None:
    """The lesson from top to bottom."""
    page_setup("loss")  # first: a page run on its own goes through app.py from here
    sections.header()
    settings = controls.page_settings()
    study.questions_section("loss")
    tabs = controls.lesson_tabs()
    with tabs["curve"]:
        sections.curve(settings)
    with tabs["cases"]:
        sections.cases(settings)
    with tabs["information"]:
        sections.information()
    with tabs["gradients"]:
        sections.gradients(settings)
    study.next_lesson("loss")
