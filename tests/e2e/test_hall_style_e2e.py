"""Projection mode read from the back row of a lecture hall (issue #12), in Chromium at
1920 × 1080: type sizes and contrast measured on the page as drawn, and no English on a
Chinese page where a chart's tooltip or menu would show it."""

import re

import pytest
from playwright.sync_api import expect

from tests.e2e.browser import assert_no_exception, main, open_app
from ui import nav

PAGES = [nav.HOME, *nav.LESSONS]
VALUE_PX = 24  # every number a person reads or changes
CHART_PX = 20  # axis labels and legends
CONTRAST = 4.5  # WCAG AA for body text

# What each kind of value is on the page; only the visible ones are measured.
VALUES = {
    "slider value": '[data-testid="stSliderThumbValue"] p',
    "slider end": '[data-testid="stSliderTickBar"] p',
    "typed value": '[data-testid="stMain"] input:not([type="range"]):not([type="checkbox"])',
    "choice": '[data-testid="stSelectbox"] input',
    "table cell": '[data-testid="stTable"] td, [data-testid="stTable"] th',
    "metric": '[data-testid="stMetricValue"]',
    "caption": '[data-testid="stCaptionContainer"]',
}
CHART_TEXT = (
    '[data-testid="stVegaLiteChart"] svg g.role-axis-label text,'
    '[data-testid="stVegaLiteChart"] svg g.role-axis-title text,'
    '[data-testid="stVegaLiteChart"] svg g.role-legend-label text,'
    '[data-testid="stVegaLiteChart"] svg g.role-legend-title text'
)

# The page's computed styles: the smallest size of each kind, the chart text, and every
# text whose colour on its background is below CONTRAST (WCAG 2 relative luminance).
_MEASURE = """
([values, chartText]) => {
  const shown = (e) => { const r = e.getBoundingClientRect();
    return r.width > 0 && r.height > 0 && getComputedStyle(e).visibility !== "hidden"; };
  const px = (e) => parseFloat(getComputedStyle(e).fontSize);
  const sizes = {};
  for (const [kind, selector] of Object.entries(values)) {
    const found = Array.from(document.querySelectorAll(selector)).filter(shown);
    if (found.length) sizes[kind] = Math.min(...found.map(px));
  }
  const charts = Array.from(document.querySelectorAll(chartText)).filter(shown);
  const rgba = (text) => { const n = text.match(/[\\d.]+/g).map(Number);
    return [n[0], n[1], n[2], n.length > 3 ? n[3] : 1]; };
  const over = (top, under) => top.slice(0, 3).map((c, i) => c * top[3] + under[i] * (1 - top[3]));
  // The layers painted behind the text's centre: an ancestor whose box lies elsewhere (a
  // slider's thumb, under the value drawn above it) paints nothing there.
  const background = (e) => {
    const box = e.getBoundingClientRect();
    const [x, y] = [box.left + box.width / 2, box.top + box.height / 2];
    const layers = [];
    for (let n = e; n && n.nodeType === 1; n = n.parentElement) {
      const r = n.getBoundingClientRect();
      if (x < r.left || x > r.right || y < r.top || y > r.bottom) continue;
      const c = rgba(getComputedStyle(n).backgroundColor);
      if (c[3] > 0) layers.push(c);
      if (c[3] === 1) break;
    }
    return layers.reverse().reduce((under, top) => over(top, under), [255, 255, 255]);
  };
  const luminance = (c) => { const [r, g, b] = c.map((v) => { v /= 255;
    return v <= 0.04045 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; });
    return 0.2126 * r + 0.7152 * g + 0.0722 * b; };
  const ratio = (a, b) => { const [x, y] = [luminance(a), luminance(b)].sort((p, q) => q - p);
    return (x + 0.05) / (y + 0.05); };
  const faint = [];
  const root = document.querySelector('[data-testid="stMain"]');
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  const seen = new Set();
  for (let t = walker.nextNode(); t; t = walker.nextNode()) {
    const e = t.parentElement;
    if (!t.textContent.trim() || seen.has(e) || !shown(e)) continue;
    seen.add(e);
    const style = getComputedStyle(e);
    const svg = e instanceof SVGElement;
    // Text drawn over a chart's own marks (a value in a cell) lies on a colour the page
    // does not tell; replaced text (a shortcut's key, ui/chinese.css) is not drawn.
    if (svg && (style.fill === "none" || e.closest("g.mark-text"))) continue;
    if (parseFloat(style.fontSize) === 0) continue;
    const under = background(e);
    const colour = over(rgba(svg ? style.fill : style.color), under);
    const alpha = parseFloat(svg ? style.fillOpacity : style.opacity);
    const shownColour = colour.map((c, i) => c * alpha + under[i] * (1 - alpha));
    const r = ratio(shownColour, under);
    if (r < %(contrast)s) faint.push(`${t.textContent.trim().slice(0, 40)} (${r.toFixed(2)})`);
  }
  // Text the app's own canvases draw (training/player.js, readout.js) say its size.
  const drawn = [...document.querySelectorAll('[data-canvas-font]')]
    .map((e) => parseFloat(e.dataset.canvasFont));
  return {sizes, chart: charts.map(px).concat(drawn), faint,
          canvases: document.querySelectorAll('[data-testid="stVegaLiteChart"] canvas').length};
}
""".replace("%(contrast)s", str(CONTRAST))


