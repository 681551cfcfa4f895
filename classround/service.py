"""What a teacher and a student can do with a round, over any ``Store``.

**The teacher** starts a round and gets its room code (public: it is projected) and its
secret (``secrets.token_urlsafe(24)``: 192 random bits). The store keeps only the secret's
SHA-256 (a hash of 192 random bits needs no slow password hash: there is nothing to guess
from it); every teacher action (show the distribution, reveal, next question, close,
download) compares the hash of the secret it is given with the stored one in constant time
(``hmac.compare_digest``). The page keeps the secret in the teacher's session only.

**A student** joins with the room code and answers the current question with an opaque
per-browser id (random, made by the page: no name, no IP address, no typed text); an answer
is one option code of the question, and a second answer to the same question replaces the
first, until the reveal.

**Wrong guesses are rate-limited**, shared by every process through the store: at most
``GUESS_LIMIT`` (10) failed joins or teacher actions per client (a browser session) and
``NETWORK_GUESS_LIMIT`` (60) per network address in each ``GUESS_WINDOW`` (60 s); past that
every attempt from it, right or wrong, is refused until the window ends, so a guesser cannot
tell a hit from a refusal. A whole lecture hall behind one NAT address still has room for 60
mistyped codes a minute; students who come by the QR code type nothing.

What that allows in a lecture's hour: 60 × 60 = 3,600 guesses from one address (600 from
one session). A room code is 6 characters from a 31-letter alphabet, 31⁶ ≈ 8.9 × 10⁸ codes;
with even 50 rounds open at once, 3,600 guesses find one with probability
3,600 × 50 / 8.9 × 10⁸ ≈ 2 × 10⁻⁴ — and a found code only lets its finder answer as a student,
which everyone in the hall can do anyway. The teacher's secret has 2¹⁹² values:
3,600 / 2¹⁹² ≈ 6 × 10⁻⁵⁵. A right guess is not counted against the client (the attempt is
counted first, atomically, and taken back when it turns out right, so parallel guesses
cannot slip past the limit).

**Expiry**: a round older than ``max_age`` (``SOFTMAX_ROUND_HOURS``, default 12 h, longer
than any lecture) is gone: it is no longer found, and the next start or join deletes it
(Redis deletes its keys itself at that time).
"""

import hashlib
import hmac
import os
import re
import secrets
import time
from collections.abc import Callable
from dataclasses import dataclass

from classround.model import (
    ACCEPTING,
    BadQuestion,
    Forbidden,
    NotAccepting,
    Phase,
    Question,
    RateLimited,
    Round,
    RoundError,
    RoundNotFound,
    RoundRecord,
    new_code,
    normalise_code,
)
from classround.store import Store

ENV_MAX_AGE_HOURS = "SOFTMAX_ROUND_HOURS"
DEFAULT_MAX_AGE_HOURS = 12.0
GUESS_WINDOW = 60  # seconds
GUESS_LIMIT = 10  # failed guesses per client and window
NETWORK_GUESS_LIMIT = 60  # per network address and window
START_LIMIT = 20  # rounds one client may start per window of START_WINDOW
START_WINDOW = 3600
SECRET_BYTES = 24  # 192 bits
PURGE_EVERY = 60.0  # seconds between two purges by one service
_STUDENT = re.compile(r"[A-Za-z0-9_-]{16,64}")


def hash_secret(secret: str) -> str:
    return hashlib.sha256(secret.encode("utf-8")).hexdigest()


def new_student_id() -> str:
    """An opaque id for one student's browser: 128 random bits, nothing about the person."""
    return secrets.token_urlsafe(16)


def max_age_from_env() -> float:
    try:
        hours = float(os.environ.get(ENV_MAX_AGE_HOURS, DEFAULT_MAX_AGE_HOURS))
    except ValueError:
        hours = DEFAULT_MAX_AGE_HOURS
    return max(hours, 0.01) * 3600


@dataclass(frozen=True)
class Export:
    """A round's counts, question by question, for the teacher's downloads (no identity)."""

    round: Round
    questions: dict[int, Question]
    counts: dict[int, dict[str, int]]


