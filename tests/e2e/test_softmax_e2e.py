"""The softmax lesson in Chromium: type, drag, click, press keys; look at the result."""

import re

import pytest
from playwright.sync_api import expect

from tests.e2e.browser import assert_no_exception, main, open_app, screenshot, wait_until_idle
from tests.e2e.conftest import SCREENSHOTS
from ui.i18n import CATALOGS

EN, ZH = CATALOGS["en"], CATALOGS["zh"]


@pytest.fixture(autouse=True)
def _warm_server(server_url, new_page):
    """Visit the app once first. The session that opens a deep link on a fresh server runs
    through pages/softmax.py, and the shell's language radio then changes id on the next
    rerun: the first click would switch that session to Chinese (reported to the shell)."""
    open_app(new_page(), server_url)


def _show_tab(page, name):
    """Click a lesson tab and scroll it into view, so a screenshot shows it."""
    main(page).get_by_role("tab", name=name).click()
    panel = main(page).get_by_role("tabpanel")
    panel.scroll_into_view_if_needed()
    return panel


def _main_formula(page):
    return main(page).locator(".katex-display").first


def _logits_field(page):
    return main(page).get_by_role("textbox", name=EN["softmax.logits_label"])


def test_typing_logits_shows_overflow_as_values_and_updates_the_link(server_url, new_page):
    page = open_app(new_page(), f"{server_url}/softmax?lang=en")
    assert_no_exception(page)
    field = _logits_field(page)
    field.fill("1000, 0, 1000")
    field.press("Enter")
    wait_until_idle(page)
    assert "logits=1000" in page.url
    tab = _show_tab(page, EN["softmax.tab_overflow"])
    table = tab.locator("table").first
    expect(table).to_contain_text("NaN")
    expect(table).to_contain_text("∞")
    expect(table).to_contain_text("0.5")
    screenshot(page, "softmax-overflow-en")


def test_dragging_a_slider_rewrites_the_text(server_url, new_page):
    page = open_app(new_page(), f"{server_url}/softmax?lang=en")
    thumb = main(page).get_by_role("slider").first
    thumb.focus()
    for _ in range(5):  # one at a time: a press during the rerun another caused can be lost
        thumb.press("ArrowRight")
        wait_until_idle(page)
    expect(_logits_field(page)).to_have_value("2.5, 1, 0.1")
    assert "logits=2.5" in page.url


def test_preset_and_bad_input_in_chinese(server_url, new_page):
    page = open_app(new_page(locale="zh-CN"), f"{server_url}/softmax?lang=zh")
    main(page).get_by_role("button", name="(10, 0, 0)").click()
    wait_until_idle(page)
    field = main(page).get_by_role("textbox", name=ZH["softmax.logits_label"])
    expect(field).to_have_value("10, 0, 0")
    expect(_main_formula(page)).to_contain_text("0.999909")
    screenshot(page, "softmax-zh")
    field.fill("10, 0, 香蕉")
    field.press("Enter")
    wait_until_idle(page)
    expect(main(page).locator('[data-testid="stAlertContentError"]')).to_contain_text("不是数字")
    expect(_main_formula(page)).to_contain_text("0.999909")
    screenshot(page, "softmax-bad-input-zh")


def test_projection_mode_steps_temperature_with_arrow_keys(server_url, new_page):
    page = open_app(new_page(width=1600, height=1000), f"{server_url}/softmax?lang=en&present=true")
    assert_no_exception(page)
    screenshot(page, "softmax-en-present")
    main(page).locator("h1").first.click()  # focus on the page, not on a widget
    # Each press's run writes T to the URL; the next press waits for it (under a CI run's
    # load the idle state could be read before that run had started).
    for key, temperature in (("ArrowRight", "1.2"), ("ArrowLeft", "1"), ("ArrowLeft", "0.8")):
        page.keyboard.press(key)
        if temperature == "1":  # the default: the URL leaves it out
            expect(page).not_to_have_url(re.compile(r"[?&]T="), timeout=10_000)
        else:
            expect(page).to_have_url(re.compile(rf"[?&]T={re.escape(temperature)}(&|$)"))
        wait_until_idle(page)
    _show_tab(page, EN["softmax.tab_temperature"])
    screenshot(page, "softmax-temperature-present")


