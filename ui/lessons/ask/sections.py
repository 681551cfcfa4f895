"""The Ask page's sections: one question for the room (today's view), starting or joining a
class round, the teacher's projected round, a student's round.

Every change of a round goes through ``classround``'s service with the session's own
state (the teacher's secret, the student's id); nothing a browser sends is taken as either.
Text a teacher typed reaches the page only escaped (``ui.i18n.plain``) or as chart data.
"""

import math

import streamlit as st

from classround import (
    BadQuestion,
    Forbidden,
    RateLimited,
    RoundNotFound,
    normalise_code,
)
from classround import Question as RoundQuestion
from classround.model import MAX_OPTIONS
from ui import nav, reveal, round_request, study, urlstate
from ui.i18n import current_language, literal, t
from ui.lessons.ask import rounds
from ui.lessons.ask.state import AskState
from ui.questions import QUESTIONS, Question, by_id
from ui.urlstate import choice

ROOM = "room"  # the URL parameter of a round: /ask?room=CODE
OWN = "__own__"  # the "question of my own" entry of the next-question list
COUNT_SECONDS = 1.0  # the projector's live count
STUDENT_SECONDS = 2.0  # a student's page looks for the projector's next step

# ---------------------------------------------------------------- shared pieces


def show_message(state: AskState) -> None:
    held = state.take_message()
    if held is not None:
        kind, key, values = held
        getattr(st, kind)(t(key, **values))


def _limited(error: RateLimited) -> str:
    return t("ask.round.limited", seconds=math.ceil(error.retry_after))


def keep_room(code: str) -> None:
    """The round's code stays in the address bar (urlstate keeps only what a page draws)."""
    urlstate.finish(ROOM, code, "")


def _question_block(question: RoundQuestion, *, big: bool = True) -> None:
    with st.container(border=True):
        (st.header if big else st.subheader)(rounds.question_markdown(question))
        for option in question.options:
            st.subheader(rounds.option_markdown(question, option))


def _open_lesson_button(question: Question, key: str) -> None:
    """ "Show it on the lesson page": the lesson in the state, tab or section that shows the
    answer, as the Ask page's reveal has always done."""
    lesson = next((item for item in nav.LESSONS if item.key == question.lesson), None)
    if lesson is None or not st.button(t("ask.open"), icon=":material/open_in_new:", key=key):
        return
    params = {"lang": current_language(), **{k: str(v) for k, v in question.reveal.items()}}
    if question.tab:  # the lesson opens on the tab that shows the answer, scrolled to it
        params[reveal.TAB] = question.tab
        reveal.request_scroll(reveal.tabs_key(question.lesson))
    elif question.section:
        reveal.request_scroll(question.section)
    study.show_answer_on_arrival(question)
    st.switch_page(str(lesson.path), query_params=params)


def _answer_and_why(question: RoundQuestion, key: str, *, compact: bool = False) -> None:
    """The reveal: the right option, the explanation, the lesson that shows it (``compact``:
    in a column beside the chart, in smaller type)."""
    if not question.correct:
        st.info(t("ask.round.poll"), icon=":material/how_to_vote:")
        return
    answer = rounds.option_markdown(question, question.correct)
    heading = "####" if compact else "###"
    st.success(f"{heading} {t('ask.answer', answer=answer)}", icon=":material/check:")
    lesson_question = rounds.lesson_question(question)
    if lesson_question is not None:
        why = t(f"study.q.{lesson_question.id}.why")
        st.markdown(why if compact else f"### {why}")
        _open_lesson_button(lesson_question, key)


# ---------------------------------------------------------------- one question, no round

QUESTION_BOX = "ask.question"  # the question's container, scrolled to on a reveal


def _set_revealed(state: AskState, question_id: str, revealed: bool) -> None:
    state.set_revealed(question_id, revealed)
    if revealed:
        reveal.request_scroll(QUESTION_BOX)


