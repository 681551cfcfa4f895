"""What a round is: its question, its phase, its room code; the errors the service raises."""

import enum
import json
import re
import secrets
from dataclasses import dataclass, field

# Capital letters and digits a projector and a phone keyboard cannot confuse: no 0/O, 1/I/L.
CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
CODE_LENGTH = 6  # 31⁶ ≈ 8.9 × 10⁸ codes
_CODE = re.compile(f"[{CODE_ALPHABET}]{{{CODE_LENGTH}}}")

QUESTION_TEXT_LIMIT = 500  # characters
OPTION_TEXT_LIMIT = 120
MIN_OPTIONS, MAX_OPTIONS = 2, 6
OPTION_LIMIT = 64  # characters of an option code (a lesson question's are short words)


class Phase(enum.StrEnum):
    ANSWERING = "answering"  # students answer; the projector shows how many have
    DISTRIBUTION = "distribution"  # the projector shows the chart; answers may still change
    REVEALED = "revealed"  # the right answer and its explanation; answers are final
    CLOSED = "closed"  # the round is over; its counts can still be downloaded


# The phases in which a student's answer is taken (and may replace their earlier one).
ACCEPTING = (Phase.ANSWERING, Phase.DISTRIBUTION)


class RoundError(Exception):
    """Base of what the service refuses."""


class RoundNotFound(RoundError):
    """No round has this code (never started, expired, or not a code at all)."""


class Forbidden(RoundError):
    """A teacher's action without the round's secret."""


class RateLimited(RoundError):
    """Too many wrong guesses from this client: wait ``retry_after`` seconds."""

    def __init__(self, retry_after: float):
        super().__init__(f"too many wrong guesses; retry after {retry_after:.0f} s")
        self.retry_after = retry_after


class BadQuestion(RoundError):
    """A custom question or an answer that is not one of the question's options."""


class NotAccepting(RoundError):
    """The round takes no answers now (revealed, closed, or moved on to another question)."""


@dataclass(frozen=True)
class Question:
    """A round's question, as the store keeps it.

    A question of the lessons' predict-then-reveal set (``ui/questions.py``) is named by its
    ``id``, with its option codes and right option: each page shows it in its reader's
    language. A teacher's own question has ``text`` and ``option_texts`` instead (shown as
    plain text, never Markdown or HTML), its options coded ``"1"``, ``"2"``, …, and a right
    option only if the teacher named one.
    """

    options: tuple[str, ...]
    correct: str = ""
    id: str = ""
    text: str = ""
    option_texts: tuple[str, ...] = field(default=())

    @property
    def is_custom(self) -> bool:
        return not self.id

    @classmethod
    def lesson(cls, question_id: str, options, correct: str) -> "Question":
        question = cls(options=tuple(options), correct=correct, id=question_id)
        question.validate()
        return question

    @classmethod
    def custom(cls, text: str, option_texts, correct_index: int | None = None) -> "Question":
        """A teacher's question: ``text`` and 2–6 option texts, the right one by index."""
        texts = tuple(" ".join(str(option).split()) for option in option_texts)
        texts = tuple(option for option in texts if option)
        options = tuple(str(number) for number in range(1, len(texts) + 1))
        correct = ""
        if correct_index is not None:
            if not 0 <= correct_index < len(texts):
                raise BadQuestion("the right option is not one of the options")
            correct = options[correct_index]
        question = cls(options=options, correct=correct, text=str(text).strip(), option_texts=texts)
        question.validate()
        return question

    def validate(self) -> None:
        if not MIN_OPTIONS <= len(self.options) <= MAX_OPTIONS:
            raise BadQuestion(f"a question has {MIN_OPTIONS} to {MAX_OPTIONS} options")
        if len(set(self.options)) != len(self.options):
            raise BadQuestion("two options have the same code")
        if any(not option or len(option) > OPTION_LIMIT for option in self.options):
            raise BadQuestion("an option code is empty or too long")
        if self.correct and self.correct not in self.options:
            raise BadQuestion("the right option is not one of the options")
        if self.is_custom:
            if not self.text or len(self.text) > QUESTION_TEXT_LIMIT:
                raise BadQuestion(f"the question has 1 to {QUESTION_TEXT_LIMIT} characters")
            if len(self.option_texts) != len(self.options):
                raise BadQuestion("every option needs a text")
            if any(len(text) > OPTION_TEXT_LIMIT for text in self.option_texts):
                raise BadQuestion(f"an option has at most {OPTION_TEXT_LIMIT} characters")
            if len(set(self.option_texts)) != len(self.option_texts):
                raise BadQuestion("two options say the same")
        elif self.text or self.option_texts:
            raise BadQuestion("a lesson question carries no text of its own")

    def to_json(self) -> str:
        return json.dumps(
            {
                "id": self.id,
                "options": list(self.options),
                "correct": self.correct,
                "text": self.text,
                "option_texts": list(self.option_texts),
            },
            ensure_ascii=False,
            separators=(",", ":"),
        )

    @classmethod
    def from_json(cls, text: str) -> "Question":
        data = json.loads(text)
        return cls(
            options=tuple(data["options"]),
            correct=data.get("correct", ""),
            id=data.get("id", ""),
            text=data.get("text", ""),
            option_texts=tuple(data.get("option_texts", ())),
        )


@dataclass(frozen=True)
class Round:
    """A round as everyone may see it (no secret): which question, in which phase."""

    code: str
    seq: int  # the question's number in the round, from 1
    phase: Phase
    question: Question
    created: float  # seconds since the epoch
    updated: float


@dataclass(frozen=True)
class RoundRecord:
    """A round as the store keeps it: the public part and the hash of the teacher's secret."""

    round: Round
    secret_hash: str


def new_code() -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


def normalise_code(text) -> str | None:
    """A room code as a person types it (lower case, spaces, a dash) → the code, or None if
    it cannot be one. Characters outside the alphabet make it no code at all."""
    if not isinstance(text, str) or len(text) > 40:
        return None
    code = re.sub(r"[\s\-]", "", text).upper()
    return code if _CODE.fullmatch(code) else None
