"""The default store: one SQLite file in WAL mode, shared by the processes of one machine.

WAL lets every process read while one writes; a writer waits for another's lock for up to
``BUSY_TIMEOUT_MS`` (SQLite's ``busy_timeout``) instead of failing. Each operation is one
transaction, begun ``IMMEDIATE`` when it writes (so it takes the write lock before reading
what it checks, and two answers can never interleave). ``synchronous=NORMAL``: in WAL mode
a committed answer survives the process, or every server process, being killed or
restarted; only a power cut may lose the last few commits.

Within a process, the sessions' threads share one connection behind a lock (Python runs
one thread at a time anyway; the lock keeps one transaction at a time on the connection).
"""

import sqlite3
import threading
from contextlib import contextmanager
from pathlib import Path

from classround.model import Phase, Question, Round, RoundRecord
from classround.store import Store

BUSY_TIMEOUT_MS = 10_000

_SCHEMA = """
CREATE TABLE IF NOT EXISTS rounds (
    code TEXT PRIMARY KEY,
    secret_hash TEXT NOT NULL,
    seq INTEGER NOT NULL,
    phase TEXT NOT NULL,
    question TEXT NOT NULL,
    created REAL NOT NULL,
    updated REAL NOT NULL,
    expires REAL NOT NULL
);
CREATE TABLE IF NOT EXISTS questions (
    code TEXT NOT NULL REFERENCES rounds(code) ON DELETE CASCADE,
    seq INTEGER NOT NULL,
    question TEXT NOT NULL,
    PRIMARY KEY (code, seq)
);
CREATE TABLE IF NOT EXISTS answers (
    code TEXT NOT NULL REFERENCES rounds(code) ON DELETE CASCADE,
    seq INTEGER NOT NULL,
    student TEXT NOT NULL,
    option TEXT NOT NULL,
    PRIMARY KEY (code, seq, student)
);
CREATE TABLE IF NOT EXISTS limits (
    bucket TEXT NOT NULL,
    window INTEGER NOT NULL,
    count INTEGER NOT NULL,
    expires REAL NOT NULL,
    PRIMARY KEY (bucket, window)
);
CREATE INDEX IF NOT EXISTS rounds_created ON rounds(created);
CREATE INDEX IF NOT EXISTS limits_expires ON limits(expires);
"""


