"""Self-study: the code behind a view, predict-then-reveal questions, the path through the lessons.

The student's record is ``st.session_state["study.answers"]``: question id →
``{"attempts": [{"given", "correct", "time"}, ...]}``, oldest attempt first; the latest
counts for the score, and trying again adds an attempt. It lives for the whole session,
across page switches and language changes, and beyond it in the student's own browser:
``sync_record()`` places a component without a face (ui/record_sync.js) that keeps the
record in the browser's localStorage and, once per session, hands what is stored there back
(merged here: the union of the attempts). The server keeps it in session memory only, and
no student ever sees another's. The downloaded JSON can be loaded back (``record_upload``).

Everything that comes from the browser (stored text, an uploaded file) may be crafted: it is
size-capped, parsed as JSON, and only known question ids and well-typed answers are kept;
whether an answer was right is computed here again, never taken from the text.
"""

import contextlib
import functools
import inspect
import json
import uuid
from collections.abc import Callable, Sequence
from datetime import UTC, datetime
from pathlib import Path

import streamlit as st
from streamlit.errors import StreamlitDuplicateElementKey

from ui import nav, reveal, uploads, urlstate
from ui.formula import number
from ui.i18n import current_language, t
from ui.questions import EXERCISES, QUESTIONS, Question, for_lesson
from ui.record import FORMAT, MAX_BYTES, VERSION, RecordError, merge, parse_record, record_csv

ANSWERS = "study.answers"
REVISION = "study.revision"  # raised at each change of the record: the browser stores it anew
SYNC_KEY = "study.record_sync"
UPLOAD_KEY = "study.upload"
_SESSION = "study.sync_session"  # a token of this server session, for the browser side
_RECEIVED = "study.record_received"  # the browser's stored record has been merged
_RETRYING = "study.retrying"  # question ids open for a new attempt
_UPLOAD_MESSAGE = "study.upload_message"
_ASKED = "study.asked"  # a question the Ask page opened this lesson to show the answer of


_HTML = '<span class="sx-record-sync"></span>'
_JS = Path(__file__).with_name("record_sync.js").read_text(encoding="utf-8")
_CSS = Path(__file__).with_name("record_sync.css").read_text(encoding="utf-8")
_SYNC = st.components.v2.component(
    "softmax_explorer.record_sync", html=_HTML, css=_CSS, js=_JS, isolate_styles=False
)


def code_expander(functions: Sequence[Callable], formula: str | None = None) -> None:
    """An expander with the running source of the ``core`` functions behind a view."""
    names = ", ".join(f"{function.__name__}()" for function in functions)
    # Filled only while open (opening it reruns the page): closed, it costs a page run
    # nothing, and every lesson has several.
    box = st.expander(
        f"{t('study.code_title')} · {names}",
        icon=":material/code:",
        key="code." + ".".join(function.__name__ for function in functions),
        on_change="rerun",
    )
    if not box.open:
        return
    with box:
        if formula:
            st.latex(formula)
        for function in functions:
            st.caption(f"`{function.__module__}.{function.__qualname__}`")
            st.code(_source(function), language="python")


@functools.cache
def _source(function: Callable) -> str:
    """The function's source, read once per process (``inspect`` re-reads the file)."""
    return inspect.getsource(function)


def answers() -> dict:
    return st.session_state.setdefault(ANSWERS, {})


def latest(record: dict) -> dict:
    """The attempt that counts: the newest."""
    return record["attempts"][-1]


def _changed() -> None:
    st.session_state[REVISION] = st.session_state.get(REVISION, 0) + 1


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="milliseconds")


def _option_text(question: Question, option: str) -> str:
    return t(f"study.q.{question.id}.{option}")


def _submit(question: Question, on_reveal: Callable[[dict], None] | None) -> None:
    """Button callback: record the answer, then set the page to the state that proves it."""
    given = st.session_state.get(f"study.input.{question.id}")
    attempt = {"given": given, "correct": question.check(given), "time": _now()}
    merge(answers(), {question.id: {"attempts": [attempt]}})
    st.session_state.setdefault(_RETRYING, set()).discard(question.id)
    _changed()
    if on_reveal is not None:
        on_reveal(question.reveal)
    else:
        for name, value in question.reveal.items():
            urlstate.set_value(name, value)
    if question.tab:  # open the tab that shows the answer, and bring it into view
        reveal.open_tab(question.lesson, question.tab)
        reveal.request_scroll(reveal.tabs_key(question.lesson))
    elif question.section:  # bring the section that shows the answer into view
        reveal.request_scroll(question.section)


def _retry(question: Question) -> None:
    """Open the question for a new attempt; the earlier ones stay in the record."""
    st.session_state.setdefault(_RETRYING, set()).add(question.id)


def answer_text(question: Question) -> str:
    if question.is_number:
        return number(question.number(), 4)
    return _option_text(question, question.correct)


