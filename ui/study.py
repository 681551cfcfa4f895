"""Self-study: the code behind a view, predict-then-reveal questions, the path through the lessons.

Answers are kept in ``st.session_state["study.answers"]`` (question id → what was given and
whether it was right), which lives for the whole session, across page switches and
language changes.
"""

import csv
import functools
import inspect
import io
import json
from collections.abc import Callable, Sequence

import streamlit as st

from ui import nav
from ui.formula import number
from ui.i18n import current_language, t
from ui.questions import EXERCISES, QUESTIONS, Question, for_lesson

ANSWERS = "study.answers"


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


def _option_text(question: Question, option: str) -> str:
    return t(f"study.q.{question.id}.{option}")


def _submit(question: Question, on_reveal: Callable[[dict], None] | None) -> None:
    """Button callback: record the answer, then set the page to the state that proves it."""
    given = st.session_state.get(f"study.input.{question.id}")
    answers()[question.id] = {"given": given, "correct": question.check(given)}
    if on_reveal is not None:
        on_reveal(question.reveal)
    else:
        for key, value in question.reveal.items():
            st.session_state[key] = value


def _retry(question: Question) -> None:
    answers().pop(question.id, None)


def answer_text(question: Question) -> str:
    if question.is_number:
        return number(question.number(), 4)
    return _option_text(question, question.correct)


def show_question(question: Question, on_reveal: Callable[[dict], None] | None = None) -> None:
    """The question, an answer field, and after Check: right or wrong, the answer, and why."""
    st.markdown(f"**{t(f'study.q.{question.id}')}**")
    record = answers().get(question.id)
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
    given = record["given"]
    if given is None:
        st.info(t("study.no_answer", answer=answer_text(question)))
    elif record["correct"]:
        st.success(t("study.right", answer=answer_text(question)), icon=":material/check:")
    else:
        st.error(t("study.wrong", answer=answer_text(question)), icon=":material/close:")
    st.markdown(t(f"study.q.{question.id}.why"))
    if question.where:
        st.caption(t("study.revealed_where", where=t(question.where)))
    elif question.reveal:
        st.caption(t("study.revealed"))
    st.button(t("study.retry"), key=f"study.retry.{question.id}", on_click=_retry, args=(question,))


def score(lesson: str) -> tuple[int, int, int]:
    """(right, answered, total) for one lesson's questions."""
    questions = for_lesson(lesson)
    records = [answers()[q.id] for q in questions if q.id in answers()]
    return sum(record["correct"] for record in records), len(records), len(questions)


def questions_section(lesson: str, on_reveal: Callable[[dict], None] | None = None) -> None:
    """The lesson's questions in one expander whose title carries the score."""
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
    lessons = nav.available_lessons()
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
    """One row per question: lesson, id, the question in the current language, answer, result."""
    rows = []
    for question in QUESTIONS:
        record = answers().get(question.id)
        rows.append(
            {
                "lesson": question.lesson,
                "question_id": question.id,
                "question": t(f"study.q.{question.id}"),
                "given": None if record is None else record["given"],
                "correct": None if record is None else record["correct"],
            }
        )
    return rows


def record_downloads() -> None:
    """Download buttons for the student's answers and scores, as JSON and as CSV."""
    scores = {}
    for lesson in nav.LESSONS:
        right, answered, total = score(lesson.key)
        scores[lesson.key] = {"right": right, "answered": answered, "total": total}
    rows = record_rows()
    document = {"language": current_language(), "scores": scores, "answers": rows}
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=list(rows[0]))
    writer.writeheader()
    writer.writerows(rows)
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
        buffer.getvalue(),
        file_name="softmax-explorer-answers.csv",
        mime="text/csv",
        icon=":material/download:",
        on_click="ignore",
    )


def exercise_buttons() -> None:
    """The course's exercises, each a button that opens its page in the state that answers it."""
    available = {lesson.key: lesson for lesson in nav.available_lessons()}
    for exercise in EXERCISES:
        lesson = available.get(exercise.lesson)
        with st.container(border=True):
            st.markdown(f"**{t(f'study.ex.{exercise.id}')}**")
            st.caption(t(f"study.ex.{exercise.id}.hint"))
            if lesson is not None and st.button(
                t("study.open_exercise"), key=f"study.ex.{exercise.id}", icon=":material/science:"
            ):
                params = {"lang": current_language(), **exercise.params}
                st.switch_page(str(lesson.path), query_params=params)
