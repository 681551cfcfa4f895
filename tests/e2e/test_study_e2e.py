"""Self-study in Chromium: a question before and after its reveal, in both languages and in
projection mode; answers kept while moving between pages."""

import pytest
from playwright.sync_api import expect

from tests.e2e.browser import assert_no_exception, main, open_app, screenshot, wait_until_idle
from ui.i18n import CATALOGS


@pytest.mark.parametrize(("lang", "present"), [("zh", "true"), ("en", "true"), ("zh", "false")])
def test_ask_the_class_reveals_on_a_key_press(server_url, new_page, lang, present):
    text = CATALOGS[lang]
    page = open_app(new_page(), f"{server_url}/ask?lang={lang}&present={present}&q=both_high")
    assert_no_exception(page)
    expect(main(page).locator("h2").first).to_contain_text(text["study.q.both_high"])
    expect(main(page).get_by_text(text["study.q.both_high.why"])).to_have_count(0)
    mode = "-present" if present == "true" else ""
    screenshot(page, f"ask-{lang}{mode}-before")
    page.keyboard.press("Enter")
    wait_until_idle(page)
    expect(main(page).get_by_text(text["study.q.both_high.why"])).to_be_visible()
    expect(main(page).locator('[data-testid="stAlertContentSuccess"]')).to_contain_text(
        text["study.q.both_high.no"]
    )
    screenshot(page, f"ask-{lang}{mode}-after")


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_a_lesson_question_reveals_its_state_and_the_score_follows_the_student(
    server_url, new_page, lang
):
    text = CATALOGS[lang]
    page = open_app(new_page(), server_url)  # warm the server (see tests/e2e/conftest.py)
    page = open_app(new_page(), f"{server_url}/softmax?lang={lang}")
    expander_title = text["study.questions_title"].format(right=0, answered=0, total=5)
    main(page).get_by_text(expander_title).click()
    # temperature_up is the lesson's first question: its option and its Check come first.
    expect(main(page).get_by_text(text["study.q.temperature_up"])).to_be_visible()
    main(page).get_by_text(text["study.q.temperature_up.down"], exact=True).first.click()
    screenshot(page, f"question-{lang}-before")
    main(page).get_by_role("button", name=text["study.check"]).first.click()
    wait_until_idle(page)
    assert_no_exception(page)
    expect(main(page).locator('[data-testid="stAlertContentSuccess"]').first).to_be_visible()
    assert "T=5" in page.url  # the reveal moved the lesson to T = 5
    screenshot(page, f"question-{lang}-after")
    page.locator('[data-testid="stSidebarNav"]').get_by_role("link", name=text["nav.home"]).click()
    wait_until_idle(page)
    score = text["study.score_line"].format(title=text["nav.softmax"], right=1, answered=1, total=5)
    expect(main(page).get_by_text(score)).to_be_visible()