def solo(state: AskState) -> Question:
    """Today's Ask page: a question large, revealed on a key press. Returns the question."""
    st.caption(t("ask.intro"))
    labels = {q.id: f"{t(f'nav.{q.lesson}')} · {t(f'study.q.{q.id}')}" for q in QUESTIONS}
    question_id = choice(
        st.selectbox,
        t("ask.pick"),
        list(labels),
        key="q",
        default=QUESTIONS[0].id,
        format_func=labels.__getitem__,
    )
    question = by_id(question_id)
    revealed = state.revealed(question.id)
    # Revealed, the answer and its explanation stand beside the options, and the page
    # scrolls to the question: all of it fits one projected screen (1280 × 720 too).
    with reveal.section(QUESTION_BOX), st.container(border=True):
        # Once revealed, the class has read the question: smaller, to leave room below.
        (st.subheader if revealed else st.header)(t(f"study.q.{question.id}"))
        if revealed and question.options:
            options, answer = st.columns([2, 3], gap="large")
        else:
            options, answer = st.container(), st.container() if revealed else None
        with options:
            for letter, option in zip(rounds.LETTERS, question.options, strict=False):
                st.subheader(f"{letter}. {t(f'study.q.{question.id}.{option}')}")
        if answer is not None:
            with answer:
                st.success(
                    f"#### {t('ask.answer', answer=study.answer_text(question))}",
                    icon=":material/check:",
                )
                st.markdown(t(f"study.q.{question.id}.why"))
                _open_lesson_button(question, "ask.open")
    # The label says what the next press does: reveal the answer, or hide it again.
    st.button(
        t("ask.hide") if revealed else t("ask.reveal"),
        key="ask.reveal",
        shortcut="Enter",
        type="primary",
        icon=":material/visibility_off:" if revealed else ":material/visibility:",
        on_click=_set_revealed,
        args=(state, question.id, not revealed),
    )
    return question


# ---------------------------------------------------------------- starting and joining


def start_round(state: AskState, question: Question) -> None:
    with st.container(border=True, key="ask.round.start_box"):
        st.subheader(t("ask.round.header"))
        st.caption(t("ask.round.intro"))
        if question.is_number:
            st.info(t("ask.round.number_question"), icon=":material/info:")
        else:
            st.button(
                t("ask.round.start"),
                key="ask.round.start",
                icon=":material/groups:",
                on_click=_start,
                args=(state, rounds.to_round(question)),
            )
        with st.expander(t("ask.round.own_header"), icon=":material/edit_note:"):
            own_question_form(state, "ask.round.own_start", t("ask.round.own_start"), _start)


def start_requested(state: AskState) -> None:
    """Start the round another page asked for (the lecture plan's button), once."""
    question = by_id(round_request.take() or "")
    if question is not None and not question.is_number:
        _start(state, rounds.to_round(question))


def _start(state: AskState, question: RoundQuestion) -> None:
    try:
        round_, secret = rounds.service().start(question, client=state.client)
    except RateLimited as error:
        state.say("error", "ask.round.limited", seconds=math.ceil(error.retry_after))
        return
    state.teach(round_.code, secret)
    st.query_params[ROOM] = round_.code
    state.say("success", "ask.round.started", code=round_.code)


def own_question_form(state: AskState, key: str, submit: str, then) -> None:
    """A teacher's question: text, 2–6 options one per line, the right one (or none)."""
    with st.form(key, border=False):
        # Kept across a visit to another page, as every setting is (persist_state).
        text = st.text_area(
            t("ask.round.own_text"), max_chars=500, key=f"{key}.text", persist_state="session"
        )
        options = st.text_area(
            t("ask.round.own_options"), key=f"{key}.options", height=160, persist_state="session"
        )
        right = st.selectbox(
            t("ask.round.own_correct"),
            [None, *range(MAX_OPTIONS)],
            format_func=lambda i: t("ask.round.own_none") if i is None else rounds.LETTERS[i],
            key=f"{key}.correct",
            persist_state="session",
            placeholder=t("shell.choose"),
        )
        if not st.form_submit_button(submit, key=f"{key}.submit"):
            return
    lines = [line for line in (options or "").splitlines() if line.strip()]
    try:
        question = RoundQuestion.custom(text or "", lines[: MAX_OPTIONS + 1], right)
    except BadQuestion:
        st.error(t("ask.round.own_bad"), icon=":material/block:")
        return
    then(state, question)
    st.rerun()


