"""Helpers for AppTest: open a page of the real app the way a link would, and check it ran clean."""

import json
from pathlib import Path

from streamlit.runtime.pages_manager import PagesManager
from streamlit.testing.v1 import AppTest, app_test

from ui import nav
from ui.strings.shell import EN, ZH

ROOT = Path(__file__).resolve().parent.parent
APP = ROOT / "app.py"
TIMEOUT = 30

# The shell's last-resort message: a page that shows it has a bug, even though no
# exception reaches AppTest.
_UNEXPECTED = (EN["error.unexpected"].split("(")[0].strip(), ZH["error.unexpected"].split("（")[0])


class _ServedPagesManager(PagesManager):
    """AppTest starts every run as if on a freshly started server, where a ``pages/``
    folder means old-style pages (see ui/nav.py); a real session sees that only on the
    server's very first request (tests/e2e covers it). Run as an app already serving."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        PagesManager.uses_pages_directory = False


app_test.PagesManager = _ServedPagesManager


def open_page(key: str = "home", **query) -> AppTest:
    """Run ``app.py`` as a browser would for ``/<url_path>?<query>`` and return the AppTest."""
    at = AppTest.from_file(APP, default_timeout=TIMEOUT)
    params = {name: str(value) for name, value in query.items()}
    at.query_params.update(params)
    if key != "home":
        # switch_page resolves a page that st.navigation registered, so run the app once
        # first (the session starts from the link's language and mode), then open the
        # lesson with the link's parameters (a page switch clears them).
        at.run()
        lesson = next(item for item in (*nav.LESSONS, *nav.TEACHING) if item.key == key)
        at.switch_page(str(lesson.path.relative_to(ROOT)))
        at.query_params.clear()
        at.query_params.update(params)
    return at.run()


def answer(at: AppTest, question, *, right: bool = True) -> AppTest:
    """Answer a predict-then-reveal question on the page (rightly, or off by far more than
    its tolerance or with another option) and press Check."""
    field = f"study.input.{question.id}"
    if question.is_number:
        value = question.number() if right else question.number() + 10 * question.tolerance + 1
        at.number_input(key=field).set_value(value)
    else:
        wrong = next(option for option in question.options if option != question.correct)
        at.radio(key=field).set_value(question.correct if right else wrong)
    return at.button(key=f"study.check.{question.id}").click().run()


def assert_clean(at: AppTest) -> None:
    """No exception and no last-resort error message on the page."""
    assert not at.exception, [item.value for item in at.exception]
    for error in at.error:
        assert not any(marker in error.value for marker in _UNEXPECTED), error.value


def texts(at: AppTest) -> str:
    """Everything a person can read in the main area, as one string."""
    parts = []
    for kind in (
        "title",
        "header",
        "subheader",
        "markdown",
        "caption",
        "info",
        "warning",
        "error",
        "success",
        "latex",
        "metric",
        "text",
    ):
        for element in getattr(at, kind):
            value = getattr(element, "value", None)
            parts.append(str(value if value is not None else getattr(element, "body", "")))
    for metric in at.metric:
        parts.append(f"{metric.label} {metric.value}")
    return "\n".join(parts)


def picture(at) -> dict:
    """What the training lesson's picture (ui/lessons/training/player.py) was last sent."""
    for element in at.get("bidi_component"):
        if element.proto.component_name == "softmax_explorer.player":
            return json.loads(element.proto.json)
    raise AssertionError("the page shows no training picture")


def shown_epoch(at) -> int:
    """The epoch of the picture's last frame: the one it shows (paused) or ends on."""
    return picture(at)["batch"]["epochs"][-1]


def shown_numbers(at) -> list[str]:
    """The loss and accuracies above the picture's last frame, as shown."""
    return picture(at)["batch"]["numbers"][-1]
