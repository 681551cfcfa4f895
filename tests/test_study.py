"""Self-study: questions, their answers, the ask-the-class view, exercises and the record."""

import csv
import io
import json
import math

import pytest
import scipy.special
import scipy.stats
from streamlit.components.v2.bidi_component.main import _make_trigger_id
from streamlit.testing.v1 import AppTest

from tests.apptest import assert_clean, open_page, texts
from ui import nav, study
from ui.i18n import CATALOGS
from ui.questions import EXERCISES, QUESTIONS, by_id, for_lesson
from ui.record import MAX_ATTEMPTS

LESSON_PARAMS = {
    "softmax": {"logits", "names", "T", "shift"},
    "loss": {"K", "p", "pred", "pred2", "true", "spread", "point", "P", "Q", "units"}
    | {f"o{k}" for k in range(1, 11)},
    "training": {"K", "n", "spread", "seed", "split", "lr", "batch", "l2", "loss"},
    "multilabel": {"dog", "person", "car", "L", "n", "overlap", "seed", "lr", "epochs", "l2"}
    | {"rule", "sthr", "k", "label", "point"}
    | {f"thr{k}" for k in range(1, 7)},
    "images": {"x1", "x2", "x3", "x4", "epochs", "lr", "batch", "l2", "spf", "seed", "img", "T"},
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
        # docs/course.md §2: softmax(2, 1, 0.1)_1 = 0.659, unchanged by a shift.
        ("shift", math.exp(2) / (math.exp(2) + math.exp(1) + math.exp(0.1))),
        # docs/course.md §2: softmax(3, 1)_1 = σ(3 − 1).
        ("two_classes", 2.0),
        # docs/course.md §3: −log 0.2 = 1.609.
        ("ce_value", -math.log(0.2)),
        # docs/course.md §3: KL(fair die ‖ Q) = 0.057 nats.
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
    # The explanations quote docs/course.md's numbers; recompute them.
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
    for exercise in EXERCISES:
        assert CATALOGS["zh"][f"study.ex.{exercise.id}"] in texts(at)
    exercise = EXERCISES[-1]
    at.button(key=f"study.ex.{exercise.id}").click().run()
    assert_clean(at)
    for name, value in exercise.params.items():
        held = at.session_state[f"{exercise.lesson}.{name}"]
        if name == "tab":  # the tabs hold the open tab's label, the link its code
            assert at.query_params["tab"] in (value, [value])
            continue
        assert held == value or str(held) == value


# ---------------------------------------------------------------- the record kept in the browser


def _attempt(given, correct, time):
    return {"given": given, "correct": correct, "time": time}


def _old_download(answered: dict) -> bytes:
    """The download before attempts existed: one row per question, ``given`` and ``correct``."""
    rows = [
        {
            "lesson": q.lesson,
            "question_id": q.id,
            "question": "…",
            "given": answered.get(q.id),
            "correct": None if q.id not in answered else q.check(answered[q.id]),
        }
        for q in QUESTIONS
    ]
    return json.dumps({"language": "en", "scores": {}, "answers": rows}).encode()


def browser_sends(at, text: str):
    """What ui/record_sync.js does on mount: send the browser's stored text as the trigger
    ``stored`` of the sync component, with the widgets' states, as a browser would."""
    sync = next(e for e in at.get("bidi_component") if e.proto.id.endswith(study.SYNC_KEY))
    states = at._tree.get_widget_states()
    state = states.widgets.add()
    state.id = _make_trigger_id(sync.proto.id, "events")
    state.json_trigger_value = json.dumps([{"event": "stored", "value": text}])
    return at._run(states)


def sync_data(at) -> dict:
    sync = next(e for e in at.get("bidi_component") if e.proto.id.endswith(study.SYNC_KEY))
    return json.loads(sync.proto.json)


T1, T2, T3 = (f"2020-01-0{day}T10:00:00.000+00:00" for day in (1, 2, 3))  # all past


def test_merge_is_the_union_with_the_newest_attempt_last():
    mine = {"shift": {"attempts": [_attempt(0.5, False, T1), _attempt(0.659, True, T3)]}}
    theirs = {
        "shift": {"attempts": [_attempt(0.5, False, T1), _attempt(1.0, False, T2)]},
        "die_kl": {"attempts": [_attempt(0.057, True, T2)]},
    }
    assert study.merge(mine, theirs)
    assert [a["time"] for a in mine["shift"]["attempts"]] == [T1, T2, T3]  # T1 once
    assert study.latest(mine["shift"])["correct"] is True
    assert mine["die_kl"]["attempts"] == [_attempt(0.057, True, T2)]
    assert not study.merge(mine, theirs), "merging the same again changes nothing"
    newer = {"shift": {"attempts": [_attempt(2.0, False, "2021-01-01T00:00:00.000+00:00")]}}
    study.merge(mine, newer)
    assert study.latest(mine["shift"])["given"] == 2.0, "the newest attempt counts"


def test_an_attempt_of_unknown_time_counts_as_the_oldest():
    mine = {"shift": {"attempts": [_attempt(0.659, True, T1)]}}
    study.merge(mine, {"shift": {"attempts": [_attempt(0.5, False, None)]}})
    assert [a["time"] for a in mine["shift"]["attempts"]] == [None, T1]


def test_a_record_keeps_the_newest_attempts_only():
    many = [_attempt("up", False, f"2030-01-01T10:00:{s:02d}.000+00:00") for s in range(60)]
    record, skipped = study.parse_record(
        json.dumps({"format": study.FORMAT, "record": {"temperature_up": {"attempts": many}}})
    )
    kept = record["temperature_up"]["attempts"]
    assert len(kept) == MAX_ATTEMPTS and kept[-1]["time"] == many[-1]["time"]
    assert skipped == 60 - MAX_ATTEMPTS


def test_the_stored_form_is_read_back_and_checked_again():
    stored = {
        "format": study.FORMAT,
        "version": study.VERSION,
        "record": {
            # "correct" is recomputed: a crafted true for a wrong answer does not count.
            "temperature_up": {"attempts": [_attempt("up", True, T1), _attempt("down", False, T2)]},
            "shift": {"attempts": [_attempt(0.659, False, "2030-01-01T11:00:00+01:00")]},
            "no_such_question": {"attempts": [_attempt("a", True, T1)]},
        },
    }
    record, skipped = study.parse_record(json.dumps(stored))
    assert set(record) == {"temperature_up", "shift"}
    assert [a["correct"] for a in record["temperature_up"]["attempts"]] == [False, True]
    assert record["shift"]["attempts"] == [_attempt(0.659, True, "2030-01-01T10:00:00.000+00:00")]
    assert skipped == 1


@pytest.mark.parametrize(
    "attempt",
    [
        "not an attempt",
        None,
        {"given": "sideways", "time": T1},  # not one of the options
        {"given": 3, "time": T1},  # a number for a choice
        {"given": True, "time": T1},
        {"given": ["down"], "time": T1},
        {"given": "down", "time": "yesterday"},
        {"given": "down", "time": 12345},
        {"given": "down", "time": "0001-01-01T00:00:00+01:00"},  # before year 1 in UTC
        {"given": "down", "time": "2030-01-01T10:00:00" + "0" * 100},
    ],
)
def test_a_malformed_attempt_is_left_out(attempt):
    stored = {"format": study.FORMAT, "record": {"temperature_up": {"attempts": [attempt]}}}
    record, skipped = study.parse_record(json.dumps(stored))
    assert record == {} and skipped == 1


@pytest.mark.parametrize("given", [True, "0.659", 1e300, -1e13, [0.659], {"x": 1}])
def test_a_malformed_number_answer_is_left_out(given):
    stored = {"format": study.FORMAT, "record": {"shift": {"attempts": [{"given": given}]}}}
    assert study.parse_record(json.dumps(stored)) == ({}, 1)


@pytest.mark.parametrize(
    ("text", "code"),
    [
        (b"x" * (study.MAX_BYTES + 1), "too_big"),
        (b"", "not_json"),
        (b"{not json", "not_json"),
        (b"\xff\xfe\x00garbage", "not_json"),
        (b'{"record": NaN}', "not_json"),
        (b"[" * 100_001 + b"]" * 100_001, "too_big"),
        (b"[" * 50_000 + b"]" * 50_000, "not_json"),  # deeper than the parser goes
        (b"[1, 2, 3]", "foreign"),
        (b'"a record"', "foreign"),
        (b'{"name": "package.json", "version": "1.0.0"}', "foreign"),
        (b'{"answers": [{"question_id": "not_ours", "given": 1}]}', "foreign"),
        (b'{"answers": "all of them"}', "foreign"),
        (b'{"record": {"shift": {"attempts": []}}}', "foreign"),  # no format mark
    ],
)
def test_what_is_not_a_record_is_refused_with_a_reason(text, code):
    with pytest.raises(study.RecordError) as refused:
        study.parse_record(text)
    assert refused.value.code == code


def test_the_download_before_attempts_existed_still_loads():
    record, skipped = study.parse_record(_old_download({"temperature_up": "down", "shift": 0.5}))
    assert skipped == 0
    assert record == {
        "temperature_up": {"attempts": [_attempt("down", True, None)]},
        "shift": {"attempts": [_attempt(0.5, False, None)]},
    }


def _answer_on_the_page(at, question_id: str, given):
    field = f"study.input.{question_id}"
    if isinstance(given, str):
        at.radio(key=field).set_value(given)
    else:
        at.number_input(key=field).set_value(given)
    at.button(key=f"study.check.{question_id}").click().run()


def test_trying_again_keeps_the_earlier_attempt_and_the_latest_counts():
    at = open_page("softmax", lang="en")
    _answer_on_the_page(at, "temperature_up", "up")
    assert any(item.value.startswith("Not quite.") for item in at.error)
    at.button(key="study.retry.temperature_up").click().run()
    assert_clean(at)
    assert at.radio(key="study.input.temperature_up").value is None, "asked afresh"
    assert CATALOGS["en"]["study.attempts_before"].format(count=1) in texts(at)
    _answer_on_the_page(at, "temperature_up", "down")
    assert_clean(at)
    attempts = at.session_state[study.ANSWERS]["temperature_up"]["attempts"]
    assert [(a["given"], a["correct"]) for a in attempts] == [("up", False), ("down", True)]
    assert attempts[0]["time"] <= attempts[1]["time"]
    assert CATALOGS["en"]["study.attempt_count"].format(count=2) in texts(at)
    title = CATALOGS["en"]["study.questions_title"].format(right=1, answered=1, total=5)
    assert any(expander.label == title for expander in at.expander)


def _documents(record: dict) -> tuple[dict, str]:
    """The JSON document and the CSV the home page's downloads give for ``record``."""

    def app(record):
        import json

        import streamlit as st

        from ui import study

        st.session_state["lang"] = "en"
        st.session_state[study.ANSWERS] = record
        document = study.record_document()
        st.code(json.dumps(document), language="json")
        st.code(study.record_csv(document["answers"]), language="text")

    at = AppTest.from_function(app, args=(record,)).run()
    assert_clean(at)
    return json.loads(at.code[0].value), at.code[1].value


def test_the_downloads_carry_every_attempt():
    at = open_page("softmax", lang="en")
    _answer_on_the_page(at, "temperature_up", "up")
    at.button(key="study.retry.temperature_up").click().run()
    _answer_on_the_page(at, "temperature_up", "down")
    document, table = _documents(at.session_state[study.ANSWERS])
    row = next(r for r in document["answers"] if r["question_id"] == "temperature_up")
    assert (row["given"], row["correct"]) == ("down", True)
    assert [a["given"] for a in row["attempts"]] == ["up", "down"]
    assert document["scores"]["softmax"] == {"right": 1, "answered": 1, "total": 5}
    lines = list(csv.DictReader(io.StringIO(table)))
    mine = [line for line in lines if line["question_id"] == "temperature_up"]
    assert [(line["attempt"], line["given"], line["correct"]) for line in mine] == [
        ("1", "up", "False"),
        ("2", "down", "True"),
    ]
    assert len(lines) == len(QUESTIONS) + 1  # one line per question, one more for the retry
    # What was downloaded loads back as the same record.
    loaded, skipped = study.parse_record(json.dumps(document))
    assert loaded == at.session_state[study.ANSWERS] and skipped == 0


def _stored(record: dict) -> str:
    return json.dumps({"format": study.FORMAT, "version": study.VERSION, "record": record})


def _score_line(lang: str, lesson: str, right: int, answered: int) -> str:
    text = CATALOGS[lang]
    total = len(for_lesson(lesson))
    return text["study.score_line"].format(
        title=text[f"nav.{lesson}"], right=right, answered=answered, total=total
    )


def test_the_browser_record_is_asked_for_merged_and_written_back():
    at = open_page("home", lang="en")
    data = sync_data(at)
    assert data["want"] is True and data["record"] is None, "nothing written before it is read"
    browser_sends(at, _stored({"temperature_up": {"attempts": [_attempt("down", True, T1)]}}))
    assert_clean(at)
    assert _score_line("en", "softmax", 1, 1) in texts(at)
    data = sync_data(at)
    assert data["want"] is False and data["revision"] >= 1
    assert data["record"]["record"]["temperature_up"]["attempts"][0]["given"] == "down"
    # An answer given now reaches the browser with a newer revision, the earlier one kept.
    at.switch_page("pages/1_softmax_lesson.py").run()
    _answer_on_the_page(at, "shift", 0.659)
    assert_clean(at)
    later = sync_data(at)
    assert later["revision"] > data["revision"] and later["session"] == data["session"]
    assert set(later["record"]["record"]) == {"temperature_up", "shift"}


def test_the_browser_record_and_this_session_s_answers_are_united():
    at = open_page("softmax", lang="en")
    _answer_on_the_page(at, "temperature_up", "up")  # before the browser's copy arrived
    browser_sends(at, _stored({"temperature_up": {"attempts": [_attempt("down", True, T1)]}}))
    assert_clean(at)
    attempts = at.session_state[study.ANSWERS]["temperature_up"]["attempts"]
    assert [a["given"] for a in attempts] == ["down", "up"], "oldest first, the latest counts"
    assert any(item.value.startswith("Not quite.") for item in at.error)


@pytest.mark.parametrize(
    "text",
    ["", "{garbage", "x" * (study.MAX_BYTES + 10), json.dumps({"format": "other"}), "[1]"],
)
def test_what_the_browser_sends_that_is_not_a_record_is_ignored_quietly(text):
    at = open_page("home", lang="en")
    browser_sends(at, text)
    assert_clean(at)
    assert not at.error and not at.warning
    assert study.ANSWERS not in at.session_state or not at.session_state[study.ANSWERS]
    assert sync_data(at)["want"] is False, "asked once per session"
    assert _score_line("en", "softmax", 0, 0) in texts(at)


def test_the_sync_component_is_placed_once_however_often_it_is_asked_for():
    def app():
        from ui import study

        study.sync_record()
        study.sync_record()

    at = AppTest.from_function(app).run()
    assert_clean(at)
    assert len(at.get("bidi_component")) == 1


def _upload(at, name: str, body: bytes):
    uploader = next(u for u in at.get("file_uploader") if u.key == study.UPLOAD_KEY)
    return uploader.set_value((name, body, "application/json")).run()


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_a_downloaded_record_loads_back_and_joins_the_one_here(lang):
    earlier = {
        "temperature_up": {"attempts": [_attempt("up", False, T1), _attempt("down", True, T2)]},
        "die_kl": {"attempts": [_attempt(0.057, True, T1)]},
    }
    document, _ = _documents(earlier)
    at = open_page("home", lang=lang)
    browser_sends(at, _stored({"shift": {"attempts": [_attempt(0.659, True, T3)]}}))
    _upload(at, "softmax-explorer-answers.json", json.dumps(document).encode())
    assert_clean(at)
    message = CATALOGS[lang]["study.upload_loaded"].format(questions=2, attempts=3)
    assert [item.value for item in at.success] == [message]
    record = at.session_state[study.ANSWERS]
    assert set(record) == {"temperature_up", "die_kl", "shift"}, "the record here is kept"
    assert _score_line(lang, "softmax", 2, 2) in texts(at)
    assert _score_line(lang, "loss", 1, 1) in texts(at)
    # Loading the same file again adds nothing twice.
    _upload(at, "softmax-explorer-answers (1).json", json.dumps(document).encode())
    assert at.session_state[study.ANSWERS] == record


def test_an_old_format_download_loads():
    at = open_page("home", lang="en")
    _upload(at, "old.json", _old_download({"temperature_up": "down", "ce_value": 2.0}))
    assert_clean(at)
    message = CATALOGS["en"]["study.upload_loaded"].format(questions=2, attempts=2)
    assert [item.value for item in at.success] == [message]
    assert _score_line("en", "softmax", 1, 1) in texts(at)
    assert _score_line("en", "loss", 0, 1) in texts(at)


def test_a_file_with_some_unreadable_entries_loads_the_rest_and_says_so():
    rows = json.loads(_old_download({"temperature_up": "down"}))["answers"]
    rows[1]["given"] = "<script>alert(1)</script>"  # shift takes a number
    rows.append({"question_id": "not_ours", "given": "a"})
    at = open_page("home", lang="zh")
    _upload(at, "mixed.json", json.dumps({"answers": rows}).encode())
    assert_clean(at)
    message = CATALOGS["zh"]["study.upload_loaded_skipped"].format(
        questions=1, attempts=1, skipped=2
    )
    assert [item.value for item in at.success] == [message]
    assert "script" not in texts(at)


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize(
    ("name", "body", "code"),
    [
        ("broken.json", b'{"answers": [', "not_json"),
        ("photo.png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 64, "not_json"),
        ("package.json", b'{"name": "<b>x</b>", "dependencies": {}}', "foreign"),
        ("list.json", b'[{"question_id": "shift"}]', "foreign"),
        ("big.json", b" " * (study.MAX_BYTES + 1), "too_big"),
    ],
)
def test_a_bad_or_foreign_file_is_refused_in_the_page_s_language_and_changes_nothing(
    lang, name, body, code
):
    at = open_page("home", lang=lang)
    browser_sends(at, _stored({"shift": {"attempts": [_attempt(0.659, True, T3)]}}))
    before = json.dumps(at.session_state[study.ANSWERS], sort_keys=True)
    revision = sync_data(at)["revision"]
    _upload(at, name, body)
    assert_clean(at)
    expected = CATALOGS[lang][f"study.upload_{code}"].format(size=study.MAX_BYTES // 1000)
    assert [item.value for item in at.error] == [expected]
    assert not at.success
    assert json.dumps(at.session_state[study.ANSWERS], sort_keys=True) == before
    assert sync_data(at)["revision"] == revision, "nothing new for the browser to store"
    assert _score_line(lang, "softmax", 1, 1) in texts(at)
    # Removing the file takes its message away.
    next(u for u in at.get("file_uploader") if u.key == study.UPLOAD_KEY).set_value(None).run()
    assert not at.error


def test_every_record_text_exists_in_both_languages():
    keys = {key for key in CATALOGS["en"] if key.startswith(("study.upload", "study.attempt"))}
    assert len(keys) >= 9
    for key in keys:
        assert CATALOGS["zh"].get(key, "").strip(), key
    assert {k for k in CATALOGS["zh"] if k.startswith("study.")} == {
        k for k in CATALOGS["en"] if k.startswith("study.")
    }