def show_question(question: Question, on_reveal: Callable[[dict], None] | None = None) -> None:
    """The question, an answer field, and after Check: right or wrong, the answer, and why."""
    st.markdown(f"**{t(f'study.q.{question.id}')}**")
    record = answers().get(question.id)
    if record is not None and question.id in st.session_state.get(_RETRYING, ()):
        st.caption(t("study.attempts_before", count=len(record["attempts"])))
        record = None
    if record is None:
        if question.is_number:
            st.number_input(
                t("study.your_number"), value=None, format="%.4f", key=f"study.input.{question.id}"
            )
        else:
            labels = {option: _option_text(question, option) for option in question.options}
            st.radio(
                t("study.your_choice"),
                question.options,
                index=None,
                format_func=labels.__getitem__,
                key=f"study.input.{question.id}",
            )
        st.button(
            t("study.check"),
            key=f"study.check.{question.id}",
            on_click=_submit,
            args=(question, on_reveal),
            icon=":material/visibility:",
        )
        return
    attempt = latest(record)
    given = attempt["given"]
    if given is None:
        st.info(t("study.no_answer", answer=answer_text(question)))
    elif attempt["correct"]:
        st.success(t("study.right", answer=answer_text(question)), icon=":material/check:")
    else:
        st.error(t("study.wrong", answer=answer_text(question)), icon=":material/close:")
    st.markdown(t(f"study.q.{question.id}.why"))
    if question.tab:
        st.caption(t("study.revealed_tab", where=t(question.where)))
    elif question.section:
        st.caption(t("study.revealed_section", where=t(question.where)))
    elif question.where:
        st.caption(t("study.revealed_where", where=t(question.where)))
    elif question.reveal:
        st.caption(t("study.revealed"))
    if len(record["attempts"]) > 1:
        st.caption(t("study.attempt_count", count=len(record["attempts"])))
    st.button(t("study.retry"), key=f"study.retry.{question.id}", on_click=_retry, args=(question,))


def score(lesson: str) -> tuple[int, int, int]:
    """(right, answered, total) for one lesson's questions."""
    questions = for_lesson(lesson)
    records = [answers()[q.id] for q in questions if q.id in answers()]
    right = sum(latest(record)["correct"] for record in records)
    return right, len(records), len(questions)


def show_answer_on_arrival(question: Question) -> None:
    """Before opening ``question``'s lesson from another page (the link carries its state):
    the lesson's own reveal runs there too (a run trained, a comparison shown)."""
    st.session_state[_ASKED] = question.id


def questions_section(lesson: str, on_reveal: Callable[[dict], None] | None = None) -> None:
    """The lesson's questions in one expander whose title carries the score."""
    asked = next((q for q in for_lesson(lesson) if q.id == st.session_state.get(_ASKED)), None)
    if asked is not None:  # set the state, then draw the page from the top in it
        del st.session_state[_ASKED]
        if on_reveal is not None:
            on_reveal(asked.reveal)
            st.rerun()
    sync_record()  # the shell places it on every page; a second call in a run does nothing
    right, answered, total = score(lesson)
    title = t("study.questions_title", right=right, answered=answered, total=total)
    # The title carries the score, so each answer makes a new expander: open it then, or
    # the student would not see the verdict they just asked for.
    with st.expander(title, expanded=answered > 0, icon=":material/quiz:"):
        st.caption(t("study.questions_intro"))
        for question in for_lesson(lesson):
            with st.container(border=True):
                show_question(question, on_reveal)


def next_lesson(current: str) -> None:
    """The guided path: a link to the next lesson (or back home after the last)."""
    lessons = nav.LESSONS
    keys = [lesson.key for lesson in lessons]
    st.divider()
    if current in keys and keys.index(current) + 1 < len(keys):
        following = lessons[keys.index(current) + 1]
        st.page_link(
            str(following.path),
            label=t("study.next", title=t(f"nav.{following.key}")),
            icon=":material/arrow_forward:",
        )
    else:
        st.page_link(str(nav.HOME.path), label=t("study.done"), icon=":material/home:")


def record_rows() -> list[dict]:
    """One row per question: lesson, id, the question in the current language, the answer
    and result that count (the latest attempt), and every attempt."""
    rows = []
    for question in QUESTIONS:
        record = answers().get(question.id)
        attempt = None if record is None else latest(record)
        rows.append(
            {
                "lesson": question.lesson,
                "question_id": question.id,
                "question": t(f"study.q.{question.id}"),
                "given": None if attempt is None else attempt["given"],
                "correct": None if attempt is None else attempt["correct"],
                "attempts": [] if record is None else [dict(a) for a in record["attempts"]],
            }
        )
    return rows


