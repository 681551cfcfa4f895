"""The images lesson: softmax regression on pictures, from the notes' 2×2 image to
Fashion-MNIST trained live, and whether its outputs are probabilities (docs/course.md §8,
§9). Four tabs; only the open one runs."""

from ui import live, reveal, study
from ui.lessons.images import calibration, controls, sections
from ui.lessons.images.state import STATE


def render() -> None:
    """The lesson from top to bottom."""
    sections.intro()
    loop = live.Loop("images")
    tabs = reveal.lesson_tabs(sections.TABS)
    if not tabs["train"].open:
        loop.pause()  # nothing ticks on a closed tab: Play resumes it there
    with tabs["toy"]:
        if tabs["toy"].open:
            sections.toy()
    with tabs["train"]:
        if tabs["train"].open:
            sections.train(loop)
    data = sections.fashion()
    if tabs["image"].open or tabs["calibration"].open:
        run = STATE.run(data, controls.held_seed())
        with tabs["image"]:
            if tabs["image"].open:
                sections.one_image(data, sections.class_names(), run)
        with tabs["calibration"]:
            if tabs["calibration"].open:
                calibration.show(data, run)
    study.next_lesson("images")
