"""The student's record as a file: written as CSV, and a JSON record read back and merged.

What is read back may be crafted (an uploaded file, the browser's stored text): it is
size-capped, parsed as JSON, and only known question ids and well-typed answers are kept;
whether an answer was right is computed again, never taken from the text (``ui.study``
keeps the record in the session and places the widgets).
"""

import csv
import io
import json
import math
from datetime import UTC, datetime

from ui.questions import Question, by_id
from ui.spreadsheet import cell

FORMAT = "softmax-explorer.record"
VERSION = 2
MAX_BYTES = 200_000  # a full record of every question's attempts is well under 100 KB
MAX_ATTEMPTS = 50  # per question: the newest are kept
_MAX_NUMBER = 1e12


_CSV_FIELDS = ("lesson", "question_id", "question", "attempt", "time", "given", "correct")


def record_csv(rows: list[dict]) -> str:
    """One line per attempt (a question not yet answered: one line without an answer); the
    line whose ``attempt`` is the highest for its question is the one that counts."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=_CSV_FIELDS)
    writer.writeheader()
    for row in rows:
        question = {name: row[name] for name in ("lesson", "question_id", "question")}
        question = {name: cell(value) for name, value in question.items()}
        if not row["attempts"]:
            writer.writerow({**question, "attempt": None, "time": None})
        for number_, attempt in enumerate(row["attempts"], start=1):
            attempt = {name: cell(value) for name, value in attempt.items()}
            writer.writerow({**question, "attempt": number_, **attempt})
    return buffer.getvalue()


# ---------------------------------------------------------------- reading a record back


class RecordError(ValueError):
    """A text that is not a record: ``code`` is ``too_big``, ``not_json`` or ``foreign``."""

    def __init__(self, code: str):
        super().__init__(code)
        self.code = code


def _refuse_constant(name: str):
    raise ValueError(name)  # NaN, Infinity: not JSON


def _given(question: Question, value) -> tuple[bool, object]:
    """(valid, the answer as the page records it) for a stored or uploaded answer."""
    if value is None:
        return True, None
    if question.is_number:
        if isinstance(value, bool) or not isinstance(value, int | float):
            return False, None
        try:
            value = float(value)
        except OverflowError:
            return False, None
        return math.isfinite(value) and abs(value) <= _MAX_NUMBER, value
    return isinstance(value, str) and value in question.options, value


def _time(value) -> tuple[bool, str | None]:
    """(valid, the time in one canonical form) for a stored or uploaded attempt's time;
    ``None``, unknown (the format before attempts), counts as older than any other."""
    if value is None:
        return True, None
    if not isinstance(value, str) or len(value) > 40:
        return False, None
    try:
        moment = datetime.fromisoformat(value)
        if moment.tzinfo is None:
            moment = moment.replace(tzinfo=UTC)
        return True, moment.astimezone(UTC).isoformat(timespec="milliseconds")
    except (ValueError, OverflowError):
        return False, None


def _attempts(question: Question, items) -> tuple[list[dict], int]:
    """The valid attempts among ``items`` and how many were not."""
    if not isinstance(items, list):
        return [], 1
    kept, skipped = [], 0
    for item in items[-MAX_ATTEMPTS:]:
        if not isinstance(item, dict):
            skipped += 1
            continue
        valid_given, given = _given(question, item.get("given"))
        valid_time, time = _time(item.get("time"))
        if not (valid_given and valid_time):
            skipped += 1
            continue
        kept.append({"given": given, "correct": question.check(given), "time": time})
    return kept, skipped + max(0, len(items) - MAX_ATTEMPTS)


def parse_record(data: bytes | str) -> tuple[dict, int]:
    """A record from text the browser sent (stored, or an uploaded download): ``(record,
    entries skipped)``. Reads the storage form (``{"format", "record": {id: {"attempts"}}}``),
    the download (``{"answers": [rows]}``, with ``attempts`` or, before attempts existed,
    ``given`` and ``correct``). Unknown question ids are left out; ``RecordError`` when the
    text is too long, not JSON, or not a record at all."""
    if len(data) > MAX_BYTES:
        raise RecordError("too_big")
    try:
        document = json.loads(data, parse_constant=_refuse_constant)
    except (ValueError, RecursionError):  # JSONDecodeError and UnicodeDecodeError included
        raise RecordError("not_json") from None
    if not isinstance(document, dict):
        raise RecordError("foreign")
    stored, rows = document.get("record"), document.get("answers")
    entries: list[tuple[object, object]] = []  # (question id, attempts)
    if isinstance(stored, dict) and document.get("format") == FORMAT:
        for question_id, item in stored.items():
            entries.append((question_id, item.get("attempts") if isinstance(item, dict) else item))
    elif isinstance(rows, list):
        for row in rows:
            if not isinstance(row, dict):
                entries.append((None, None))
            elif "attempts" in row:
                entries.append((row.get("question_id"), row["attempts"]))
            elif row.get("correct") is not None or row.get("given") is not None:
                # The format before attempts: the one answer, its time unknown.
                entries.append((row.get("question_id"), [{"given": row.get("given")}]))
            else:
                entries.append((row.get("question_id"), []))  # not answered
    else:
        raise RecordError("foreign")
    known = [(by_id(qid) if isinstance(qid, str) else None, items) for qid, items in entries]
    if document.get("format") != FORMAT and not any(question for question, _ in known):
        raise RecordError("foreign")  # the download before attempts had no format mark
    record, skipped = {}, 0
    for question, items in known:
        if question is None:
            skipped += 1
            continue
        attempts, bad = _attempts(question, items)
        skipped += bad
        if attempts:
            merge(record, {question.id: {"attempts": attempts}})
    return record, skipped


def _order(attempt: dict) -> tuple:
    return (attempt["time"] is not None, attempt["time"] or "")


def _identity(attempt: dict) -> tuple:
    return attempt["time"], json.dumps(attempt["given"]), attempt["correct"]


def merge(into: dict, other: dict) -> bool:
    """Add ``other``'s attempts to the record ``into`` (both already valid): the union per
    question, oldest first, an attempt both hold kept once, the newest ``MAX_ATTEMPTS``.
    True if ``into`` changed."""
    changed = False
    for question_id, record in other.items():
        mine = into.get(question_id, {"attempts": []})["attempts"]
        seen = {_identity(attempt) for attempt in mine}
        union = list(mine)
        for attempt in record["attempts"]:
            if _identity(attempt) not in seen:
                seen.add(_identity(attempt))
                union.append(dict(attempt))
        union = sorted(union, key=_order)[-MAX_ATTEMPTS:]
        if union != mine:
            into[question_id] = {"attempts": union}
            changed = True
    return changed
