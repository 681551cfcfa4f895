"""The shell in a real browser: every page, both languages, projection mode, deep links."""

import pytest
from playwright.sync_api import expect

from tests.e2e.browser import assert_no_exception, main, open_app, screenshot, wait_until_idle
from tests.e2e.conftest import start_server, stop_server
from ui import nav
from ui.i18n import CATALOGS

PAGES = [nav.HOME, *nav.LESSONS, *nav.TEACHING]


def _path(lesson: nav.Lesson) -> str:
    return "" if lesson is nav.HOME else lesson.url_path


@pytest.mark.parametrize("lesson", PAGES, ids=lambda lesson: lesson.key)
@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("present", ["false", "true"])
def test_every_page_renders(server_url, new_page, lesson, lang, present):
    page = open_app(new_page(), f"{server_url}/{_path(lesson)}?lang={lang}&present={present}")
    assert_no_exception(page)
    expect(main(page).locator("h1").first).to_be_visible()
    expect(page.locator('[data-testid="stSidebar"]')).to_contain_text(
        CATALOGS[lang]["shell.present"]
    )
    screenshot(page, f"{lesson.key}-{lang}{'-present' if present == 'true' else ''}")


@pytest.mark.parametrize("lesson", PAGES, ids=lambda lesson: lesson.key)
def test_a_page_asks_nothing_of_the_internet(server_url, new_page, lesson):
    """A lecture hall may be offline: every request a page makes goes to the app's server
    (icons and fonts included; a favicon named as a :material/ icon came from Google)."""
    page = new_page()
    elsewhere = []
    page.on(
        "request",
        lambda request: (
            elsewhere.append(request.url)
            if not request.url.startswith((server_url, "data:", "blob:"))
            else None
        ),
    )
    open_app(page, f"{server_url}/{_path(lesson)}?lang=zh")
    assert elsewhere == []


def test_a_fresh_server_opens_a_deep_link_with_the_shell_in_chinese(new_page):
    # The pages/ trap (ui/nav.py): the very first request to a new server is a deep link.
    lesson = PAGES[1]
    process, url = start_server("fresh-server")
    try:
        page = open_app(new_page(), f"{url}/{_path(lesson)}?lang=zh")
        assert_no_exception(page)
        expect(page.get_by_text("Page not found")).to_have_count(0)
        title = CATALOGS["zh"]["app.name" if lesson is nav.HOME else f"nav.{lesson.key}"]
        expect(main(page).locator("h1").first).to_contain_text(title)
        expect(page.locator('[data-testid="stSidebar"]')).to_contain_text("投影模式")
        assert "lang=zh" in page.url
        screenshot(page, "fresh-deep-link-zh")
        # The next run is no longer the router's: the language must survive it.
        page.locator('[data-testid="stSidebar"]').get_by_text("投影模式").click()
        wait_until_idle(page)
        expect(main(page).locator("h1").first).to_contain_text(title)
        assert "lang=zh" in page.url and "present=true" in page.url
    finally:
        stop_server(process)


def test_the_browser_locale_picks_the_language(server_url, new_page):
    page = open_app(new_page(locale="zh-CN"), server_url)
    expect(main(page).locator("h1").first).to_contain_text(CATALOGS["zh"]["app.name"])
    page = open_app(new_page(locale="en-GB"), server_url)
    expect(main(page).locator("h1").first).to_contain_text(CATALOGS["en"]["app.name"])


def test_switching_language_and_projection_updates_the_link(server_url, new_page):
    page = open_app(new_page(), f"{server_url}/?lang=en")
    sidebar = page.locator('[data-testid="stSidebar"]')
    sidebar.get_by_text("中文", exact=True).click()
    wait_until_idle(page)
    expect(main(page).locator("h1").first).to_contain_text(CATALOGS["zh"]["app.name"])
    assert "lang=zh" in page.url
    sidebar.get_by_text(CATALOGS["zh"]["shell.present"]).click()
    wait_until_idle(page)
    assert "present=true" in page.url
    # The link reproduces the view in a new browser.
    again = open_app(new_page(), page.url)
    expect(main(again).locator("h1").first).to_contain_text(CATALOGS["zh"]["app.name"])
    expect(again.locator('[data-testid="stSidebar"] input[type="checkbox"]').first).to_be_checked()