def join_form(state: AskState) -> None:
    with st.expander(t("ask.round.join_header"), icon=":material/login:"):
        with st.form("ask.round.join_form", border=False):
            typed = st.text_input(t("ask.round.join_code"), max_chars=40, key="ask.round.code")
            if not st.form_submit_button(t("ask.round.join"), key="ask.round.join"):
                return
        code = join(state, typed or "")
        if code is not None:
            state.leave()
            state.join(code)
            st.query_params[ROOM] = code
            st.rerun()


def join(state: AskState, raw: str) -> str | None:
    """Join the round ``raw`` names (a rate-limited guess); on failure say why, in place."""
    code = normalise_code(raw)
    try:
        round_ = rounds.service().join(raw, client=state.client, network=rounds.network())
    except RoundNotFound:
        key = "ask.round.bad_code" if code is None else "ask.round.no_room"
        st.error(
            t(key, code=literal(raw[:40] if code is None else code)), icon=":material/link_off:"
        )
        return None
    except RateLimited as error:
        st.error(_limited(error), icon=":material/timer:")
        return None
    return round_.code


def link_room(state: AskState, raw: str) -> str | None:
    """The round ``?room=`` names, joined once per session and code; a refusal is kept and
    shown on every run of the visit (not guessed again)."""
    code = normalise_code(raw)
    if code is not None and state.joined == code:
        return code
    failed = state.failed
    if failed is not None and failed[0] == raw:
        st.error(t(failed[1], **failed[2]), icon=":material/link_off:")
        return None
    try:
        round_ = rounds.service().join(raw, client=state.client, network=rounds.network())
    except RoundNotFound:
        key = "ask.round.bad_code" if code is None else "ask.round.no_room"
        state.fail(raw, key, code=literal(raw[:40] if code is None else code))
    except RateLimited as error:
        st.error(_limited(error), icon=":material/timer:")
        return None
    else:
        state.leave()
        state.join(round_.code)
        return round_.code
    failed = state.failed
    st.error(t(failed[1], **failed[2]), icon=":material/link_off:")
    return None


def resume_form(state: AskState, code: str = "") -> None:
    """The teacher takes a round back (a reload, another tab): room code and teacher key."""
    with st.expander(t("ask.round.resume_header"), icon=":material/key:"):
        st.caption(t("ask.round.resume_intro"))
        with st.form("ask.round.resume_form", border=False):
            typed = st.text_input(
                t("ask.round.room"), value=code, max_chars=40, key="ask.round.resume_code"
            )
            key = st.text_input(
                t("ask.round.resume_key"),
                type="password",
                max_chars=100,
                key="ask.round.resume_secret",
            )
            if not st.form_submit_button(t("ask.round.resume"), key="ask.round.resume"):
                return
        room = normalise_code(typed or "")
        try:
            round_ = rounds.service().authorise(
                room or (typed or ""), key or "", client=state.client, network=rounds.network()
            )
        except (Forbidden, RoundNotFound):
            shown = room or (typed or "")[:40]
            st.error(t("ask.round.forbidden", code=literal(shown)), icon=":material/block:")
            return
        except RateLimited as error:
            st.error(_limited(error), icon=":material/timer:")
            return
        state.teach(round_.code, key)
        st.query_params[ROOM] = round_.code
        st.rerun()
