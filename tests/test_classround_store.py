"""The class round's store and service, against SQLite and against a real redis-server.

Every behaviour runs on both backends (the ``store_url`` fixture): rounds, answers that
replace, counts, the teacher's secret, the rate limit, expiry, a restart (the store opened
anew on the same data), and several processes answering into one store at once.
"""

import csv
import io
import json
import multiprocessing
import random
import sqlite3
import time

import pytest

import classround
from classround import export
from classround.model import (
    CODE_ALPHABET,
    BadQuestion,
    Forbidden,
    NotAccepting,
    Phase,
    Question,
    RateLimited,
    RoundNotFound,
    normalise_code,
)
from classround.redis_store import RedisStore
from classround.service import RoundService, new_student_id
from classround.sqlite_store import SQLiteStore
from classround.store import open_store
from tests import redis_server
from ui import spreadsheet

TEMPERATURE = Question.lesson("temperature_up", ("up", "down", "same"), "down")
ONE_VS_REST = Question.lesson("one_vs_rest", ("less", "one", "more"), "more")


@pytest.fixture(scope="module")
def redis_url():
    process, url = redis_server.start()
    yield url
    redis_server.stop(process)


@pytest.fixture(params=["sqlite", "redis"])
def store_url(request, tmp_path):
    """Where a store lives: a fresh SQLite file, or a flushed database of the test Redis."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'rounds.sqlite3'}"
    url = request.getfixturevalue("redis_url")
    flushing = RedisStore(url)
    flushing._redis.flushdb()
    flushing.close()
    return url


class Clock:
    """Real time plus an offset a test moves forward (Redis's expiry uses real time)."""

    def __init__(self):
        self.offset = 0.0

    def __call__(self) -> float:
        return time.time() + self.offset


@pytest.fixture
def clock():
    return Clock()


@pytest.fixture
def store(store_url):
    opened = open_store(store_url)
    yield opened
    opened.close()


@pytest.fixture
def service(store, clock):
    return RoundService(store, clock=clock)


def _students(count: int) -> list[str]:
    return [new_student_id() for _ in range(count)]


# ---------------------------------------------------------------- rounds and answers


def test_a_round_starts_with_a_readable_code_and_a_long_secret(service, store):
    round_, secret = service.start(TEMPERATURE, client="teacher")
    assert len(round_.code) == 6 and set(round_.code) <= set(CODE_ALPHABET)
    assert len(secret) >= 32  # token_urlsafe(24): 192 bits, ≥ 128 asked
    assert round_.seq == 1 and round_.phase == Phase.ANSWERING
    record = store.load(round_.code)
    assert record.round.question == TEMPERATURE
    assert secret not in record.secret_hash and len(record.secret_hash) == 64  # a SHA-256
    assert service.join(round_.code.lower(), client="student").code == round_.code


def test_the_secret_itself_is_never_stored(service, store):
    round_, secret = service.start(TEMPERATURE, client="teacher")
    if isinstance(store, SQLiteStore):
        store.close()
        data = b"".join(
            path.read_bytes()
            for path in store.path.parent.iterdir()
            if path.name.startswith(store.path.name)
        )
    else:
        everything = {
            key: store._redis.hgetall(key) for key in store._redis.keys("softmax:round:*")
        }
        data = json.dumps(everything).encode()
    assert round_.code.encode() in data
    assert secret.encode() not in data


def test_answers_are_counted_and_a_changed_answer_replaces_the_first(service):
    round_, _ = service.start(TEMPERATURE, client="teacher")
    alice, bob, carol = _students(3)
    service.answer(round_.code, alice, "up")
    service.answer(round_.code, bob, "down")
    service.answer(round_.code, carol, "down")
    assert service.counts(round_.code, 1) == {"up": 1, "down": 2}
    service.answer(round_.code, alice, "down")  # changed: replaces, never adds
    service.answer(round_.code, bob, "down")  # the same again: still one
    assert service.counts(round_.code, 1) == {"down": 3}
    assert service.answer_of(round_.code, 1, alice) == "down"
    assert service.answer_of(round_.code, 1, new_student_id()) is None


@pytest.mark.parametrize("option", ["", "UP", "down ", "<b>x</b>", None, "4"])
def test_an_answer_must_be_one_of_the_options(service, option):
    round_, _ = service.start(TEMPERATURE, client="teacher")
    with pytest.raises(BadQuestion):
        service.answer(round_.code, new_student_id(), option)
    assert service.counts(round_.code, 1) == {}


@pytest.mark.parametrize("student", ["", "short", "x" * 65, "a b c d e f g h i", None])
def test_a_student_id_is_opaque_and_well_formed(service, student):
    round_, _ = service.start(TEMPERATURE, client="teacher")
    with pytest.raises(BadQuestion):
        service.answer(round_.code, student, "up")


def test_the_phases_of_a_question_and_the_next_one(service):
    round_, secret = service.start(TEMPERATURE, client="teacher")
    code = round_.code
    alice, bob = _students(2)
    service.answer(code, alice, "up")
    shown = service.show_distribution(code, secret, client="teacher")
    assert shown.phase == Phase.DISTRIBUTION
    service.answer(code, bob, "down")  # still open while the chart shows
    service.answer(code, alice, "down")
    revealed = service.reveal(code, secret, client="teacher")
    assert revealed.phase == Phase.REVEALED
    assert service.reveal(code, secret, client="teacher").phase == Phase.REVEALED  # twice: same
    with pytest.raises(NotAccepting):
        service.answer(code, alice, "up")  # final after the reveal
    assert service.counts(code, 1) == {"down": 2}
    second = service.next_question(code, secret, ONE_VS_REST, client="teacher")
    assert (second.seq, second.phase, second.question) == (2, Phase.ANSWERING, ONE_VS_REST)
    assert service.counts(code, 2) == {}
    service.answer(code, alice, "more")
    assert service.counts(code, 2) == {"more": 1} and service.counts(code, 1) == {"down": 2}
    closed = service.close(code, secret, client="teacher")
    assert closed.phase == Phase.CLOSED
    with pytest.raises(NotAccepting):
        service.answer(code, bob, "more")
    with pytest.raises(NotAccepting):
        service.next_question(code, secret, TEMPERATURE, client="teacher")


def test_an_answer_to_a_question_the_round_has_left_is_not_taken(service, store):
    round_, secret = service.start(TEMPERATURE, client="teacher")
    service.next_question(round_.code, secret, ONE_VS_REST, client="teacher")
    student = new_student_id()
    assert store.answer(round_.code, 1, student, "up", classround.ACCEPTING, 0) is None
    assert store.counts(round_.code, 1) == {}
    # The teacher's other tab, one step behind, cannot move the round either.
    assert not store.update(round_.code, 1, Phase.ANSWERING, Phase.REVEALED, 0)
    assert store.load(round_.code).round.phase == Phase.ANSWERING


def test_an_answer_for_the_question_a_page_showed_is_not_given_to_the_next(service):
    """Two questions of a teacher's own both have options "1", "2": a click on a page
    still showing the first must not count for the second."""
    first = Question.custom("First?", ["yes", "no"])
    round_, secret = service.start(first, client="teacher")
    service.next_question(round_.code, secret, Question.custom("Second?", ["a", "b"]), client="t")
    student = new_student_id()
    with pytest.raises(NotAccepting):
        service.answer(round_.code, student, "1", seq=1)
    assert service.counts(round_.code, 2) == {}
    service.answer(round_.code, student, "1", seq=2)
    assert service.counts(round_.code, 2) == {"1": 1}


def test_a_teachers_own_question(service):
    question = Question.custom("  Which is  larger? ", ["e^2", "  2^e ", "the same"], 0)
    assert question.options == ("1", "2", "3") and question.correct == "1"
    assert question.option_texts == ("e^2", "2^e", "the same")
    round_, _ = service.start(question, client="teacher")
    service.answer(round_.code, new_student_id(), "2")
    assert service.current(round_.code).question.text == "Which is  larger?"
    assert service.counts(round_.code, 1) == {"2": 1}


@pytest.mark.parametrize(
    "text, options, correct",
    [
        ("", ["a", "b"], None),
        ("q", ["a"], None),
        ("q", ["a", "b", "c", "d", "e", "f", "g"], None),
        ("q", ["a", "a"], None),
        ("q", ["a", " ", ""], None),
        ("q", ["a", "b"], 2),
        ("q" * 501, ["a", "b"], None),
        ("q", ["a" * 121, "b"], None),
    ],
)
def test_a_teachers_question_has_text_and_two_to_six_options(text, options, correct):
    with pytest.raises(BadQuestion):
        Question.custom(text, options, correct)


def test_room_codes_as_people_type_them():
    assert normalise_code("abc-234") == "ABC234"
    assert normalise_code(" AB C2 34 ") == "ABC234"
    for bad in ["ABC23", "ABC2345", "ABCO12", "ABC 2I4", "", None, 123456, "Ａ" * 6, "x" * 41]:
        assert normalise_code(bad) is None


# ---------------------------------------------------------------- the teacher's secret


@pytest.mark.parametrize("forged", ["", None, "x", "A" * 32, 12345])
def test_a_forged_or_absent_secret_is_refused(service, forged):
    round_, _ = service.start(TEMPERATURE, client="teacher")
    for action in (service.show_distribution, service.reveal, service.close, service.authorise):
        with pytest.raises(Forbidden):
            action(round_.code, forged, client=f"student-{action.__name__}")
    with pytest.raises(Forbidden):
        service.next_question(round_.code, forged, ONE_VS_REST, client="student")
    with pytest.raises(Forbidden):
        service.export(round_.code, forged, client="student")
    assert service.current(round_.code) == round_  # nothing moved


def test_another_rounds_secret_is_refused(service):
    first, first_secret = service.start(TEMPERATURE, client="teacher")
    second, second_secret = service.start(TEMPERATURE, client="teacher")
    with pytest.raises(Forbidden):
        service.reveal(first.code, second_secret, client="teacher")
    with pytest.raises(RoundNotFound):
        service.reveal("ZZZZZZ" if first.code != "ZZZZZZ" else "YYYYYY", first_secret, client="t")
    assert service.reveal(first.code, first_secret, client="teacher").phase == Phase.REVEALED
    assert service.current(second.code).phase == Phase.ANSWERING


# ---------------------------------------------------------------- the rate limit


def _unknown_code(known: str) -> str:
    return "".join(random.choice(CODE_ALPHABET) for _ in range(6)).replace(known, "")[:6]


def test_wrong_room_codes_are_rate_limited_per_client(service, clock):
    round_, _ = service.start(TEMPERATURE, client="teacher")
    for _ in range(service.guess_limit):
        with pytest.raises(RoundNotFound):
            service.join(_unknown_code(round_.code), client="guesser")
    with pytest.raises(RateLimited) as refused:
        service.join(round_.code, client="guesser")  # even the right one, now
    assert 0 < refused.value.retry_after <= service.guess_window
    assert service.join(round_.code, client="someone else").code == round_.code
    clock.offset += service.guess_window  # the next window
    assert service.join(round_.code, client="guesser").code == round_.code


def test_right_guesses_are_not_counted(service):
    round_, _ = service.start(TEMPERATURE, client="teacher")
    for _ in range(3 * service.guess_limit):
        service.join(round_.code, client="student")


def test_wrong_secrets_are_rate_limited(service):
    round_, secret = service.start(TEMPERATURE, client="teacher")
    for _ in range(service.guess_limit):
        with pytest.raises(Forbidden):
            service.reveal(round_.code, "guess", client="guesser")
    with pytest.raises(RateLimited):
        service.reveal(round_.code, secret, client="guesser")
    assert service.current(round_.code).phase == Phase.ANSWERING
    assert service.reveal(round_.code, secret, client="teacher").phase == Phase.REVEALED


def test_one_network_address_is_limited_across_its_sessions(store, clock):
    service = RoundService(store, clock=clock, guess_limit=5, network_guess_limit=8)
    round_, _ = service.start(TEMPERATURE, client="teacher")
    for index in range(8):  # eight sessions, one wrong guess each
        with pytest.raises(RoundNotFound):
            service.join("BBBBBB", client=f"session-{index}", network="10.0.0.7")
    with pytest.raises(RateLimited):
        service.join(round_.code, client="session-new", network="10.0.0.7")
    assert service.join(round_.code, client="session-new", network="10.0.0.8")


def test_the_limit_holds_across_processes_sharing_the_store(store_url, clock):
    """Two services (two server processes) on one store share the count."""
    first = RoundService(open_store(store_url), clock=clock)
    second = RoundService(open_store(store_url), clock=clock)
    round_, _ = first.start(TEMPERATURE, client="teacher")
    for index in range(first.guess_limit):
        with pytest.raises(RoundNotFound):
            (first if index % 2 else second).join("BBBBBB", client="guesser")
    with pytest.raises(RateLimited):
        first.join(round_.code, client="guesser")
    with pytest.raises(RateLimited):
        second.join(round_.code, client="guesser")
    first.store.close()
    second.store.close()


def test_starting_rounds_is_limited(store, clock):
    service = RoundService(store, clock=clock, start_limit=3)
    for _ in range(3):
        service.start(TEMPERATURE, client="teacher")
    with pytest.raises(RateLimited):
        service.start(TEMPERATURE, client="teacher")


# ---------------------------------------------------------------- expiry and restarts


def test_rounds_older_than_the_set_time_are_gone(store, clock):
    service = RoundService(store, clock=clock, max_age=0.5)
    old, old_secret = service.start(TEMPERATURE, client="teacher")
    service.answer(old.code, new_student_id(), "up")
    time.sleep(0.7)  # past the round's age (Redis expires its keys in real time)
    with pytest.raises(RoundNotFound):
        service.join(old.code, client="student")
    with pytest.raises(RoundNotFound):
        service.reveal(old.code, old_secret, client="teacher")
    assert service.current(old.code) is None
    fresh, _ = service.start(TEMPERATURE, client="teacher")  # starting purges
    if isinstance(store, SQLiteStore):
        with sqlite3.connect(store.path) as db:
            for table in ("rounds", "questions", "answers"):
                codes = {row[0] for row in db.execute(f"SELECT code FROM {table}")}
                assert old.code not in codes, table
    else:
        assert not store._redis.keys(f"softmax:round:{old.code}*")
    assert service.current(fresh.code) is not None


def test_a_round_outlives_a_restart(store_url, clock):
    """The server process stops (its store closed) and a new one opens the same data."""
    before = RoundService(open_store(store_url), clock=clock)
    round_, secret = before.start(TEMPERATURE, client="teacher")
    students = _students(5)
    for student, option in zip(students, ["up", "down", "down", "same", "down"], strict=True):
        before.answer(round_.code, student, option)
    before.show_distribution(round_.code, secret, client="teacher")
    before.store.close()

    after = RoundService(open_store(store_url), clock=clock)
    assert after.join(round_.code, client="student").phase == Phase.DISTRIBUTION
    assert after.counts(round_.code, 1) == {"up": 1, "down": 3, "same": 1}
    after.answer(round_.code, students[0], "down")  # still the same student, replacing
    assert after.counts(round_.code, 1) == {"down": 4, "same": 1}
    assert after.reveal(round_.code, secret, client="teacher").phase == Phase.REVEALED
    after.store.close()


# ---------------------------------------------------------------- many processes at once


def _answer_many(url, code, students: list[tuple[str, str, str]], barrier, queue) -> None:
    """One server process: answer for each student, then change to the final option."""
    service = RoundService(open_store(url))
    try:
        barrier.wait(timeout=60)  # all processes answer at the same time
        for student, first, final in students:
            service.answer(code, student, first)
            if final != first:
                service.answer(code, student, final)
        queue.put(("ok", len(students)))
    except Exception as error:  # reported to the test, which fails on it
        queue.put(("error", repr(error)))
    finally:
        service.store.close()


def test_processes_answering_at_once_lose_and_double_nothing(store_url):
    service = RoundService(open_store(store_url))
    round_, _ = service.start(TEMPERATURE, client="teacher")
    service.store.close()  # no connection of the parent's crosses the fork
    rng = random.Random(7)
    options = TEMPERATURE.options
    students = [(new_student_id(), rng.choice(options), rng.choice(options)) for _ in range(400)]
    # Forked (not spawned): the children start at once, and the barrier lines them up.
    context = multiprocessing.get_context("fork")
    queue = context.Queue()
    barrier = context.Barrier(4)
    processes = [
        context.Process(
            target=_answer_many, args=(store_url, round_.code, students[i::4], barrier, queue)
        )
        for i in range(4)
    ]
    for process in processes:
        process.start()
    results = [queue.get(timeout=120) for _ in processes]
    for process in processes:
        process.join(timeout=30)
    assert all(kind == "ok" for kind, _ in results), results
    expected = {}
    for _, _, final in students:
        expected[final] = expected.get(final, 0) + 1
    service = RoundService(open_store(store_url))
    assert service.counts(round_.code, 1) == expected
    assert sum(service.counts(round_.code, 1).values()) == 400
    for student, _, final in students[::17]:
        assert service.answer_of(round_.code, 1, student) == final
    service.store.close()


# ---------------------------------------------------------------- downloads


def _exported(service):
    question = Question.custom('=HYPERLINK("http://x")', ["+1", "@SUM(A1)", "plain"], 2)
    round_, secret = service.start(TEMPERATURE, client="teacher")
    students = _students(3)
    service.answer(round_.code, students[0], "down")
    service.answer(round_.code, students[1], "up")
    service.next_question(round_.code, secret, question, client="teacher")
    service.answer(round_.code, students[0], "1")
    service.answer(round_.code, students[2], "3")
    return round_, students, service.export(round_.code, secret, client="teacher")


def test_json_export_has_counts_and_no_identity(service):
    round_, students, data = _exported(service)
    text = export.to_json(data, lambda q, option: f"[{q.id}.{option}]")
    document = json.loads(text)
    assert document["format"] == "softmax-explorer.round" and document["room"] == round_.code
    first, second = document["questions"]
    assert first["answered"] == 2 and first["text"] == "[temperature_up.None]"
    assert [(o["option"], o["count"], o["correct"]) for o in first["options"]] == [
        ("up", 1, False),
        ("down", 1, True),
        ("same", 0, False),
    ]
    assert second["text"] == '=HYPERLINK("http://x")'  # JSON is data: kept as it is
    assert [o["count"] for o in second["options"]] == [1, 0, 1]
    for student in students:
        assert student not in text


def test_csv_export_is_safe_in_a_spreadsheet(service):
    _round, students, data = _exported(service)
    text = export.to_csv(data)
    rows = list(csv.DictReader(io.StringIO(text)))
    assert list(rows[0]) == list(export.COLUMNS)
    assert len(rows) == 6
    custom = [row for row in rows if row["question_number"] == "2"]
    assert {row["question"] for row in custom} == {'\'=HYPERLINK("http://x")'}
    assert [row["option_text"] for row in custom] == ["'+1", "'@SUM(A1)", "plain"]
    assert [row["count"] for row in custom] == ["1", "0", "1"]
    assert [row["correct"] for row in custom] == ["", "", "yes"]
    for student in students:
        assert student not in text


def test_the_formula_rule_is_the_apps():
    """classround copies ui/spreadsheet.py's rule (it never imports ui): the same rule."""
    assert export.FORMULA_START == spreadsheet.FORMULA_START
    for value in ["=1+1", "+1", "-x", "@A1", "\tx", "\rx", "plain", -1.5, 3]:
        assert export.cell(value) == spreadsheet.cell(value)


# ---------------------------------------------------------------- choosing the store


def test_the_store_is_chosen_by_one_environment_variable(monkeypatch, tmp_path, redis_url):
    monkeypatch.delenv("SOFTMAX_ROUND_STORE", raising=False)
    monkeypatch.setenv("SOFTMAX_DATA_DIR", str(tmp_path / "data"))
    default = open_store()
    assert isinstance(default, SQLiteStore)
    assert default.path == tmp_path / "data" / "rounds.sqlite3"
    with sqlite3.connect(default.path) as db:
        assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    default.close()
    monkeypatch.setenv("SOFTMAX_ROUND_STORE", redis_url)
    shared = open_store()
    assert isinstance(shared, RedisStore)
    shared.close()
    monkeypatch.setenv("SOFTMAX_ROUND_STORE", "postgres://nowhere")
    with pytest.raises(ValueError):
        open_store()
