"""The Ask page's one question (issue #12): the key's label says what the next press does,
"show it on the lesson page" opens the tab that shows the answer, explanations are typeset;
and the note on W's shape where W is shown (docs/course.md §0)."""

import re

import pytest

from tests.apptest import assert_clean, open_page, texts
from ui.i18n import CATALOGS
from ui.questions import QUESTIONS

TABBED = [question for question in QUESTIONS if question.tab]
FIRST_TABS = {"why", "curve", "toy"}  # softmax, loss, images


def _param(at, name):
    value = at.query_params.get(name)
    return value[0] if isinstance(value, list) else value


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_key_says_what_the_next_press_does(lang):
    catalog = CATALOGS[lang]
    at = open_page("ask", lang=lang, q="temperature_up")
    key = at.button(key="ask.reveal")
    assert key.label == catalog["ask.reveal"]
    assert not at.success, "hidden: the label offers the reveal"
    key.click().run()
    assert_clean(at)
    assert catalog["study.q.temperature_up.down"] in at.success[0].value
    assert at.button(key="ask.reveal").label == catalog["ask.hide"], "shown: it offers to hide"
    at.button(key="ask.reveal").click().run()
    assert not at.success
    assert at.button(key="ask.reveal").label == catalog["ask.reveal"]


def test_the_labels_name_the_action_in_both_languages():
    assert CATALOGS["zh"]["ask.reveal"] == "揭晓答案"
    assert CATALOGS["en"]["ask.reveal"] == "Reveal the answer"
    assert CATALOGS["zh"]["ask.hide"] == "隐藏答案"


@pytest.mark.parametrize("question", TABBED, ids=lambda question: question.id)
def test_show_it_on_the_lesson_page_opens_the_questions_tab(question):
    at = open_page("ask", lang="en", q=question.id)
    at.button(key="ask.reveal").click().run()
    at.button(key="ask.open").click().run()
    assert_clean(at)
    # The address keeps the tab, except a lesson's first, which it leaves out (its default).
    assert _param(at, "tab") in (question.tab, None if question.tab in FIRST_TABS else "")
    # The lesson's tabs hold the open tab's label: the one the question's reveal names.
    assert at.session_state[f"{question.lesson}.tab"] == CATALOGS["en"][question.where]


# Plain-text math that Markdown would show as typed: braces, underscores, carets.
_RAW_MATH = re.compile(r"\^\{|_\{|[A-Za-zŷ)]_[A-Za-z0-9]|\^[A-Za-z0-9(−-]|argmax_")


def test_explanations_and_questions_write_math_as_math():
    for lang, catalog in CATALOGS.items():
        for key, text in catalog.items():
            if not key.startswith("study.q."):
                continue
            outside_math = re.sub(r"\$[^$]*\$", "", text)
            assert not _RAW_MATH.search(outside_math), (lang, key, text)
            assert text.count("$") % 2 == 0, (lang, key)


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_revealed_explanation_is_typeset(lang):
    at = open_page("ask", lang=lang, q="two_classes")
    at.button(key="ask.reveal").click().run()
    assert r"$e^{z_1} / (e^{z_1} + e^{z_2})" in texts(at)


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_w_note_shows_under_the_parameters_and_in_the_gradients_tab(lang):
    catalog = CATALOGS[lang]
    training = open_page("training", lang=lang)
    assert_clean(training)
    caption = next(c.value for c in training.caption if "d \\times K" in c.value)
    assert "O = XW + b" in caption and "K \\times d" in caption
    assert ("3.1" in caption) and ("4.2" in caption)
    loss = open_page("loss", lang=lang, tab="gradients")
    assert_clean(loss)
    assert catalog["loss.grad.shapes"] in [info.value for info in loss.info]


@pytest.mark.parametrize(
    ("question_id", "label", "value"),
    [("lowest_class", "Step", "200"), ("best_t", "best T", "0.68")],  # docs/course.md §9
)
def test_the_lesson_opened_from_the_ask_page_runs_its_own_reveal(question_id, label, value):
    # These answers need a trained model: the link alone would open an untrained one.
    at = open_page("ask", lang="en", q=question_id)
    at.button(key="ask.reveal").click().run()
    at.button(key="ask.open").click().run()
    assert_clean(at)
    assert next(metric.value for metric in at.metric if metric.label == label) == value