def record_document() -> dict:
    """The downloaded JSON: the scores, and per question the answer that counts and every
    attempt. ``record_upload`` reads it back (and the format before attempts existed)."""
    scores = {}
    for lesson in nav.LESSONS:
        right, answered, total = score(lesson.key)
        scores[lesson.key] = {"right": right, "answered": answered, "total": total}
    return {
        "format": FORMAT,
        "version": VERSION,
        "language": current_language(),
        "scores": scores,
        "answers": record_rows(),
    }


def record_downloads() -> None:
    """Download buttons for the student's answers and scores, as JSON and as CSV."""
    document = record_document()
    left, right = st.columns(2)
    left.download_button(
        t("study.download_json"),
        json.dumps(document, ensure_ascii=False, indent=2),
        file_name="softmax-explorer-answers.json",
        mime="application/json",
        icon=":material/download:",
        on_click="ignore",
    )
    right.download_button(
        t("study.download_csv"),
        record_csv(document["answers"]),
        file_name="softmax-explorer-answers.csv",
        mime="text/csv",
        icon=":material/download:",
        on_click="ignore",
    )


# ---------------------------------------------------------------- the browser's copy


def _storage_document() -> dict:
    return {"format": FORMAT, "version": VERSION, "record": answers()}


def _receive() -> None:
    """The browser sent what it stores (once per session, or after another tab wrote):
    merge it; the union goes back to the browser with the next run (a new revision)."""
    sent = st.session_state.get(SYNC_KEY)
    text = sent.get("stored") if isinstance(sent, dict) else None
    if not isinstance(text, str):
        return
    st.session_state[_RECEIVED] = True
    if text:
        try:
            stored, _ = parse_record(text)
        except RecordError:
            stored = {}  # garbage (or a crafted text): ignored, and overwritten
        merge(answers(), stored)
    _changed()


def sync_record() -> None:
    """Keep the record in this browser's localStorage (ui/record_sync.js). Invisible; once
    per page run, placed by the shell: a second call in the same run does nothing, so a page
    may ask for it too."""
    session = st.session_state.setdefault(_SESSION, uuid.uuid4().hex)
    received = bool(st.session_state.get(_RECEIVED))
    data = {
        "session": session,
        "want": not received,
        "revision": st.session_state.get(REVISION, 0),
        "record": _storage_document() if received else None,
    }
    with contextlib.suppress(StreamlitDuplicateElementKey):  # already placed in this run
        _SYNC(key=SYNC_KEY, data=data, on_stored_change=_receive)


# ---------------------------------------------------------------- loading a download


def _load_upload() -> None:
    file = st.session_state.get(UPLOAD_KEY)
    if file is None:
        st.session_state.pop(_UPLOAD_MESSAGE, None)
        return
    if file.size > MAX_BYTES:
        st.session_state[_UPLOAD_MESSAGE] = ("error", "study.upload_too_big", {})
        return
    try:
        loaded, skipped = parse_record(file.getvalue())
    except RecordError as error:
        st.session_state[_UPLOAD_MESSAGE] = ("error", f"study.upload_{error.code}", {})
        return
    merge(answers(), loaded)
    _changed()
    values = {
        "questions": len(loaded),
        "attempts": sum(len(r["attempts"]) for r in loaded.values()),
    }
    key = "study.upload_loaded_skipped" if skipped else "study.upload_loaded"
    st.session_state[_UPLOAD_MESSAGE] = ("success", key, {**values, "skipped": skipped})


def record_upload() -> None:
    """A file uploader that loads a downloaded record (JSON) back into this one: the
    attempts are added, the record already here is kept. The outcome in the page's
    language, from the catalog only (nothing from the file is shown)."""
    uploads.json_uploader(
        t("study.upload"),
        key=UPLOAD_KEY,
        on_change=_load_upload,
        help=t("study.upload_help", size=MAX_BYTES // 1000),
    )
    message = st.session_state.get(_UPLOAD_MESSAGE)
    if message is None:
        return
    kind, key, values = message
    if kind == "success":
        st.success(t(key, **values), icon=":material/check:")
    else:
        st.error(t(key, size=MAX_BYTES // 1000), icon=":material/error:")


def exercise_buttons() -> None:
    """The course's exercises, each a button that opens its page in the state that answers it."""
    available = {lesson.key: lesson for lesson in nav.LESSONS}
    for exercise in EXERCISES:
        lesson = available.get(exercise.lesson)
        with st.container(border=True):
            st.markdown(f"**{t(f'study.ex.{exercise.id}')}**")
            st.caption(t(f"study.ex.{exercise.id}.hint"))
            if lesson is not None and st.button(
                t("study.open_exercise"), key=f"study.ex.{exercise.id}", icon=":material/science:"
            ):
                params = {"lang": current_language(), **exercise.params}
                if "tab" in exercise.params:  # the lesson opens on that tab, scrolled to it
                    reveal.request_scroll(reveal.tabs_key(exercise.lesson))
                st.switch_page(str(lesson.path), query_params=params)
