"""A class round: the whole hall answers one question at a time, the projector counts.

Not a lesson and not numerics: a small service over a shared store, with no Streamlit and
no ``ui`` import (the Ask page, ``ui/lessons/ask/``, is its only caller), so the processes
that ``make serve-class`` runs behind nginx, and the tests and the benchmark, all reach the
same rounds.

- ``classround.model``: a round's question, its phases, room codes, errors.
- ``classround.store``: the store interface and ``open_store()``, which picks the backend
  from ``SOFTMAX_ROUND_STORE``: unset → SQLite in ``$SOFTMAX_DATA_DIR`` (default ``./var/``),
  ``redis://host:port/db`` → Redis.
- ``classround.sqlite_store``, ``classround.redis_store``: the two backends.
- ``classround.service``: ``RoundService``, what a teacher and a student can do, the teacher's
  secret, the rate limit on wrong guesses, expiry.
- ``classround.export``: a round's counts as CSV and JSON, with no student identity.
"""

from classround.model import (
    ACCEPTING,
    CODE_ALPHABET,
    CODE_LENGTH,
    BadQuestion,
    Forbidden,
    Phase,
    Question,
    RateLimited,
    Round,
    RoundError,
    RoundNotFound,
    normalise_code,
)
from classround.service import RoundService
from classround.store import Store, open_store

__all__ = [
    "ACCEPTING",
    "CODE_ALPHABET",
    "CODE_LENGTH",
    "BadQuestion",
    "Forbidden",
    "Phase",
    "Question",
    "RateLimited",
    "Round",
    "RoundError",
    "RoundNotFound",
    "RoundService",
    "Store",
    "normalise_code",
    "open_store",
]
