"""Self-study inside the lessons: questions answered right and wrong, the reveal's state,
and code expanders that show the source of what the page really calls."""

import inspect
import re

import pytest

import core
from tests.apptest import answer, assert_clean, open_page
from ui import nav
from ui.i18n import CATALOGS
from ui.questions import QUESTIONS, for_lesson

INTEGRATED = [lesson.key for lesson in nav.LESSONS]


@pytest.mark.parametrize("lesson", INTEGRATED)
def test_right_and_wrong_answers_and_the_reveal(lesson):
    questions = for_lesson(lesson)
    at = open_page(lesson, lang="en")
    assert_clean(at)
    for number, question in enumerate(questions):
        right = number % 2 == 0
        answer(at, question, right=right)
        assert_clean(at)
        verdict = at.success if right else at.error
        prefix = "Right." if right else "Not quite."
        assert any(item.value.startswith(prefix) for item in verdict), question.id
        for key, value in question.reveal.items():
            assert at.session_state[f"{lesson}.{key}"] == value, (question.id, key)
    answered = len(questions)
    right_count = (answered + 1) // 2
    title = CATALOGS["en"]["study.questions_title"].format(
        right=right_count, answered=answered, total=answered
    )
    assert any(expander.label == title for expander in at.expander)


@pytest.mark.parametrize("lesson", INTEGRATED)
def test_answers_survive_a_language_switch(lesson):
    question = for_lesson(lesson)[0]
    at = open_page(lesson, lang="en")
    answer(at, question, right=True)
    at.sidebar.radio(key="lang").set_value("zh").run()
    assert_clean(at)
    assert any(CATALOGS["zh"]["study.right"].split("{")[0] in item.value for item in at.success)


@pytest.mark.parametrize("lesson", INTEGRATED)
def test_code_expanders_show_the_source_of_functions_the_page_calls(lesson):
    at = open_page(lesson, lang="en")
    page_source = nav.ROOT.joinpath(
        next(item for item in nav.LESSONS if item.key == lesson).file
    ).read_text()
    # A lesson in a package (ui/lessons/__init__.py): its page file is one call.
    package = nav.ROOT / "ui" / "lessons" / lesson
    page_source += "".join(path.read_text() for path in sorted(package.glob("*.py")))
    closed = [box.key for box in at.expander if (box.key or "").startswith("code.")]
    assert closed and not at.code, "filled only when opened"
    for key in closed:  # what a click does
        at.session_state[key] = True
    at.run()
    shown = [code.value for code in at.code]
    assert shown, "every lesson shows the code behind its views"
    for source in shown:
        name = re.match(r"def (\w+)", source).group(1)
        assert f"{name}(" in page_source or f"{name}," in page_source, name
        modules = [module for module in vars(core).values() if inspect.ismodule(module)]
        # st.code drops the source's final newline.
        assert any(
            inspect.getsource(getattr(module, name)).rstrip("\n") == source
            for module in modules
            if hasattr(module, name)
        ), name


# ---------------------------------------------------------------- how precise a number must be

NUMBER_QUESTIONS = [question for question in QUESTIONS if question.is_number]
_PRECISION = {
    "en": lambda d: "a whole number" if d == 0 else f"to {d} decimals",
    "zh": lambda d: "一个整数" if d == 0 else f"保留 {d} 位小数",
}


@pytest.mark.parametrize("question", NUMBER_QUESTIONS, ids=lambda question: question.id)
def test_a_number_question_says_how_precise_and_checks_just_that(question):
    for lang, catalog in CATALOGS.items():
        assert _PRECISION[lang](question.decimals) in catalog[f"study.q.{question.id}"], lang
    answer = question.number()
    rounded = round(answer, question.decimals)
    assert question.check(rounded), "the answer rounded as asked counts"
    if question.decimals == 0:
        assert not question.check(answer + 0.1)
        return
    unit = 10.0**-question.decimals
    assert question.check(answer + 0.49 * unit) and question.check(answer - 0.49 * unit)
    assert not question.check(answer + 0.51 * unit) and not question.check(answer - 0.51 * unit)
    assert not question.check(rounded + unit), "one unit off in the last decimal is wrong"


# ---------------------------------------------------------------- the Ask page's link


def test_the_ask_page_opens_the_lesson_on_the_tab_that_shows_the_answer():
    at = open_page("ask", lang="en", q="temperature_up")
    assert_clean(at)
    at.button(key="ask.reveal").click().run()
    next(button for button in at.button if button.label == CATALOGS["en"]["ask.open"]).click()
    at.run()
    assert_clean(at)
    assert at.session_state["softmax.tab"] == CATALOGS["en"]["softmax.tab_temperature"]
    assert at.session_state["softmax.T"] == "5"
    tab = at.query_params.get("tab")
    assert (tab[0] if isinstance(tab, list) else tab) == "temperature"
    assert any(
        element.proto.component_name == "softmax_explorer.reveal_scroll"
        for element in at.get("bidi_component")
    )


# ---------------------------------------------------------------- where a reveal shows


def test_every_reveal_names_where_it_shows_and_goes_there():
    for question in QUESTIONS:
        assert question.where, f"{question.id}: a reveal that says only 'the page has switched'"
        assert question.tab or question.section, f"{question.id}: nowhere to scroll to"


@pytest.mark.parametrize(
    "question", [q for q in QUESTIONS if q.section], ids=lambda question: question.id
)
def test_a_reveal_on_a_lesson_without_tabs_scrolls_to_its_section(question):
    at = open_page(question.lesson, lang="en")
    answer(at, question, right=True)
    assert_clean(at)
    scrolls = [
        element.proto
        for element in at.get("bidi_component")
        if element.proto.component_name == "softmax_explorer.reveal_scroll"
    ]
    assert scrolls and question.section in str(scrolls[0]), question.id
    where = CATALOGS["en"]["study.revealed_section"].format(where=CATALOGS["en"][question.where])
    assert any(caption.value == where for caption in at.caption)