def test_every_tab_renders_in_english(server_url, new_page):
    page = open_app(new_page(), f"{server_url}/softmax?lang=en&logits=3,1")
    for key in ("tab_why", "tab_properties", "tab_temperature", "tab_sigmoid"):
        _show_tab(page, EN[f"softmax.{key}"])
        assert_no_exception(page)
        screenshot(page, f"softmax-{key}-en")
    expect(main(page).get_by_role("tabpanel")).to_contain_text("0.880797")


def _in_view(page, locator) -> bool:
    box = locator.bounding_box()
    return box is not None and 0 <= box["y"] < page.viewport_size["height"] - 100


def test_a_reveal_opens_and_scrolls_to_the_tab_that_shows_the_answer(server_url, new_page):
    page = open_app(new_page(width=1920, height=1080), f"{server_url}/softmax?lang=en")
    tabs = main(page).locator(".st-key-softmax-tab")
    temperature = main(page).get_by_role("tab", name=EN["softmax.tab_temperature"])
    expect(temperature).to_have_attribute("aria-selected", "false")
    main(page).get_by_text(EN["study.questions_title"].split(" ·")[0]).click()
    option = main(page).get_by_text(EN["study.q.temperature_up.down"], exact=True)
    option.first.click()
    main(page).get_by_role("button", name=EN["study.check"]).first.click()
    wait_until_idle(page)
    assert_no_exception(page)
    expect(temperature).to_have_attribute("aria-selected", "true")
    expect(page.locator("body")).to_have_attribute("data-sx-revealed", "softmax.tab")
    page.wait_for_timeout(800)  # the smooth scroll
    assert _in_view(page, tabs), tabs.bounding_box()
    assert "tab=temperature" in page.url and "T=5" in page.url
    expect(main(page).get_by_role("tabpanel")).to_contain_text(EN["softmax.entropy_caption"])
    page.screenshot(path=SCREENSHOTS / "softmax-reveal-temperature-en.png")
    page.reload()  # the link reopens the tab
    wait_until_idle(page)
    expect(temperature).to_have_attribute("aria-selected", "true")


def _plain_parts(text: str) -> list[str]:
    """A message's plain text, each part between its typeset math (``$…$``)."""
    return [piece.strip() for piece in text.split("$")[::2] if piece.strip()]


def _expect_text(page, text: str) -> None:
    for part in _plain_parts(text):
        expect(main(page)).to_contain_text(part)


def test_underflow_formula_preset_caption_and_added_names(server_url, new_page):
    page = open_app(
        new_page(locale="zh-CN", width=1920, height=1080),
        f"{server_url}/softmax?lang=zh&logits=-1000,%20-1000&names=%E7%8B%AE%E5%AD%90",
    )
    assert_no_exception(page)
    _expect_text(page, ZH["softmax.formula_underflow"].format(m="-1000"))
    expect(main(page)).to_contain_text(
        ZH["softmax.names_filled"].format(given=1, count=2, added="猫")
    )
    page.screenshot(path=SCREENSHOTS / "softmax-underflow-zh.png")
    main(page).get_by_role("button", name="(1000, 0, 1000)").click()
    wait_until_idle(page)
    _expect_text(page, ZH["softmax.preset.overflow"])
    page.screenshot(path=SCREENSHOTS / "softmax-preset-caption-zh.png")
    field = main(page).get_by_role("textbox", name=ZH["softmax.logits_label"])
    field.fill("1000, 0, 999")
    field.press("Enter")
    wait_until_idle(page)
    expect(main(page)).not_to_contain_text(_plain_parts(ZH["softmax.preset.overflow"])[-1])
