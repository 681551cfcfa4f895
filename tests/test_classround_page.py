"""The Ask page's class round with AppTest: one teacher and several student sessions in one
process, on one store (SQLite in a fresh data folder per test)."""

import json

import pytest
from streamlit.components.v2.bidi_component.main import _make_trigger_id

from classround import Phase, RoundService, open_store
from classround.service import new_student_id
from tests.apptest import assert_clean, open_page, texts
from ui.i18n import CATALOGS, plain

TEACHER = "ask.round.teacher"


@pytest.fixture(autouse=True)
def data_dir(tmp_path, monkeypatch):
    """Each test its own store: the page's service is cached per data folder."""
    monkeypatch.delenv("SOFTMAX_ROUND_STORE", raising=False)
    monkeypatch.setenv("SOFTMAX_DATA_DIR", str(tmp_path / "data"))
    return tmp_path / "data"


def _store_view():
    """The store as any server process sees it."""
    return RoundService(open_store())


def _start(lang="en", **query):
    """A teacher opens /ask and starts a round on the page's question; returns (at, code)."""
    at = open_page("ask", lang=lang, **query)
    assert_clean(at)
    at.button(key="ask.round.start").click().run()
    assert_clean(at)
    code = at.session_state[TEACHER]["code"]
    assert _param(at, "room") == code
    return at, code


def _param(at, name):
    value = at.query_params.get(name)
    return value[0] if isinstance(value, list) else value


def _student(code, lang="en"):
    at = open_page("ask", lang=lang, room=code)
    assert_clean(at)
    return at


def _answer_radio(at, code, seq=1):
    return at.radio(key=f"ask.round.answer.{code}.{seq}")


def _answered(at) -> int:
    metric = next(m for m in at.metric if m.label in ("Answered", "已作答"))
    return int(metric.value)


def _phase(code) -> Phase:
    return _store_view().current(code).phase


# ---------------------------------------------------------------- teacher and students


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_a_round_counts_every_students_answer(lang):
    teacher, code = _start(lang, q="temperature_up")
    assert _answered(teacher) == 0
    catalog = CATALOGS[lang]
    students = [_student(code, other) for other in ("zh", "en", "zh")]
    for student, option in zip(students, ["down", "up", "down"], strict=True):
        _answer_radio(student, code).set_value(option).run()
        assert_clean(student)
    # Each student in their own language, whatever the teacher's.
    assert CATALOGS["zh"]["study.q.temperature_up"] in texts(students[0])
    assert CATALOGS["en"]["study.q.temperature_up"] in texts(students[1])
    assert "已作答：B. 下降" in texts(students[0])
    assert "Answered: A. Up" in texts(students[1])
    assert catalog["ask.round.answered_count"] in [metric.label for metric in teacher.metric]
    teacher.run()
    assert _answered(teacher) == 3
    assert _store_view().counts(code, 1) == {"down": 2, "up": 1}


def test_a_changed_answer_replaces_the_first():
    teacher, code = _start()
    student = _student(code)
    _answer_radio(student, code).set_value("up").run()
    _answer_radio(student, code).set_value("same").run()
    _answer_radio(student, code).set_value("down").run()
    assert_clean(student)
    assert "B. Down" in texts(student)
    teacher.run()
    assert _answered(teacher) == 1
    assert _store_view().counts(code, 1) == {"down": 1}


def _browser_hands_back(at, student_id: str):
    """What ui/lessons/ask/identity.js does on mount when this browser kept an id for the
    round before (a reload, a server process that died): send it as the trigger ``id``."""
    component = next(
        e for e in at.get("bidi_component") if e.proto.id.endswith("ask.round.identity")
    )
    assert json.loads(component.proto.json)["room"]
    states = at._tree.get_widget_states()
    state = states.widgets.add()
    state.id = _make_trigger_id(component.proto.id, "events")
    state.json_trigger_value = json.dumps([{"event": "id", "value": student_id}])
    return at._run(states)


def test_a_student_back_in_a_new_session_is_the_same_student():
    """A reload (or the server process gone, the page reconnected to another) is a new
    session; the browser hands back the round's id it kept, so the answer is still theirs
    and a change replaces it."""
    _teacher, code = _start()
    first = _student(code)
    _answer_radio(first, code).set_value("up").run()
    kept = first.session_state["ask.round.student"][code]
    again = _student(code)  # the new session proposes an id of its own
    assert again.session_state["ask.round.student"][code] != kept
    _browser_hands_back(again, kept)
    assert_clean(again)
    assert _answer_radio(again, code).value == "up"
    assert "A. Up" in texts(again)
    _answer_radio(again, code).set_value("down").run()
    assert _store_view().counts(code, 1) == {"down": 1}
    # A malformed id from a modified browser is ignored: the session keeps its own.
    third = _student(code)
    own = third.session_state["ask.round.student"][code]
    _browser_hands_back(third, "<b>not an id</b>")
    assert third.session_state["ask.round.student"][code] == own
    assert len(new_student_id()) >= 16


