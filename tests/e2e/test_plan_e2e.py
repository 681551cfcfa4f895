"""The lecture plan in a real browser: presenting it in projection mode steps through the
views with PageDown (a presenter's clicker) and back with PageUp; the link for students."""

import re
from urllib.parse import parse_qsl, urlsplit

import pytest
from playwright.sync_api import expect

from tests.e2e.browser import assert_no_exception, main, open_app, wait_until_idle
from tests.e2e.conftest import SCREENSHOTS
from ui.i18n import CATALOGS
from ui.lecture5 import LECTURE_5
from ui.lessons.images.sections import TABS as IMAGE_TABS
from ui.lessons.loss.controls import TABS as LOSS_TABS
from ui.lessons.softmax.sections import TABS as SOFTMAX_TABS

TAB_LABELS = {
    "softmax": {code: f"softmax.tab_{code}" for code in SOFTMAX_TABS},
    "loss": {code: f"loss.tab.{code}" for code in LOSS_TABS},
    "images": dict(IMAGE_TABS),
}
STEPS = 4


def _selected_tab(page) -> str:
    return main(page).locator("[role=tab][aria-selected=true]").first.inner_text().strip()


def _check_view(page, index: int, lang: str) -> None:
    """The page shows the plan's view ``index``: its page, its settings, its open tab."""
    entry = LECTURE_5.entries[index]
    expect(page).to_have_url(re.compile(rf"/{entry.page}\?"))
    wait_until_idle(page)
    # Between two views of one page the address can change in two runs (the tab, then the
    # settings): wait for the page's last answer, up to 15 s, before reading it.
    for _ in range(75):
        query = dict(parse_qsl(urlsplit(page.url).query))
        wrong = {
            name: query[name]
            for name, value in entry.query(lang).items()
            if name in query and query[name] != value  # a default is left out of the address
        }
        if not wrong:
            break
        page.wait_for_timeout(200)
        wait_until_idle(page)
    assert query.get("present") == "true" and query.get("lang") == lang
    assert not wrong, (index, wrong, query)
    tabs = TAB_LABELS.get(entry.page)
    if tabs:
        code = dict(entry.params).get("tab", next(iter(tabs)))
        assert _selected_tab(page) == CATALOGS[lang][tabs[code]], index
    bar = page.locator(".st-key-plan-bar")
    expect(bar).to_contain_text(f"{index + 1}/{len(LECTURE_5.entries)}")
    expect(bar).to_contain_text(entry.title(lang)[:20])
    assert_no_exception(page)


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_presenting_steps_through_the_plan_with_page_down(server_url, new_page, lang):
    page = open_app(new_page(width=1280, height=720), f"{server_url}/plan?present=true&lang={lang}")
    assert_no_exception(page)
    main(page).get_by_role("button", name=CATALOGS[lang]["plan.start"]).click()
    _check_view(page, 0, lang)
    for index in range(1, STEPS):
        page.keyboard.press("PageDown")
        _check_view(page, index, lang)
    page.keyboard.press("PageUp")
    _check_view(page, STEPS - 2, lang)


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize(("width", "height"), [(1920, 1080), (1280, 720)])
def test_screens_of_the_plan_and_a_presented_view(server_url, new_page, lang, width, height):
    """What the hall sees (screenshots/plan-*.png): the plan page, then a presented view
    with the plan bar and the students' QR code open."""
    page = open_app(
        new_page(width=width, height=height), f"{server_url}/plan?present=true&lang={lang}"
    )
    SCREENSHOTS.mkdir(exist_ok=True)
    page.screenshot(path=SCREENSHOTS / f"plan-{lang}-{width}.png")
    main(page).get_by_role("button", name=CATALOGS[lang]["plan.start"]).click()
    _check_view(page, 0, lang)
    page.keyboard.press("PageDown")
    _check_view(page, 1, lang)
    # Projection mode opens with the sidebar closed (ui/shell.py): the teacher opens it.
    page.locator('[data-testid="stExpandSidebarButton"]').click()
    sidebar = page.locator('[data-testid="stSidebar"]')
    sidebar.get_by_role("button", name=CATALOGS[lang]["plan.students"]).click()
    wait_until_idle(page)
    dialog = page.locator("[role=dialog]")
    code = dialog.locator("img")
    expect(code).to_be_visible()
    box = code.bounding_box()
    assert box["width"] >= 400 and box["y"] + box["height"] <= height  # large, on screen
    link = dialog.locator("code").first.inner_text()
    assert f"/{LECTURE_5.entries[1].page}?" in link and "present" not in link
    page.screenshot(path=SCREENSHOTS / f"plan-view-{lang}-{width}.png")
