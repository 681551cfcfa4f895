"""A student's class round (``/ask?room=CODE``): the question in the reader's language,
the answer (changeable until the reveal), the result; the page follows the projector."""

import streamlit as st

from classround import (
    ACCEPTING,
    BadQuestion,
    Phase,
    RoundNotFound,
)
from classround import Question as RoundQuestion
from classround.model import NotAccepting
from ui.i18n import literal, t
from ui.lessons.ask import identity, rounds
from ui.lessons.ask.sections import (
    ROOM,
    STUDENT_SECONDS,
    _answer_and_why,
    _question_block,
    keep_room,
    resume_form,
)
from ui.lessons.ask.state import AskState

# ---------------------------------------------------------------- a student's round


def _send_answer(state: AskState, code: str, seq: int, key: str) -> None:
    option = st.session_state.get(key)
    if option is None:
        return
    try:
        rounds.service().answer(code, state.student(code), option, seq)
    except NotAccepting:
        state.say("warning", "ask.round.late")
    except (RoundNotFound, BadQuestion):
        pass  # the round is gone (the page says so next) or the option is not one of its


def student_round(state: AskState, code: str) -> None:
    service = rounds.service()
    round_ = service.current(code)
    if round_ is None:
        st.error(t("ask.round.gone", code=literal(code)), icon=":material/event_busy:")
        state.leave()
        return
    keep_room(code)
    state.set_drawn(round_.seq, round_.phase.value)
    question = round_.question
    st.caption(t("ask.round.question_of", code=code, seq=round_.seq))
    identity.keep(code, state.student(code), lambda room, student: _adopt(state, room, student))
    mine = service.answer_of(code, round_.seq, state.student(code))
    if round_.phase in ACCEPTING:
        with st.container(border=True):
            st.header(rounds.question_markdown(question))
            key = _answer_key(code, round_.seq)
            labels = {
                option: rounds.option_markdown(question, option) for option in question.options
            }
            st.radio(
                t("ask.round.your_answer"),
                list(question.options),
                index=question.options.index(mine) if mine in question.options else None,
                format_func=labels.__getitem__,
                key=key,
                on_change=_send_answer,
                args=(state, code, round_.seq, key),
            )
        if mine is not None:
            st.success(
                t("ask.round.answered", option=rounds.option_markdown(question, mine)),
                icon=":material/task_alt:",
            )
        else:
            st.caption(t("ask.round.choose"))
    elif round_.phase == Phase.REVEALED:
        _question_block(question, big=False)
        _student_result(question, mine)
        _answer_and_why(question, f"ask.round.open.{round_.seq}")
    else:
        st.info(t("ask.round.student_closed"), icon=":material/celebration:")
    st.caption(t("ask.round.live"))
    st.fragment(_follow, run_every=None if round_.phase == Phase.CLOSED else STUDENT_SECONDS)(
        state, code
    )
    st.button(t("ask.round.leave"), key="ask.round.leave", on_click=_leave, args=(state,))
    resume_form(state, code)


def _adopt(state: AskState, room: str, student: str) -> None:
    """The browser handed back the id it kept for the round (identity.py): answer as that
    student from now on, and show the answer they gave before."""
    state.adopt(room, student)
    current = rounds.service().current(room)
    if current is None:
        return
    mine = rounds.service().answer_of(room, current.seq, student)
    if mine in current.question.options:
        st.session_state[_answer_key(room, current.seq)] = mine


def _answer_key(code: str, seq: int) -> str:
    return f"ask.round.answer.{code}.{seq}"


def _student_result(question: RoundQuestion, mine: str | None) -> None:
    if mine is None:
        st.info(t("ask.round.final_none"))
        return
    option = rounds.option_markdown(question, mine)
    if not question.correct:
        st.info(t("ask.round.final_poll", option=option))
    elif mine == question.correct:
        st.success(t("ask.round.final_right", option=option), icon=":material/check:")
    else:
        st.warning(t("ask.round.final_wrong", option=option), icon=":material/close:")


def _follow(state: AskState, code: str) -> None:
    """A student's page, every few seconds: redraw when the projector moved on (the next
    question, the reveal, the end). Draws nothing: a tick costs one read of the store."""
    current = rounds.service().current(code)
    drawn = state.drawn
    if current is None or (current.seq, current.phase.value) != drawn:
        st.rerun(scope="app")


def _leave(state: AskState) -> None:
    state.leave()
    st.query_params.pop(ROOM, None)
