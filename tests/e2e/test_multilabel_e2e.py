"""The multi-label lesson in Chromium: read the example, train, change the rule, link back."""

import re

import pytest
from playwright.sync_api import expect

from tests.e2e.browser import assert_no_exception, main, open_app, screenshot, wait_until_idle
from ui.i18n import CATALOGS


def _metric(page, label):
    """The value of the st.metric whose label is ``label`` (the first one)."""
    box = main(page).locator('[data-testid="stMetric"]', has_text=label).first
    return box.locator('[data-testid="stMetricValue"]').inner_text()


@pytest.mark.parametrize(
    ("lang", "present"), [("zh", False), ("en", False), ("zh", True)], ids=["zh", "en", "present"]
)
def test_the_page_in_each_language_and_projection(server_url, new_page, lang, present):
    catalog = CATALOGS[lang]
    query = f"lang={lang}" + ("&present=true" if present else "")
    page = open_app(new_page(height=7000), f"{server_url}/multilabel?{query}")
    assert_no_exception(page)
    body = main(page)
    expect(body.locator("h1").first).to_contain_text(catalog["nav.multilabel"])
    expect(body.get_by_text(catalog["multilabel.why_header"])).to_be_visible()
    # The example: every sigmoid above 0.5, softmax only one; all charts drew.
    expect(body.locator('[data-testid="stVegaLiteChart"]')).to_have_count(9)
    assert _metric(page, catalog["multilabel.softmax_sum"]) == "1"
    expect(body.locator("table")).to_contain_text(catalog["multilabel.metric.hamming"])
    screenshot(page, f"multilabel-{lang}{'-present' if present else ''}")


def test_scores_rule_and_training_change_what_a_person_sees(server_url, new_page):
    catalog = CATALOGS["en"]
    page = open_app(new_page(), f"{server_url}/multilabel?lang=en&epochs=50")
    body = main(page)
    expect(body.get_by_text("50 / 50")).to_be_visible()

    # Move the dog's score to its minimum with the keyboard: softmax still sums to 1, and
    # now only the person is above 0.5 for it, while two sigmoids still are.
    dog = body.get_by_role("slider", name=catalog["multilabel.score_label"].format(name="dog"))
    dog.focus()
    page.keyboard.press("Home")
    wait_until_idle(page)
    assert "dog=-6" in page.url
    assert _metric(page, catalog["multilabel.softmax_sum"]) == "1"
    above_half = body.locator('[data-testid="stMetric"]', has_text=catalog["multilabel.above_half"])
    expect(above_half.nth(0).locator('[data-testid="stMetricValue"]')).to_have_text("1")
    expect(above_half.nth(1).locator('[data-testid="stMetricValue"]')).to_have_text("2")

    # Top 2 for softmax: the table and the link follow.
    body.get_by_text(catalog["multilabel.rule.topk"], exact=True).click()
    wait_until_idle(page)
    assert "rule=topk" in page.url
    expect(body.get_by_text(catalog["multilabel.k_label"])).to_be_visible()

    # Reset goes back to epoch 0, Step trains one frame's worth.
    body.get_by_role("button", name=catalog["training.live.reset"]).click()
    wait_until_idle(page)
    expect(body.get_by_text("0 / 50")).to_be_visible()
    body.get_by_role("button", name=catalog["training.live.step"]).click()
    wait_until_idle(page)
    expect(body.get_by_text("1 / 50")).to_be_visible()
    assert_no_exception(page)

    # The link reproduces the settings in a new browser.
    again = open_app(new_page(), page.url)
    expect(main(again).get_by_text("50 / 50")).to_be_visible()
    expect(main(again).get_by_text(catalog["multilabel.k_label"])).to_be_visible()
    screenshot(again, "multilabel-en-topk")


def test_play_animates_training_and_pause_stops_it(server_url, new_page):
    # Reaching the end and stopping there is checked in tests/test_multilabel_page.py;
    # here: the fragment really ticks in a browser, and Pause holds the epoch.
    labels = CATALOGS["en"]
    page = open_app(new_page(), f"{server_url}/multilabel?lang=en&epochs=1000")
    body = main(page)
    body.get_by_role("button", name=labels["training.live.reset"]).click()
    wait_until_idle(page)
    epoch = body.locator('[data-testid="stMetric"]', has_text=labels["multilabel.epoch"]).first
    expect(epoch).to_contain_text("0 / 1000")
    body.get_by_role("button", name=labels["training.live.play"]).click()
    expect(epoch).to_contain_text(re.compile(r"[1-9]\d+ / 1000"), timeout=60_000)
    body.get_by_role("button", name=labels["training.live.pause"]).click()
    wait_until_idle(page)
    held = epoch.inner_text()
    page.wait_for_timeout(1500)
    assert epoch.inner_text() == held
    assert_no_exception(page)


def test_a_bad_link_value_is_reported_in_chinese(server_url, new_page):
    page = open_app(new_page(), f"{server_url}/multilabel?lang=zh&L=9&lr=abc")
    body = main(page)
    warnings = body.locator('[data-testid="stAlertContentWarning"]')
    expect(warnings).to_have_count(2)
    expect(warnings.first).to_contain_text("链接中的参数 L 的值 9 无效")
    assert_no_exception(page)
