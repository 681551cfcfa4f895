"""The multi-label lesson in Chromium: read the example, train, change the rule, link back.

Each page load costs seconds on these machines, so a test does as much as one load allows:
the English page is looked at, then driven; its link is reopened in Chinese with two bad
values added.
"""

import re

import pytest
from playwright.sync_api import expect

from tests.e2e.browser import (
    assert_no_exception,
    main,
    open_app,
    pause,
    screenshot,
    wait_until_idle,
)
from ui.i18n import CATALOGS

CHARTS = 9  # the picture, the example, the data, the losses, two maps, two sets, one point


def _metric(page, label):
    """The value of the st.metric whose label is ``label`` (the first one)."""
    box = main(page).locator('[data-testid="stMetric"]', has_text=label).first
    return box.locator('[data-testid="stMetricValue"]').inner_text()


def _assert_whole_page_drew(page, catalog, present=False):
    body = main(page)
    expect(body.locator("h1").first).to_contain_text(catalog["nav.multilabel"])
    expect(body.get_by_text(catalog["multilabel.why_header"])).to_be_visible()
    expect(body.locator('[data-testid="stVegaLiteChart"]')).to_have_count(CHARTS)
    if present:  # the example's sums in one small table, beside its bars
        sums = body.locator('[data-testid="stTable"]', has_text=catalog["multilabel.sum"])
        expect(sums.locator("tbody tr").first.locator("td").first).to_have_text("1")
    else:
        assert _metric(page, catalog["multilabel.softmax_sum"]) == "1"
    scores = body.locator("table", has_text=catalog["multilabel.metric.hamming"])
    expect(scores).to_have_count(1)
    assert_no_exception(page)


@pytest.mark.parametrize(("lang", "present"), [("zh", False), ("zh", True)], ids=["zh", "present"])
def test_the_page_in_chinese_and_projection(server_url, new_page, lang, present):
    query = f"lang={lang}" + ("&present=true" if present else "")
    page = open_app(new_page(), f"{server_url}/multilabel?{query}")
    _assert_whole_page_drew(page, CATALOGS[lang], present)
    screenshot(page, f"multilabel-{lang}{'-present' if present else ''}")


def test_scores_rule_training_and_the_link(server_url, new_page):
    catalog = CATALOGS["en"]
    page = open_app(new_page(), f"{server_url}/multilabel?lang=en")
    _assert_whole_page_drew(page, catalog)
    screenshot(page, "multilabel-en")
    body = main(page)
    epoch = body.locator('[data-testid="stMetric"]', has_text=catalog["multilabel.epoch"]).first
    expect(epoch).to_contain_text("300 / 300")

    # Move the dog's score to its minimum with the keyboard: softmax still sums to 1, and
    # now only the person is above 0.5 for it, while two sigmoids still are.
    dog = body.get_by_role("slider", name=catalog["multilabel.score_label"].format(name="dog"))
    dog.focus()
    page.keyboard.press("Home")
    wait_until_idle(page)
    expect(page).to_have_url(re.compile(r"dog=-6"))  # the slider's value reaches the URL
    assert _metric(page, catalog["multilabel.softmax_sum"]) == "1"
    above_half = body.locator('[data-testid="stMetric"]', has_text=catalog["multilabel.above_half"])
    expect(above_half.nth(0).locator('[data-testid="stMetricValue"]')).to_have_text("1")
    expect(above_half.nth(1).locator('[data-testid="stMetricValue"]')).to_have_text("2")

    # Top 2 for softmax: the table and the link follow.
    body.get_by_text(catalog["multilabel.rule.topk"], exact=True).click()
    wait_until_idle(page)
    assert "rule=topk" in page.url
    expect(body.get_by_text(catalog["multilabel.k_label"])).to_be_visible()

    # Reset goes back to epoch 0, Step trains one frame's worth (300 epochs in 60 frames).
    body.get_by_role("button", name=catalog["training.live.reset"]).click()
    wait_until_idle(page)
    expect(epoch).to_contain_text("0 / 300")
    body.get_by_role("button", name=catalog["training.live.step"]).click()
    wait_until_idle(page)
    expect(epoch).to_contain_text("5 / 300")

    # Play: the fragment really ticks in a browser (two ticks or more), and Pause holds
    # the epoch. Reaching the end and stopping there is checked in test_multilabel_page.py.
    body.get_by_role("button", name=catalog["training.live.play"]).click()
    expect(epoch).to_contain_text(
        re.compile(r"(?<!\d)(1[5-9]|[2-9]\d|[12]\d\d) / 300"), timeout=30_000
    )
    pause(page, "multilabel", catalog["training.live.play"])
    held = epoch.inner_text()
    page.wait_for_timeout(1500)
    assert epoch.inner_text() == held
    assert_no_exception(page)

    # The link reproduces the settings in a new browser, here in Chinese and with two bad
    # values added: each is reported beside its field, the rest of the link still holds.
    zh = CATALOGS["zh"]
    link = page.url.replace("lang=en", "lang=zh") + "&L=9&lr=abc"
    again = open_app(new_page(), link)
    body = main(again)
    warnings = body.locator('[data-testid="stAlertContentWarning"]')
    expect(warnings).to_have_count(2)
    expect(warnings.first).to_contain_text("链接中的参数 L 的值 9 无效")
    expect(body.get_by_text("300 / 300")).to_be_visible()
    expect(body.get_by_text(zh["multilabel.k_label"])).to_be_visible()
    assert re.search(r"dog=-6(&|$)", again.url)
    assert_no_exception(again)
    screenshot(again, "multilabel-zh-link")


def test_a_section_link_opens_the_page_at_that_section(server_url, new_page):
    catalog = CATALOGS["en"]
    page = open_app(
        new_page(width=1280, height=720), f"{server_url}/multilabel?lang=en&section=why"
    )
    header = main(page).get_by_role("heading", name=catalog["multilabel.why_header"])
    # The scroll keeps correcting while the page above settles (ui/reveal_scroll.js).
    page.wait_for_function(
        """(name) => [...document.querySelectorAll('[data-testid="stMain"] h2')]
            .some((h) => h.textContent.includes(name)
                && h.getBoundingClientRect().top >= 0 && h.getBoundingClientRect().top < 300)""",
        arg=catalog["multilabel.why_header"],
        timeout=15_000,
    )
    expect(header).to_be_in_viewport()
    assert "section=why" in page.url
    assert_no_exception(page)
