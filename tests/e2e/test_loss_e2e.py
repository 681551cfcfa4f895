"""The loss lesson in Chromium: type, drag, click, and look at it in both languages."""

import re

import numpy as np
import pytest
from playwright.sync_api import expect

from tests.e2e.browser import assert_no_exception, main, open_app, screenshot, wait_until_idle
from tests.e2e.conftest import SCREENSHOTS
from ui.i18n import CATALOGS

EN, ZH = CATALOGS["en"], CATALOGS["zh"]


@pytest.fixture(scope="module")
def loss_url(server_url, browser):
    # A fresh server's very first session can lose its language on the first rerun (see the
    # report in the lesson's commit); open the app once so the tests below see a warm server.
    context = browser.new_context()
    open_app(context.new_page(), f"{server_url}/?lang=en")
    context.close()
    return f"{server_url}/loss"


def tab(page, name: str, catalog=EN):
    main(page).get_by_role("tab", name=catalog[f"loss.tab.{name}"]).click()
    return main(page).get_by_role("tabpanel")


def field(page, label: str):
    return main(page).get_by_label(label, exact=True)


def test_cases_typing_and_normalising(loss_url, new_page):
    page = open_app(new_page(), f"{loss_url}?lang=en")
    panel = tab(page, "cases")
    expect(panel).to_contain_text("0.12 against 0.16")
    case1 = panel.locator('[data-testid="stTextInput"]').nth(0).locator("input")
    case1.fill("0.2, 0.2, 0.5")
    case1.press("Enter")
    wait_until_idle(page)
    expect(panel).to_contain_text("add up to 0.9")
    panel.get_by_role("button", name=re.compile("Normalise")).click()
    wait_until_idle(page)
    expect(case1).to_have_value("0.2222, 0.2222, 0.5556")
    expect(panel.locator('[data-testid="stAlertContentError"]')).to_have_count(0)
    assert "pred=" in page.url
    screenshot(page, "loss-cases-en")


def test_clicking_the_triangle_picks_a_prediction(loss_url, new_page):
    page = open_app(new_page(), f"{loss_url}?lang=en")
    panel = tab(page, "cases")
    point = panel.locator('[data-testid="stTextInput"]').nth(2).locator("input")
    expect(point).to_have_value("0.1, 0.7, 0.2")
    chart = panel.locator('[data-testid="stVegaLiteChart"]').first
    chart.scroll_into_view_if_needed()
    wait_until_idle(page)
    box = chart.bounding_box()
    # The triangle's centre lies a little below the middle of the plot (y of ⅓ height).
    page.mouse.click(box["x"] + box["width"] * 0.5, box["y"] + box["height"] * 0.5)
    wait_until_idle(page)
    expect(point).not_to_have_value("0.1, 0.7, 0.2")
    values = [float(v) for v in point.input_value().split(",")]
    assert len(values) == 3 and abs(sum(values) - 1) < 1e-9
    assert all(0.1 < v < 0.6 for v in values), values
    assert_no_exception(page)
    screenshot(page, "loss-triangle-en")


def _gradient_norms(logits, true):
    y_hat = np.exp(logits) / np.exp(logits).sum()
    error = y_hat - np.eye(len(logits))[true]
    squared = y_hat * (error - error @ y_hat)  # (diag ŷ − ŷŷᵀ)(ŷ − y)
    return [f"{np.linalg.norm(g):.3f}" for g in (error, squared)]


def test_dragging_a_logit_changes_both_gradients(loss_url, new_page):
    page = open_app(new_page(), f"{loss_url}?lang=en")
    panel = tab(page, "gradients")
    norms = panel.locator('[data-testid="stMetricValue"]')
    expect(norms).to_have_text(_gradient_norms(np.array([2.0, 0.0, -2.0]), 2))
    thumb = panel.locator('[data-testid="stSlider"]').nth(2).get_by_role("slider")
    thumb.focus()
    for _ in range(10):  # o3: −2 → −1
        thumb.press("ArrowRight")
    wait_until_idle(page)
    assert "o3=-1" in page.url
    expect(norms).to_have_text(_gradient_norms(np.array([2.0, 0.0, -1.0]), 2))
    assert_no_exception(page)


@pytest.mark.parametrize(
    ("lang", "present", "catalog"), [("zh", False, ZH), ("en", False, EN), ("zh", True, ZH)]
)
def test_every_tab_looks_right(loss_url, new_page, lang, present, catalog):
    # A tall window, so each screenshot holds a whole tab (the main area scrolls inside).
    width = 1920 if present else 1400
    page = open_app(
        new_page(width=width, height=3200 if present else 2400),
        f"{loss_url}?lang={lang}" + ("&present=true" if present else ""),
    )
    suffix = f"{lang}{'-present' if present else ''}"
    for name in ("curve", "cases", "information", "gradients"):
        tab(page, name, catalog)
        wait_until_idle(page)
        assert_no_exception(page)
        screenshot(page, f"loss-{name}-{suffix}")
    expect(main(page)).to_contain_text("1.849")


def test_a_reveal_opens_and_scrolls_to_the_cases_tab(loss_url, new_page):
    page = open_app(new_page(width=1920, height=1080), f"{loss_url}?lang=en")
    cases = main(page).get_by_role("tab", name=EN["loss.tab.cases"])
    expect(cases).to_have_attribute("aria-selected", "false")
    main(page).get_by_text(EN["study.questions_title"].split(" ·")[0]).click()
    option = main(page).get_by_text(EN["study.q.same_ce.case2"], exact=True)
    option.first.click()
    main(page).get_by_role("button", name=EN["study.check"]).nth(1).click()
    wait_until_idle(page)
    assert_no_exception(page)
    expect(cases).to_have_attribute("aria-selected", "true")
    expect(page.locator("body")).to_have_attribute("data-sx-revealed", "loss.tab")
    page.wait_for_timeout(800)  # the smooth scroll
    box = main(page).locator(".st-key-loss-tab").bounding_box()
    assert box is not None and 0 <= box["y"] < 980, box
    assert "tab=cases" in page.url
    expect(main(page).get_by_role("tabpanel")).to_contain_text(
        EN["loss.cases.intro"].format(true=3, p="0.6")
    )
    page.screenshot(path=SCREENSHOTS / "loss-reveal-cases-en.png")