def test_the_teachers_key_moves_the_round_and_says_what_it_will_do():
    teacher, code = _start(q="temperature_up")
    en = CATALOGS["en"]
    step = teacher.button(key="ask.round.step")
    assert step.label == en["ask.round.show_distribution"]
    step.click().run()
    assert _phase(code) == Phase.DISTRIBUTION
    assert teacher.button(key="ask.round.step").label == en["ask.round.reveal"]
    student = _student(code)
    _answer_radio(student, code).set_value("up").run()  # still open while the chart shows
    teacher.button(key="ask.round.step").click().run()
    assert_clean(teacher)
    assert _phase(code) == Phase.REVEALED
    assert en["study.q.temperature_up.why"] in texts(teacher)
    assert teacher.button(key="ask.round.step").label == en["ask.round.next"]
    # The student's page, on its next run (in a browser: the live check), shows the result.
    student.run()
    assert_clean(student)
    assert en["study.q.temperature_up.why"] in texts(student)
    assert "You answered A. Up." in texts(student)
    assert not student.main.radio, "no answer after the reveal"
    teacher.button(key="ask.round.step").click().run()  # the next question
    assert_clean(teacher)
    current = _store_view().current(code)
    assert (current.seq, current.phase) == (2, Phase.ANSWERING)
    student.run()
    assert _answer_radio(student, code, 2).value is None


def test_only_the_teacher_sees_the_teachers_controls():
    teacher, code = _start()
    secret = teacher.session_state[TEACHER]["secret"]
    student = _student(code)
    keys = {button.key for button in student.button}
    assert not keys & {"ask.round.step", "ask.round.close", "ask.round.ask_next"}
    assert not student.get("download_button")
    assert secret not in texts(student)
    assert all(secret not in str(element.proto) for element in student.get("code"))
    assert {"ask.round.step", "ask.round.close"} <= {button.key for button in teacher.button}


def test_a_forged_teacher_session_is_refused():
    """A session whose state claims the round with any other secret moves nothing."""
    _teacher, code = _start()
    forger = _student(code)
    forger.session_state[TEACHER] = {"code": code, "secret": "forged-secret-of-enough-length"}
    forger.run()
    assert_clean(forger)
    assert code in texts(forger)
    assert any("teacher key" in error.value for error in forger.error)
    assert not {"ask.round.step", "ask.round.close"} & {button.key for button in forger.button}
    assert _phase(code) == Phase.ANSWERING


def test_a_wrong_teacher_key_is_refused_and_rate_limited():
    teacher, code = _start()
    secret = teacher.session_state[TEACHER]["secret"]
    guesser = _student(code)
    for _ in range(10):
        guesser.text_input(key="ask.round.resume_secret").input("not-the-key")
        guesser.button(key="ask.round.resume").click().run()
        assert_clean(guesser)
        assert any("not the teacher key" in error.value for error in guesser.error)
    guesser.text_input(key="ask.round.resume_secret").input(secret)
    guesser.button(key="ask.round.resume").click().run()
    assert any("Try again in" in error.value for error in guesser.error)  # even the right one
    assert TEACHER not in guesser.session_state
    assert _phase(code) == Phase.ANSWERING


def test_the_teacher_takes_the_round_back_with_the_key():
    teacher, code = _start()
    secret = teacher.session_state[TEACHER]["secret"]
    reloaded = _student(code)  # a reload is a new session: a student's view at first
    reloaded.text_input(key="ask.round.resume_secret").input(secret)
    reloaded.button(key="ask.round.resume").click().run()
    assert_clean(reloaded)
    assert reloaded.session_state[TEACHER]["code"] == code
    reloaded.button(key="ask.round.step").click().run()
    assert _phase(code) == Phase.DISTRIBUTION


