"""A class round in Chromium: one teacher (projection mode) and three students, each in a
browser context of their own, in both languages; the students' pages follow the projector by
themselves. On a server of its own, whose store is in a fresh data folder."""

import os
import re
import tempfile

import pytest
from playwright.sync_api import expect

from tests.e2e.browser import assert_no_exception, main, open_app, screenshot, wait_until_idle
from tests.e2e.conftest import start_server, stop_server
from ui.i18n import CATALOGS

FOLLOW_MS = 15_000  # a student's page looks every 2 s, the projector's count every 1 s


@pytest.fixture(scope="module")
def round_server():
    folder = tempfile.mkdtemp(prefix="softmax-round-e2e-")
    before = {name: os.environ.get(name) for name in ("SOFTMAX_DATA_DIR", "SOFTMAX_ROUND_STORE")}
    os.environ["SOFTMAX_DATA_DIR"] = folder
    os.environ.pop("SOFTMAX_ROUND_STORE", None)
    try:
        process, url = start_server("streamlit-round")
    finally:
        for name, value in before.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value
    yield url
    stop_server(process)


def _option(question: str, letter: str, option: str, lang: str) -> str:
    return f"{letter}. {CATALOGS[lang][f'study.q.{question}.{option}']}"


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_class_round_with_a_teacher_and_three_students(round_server, new_page, browser, lang):
    text = CATALOGS[lang]
    teacher = new_page(locale="zh-CN" if lang == "zh" else "en-US", width=1920, height=1080)
    open_app(teacher, f"{round_server}/ask?lang={lang}&present=true&q=temperature_up")
    main(teacher).get_by_role("button", name=text["ask.round.start"]).click()
    wait_until_idle(teacher)
    assert_no_exception(teacher)
    match = re.search(r"room=([A-Z0-9]{6})", teacher.url)
    assert match, teacher.url
    code = match.group(1)
    # The join link, as text and as a QR code (an SVG image made on the server).
    short_link = f"{round_server.split('://')[1]}/ask?room={code}"
    expect(main(teacher).get_by_text(short_link, exact=True)).to_be_visible()
    qr = main(teacher).locator('img[src^="data:image/svg+xml"]')
    expect(qr).to_be_visible()
    assert qr.bounding_box()["width"] >= 400, "large in projection mode"
    room = main(teacher).locator('[data-testid="stMetric"]').filter(has_text=text["ask.round.room"])
    expect(room.locator('[data-testid="stMetricValue"]')).to_have_text(code)
    screenshot(teacher, f"round-{lang}-teacher-start")

    # Three students, each in their browser's language: the link carries no lang.
    locales = ["zh-CN", "en-US", "zh-CN" if lang == "zh" else "en-US"]
    students = []
    for locale in locales:
        page = new_page(locale=locale, width=420, height=900)  # a phone's width
        open_app(page, f"{round_server}/ask?room={code}")
        assert_no_exception(page)
        students.append((page, "zh" if locale.startswith("zh") else "en"))
    for page, reader in students:
        expect(main(page).get_by_text(CATALOGS[reader]["study.q.temperature_up"])).to_be_visible()
    choices = ["down", "up", "same"]
    for (page, reader), option in zip(students, choices, strict=True):
        main(page).get_by_text(
            _option("temperature_up", "ABC"[["up", "down", "same"].index(option)], option, reader),
            exact=True,
        ).click()
        wait_until_idle(page)
        expect(main(page).locator('[data-testid="stAlertContentSuccess"]')).to_be_visible()
    # The third changes their mind: replaced, not added.
    third, reader = students[2]
    main(third).get_by_text(_option("temperature_up", "B", "down", reader), exact=True).click()
    wait_until_idle(third)
    expect(main(third).locator('[data-testid="stAlertContentSuccess"]')).to_contain_text("B.")
    screenshot(students[0][0], f"round-{lang}-student-zh-answered")
    # A reload is a new server session: the browser keeps the round's student id, so the
    # page still shows the answer, and a change after it still replaces it.
    third.reload()
    wait_until_idle(third)
    expect(main(third).locator('[data-testid="stAlertContentSuccess"]')).to_contain_text(
        "B.", timeout=FOLLOW_MS
    )
    main(third).get_by_text(_option("temperature_up", "B", "down", reader), exact=True).click()
    wait_until_idle(third)

    # The projector's count, live (no reload), then the chart and the reveal on Enter.
    count = (
        main(teacher)
        .locator('[data-testid="stMetric"]')
        .filter(has_text=text["ask.round.answered_count"])
    )
    expect(count.locator('[data-testid="stMetricValue"]')).to_have_text("3", timeout=FOLLOW_MS)
    step = main(teacher).get_by_role("button", name=text["ask.round.show_distribution"])
    expect(step).to_be_visible()
    teacher.evaluate("() => document.activeElement && document.activeElement.blur()")
    teacher.keyboard.press("Enter")
    wait_until_idle(teacher)
    expect(main(teacher).locator('[data-testid="stVegaLiteChart"]')).to_be_visible()
    expect(main(teacher).get_by_role("button", name=text["ask.round.reveal"])).to_be_visible()
    screenshot(teacher, f"round-{lang}-teacher-distribution")
    teacher.keyboard.press("Enter")
    wait_until_idle(teacher)
    assert_no_exception(teacher)
    answer = _option("temperature_up", "B", "down", lang)
    expect(main(teacher).locator('[data-testid="stAlertContentSuccess"]')).to_contain_text(answer)
    expect(main(teacher).get_by_text(text["study.q.temperature_up.why"])).to_be_visible()
    expect(main(teacher).get_by_role("button", name=text["ask.round.next"])).to_be_visible()
    screenshot(teacher, f"round-{lang}-teacher-revealed")

    # Every student's page shows the reveal by itself, in its reader's language.
    for index, (page, reader) in enumerate(students):
        why = CATALOGS[reader]["study.q.temperature_up.why"]
        expect(main(page).get_by_text(why)).to_be_visible(timeout=FOLLOW_MS)
        assert_no_exception(page)
        if index == 0:
            screenshot(page, f"round-{lang}-student-zh-revealed")
        if index == 1:
            screenshot(page, f"round-{lang}-student-en-revealed")
    right = CATALOGS[students[0][1]]["ask.round.final_right"].split("{")[0]
    expect(main(students[0][0]).get_by_text(right, exact=False)).to_be_visible()

    # The next question reaches the students; then the teacher ends the round.
    teacher.keyboard.press("Enter")
    wait_until_idle(teacher)
    expect(main(teacher).get_by_text(text["ask.round.question_of"].format(code=code, seq=2)))
    for page, reader in students:
        caption = CATALOGS[reader]["ask.round.question_of"].format(code=code, seq=2)
        expect(main(page).get_by_text(caption)).to_be_visible(timeout=FOLLOW_MS)
    main(teacher).get_by_role("button", name=text["ask.round.close"]).click()
    wait_until_idle(teacher)
    expect(main(teacher).get_by_text(text["ask.round.closed"])).to_be_visible()
    with teacher.expect_download() as download:
        main(teacher).get_by_role("button", name=text["ask.round.download_csv"]).click()
    with open(download.value.path(), encoding="utf-8") as file:
        csv_text = file.read()
    assert f"{code},1,temperature_up" in csv_text
    for page, _ in students:
        assert page.url not in csv_text
    for page, reader in students:
        closed = CATALOGS[reader]["ask.round.student_closed"]
        expect(main(page).get_by_text(closed)).to_be_visible(timeout=FOLLOW_MS)
    screenshot(teacher, f"round-{lang}-teacher-closed")


def test_a_bad_room_code_in_a_link_is_explained(round_server, new_page):
    page = open_app(new_page(locale="zh-CN"), f"{round_server}/ask?room=ABCDEF")
    message = CATALOGS["zh"]["ask.round.no_room"].split("{code}")[1][:10]
    expect(main(page).locator('[data-testid="stAlertContentError"]')).to_contain_text(message)
    screenshot(page, "round-zh-bad-code")