class SQLiteStore(Store):
    def __init__(self, path: Path | str):
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._lock = threading.Lock()
        self._db = sqlite3.connect(
            self.path,
            timeout=BUSY_TIMEOUT_MS / 1000,
            isolation_level=None,  # transactions are begun and ended here, explicitly
            check_same_thread=False,
        )
        self._db.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        mode = self._db.execute("PRAGMA journal_mode = WAL").fetchone()[0]
        if mode.lower() != "wal":
            raise RuntimeError(f"{self.path}: SQLite would not use WAL mode ({mode})")
        self._db.execute("PRAGMA synchronous = NORMAL")
        self._db.execute("PRAGMA foreign_keys = ON")
        with self._write() as db:
            for statement in _SCHEMA.split(";"):
                if statement.strip():
                    db.execute(statement)

    @contextmanager
    def _write(self):
        with self._lock:
            self._db.execute("BEGIN IMMEDIATE")
            try:
                yield self._db
            except BaseException:
                self._db.execute("ROLLBACK")
                raise
            self._db.execute("COMMIT")

    @contextmanager
    def _read(self):
        with self._lock:
            self._db.execute("BEGIN")
            try:
                yield self._db
            finally:
                self._db.execute("COMMIT")

    def create(self, record: RoundRecord, expires_at: float) -> bool:
        r = record.round
        with self._write() as db:
            cursor = db.execute(
                "INSERT OR IGNORE INTO rounds VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    r.code,
                    record.secret_hash,
                    r.seq,
                    r.phase.value,
                    r.question.to_json(),
                    r.created,
                    r.updated,
                    expires_at,
                ),
            )
            if cursor.rowcount != 1:
                return False
            db.execute(
                "INSERT INTO questions VALUES (?, ?, ?)", (r.code, r.seq, r.question.to_json())
            )
            return True

    def load(self, code: str) -> RoundRecord | None:
        with self._read() as db:
            row = db.execute(
                "SELECT code, seq, phase, question, created, updated, secret_hash"
                " FROM rounds WHERE code = ?",
                (code,),
            ).fetchone()
        if row is None:
            return None
        code, seq, phase, question, created, updated, secret_hash = row
        return RoundRecord(
            Round(code, seq, Phase(phase), Question.from_json(question), created, updated),
            secret_hash,
        )

    def questions(self, code: str) -> dict[int, Question]:
        with self._read() as db:
            rows = db.execute(
                "SELECT seq, question FROM questions WHERE code = ? ORDER BY seq", (code,)
            ).fetchall()
        return {seq: Question.from_json(text) for seq, text in rows}

    def update(self, code, expected_seq, expected_phase, phase, now, question=None) -> bool:
        with self._write() as db:
            row = db.execute("SELECT seq, phase FROM rounds WHERE code = ?", (code,)).fetchone()
            if row is None or row[0] != expected_seq or row[1] != expected_phase.value:
                return False
            if question is None:
                db.execute(
                    "UPDATE rounds SET phase = ?, updated = ? WHERE code = ?",
                    (phase.value, now, code),
                )
            else:
                text = question.to_json()
                db.execute(
                    "UPDATE rounds SET seq = ?, phase = ?, question = ?, updated = ?"
                    " WHERE code = ?",
                    (expected_seq + 1, phase.value, text, now, code),
                )
                db.execute("INSERT INTO questions VALUES (?, ?, ?)", (code, expected_seq + 1, text))
            return True

    def answer(self, code, seq, student, option, accepting, now) -> str | None:
        with self._write() as db:
            row = db.execute("SELECT seq, phase FROM rounds WHERE code = ?", (code,)).fetchone()
            if row is None or row[0] != seq or row[1] not in {p.value for p in accepting}:
                return None
            before = db.execute(
                "SELECT option FROM answers WHERE code = ? AND seq = ? AND student = ?",
                (code, seq, student),
            ).fetchone()
            db.execute(
                "INSERT INTO answers VALUES (?, ?, ?, ?)"
                " ON CONFLICT (code, seq, student) DO UPDATE SET option = excluded.option",
                (code, seq, student, option),
            )
            return before[0] if before else ""

    def answer_of(self, code, seq, student) -> str | None:
        with self._read() as db:
            row = db.execute(
                "SELECT option FROM answers WHERE code = ? AND seq = ? AND student = ?",
                (code, seq, student),
            ).fetchone()
        return row[0] if row else None

    def counts(self, code, seq) -> dict[str, int]:
        with self._read() as db:
            rows = db.execute(
                "SELECT option, COUNT(*) FROM answers WHERE code = ? AND seq = ? GROUP BY option",
                (code, seq),
            ).fetchall()
        return dict(rows)

    def purge(self, cutoff: float, now: float) -> int:
        with self._write() as db:
            gone = db.execute("DELETE FROM rounds WHERE created < ?", (cutoff,)).rowcount
            db.execute("DELETE FROM limits WHERE expires < ?", (now,))
        return gone

    def hit(self, bucket, window, seconds, expires_at) -> int:
        with self._write() as db:
            return db.execute(
                "INSERT INTO limits VALUES (?, ?, 1, ?)"
                " ON CONFLICT (bucket, window) DO UPDATE SET count = count + 1"
                " RETURNING count",
                (bucket, window, expires_at),
            ).fetchone()[0]

    def unhit(self, bucket, window) -> None:
        with self._write() as db:
            db.execute(
                "UPDATE limits SET count = MAX(count - 1, 0) WHERE bucket = ? AND window = ?",
                (bucket, window),
            )

    def close(self) -> None:
        with self._lock:
            self._db.close()