def _path(lesson: nav.Lesson) -> str:
    return "" if lesson is nav.HOME else lesson.url_path


@pytest.fixture
def hall(new_page):
    """A page at 1920 × 1080, the lecture hall's projector, in its own browser context."""
    return new_page(width=1920, height=1080)


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("lesson", PAGES, ids=lambda lesson: lesson.key)
def test_projection_mode_reads_from_the_back_row(server_url, hall, lesson, lang):
    page = open_app(hall, f"{server_url}/{_path(lesson)}?lang={lang}&present=true")
    assert_no_exception(page)
    measured = page.evaluate(_MEASURE, [VALUES, CHART_TEXT])
    small = {kind: size for kind, size in measured["sizes"].items() if size < VALUE_PX}
    assert small == {}, f"values under {VALUE_PX} px"
    assert min(measured["chart"], default=CHART_PX) >= CHART_PX, "chart text too small"
    assert measured["faint"] == [], f"text under {CONTRAST}:1"
    # Vega draws on a canvas past 2,000 marks, where text cannot be measured here
    # (tests/test_hall_style.py checks every chart's configured sizes).
    if lesson is not nav.HOME and not measured["canvases"]:
        assert measured["chart"], "no chart text found to measure"
    assert _shown(page, '[data-testid="stElementToolbar"]') == 0
    if lesson is not nav.HOME:
        _check_a_tooltip(page, lang)


def _check_a_tooltip(page, lang: str) -> None:
    """A chart's tooltip: large, and on a Chinese page in Chinese (no field names)."""
    tooltip = _hover_a_mark(page)
    size = tooltip.evaluate(
        "e => parseFloat(getComputedStyle(e.querySelector('td') || e).fontSize)"
    )
    assert size >= VALUE_PX
    assert _shown(page, '[data-testid="stElementToolbar"]') == 0  # shown on hover otherwise
    if lang == "zh":
        text = tooltip.inner_text()
        assert _english(text) == set(), text
        assert "_" not in text, text  # an internal field such as _class_sort_index


def _shown(page, selector: str) -> int:
    return page.locator(selector).evaluate_all(
        "found => found.filter(e => e.getBoundingClientRect().width > 0).length"
    )


# Words a Chinese page keeps in a tooltip: the names of the functions it teaches.
_NAMES = {"softmax", "sigmoid", "logit", "log", "exp"}


def _english(text: str) -> set[str]:
    return {word for word in re.findall(r"[A-Za-z]{2,}", text) if word.lower() not in _NAMES}


def _hover_a_mark(page):
    """Move the mouse over each chart's first bar, cell or point until one shows a tooltip
    (a chart's outlines and frames have none); the tooltip."""
    picture = main(page).locator(".sx-player")  # the training lesson's (training/player.py)
    if picture.count():
        picture.scroll_into_view_if_needed()
        where = picture.evaluate(
            """root => {
                const player = root.__player, box = player.canvas.getBoundingClientRect();
                const [x, y] = player.toPixels(player.points[0][0], player.points[0][1]);
                return {x: box.left + x, y: box.top + y};
            }"""
        )
        page.mouse.move(where["x"], where["y"])
        tip = picture.locator(".sx-player-tip")
        expect(tip).to_be_visible(timeout=1_500)
        return tip
    tooltip = page.locator("#vg-tooltip-element.visible")
    charts = main(page).locator('[data-testid="stVegaLiteChart"]')
    for index in range(charts.count()):
        chart = charts.nth(index)
        marks = chart.locator("g.mark-rect path, g.mark-symbol path")
        if not chart.is_visible() or not marks.count():
            continue
        chart.scroll_into_view_if_needed()
        marks.first.hover(force=True)
        try:
            expect(tooltip).to_be_visible(timeout=1_500)
        except AssertionError:
            continue
        return tooltip
    raise AssertionError("no chart on the page showed a tooltip")


def test_a_chinese_page_names_its_shortcut_keys_in_chinese(server_url, hall):
    page = open_app(hall, f"{server_url}/training?lang=zh")
    key = main(page).locator('kbd[aria-label="Shortcut Space"]')
    expect(key).to_have_count(1)
    shown = key.evaluate("e => getComputedStyle(e, '::after').content")
    assert shown == '"空格"'
    assert key.evaluate("e => parseFloat(getComputedStyle(e).fontSize)") == 0
