"""The store's interface, and ``open_store()``: the backend one environment variable names.

``SOFTMAX_ROUND_STORE``:
- unset or empty → SQLite (``classround.sqlite_store``) in the file
  ``$SOFTMAX_DATA_DIR/rounds.sqlite3`` (``SOFTMAX_DATA_DIR`` defaults to ``./var/``, relative
  to the folder the server was started in): no server to run, shared by every process of
  one machine, which is what ``make serve-class`` is;
- ``redis://host:port/db`` (or ``rediss://`` for TLS) → Redis (``classround.redis_store``),
  for a class served by several machines;
- ``sqlite:///path/to/file.sqlite3`` → SQLite in that file.

Every operation is atomic on its own (one SQLite transaction, one Redis script), so any
number of processes may share one store. Times are passed in by the caller (the service's
clock), in seconds since the epoch.
"""

import os
from abc import ABC, abstractmethod
from pathlib import Path

from classround.model import Phase, Question, RoundRecord

ENV_STORE = "SOFTMAX_ROUND_STORE"
ENV_DATA_DIR = "SOFTMAX_DATA_DIR"
DEFAULT_DATA_DIR = "var"
SQLITE_FILE = "rounds.sqlite3"


class Store(ABC):
    """What the round service needs from a store. Implementations: SQLite and Redis."""

    @abstractmethod
    def create(self, record: RoundRecord, expires_at: float) -> bool:
        """Keep a new round; False (and nothing changed) if its code is taken."""

    @abstractmethod
    def load(self, code: str) -> RoundRecord | None:
        """The round with this code, or None."""

    @abstractmethod
    def questions(self, code: str) -> dict[int, Question]:
        """Every question the round has asked, by its number."""

    @abstractmethod
    def update(
        self,
        code: str,
        expected_seq: int,
        expected_phase: Phase,
        phase: Phase,
        now: float,
        question: Question | None = None,
    ) -> bool:
        """Move the round to ``phase`` (with ``question`` as question ``expected_seq + 1``
        when given) if it is still at ``expected_seq`` in ``expected_phase``; False if not
        (someone else moved it first)."""

    @abstractmethod
    def answer(
        self,
        code: str,
        seq: int,
        student: str,
        option: str,
        accepting: tuple[Phase, ...],
        now: float,
    ) -> str | None:
        """Keep ``student``'s answer to question ``seq``, replacing an earlier one, if the
        round is still at ``seq`` in one of the ``accepting`` phases: return the option the
        student had before ("" if none), or None if the answer was not taken."""

    @abstractmethod
    def answer_of(self, code: str, seq: int, student: str) -> str | None:
        """The option ``student`` chose for question ``seq``, or None."""

    @abstractmethod
    def counts(self, code: str, seq: int) -> dict[str, int]:
        """How many students chose each option of question ``seq`` (options nobody chose
        may be missing)."""

    @abstractmethod
    def purge(self, cutoff: float, now: float) -> int:
        """Delete every round created before ``cutoff`` and every rate-limit window that
        ended before ``now``; return how many rounds went."""

    @abstractmethod
    def hit(self, bucket: str, window: int, seconds: int, expires_at: float) -> int:
        """Add one to the counter of ``bucket`` in window number ``window`` (of ``seconds``
        each) and return the new count; it is forgotten after ``expires_at``."""

    @abstractmethod
    def unhit(self, bucket: str, window: int) -> None:
        """Take back one ``hit`` (a guess that turned out right)."""

    @abstractmethod
    def close(self) -> None:
        """Release connections; the data stays."""


def data_dir() -> Path:
    return Path(os.environ.get(ENV_DATA_DIR) or DEFAULT_DATA_DIR)


def open_store(url: str | None = None) -> Store:
    """The store ``url`` names, or ``$SOFTMAX_ROUND_STORE``, or SQLite in the data folder."""
    url = url if url is not None else os.environ.get(ENV_STORE, "")
    url = url.strip()
    if url.startswith(("redis://", "rediss://", "unix://")):
        from classround.redis_store import RedisStore

        return RedisStore(url)
    from classround.sqlite_store import SQLiteStore

    if url.startswith("sqlite:///"):
        return SQLiteStore(Path(url.removeprefix("sqlite://")))
    if url:
        raise ValueError(f"{ENV_STORE}: not a redis:// or sqlite:/// address: {url[:60]!r}")
    return SQLiteStore(data_dir() / SQLITE_FILE)
