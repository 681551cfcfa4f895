"""The training lesson: softmax regression learns by gradient descent on 2-D data, live
(``pages/3_training_lesson.py`` is its entry line). The layout of this package:
ui/lessons/__init__.py; besides the usual files, data.py (the points), run.py (the training
run), frame.py (the live view), player.py with player.html, .css, .js (the canvas while
playing), panels.py, compare.py, export.py and upload.py (the sections around it)."""

from ui import study
from ui.lessons.training import compare, export, frame, sections
from ui.lessons.training.state import TrainingState
from ui.shell import page_setup


def render() -> None:
    """The lesson from top to bottom."""
    page_setup("training")  # first: a page run on its own goes through app.py from here
    layout = sections.opening()
    data, hyper = sections.data(layout)
    loop = sections.play_controls(layout, data, hyper)
    frame.show(frame.prepare(loop, data, hyper, one_screen=not layout.on_page))
    sections.view_in_url(loop)
    sections.after_the_live_view(layout)
    sections.code()
    state = TrainingState()
    sections.inspect(data, hyper, state.run())
    compare.section(data, hyper)
    export.export_buttons(state.run(), data, state.export_view())
    study.next_lesson("training")
