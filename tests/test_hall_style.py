"""Every chart and choice the pages draw, read from their specs (issue #12): text sizes and
colours for projection mode, tooltips in the page's language, translated placeholders.
tests/e2e/test_hall_style_e2e.py measures the same on the page as Chromium draws it."""

import json

import pytest

from tests.apptest import open_page
from ui import nav
from ui.i18n import CATALOGS

LESSONS = [lesson.key for lesson in nav.LESSONS]


def _specs(key: str, lang: str, present: str) -> list[dict]:
    at = open_page(key, lang=lang, present=present)
    assert not at.exception
    return [json.loads(chart.proto.spec) for chart in at.get("vega_lite_chart")]


def _units(spec: dict, inherited: dict | None = None):
    """Every mark of a spec with the encoding it sees (a layer's parent's included)."""
    encoding = {**(inherited or {}), **spec.get("encoding", {})}
    if "mark" in spec:
        yield spec["mark"], encoding
    for part in spec.get("layer", []):
        yield from _units(part, encoding)
    for key in ("hconcat", "vconcat", "concat"):
        for part in spec.get(key, []):
            yield from _units(part)
    if "spec" in spec:
        yield from _units(spec["spec"])


@pytest.fixture(scope="module", params=["zh", "en"])
def page_specs(request) -> dict[str, list[dict]]:
    return {key: _specs(key, request.param, "true") for key in LESSONS}


def test_every_mark_says_what_its_tooltip_shows(page_specs):
    """Streamlit's theme gives a mark without a tooltip of its own one of every encoded
    field under its column name (``row``, ``_class_sort_index``): none relies on it."""
    for key, specs in page_specs.items():
        # The training lesson draws its live charts on canvases of its own (player.py,
        # readout.py; their text and tooltip are checked in tests/e2e/test_hall_style_e2e.py).
        assert specs or key == "training", key
        for spec in specs:
            for mark, encoding in _units(spec):
                assert "tooltip" in encoding, (key, mark)
                tooltip = encoding["tooltip"]
                if isinstance(tooltip, dict) and "value" in tooltip:
                    assert tooltip["value"] is None, (key, mark)
                    continue
                for entry in tooltip if isinstance(tooltip, list) else [tooltip]:
                    assert isinstance(entry.get("title"), str) and entry["title"], (key, entry)
                    assert not entry["field"].startswith("_"), (key, entry)


def test_chart_text_reads_from_the_back_row(page_specs):
    for key, specs in page_specs.items():
        for spec in specs:
            config = spec["config"]
            for guide in ("axis", "legend", "header"):
                for size in ("labelFontSize", "titleFontSize"):
                    assert config[guide][size] >= 20, (key, guide, size)
                for colour in ("labelColor", "titleColor"):
                    assert config[guide][colour] == "#000", (key, guide, colour)


def test_legends_are_dark_enough_outside_projection_mode():
    """Streamlit's theme draws legends in grey #808495 (3.7:1 on white)."""
    for spec in _specs("softmax", "en", "false"):
        for guide in ("axis", "legend"):
            assert spec["config"][guide]["labelColor"] == "#31333F"


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_choice_box_asks_in_the_page_language(lang):
    at = open_page("multilabel", lang=lang)
    assert at.selectbox(key="multilabel.point").proto.placeholder == CATALOGS[lang]["shell.choose"]
