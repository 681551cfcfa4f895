"""Self-study: questions, their answers, the ask-the-class view, exercises and the record."""

import math

import pytest
import scipy.special
import scipy.stats

from tests.apptest import assert_clean, open_page, texts
from ui import nav
from ui.i18n import CATALOGS
from ui.questions import EXERCISES, QUESTIONS, by_id, for_lesson

LESSON_PARAMS = {
    "softmax": {"logits", "names", "T", "shift"},
    "loss": {"K", "p", "pred", "pred2", "true", "spread", "point", "P", "Q", "units"}
    | {f"o{k}" for k in range(1, 11)},
    "training": {"K", "n", "spread", "seed", "split", "lr", "batch", "l2", "loss"},
    "multilabel": {"dog", "person", "car", "L", "n", "overlap", "seed", "lr", "epochs", "l2"}
    | {"rule", "sthr", "k", "label", "point"}
    | {f"thr{k}" for k in range(1, 7)},
}


def test_three_to_five_questions_per_lesson():
    for lesson in nav.LESSONS:
        assert 3 <= len(for_lesson(lesson.key)) <= 5, lesson.key


def test_every_question_has_its_texts_in_both_languages():
    for question in QUESTIONS:
        keys = [f"study.q.{question.id}", f"study.q.{question.id}.why"]
        keys += [f"study.q.{question.id}.{option}" for option in question.options]
        for catalog in CATALOGS.values():
            for key in keys:
                assert catalog.get(key, "").strip(), key
        assert question.is_number or question.correct in question.options


def test_reveal_states_use_the_lessons_url_parameters():
    for question in QUESTIONS:
        allowed = LESSON_PARAMS.get(question.lesson)
        if allowed is not None:
            assert set(question.reveal) <= allowed, question.id


@pytest.mark.parametrize(
    ("question_id", "expected"),
    [
        # CONTENT.md §2: softmax(2, 1, 0.1)_1 = 0.659, unchanged by a shift.
        ("shift", math.exp(2) / (math.exp(2) + math.exp(1) + math.exp(0.1))),
        # CONTENT.md §2: softmax(3, 1)_1 = σ(3 − 1).
        ("two_classes", 2.0),
        # CONTENT.md §3: −log 0.2 = 1.609.
        ("ce_value", -math.log(0.2)),
        # CONTENT.md §3: KL(fair die ‖ Q) = 0.057 nats.
        ("die_kl", scipy.stats.entropy([1 / 6] * 6, [0.3, 0.1, 0.15, 0.15, 0.15, 0.15])),
        # A uniform guess over 5 classes costs log 5.
        ("start_loss", math.log(5)),
        ("sigmoid_three", scipy.special.expit(3.0)),
    ],
)
def test_number_answers_match_an_independent_computation(question_id, expected):
    question = by_id(question_id)
    assert question.number() == pytest.approx(expected, abs=1e-9)
    assert question.check(expected + question.tolerance / 2)
    assert not question.check(expected + 2 * question.tolerance + 0.01)
    assert not question.check(None)


def test_worked_numbers_in_the_explanations():
    # The explanations quote CONTENT.md's numbers; recompute them.
    assert 1 / (math.exp(10) + 2) == pytest.approx(0.0000454, abs=5e-8)
    assert sum(scipy.special.expit([2, 1, 0.1])) == pytest.approx(2.137, abs=5e-4)
    assert scipy.special.softmax([2 / 5, 1 / 5, 0.1 / 5])[0] == pytest.approx(0.400, abs=5e-4)
    assert pytest.approx(0.12) == 0.5 * (0.2**2 + 0.2**2 + 0.4**2)
    assert pytest.approx(0.16) == 0.5 * (0.0**2 + 0.4**2 + 0.4**2)


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_ask_the_class_reveals_on_demand(lang):
    at = open_page("ask", lang=lang, q="temperature_up")
    assert_clean(at)
    question = CATALOGS[lang]["study.q.temperature_up"]
    answer = CATALOGS[lang]["study.q.temperature_up.down"]
    assert question in texts(at)
    assert not at.success
    at.button[0].click().run()
    assert_clean(at)
    assert answer in at.success[0].value
    assert CATALOGS[lang]["study.q.temperature_up.why"] in texts(at)


def test_ask_the_class_refuses_an_unknown_question():
    at = open_page("ask", lang="en", q="no_such_question")
    assert_clean(at)
    assert any("no_such_question" in warning.value for warning in at.warning)


def test_the_record_downloads_as_json_and_csv():
    at = open_page("home", lang="en")
    assert_clean(at)
    labels = [button.label for button in at.get("download_button")]
    assert CATALOGS["en"]["study.download_json"] in labels
    assert CATALOGS["en"]["study.download_csv"] in labels


def test_exercises_open_their_page_in_the_answering_state():
    at = open_page("home", lang="zh")
    lessons = {lesson.key for lesson in nav.available_lessons()}
    for exercise in EXERCISES:
        assert CATALOGS["zh"][f"study.ex.{exercise.id}"] in texts(at)
    exercise = EXERCISES[-1]
    if exercise.lesson not in lessons:
        pytest.skip("the exercise's lesson page does not exist yet")
    at.button(key=f"study.ex.{exercise.id}").click().run()
    assert_clean(at)
    for name, value in exercise.params.items():
        assert at.session_state[name] == value or str(at.session_state[name]) == value
