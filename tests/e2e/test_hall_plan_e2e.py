"""Every view of the shipped lecture plan in the lecture hall (issue #12), in Chromium: its
link, opened in a fresh browser in projection mode at 1920×1080 and 1280×720 (a browser's
address bar leaves about 950 and 620 pixels) and in both languages, shows the tab and the
training epoch it names, and the view on one screen: every chart, control, number and
table of the view (``ui/stage.split``'s container; the training lesson's picture, buttons,
numbers and W, b, ∇) lies inside the window. At 1920 the view's text also reads from the
back row (tests/e2e/test_hall_style_e2e.py's measure). Screenshots: hall-plan-*.png."""

import pytest
from playwright.sync_api import expect

from tests.e2e.browser import assert_no_exception, main, wait_until_idle
from tests.e2e.conftest import SCREENSHOTS
from tests.e2e.test_hall_style_e2e import _MEASURE, CHART_PX, CHART_TEXT, VALUE_PX, VALUES
from tests.e2e.test_plan_e2e import TAB_LABELS, _selected_tab
from ui.i18n import CATALOGS
from ui.lecture5 import LECTURE_5
from ui.stage import VIEW_KEY

SCREENS = {"1920": (1920, 950), "1280": (1280, 620)}

# What a person reads or works in a view: each one's box must be inside the window.
PARTS = (
    '[data-testid="stVegaLiteChart"], [data-testid="stSlider"], [data-testid="stMetric"],'
    '[data-testid="stTable"], [data-testid="stDataFrame"], [data-testid="stNumberInput"],'
    '[data-testid="stTextInput"], [data-testid="stSelectbox"], [data-testid="stButton"],'
    '[data-testid="stRadio"], [data-testid="stToggle"], canvas'
)
TRAINING_PARTS = (
    ".sx-player canvas, .sx-player-head, .st-key-training-play button,"
    ".st-key-training-step button, .st-key-training-reset button, .sx-readout-matrices"
)


def _views():
    for index, entry in enumerate(LECTURE_5.entries):
        tab = dict(entry.params).get("tab")
        yield pytest.param(index, id=f"{index + 1:02d}-{entry.page}-{tab or 'page'}")


_OUTSIDE = """([selector, width, height]) => {
  const out = [];
  for (const e of document.querySelectorAll(selector)) {
    const r = e.getBoundingClientRect();
    if (r.width === 0 || r.height === 0) continue;  // a closed tab's, a hidden one
    if (r.top < -1 || r.bottom > height + 1 || r.left < -1 || r.right > width + 1)
      out.push(`${e.dataset.testid || e.className}: ${Math.round(r.top)}–${Math.round(r.bottom)}`
        + ` × ${Math.round(r.left)}–${Math.round(r.right)}`);
  }
  return out;
}"""


_TABS_IN_PLACE = """() => {
  const tabs = document.querySelector('[data-testid="stMain"] [data-testid="stTabs"]');
  if (!tabs) return false;
  const margin = parseFloat(getComputedStyle(tabs).scrollMarginTop) || 0;
  return Math.abs(tabs.getBoundingClientRect().top - margin) <= 3;
}"""


def _view_selector(entry) -> str:
    if entry.page == "training":
        return TRAINING_PARTS
    stage = f'[class*="st-key-{VIEW_KEY}"]'
    return ", ".join(f"{stage} {part}" for part in PARTS.split(","))


@pytest.mark.parametrize("screen", list(SCREENS))
@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("index", list(_views()))
def test_every_plan_view_opens_on_one_projected_screen(server_url, new_page, index, lang, screen):
    entry = LECTURE_5.entries[index]
    width, height = SCREENS[screen]
    page = new_page(locale="zh-CN" if lang == "zh" else "en-US", width=width, height=height)
    page.goto(f"{server_url}/{entry.href(lang, present=True)}")
    wait_until_idle(page)
    page.wait_for_timeout(600)  # the charts' heights follow the window, learnt on the first run
    wait_until_idle(page)
    assert_no_exception(page)
    body = main(page)
    params = dict(entry.params)
    tabs = TAB_LABELS.get(entry.page)
    if tabs:
        # The link scrolls the tabs to the top (ui/reveal_scroll.js), smoothly, and brings
        # them back there for a moment while the page around them settles: wait for that.
        page.wait_for_function(_TABS_IN_PLACE, timeout=15_000)
        wait_until_idle(page)
        assert _selected_tab(page) == CATALOGS[lang][tabs[params.get("tab", next(iter(tabs)))]]
    if entry.page == "training" and "epoch" in params and "play" not in params:
        expect(body.locator(".sx-player-epoch")).to_have_text(params["epoch"])
    selector = _view_selector(entry)
    if entry.page != "training":
        stage = body.locator(f'[class*="st-key-{VIEW_KEY}"]').filter(visible=True)
        assert stage.count() == 1, "no view laid out for one screen (ui/stage.split)"
    SCREENSHOTS.mkdir(exist_ok=True)
    page.screenshot(path=SCREENSHOTS / f"hall-plan-{index + 1:02d}-{lang}-{screen}.png")
    outside = page.evaluate(_OUTSIDE, [selector, width, height])
    assert outside == [], f"parts of the view below or beside the screen: {outside}"
    if screen == "1920":
        measured = page.evaluate(_MEASURE, [VALUES, CHART_TEXT])
        small = {kind: size for kind, size in measured["sizes"].items() if size < VALUE_PX}
        assert small == {}, f"values under {VALUE_PX} px"
        assert min(measured["chart"], default=CHART_PX) >= CHART_PX, "chart text too small"
        assert measured["faint"] == [], "text under 4.5:1"
