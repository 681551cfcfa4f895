"""The multi-label lesson: softmax against one sigmoid per label (docs/course.md §6)."""

from ui import reveal, study
from ui.lessons.multilabel import sections
from ui.shell import page_setup


def render() -> None:
    """The page from top to bottom: ``pages/4_multilabel_lesson.py`` calls this."""
    page_setup("multilabel")  # first: a fresh session goes through app.py before anything
    reveal.linked_section("multilabel", sections.SECTIONS)
    sections.opening()
    sections.example()
    data, chart_slot = sections.data()
    training = sections.models()
    loop = sections.play_controls(data, training)
    looking = sections.rules(data, chart_slot)
    sections.training(loop, data, training, looking)
    sections.why(data)
    study.next_lesson("multilabel")
