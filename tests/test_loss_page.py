"""The loss lesson (pages/2_loss_lesson.py) through AppTest: each bullet of issue 4."""


import pytest

from tests.apptest import assert_clean, open_page, texts
from ui.strings.loss import EN, ZH


def metric(at, label_start: str) -> str:
    """The value of the first metric whose label starts with ``label_start``."""
    return next(m.value for m in at.metric if m.label.startswith(label_start))


def metrics(at, label_start: str) -> list[str]:
    return [m.value for m in at.metric if m.label.startswith(label_start)]


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_page_runs_clean_in_both_languages(lang):
    at = open_page("loss", lang=lang)
    assert_clean(at)
    catalog = EN if lang == "en" else ZH
    assert catalog["loss.intro"] in texts(at)
    assert [tab.label for tab in at.tabs] == [
        catalog[f"loss.tab.{name}"] for name in ("curve", "cases", "information", "gradients")
    ]


def test_projection_mode_runs_clean():
    at = open_page("loss", lang="en")
    at.sidebar.toggle(key="present").set_value(True).run()
    assert_clean(at)
    assert metric(at, "Cross-entropy") == "0.357"
