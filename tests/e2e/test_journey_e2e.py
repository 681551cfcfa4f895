"""The course in one browser session: softmax → loss → training → multi-label, by the
"next lesson" links and by the sidebar, and back; each lesson keeps its own settings."""

import re

import pytest
from playwright.sync_api import expect

from tests.e2e.browser import (
    assert_no_exception,
    main,
    open_app,
    press_to,
    screenshot,
    wait_until_idle,
)
from ui.i18n import CATALOGS

COURSE = ("softmax", "loss", "training", "multilabel")


def _go(page, lesson: str, catalog: dict, *, by: str) -> None:
    title = catalog[f"nav.{lesson}"]
    if by == "next":
        main(page).get_by_role("link", name=catalog["study.next"].format(title=title)).click()
    else:
        page.locator('[data-testid="stSidebarNav"]').get_by_role("link", name=title).click()
    expect(main(page).locator("h1").first).to_contain_text(title, timeout=30_000)
    wait_until_idle(page)
    assert_no_exception(page)


def _query(page) -> str:
    return page.url.partition("?")[2]


@pytest.mark.parametrize(("lang", "by"), [("zh", "next"), ("en", "sidebar"), ("zh", "sidebar")])
def test_the_course_in_order_and_back(server_url, new_page, lang, by):
    catalog = CATALOGS[lang]
    page = open_app(new_page(width=1920, height=1080), f"{server_url}/softmax?lang={lang}")
    assert_no_exception(page)
    logits = main(page).get_by_label(catalog["softmax.logits_label"], exact=True)
    logits.fill("3, 1, 0.2")
    logits.press("Enter")
    wait_until_idle(page)
    assert "logits=3" in _query(page)

    _go(page, "loss", catalog, by=by)
    assert "logits" not in _query(page)  # softmax's setting stays with softmax
    k_slider = main(page).locator('[data-testid="stSlider"]').first.get_by_role("slider")
    press_to(page, k_slider, "ArrowRight", "4")  # K: 3 → 4 on the loss lesson
    expect(page).to_have_url(re.compile(r"[?&]K=4(&|$)"))

    _go(page, "training", catalog, by=by)  # crashed here: loss's `spread` was training's too
    assert not re.search(r"(^|&)K=", _query(page))
    expect(main(page).get_by_text(catalog["training.K"], exact=True)).to_be_visible()
    screenshot(page, f"journey-training-{lang}-{by}")

    _go(page, "multilabel", catalog, by=by)
    for query in ("K=", "n=", "lr="):
        assert query not in _query(page)

    # Back by the sidebar: each lesson as the student left it.
    _go(page, "loss", catalog, by="sidebar")
    assert re.search(r"(^|&)K=4(&|$)", _query(page))
    _go(page, "softmax", catalog, by="sidebar")
    expect(logits).to_have_value("3, 1, 0.2")
    assert "logits=3" in _query(page)
    page.reload()
    wait_until_idle(page)
    expect(main(page).get_by_label(catalog["softmax.logits_label"], exact=True)).to_have_value(
        "3, 1, 0.2"
    )
    assert_no_exception(page)
