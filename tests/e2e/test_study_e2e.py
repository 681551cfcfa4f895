"""Self-study in Chromium: a question before and after its reveal, in both languages and in
projection mode; answers kept while moving between pages, and in the browser across a reload,
a closed tab and a server restart; a downloaded record loaded back."""

import json

import pytest
from playwright.sync_api import expect

from tests.e2e.browser import assert_no_exception, main, open_app, screenshot, wait_until_idle
from tests.e2e.conftest import SCREENSHOTS
from tests.e2e.test_restart_e2e import _lost, _reconnected, crash, restartable  # noqa: F401
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


# ---------------------------------------------------------------- the record kept in the browser

STORAGE_KEY = "softmax-explorer.record.v1"


def _answer_first_softmax_question(page, text) -> None:
    """temperature_up, answered right ("down") on the softmax lesson."""
    title = text["study.questions_title"].format(right=0, answered=0, total=5)
    main(page).get_by_text(title).click()
    main(page).get_by_text(text["study.q.temperature_up.down"], exact=True).first.click()
    main(page).get_by_role("button", name=text["study.check"]).first.click()
    wait_until_idle(page)
    expect(main(page).locator('[data-testid="stAlertContentSuccess"]').first).to_be_visible()


def _stored(page) -> str:
    page.wait_for_function(
        f"() => (window.localStorage.getItem('{STORAGE_KEY}') || '').includes('temperature_up')"
    )
    return page.evaluate(f"() => window.localStorage.getItem('{STORAGE_KEY}')")


def _home(page, text) -> None:
    page.locator('[data-testid="stSidebarNav"]').get_by_role("link", name=text["nav.home"]).click()
    wait_until_idle(page)


def _softmax_score(text, right: int, answered: int) -> str:
    return text["study.score_line"].format(
        title=text["nav.softmax"], right=right, answered=answered, total=5
    )


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_answers_survive_a_reload_and_a_closed_tab(server_url, new_page, lang):
    text = CATALOGS[lang]
    open_app(new_page(), server_url)  # warm the server (see tests/e2e/conftest.py)
    page = open_app(new_page(), f"{server_url}/softmax?lang={lang}")
    _answer_first_softmax_question(page, text)
    stored = json.loads(_stored(page))
    assert stored["record"]["temperature_up"]["attempts"][0]["given"] == "down"
    page.reload()
    wait_until_idle(page)
    assert_no_exception(page)
    # The lesson shows the verdict again: its questions open, the answer given.
    expect(main(page).locator('[data-testid="stAlertContentSuccess"]').first).to_be_visible()
    _home(page, text)
    expect(main(page).get_by_text(_softmax_score(text, 1, 1))).to_be_visible()
    # A tab closed, the app opened again in a new one of the same browser.
    context = page.context
    page.close()
    again = open_app(context.new_page(), f"{server_url}/?lang={lang}")
    expect(main(again).get_by_text(_softmax_score(text, 1, 1))).to_be_visible()
    # Another browser (another student) sees nothing of it.
    other = open_app(new_page(), f"{server_url}/?lang={lang}")
    expect(main(other).get_by_text(_softmax_score(text, 0, 0))).to_be_visible()


def test_answers_survive_a_server_restart(restartable, new_page):  # noqa: F811
    text = CATALOGS["zh"]
    port, start = restartable
    server = start()
    url = f"http://127.0.0.1:{port}"
    page = open_app(new_page(), f"{url}/softmax?lang=zh")
    _answer_first_softmax_question(page, text)
    _stored(page)
    crash(server)
    _lost(page)
    start()  # a new process: it knows nothing of this student
    _reconnected(page)
    # The page reconnected by itself to a new session, which the browser gave the record:
    # the verdict is back, and the questions' title counts the answer.
    expect(main(page).locator('[data-testid="stAlertContentSuccess"]').first).to_be_visible()
    title = text["study.questions_title"].format(right=1, answered=1, total=5)
    expect(main(page).get_by_text(title)).to_be_visible()
    # And the home page opened afresh on the new process finds it too.
    again = open_app(page.context.new_page(), f"{url}/?lang=zh")
    expect(main(again).get_by_text(_softmax_score(text, 1, 1))).to_be_visible()


def _record_section_screenshot(page, name: str) -> None:
    """The home page's record, from its header to the uploader and its message."""
    SCREENSHOTS.mkdir(exist_ok=True)
    header = main(page).locator("h2").filter(has_text=CATALOGS["zh"]["study.record"])
    header.scroll_into_view_if_needed()
    page.wait_for_timeout(300)
    top = header.bounding_box()
    uploader = main(page).locator('[data-testid="stFileUploader"]')
    bottom = uploader.bounding_box()
    alert = main(page).locator('[data-testid="stAlert"]')
    if alert.count():
        bottom = alert.last.bounding_box()
    height = min(1080, bottom["y"] + bottom["height"] + 24 - (top["y"] - 24))
    page.screenshot(
        path=SCREENSHOTS / f"{name}.png",
        clip={"x": 0, "y": max(0, top["y"] - 24), "width": 1920, "height": height},
    )


def test_a_downloaded_record_loads_back_in_chinese(server_url, new_page, tmp_path):
    text = CATALOGS["zh"]
    page = open_app(new_page(locale="zh-CN", width=1920, height=1080), f"{server_url}/softmax")
    _answer_first_softmax_question(page, text)
    _home(page, text)
    with page.expect_download() as download:
        main(page).get_by_role("button", name=text["study.download_json"]).click()
    saved = tmp_path / "softmax-explorer-answers.json"
    download.value.save_as(saved)
    document = json.loads(saved.read_text())
    assert document["answers"][0]["attempts"][0]["given"] == "down"
    # A fresh browser: load the file there.
    fresh = open_app(new_page(locale="zh-CN", width=1920, height=1080), server_url)
    expect(main(fresh).get_by_text(_softmax_score(text, 0, 0))).to_be_visible()
    _record_section_screenshot(fresh, "record-zh-empty")
    fresh.locator('[data-testid="stFileUploaderDropzoneInput"]').set_input_files(saved)
    wait_until_idle(fresh)
    assert_no_exception(fresh)
    loaded = text["study.upload_loaded"].format(questions=1, attempts=1)
    expect(main(fresh).locator('[data-testid="stAlertContentSuccess"]')).to_contain_text(loaded)
    expect(main(fresh).get_by_text(_softmax_score(text, 1, 1))).to_be_visible()
    _record_section_screenshot(fresh, "record-zh-loaded")
    # A foreign file: a message in Chinese, the record kept.
    foreign = tmp_path / "package.json"
    foreign.write_text('{"name": "<b>x</b>", "version": "1.0.0"}')
    fresh.locator('[data-testid="stFileUploaderDropzoneInput"]').set_input_files(foreign)
    wait_until_idle(fresh)
    expect(main(fresh).locator('[data-testid="stAlertContentError"]')).to_contain_text(
        text["study.upload_foreign"]
    )
    expect(main(fresh).get_by_text(_softmax_score(text, 1, 1))).to_be_visible()
    _record_section_screenshot(fresh, "record-zh-foreign")
