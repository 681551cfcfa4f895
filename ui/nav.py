"""The map of lessons: one entry per page, in teaching order.

Why the file names and URL paths differ: until ``app.py`` has called ``st.navigation``
once, a fresh Streamlit server treats ``pages/`` as an old-style pages folder and serves a
first request by the name it infers from each file there (``1_softmax_lesson.py`` →
``softmax_lesson``), running that file alone, without the shell.
- Each lesson's ``url_path`` differs from its file's inferred name, so no lesson file is
  ever run alone for a deep link.
- ``pages/<url_path>.py`` (``pages/softmax.py``, …) is named to match the deep link
  itself and only runs the app, whose ``st.navigation`` then opens the lesson: without it
  the first deep link on a fresh server shows Streamlit's "Page not found" dialog.
- ``ui.shell.page_setup`` sends a lesson file that does run alone (a request for
  ``/softmax_lesson``) through ``app.py`` and back, keeping the query parameters.
"""

from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class Lesson:
    key: str
    file: str
    url_path: str
    icon: str
    minutes: int

    @property
    def path(self) -> Path:
        return ROOT / self.file


HOME = Lesson("home", "pages/0_home_page.py", "home", ":material/home:", 0)
LESSONS = (
    Lesson("softmax", "pages/1_softmax_lesson.py", "softmax", ":material/functions:", 15),
    Lesson("loss", "pages/2_loss_lesson.py", "loss", ":material/target:", 15),
    Lesson("training", "pages/3_training_lesson.py", "training", ":material/model_training:", 20),
    Lesson("multilabel", "pages/4_multilabel_lesson.py", "multilabel", ":material/label:", 15),
    Lesson("images", "pages/5_images_lesson.py", "images", ":material/image:", 20),
)

# Not a lesson: one question at a time, large, for a lecture hall.
ASK = Lesson("ask", "pages/6_ask_page.py", "ask", ":material/co_present:", 0)
# Not a lesson: the views of a lecture in order, presented one after another.
PLAN = Lesson("plan", "pages/7_plan_page.py", "plan", ":material/slideshow:", 0)
TEACHING = (ASK, PLAN)
