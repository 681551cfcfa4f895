"""A round's counts as CSV and JSON: per question, per option, how many chose it.

No student identity is in either: the store's per-student answers never leave it, only
their counts. A lesson question's texts are not stored with the round (each reader sees them
in their own language), so the caller passes ``describe(question, option)``: the text of
the question (``option`` None) or of one option in the teacher's language; a teacher's own
question brings its texts.

A CSV cell that starts with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return would run
as a formula in Excel, LibreOffice or Google Sheets (OWASP, "CSV Injection"); a ``'`` is put
in front of such text. This is the rule of ``ui/spreadsheet.py``, copied rather than imported
because ``classround`` never imports ``ui``; ``tests/test_classround_store.py`` checks that
the two stay the same.
"""

import csv
import io
import json
from collections.abc import Callable
from datetime import UTC, datetime

from classround.model import Question
from classround.service import Export

FORMAT = "softmax-explorer.round"
VERSION = 1
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
COLUMNS = (
    "room",
    "question_number",
    "question_id",
    "question",
    "option",
    "option_text",
    "count",
    "correct",
)

Describe = Callable[[Question, str | None], str]


def cell(value):
    """``value`` as a CSV cell a spreadsheet will not run (numbers are left alone)."""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def _own_texts(question: Question, option: str | None) -> str:
    if not question.is_custom:
        return question.id if option is None else option
    if option is None:
        return question.text
    return question.option_texts[question.options.index(option)]


def as_dict(data: Export, describe: Describe | None = None) -> dict:
    def text(question, option=None):
        if question.is_custom or describe is None:
            return _own_texts(question, option)
        return describe(question, option)

    questions = []
    for seq, question in sorted(data.questions.items()):
        counts = data.counts.get(seq, {})
        questions.append(
            {
                "number": seq,
                "id": question.id,
                "text": text(question),
                "answered": sum(counts.get(option, 0) for option in question.options),
                "options": [
                    {
                        "option": option,
                        "text": text(question, option),
                        "count": counts.get(option, 0),
                        "correct": bool(question.correct) and option == question.correct,
                    }
                    for option in question.options
                ],
            }
        )
    return {
        "format": FORMAT,
        "version": VERSION,
        "room": data.round.code,
        "started": datetime.fromtimestamp(data.round.created, UTC).isoformat(timespec="seconds"),
        "phase": data.round.phase.value,
        "questions": questions,
    }


def to_json(data: Export, describe: Describe | None = None) -> str:
    return json.dumps(as_dict(data, describe), ensure_ascii=False, indent=2)


def to_csv(data: Export, describe: Describe | None = None) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(COLUMNS)
    document = as_dict(data, describe)
    for question in document["questions"]:
        for option in question["options"]:
            writer.writerow(
                [
                    cell(document["room"]),
                    question["number"],
                    cell(question["id"]),
                    cell(question["text"]),
                    cell(option["option"]),
                    cell(option["text"]),
                    option["count"],
                    "yes" if option["correct"] else "",
                ]
            )
    return buffer.getvalue()