class RoundService:
    def __init__(
        self,
        store: Store,
        *,
        clock: Callable[[], float] = time.time,
        max_age: float | None = None,
        guess_limit: int = GUESS_LIMIT,
        network_guess_limit: int = NETWORK_GUESS_LIMIT,
        guess_window: int = GUESS_WINDOW,
        start_limit: int = START_LIMIT,
    ):
        self.store = store
        self.clock = clock
        self.max_age = max_age if max_age is not None else max_age_from_env()
        self.guess_limit = guess_limit
        self.network_guess_limit = network_guess_limit
        self.guess_window = guess_window
        self.start_limit = start_limit
        self._purged_at = float("-inf")

    # ------------------------------------------------------------------ the teacher

    def start(self, question: Question, *, client: str) -> tuple[Round, str]:
        """Start a round on ``question``: the round and the teacher's secret."""
        question.validate()
        now = self.clock()
        window = int(now // START_WINDOW)
        expires = (window + 1) * START_WINDOW
        if self.store.hit(f"start:{client}", window, START_WINDOW, expires) > self.start_limit:
            raise RateLimited(expires - now)
        self.purge(force=True)
        for _ in range(20):
            secret = secrets.token_urlsafe(SECRET_BYTES)
            round_ = Round(new_code(), 1, Phase.ANSWERING, question, now, now)
            if self.store.create(RoundRecord(round_, hash_secret(secret)), now + self.max_age):
                return round_, secret
        raise RoundError("no free room code")  # 20 collisions in 8.9 × 10⁸: not in practice

    def authorise(self, code: str, secret: str, *, client: str, network: str = "") -> Round:
        """The round, if ``secret`` is its teacher's (a rate-limited guess otherwise)."""
        return self._teacher(code, secret, client, network).round

    def show_distribution(self, code, secret, *, client, network="") -> Round:
        return self._move(code, secret, client, network, (Phase.ANSWERING,), Phase.DISTRIBUTION)

    def reveal(self, code, secret, *, client, network="") -> Round:
        return self._move(code, secret, client, network, ACCEPTING, Phase.REVEALED)

    def close(self, code, secret, *, client, network="") -> Round:
        return self._move(code, secret, client, network, (*ACCEPTING, Phase.REVEALED), Phase.CLOSED)

    def next_question(self, code, secret, question: Question, *, client, network="") -> Round:
        question.validate()
        return self._move(
            code,
            secret,
            client,
            network,
            (*ACCEPTING, Phase.REVEALED),
            Phase.ANSWERING,
            question,
        )

    def export(self, code, secret, *, client, network="") -> Export:
        record = self._teacher(code, secret, client, network)
        questions = self.store.questions(record.round.code)
        counts = {seq: self.store.counts(record.round.code, seq) for seq in questions}
        return Export(record.round, questions, counts)

    def _teacher(self, code, secret, client, network) -> RoundRecord:
        def check():
            record = self._load(normalise_code(code))
            if record is None:
                raise RoundNotFound(code)
            given = hash_secret(secret) if isinstance(secret, str) else ""
            # Both are 64 hex digits (or the given one empty): compare_digest's time
            # depends on neither's content.
            if not hmac.compare_digest(given.encode(), record.secret_hash.encode()):
                raise Forbidden(code)
            return record

        return self._guess(check, client, network)

    def _move(self, code, secret, client, network, sources, target, question=None) -> Round:
        for _ in range(5):
            record = self._teacher(code, secret, client, network)
            current = record.round
            if question is None and current.phase == target:
                return current  # a second press of the same key
            if current.phase not in sources:
                raise NotAccepting(f"{current.phase} → {target}")
            if self.store.update(
                current.code, current.seq, current.phase, target, self.clock(), question
            ):
                return self._load(current.code).round
            # Someone else (the teacher's other tab) moved the round meanwhile: look again.
        raise RoundError("the round kept changing")

    # ------------------------------------------------------------------ a student

    def join(self, code_text, *, client: str, network: str = "") -> Round:
        """The round a typed or linked room code names (a rate-limited guess)."""
        self.purge()

        def check():
            record = self._load(normalise_code(code_text))
            if record is None:
                raise RoundNotFound(str(code_text)[:40])
            return record

        return self._guess(check, client, network).round

    def current(self, code: str) -> Round | None:
        """The round as it is now, for a session that has joined it (no guess: the code
        comes from the session's own state, which no browser can write)."""
        record = self._load(code)
        return record.round if record else None

    def answer(self, code: str, student: str, option: str, seq: int | None = None) -> Round:
        """Take ``student``'s answer to the round's current question (to question ``seq``
        only, when given: a click on a page that still shows the last question is refused,
        even if the new one has an option of the same code)."""
        if not isinstance(student, str) or not _STUDENT.fullmatch(student):
            raise BadQuestion("not a student id")
        record = self._load(code)
        if record is None:
            raise RoundNotFound(code)
        current = record.round
        if seq is not None and seq != current.seq:
            raise NotAccepting("the question changed")
        if option not in current.question.options:
            raise BadQuestion("not one of the question's options")
        if current.phase not in ACCEPTING:
            raise NotAccepting(current.phase)
        taken = self.store.answer(
            current.code, current.seq, student, option, ACCEPTING, self.clock()
        )
        if taken is None:  # the teacher moved on between the two reads
            raise NotAccepting("the question changed")
        return current

    def answer_of(self, code: str, seq: int, student: str) -> str | None:
        return self.store.answer_of(code, seq, student)

    def counts(self, code: str, seq: int) -> dict[str, int]:
        return self.store.counts(code, seq)

    # ------------------------------------------------------------------ shared

    def purge(self, *, force: bool = False) -> int:
        now = self.clock()
        if not force and now - self._purged_at < PURGE_EVERY:
            return 0
        self._purged_at = now
        return self.store.purge(now - self.max_age, now)

    def _load(self, code: str | None) -> RoundRecord | None:
        if code is None:
            return None
        record = self.store.load(code)
        if record is None or record.round.created < self.clock() - self.max_age:
            return None
        return record

    def _guess(self, check, client: str, network: str):
        """Run ``check`` as one guess of ``client`` (and of its ``network`` address)."""
        now = self.clock()
        window = int(now // self.guess_window)
        expires = (window + 1) * self.guess_window
        buckets = [(f"guess:{client}", self.guess_limit)]
        if network:
            buckets.append((f"net:{network}", self.network_guess_limit))
        for bucket, limit in buckets:
            if self.store.hit(bucket, window, self.guess_window, expires) > limit:
                raise RateLimited(expires - now)  # refused, right or wrong: stays counted
        result = check()  # a wrong guess raises: its hits stay counted
        for bucket, _limit in buckets:
            self.store.unhit(bucket, window)
        return result