# ---------------------------------------------------------------- the link's room code


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize(
    "room, key", [("xyz", "ask.round.bad_code"), ("ABCDEF", "ask.round.no_room")]
)
def test_a_bad_room_code_in_the_link_says_so_in_the_readers_language(lang, room, key):
    at = open_page("ask", lang=lang, room=room)
    assert_clean(at)
    expected = CATALOGS[lang][key].split("{code}")[1].strip()[:12]
    assert any(expected in error.value and room in error.value for error in at.error)
    assert at.button(key="ask.reveal"), "the page itself still works"
    at.run()  # shown on every run of the visit
    assert any(room in error.value for error in at.error)


def test_a_room_code_as_typed_joins():
    _teacher, code = _start()
    student = open_page("ask", lang="en")
    student.text_input(key="ask.round.code").input(code.lower()[:3] + "-" + code.lower()[3:])
    student.button(key="ask.round.join").click().run()
    assert_clean(student)
    assert _param(student, "room") == code
    assert _answer_radio(student, code) is not None


def test_a_hostile_room_parameter_is_quoted_not_rendered():
    at = open_page("ask", lang="en", room="<img src=x onerror=alert(1)>**x**")
    assert_clean(at)
    message = next(error.value for error in at.error if "not a room code" in error.value)
    assert "`<img src=x onerror=alert(1)>**x**`" in message  # a code span: shown as typed


# ---------------------------------------------------------------- the teacher's own question


def test_a_teachers_own_question_is_shown_as_plain_text():
    text = "**Bold?** <b>tag</b> [link](http://example.com) $x^2$ :red[red]"
    options = ["=1+1", "<script>alert(1)</script>", "_under_"]
    at = open_page("ask", lang="en")
    at.text_area(key="ask.round.own_start.text").input(text)
    at.text_area(key="ask.round.own_start.options").input("\n".join(options))
    at.selectbox(key="ask.round.own_start.correct").set_value(1)
    at.button(key="ask.round.own_start.submit").click().run()
    assert_clean(at)
    code = at.session_state[TEACHER]["code"]
    assert plain(text) in [header.value for header in at.header]
    student = _student(code)
    assert plain(text) in [header.value for header in student.header]
    radio = _answer_radio(student, code)
    expected = [f"{letter}. {plain(o)}" for letter, o in zip("ABC", options, strict=True)]
    assert radio.options == expected
    radio.set_value("2").run()
    assert _store_view().counts(code, 1) == {"2": 1}


def test_a_bad_own_question_is_refused_with_a_message():
    at = open_page("ask", lang="zh")
    at.text_area(key="ask.round.own_start.text").input("只有一个选项？")
    at.text_area(key="ask.round.own_start.options").input("唯一")
    at.button(key="ask.round.own_start.submit").click().run()
    assert_clean(at)
    assert any(CATALOGS["zh"]["ask.round.own_bad"] == error.value for error in at.error)
    assert TEACHER not in at.session_state


def test_a_number_question_cannot_start_a_round():
    at = open_page("ask", lang="en", q="shift")
    assert_clean(at)
    assert not [button for button in at.button if button.key == "ask.round.start"]
    assert CATALOGS["en"]["ask.round.number_question"] in texts(at)


# ---------------------------------------------------------------- the end of a round


def test_closing_a_round_ends_answering_and_keeps_the_downloads():
    teacher, code = _start()
    student = _student(code)
    _answer_radio(student, code).set_value("down").run()
    teacher.button(key="ask.round.close").click().run()
    assert_clean(teacher)
    assert _phase(code) == Phase.CLOSED
    labels = [button.label for button in teacher.get("download_button")]
    assert labels == [
        CATALOGS["en"]["ask.round.download_csv"],
        CATALOGS["en"]["ask.round.download_json"],
    ]
    student.run()
    assert CATALOGS["en"]["ask.round.student_closed"] in texts(student)
    assert not student.main.radio
    teacher.button(key="ask.round.back").click().run()
    assert_clean(teacher)
    assert TEACHER not in teacher.session_state and _param(teacher, "room") is None
    assert teacher.button(key="ask.reveal")


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_teacher_starts_a_round_from_the_lecture_plan(lang):
    """Issue #16: the plan page starts a round with a question of the lessons, and opens the
    Ask page's projected round, this session its teacher."""
    at = open_page("plan", lang=lang)
    assert_clean(at)
    question = "temperature_up"
    at.selectbox(key="plan.round.question").set_value(question).run()
    at.button(key="plan.round.start").click().run()
    assert_clean(at)
    code = at.session_state[TEACHER]["code"]
    assert _param(at, "room") == code
    assert CATALOGS[lang]["ask.round.room"] in [metric.label for metric in at.metric]
    round_ = _store_view().current(code)
    assert round_.question.id == question
    assert round_.phase == Phase.ANSWERING
