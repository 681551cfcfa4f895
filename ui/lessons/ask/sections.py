"""The Ask page's sections: one question for the room (today's view), starting or joining a
class round, the teacher's projected round, a student's round.

Every change of a round goes through ``classround``'s service with the session's own
state (the teacher's secret, the student's id); nothing a browser sends is taken as either.
Text a teacher typed reaches the page only escaped (``ui.i18n.plain``) or as chart data.
"""

import math

import streamlit as st

from classround import (
    ACCEPTING,
    BadQuestion,
    Forbidden,
    Phase,
    RateLimited,
    RoundNotFound,
    normalise_code,
)
from classround import Question as RoundQuestion
from classround import export as round_export
from classround.model import MAX_OPTIONS, NotAccepting
from ui import nav, reveal, study, urlstate
from ui.i18n import current_language, literal, t
from ui.lessons.ask import charts, identity, qr, rounds
from ui.lessons.ask.state import AskState, Teaching
from ui.questions import QUESTIONS, Question, by_id
from ui.shell import is_present
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
    lesson = next((item for item in nav.available_lessons() if item.key == question.lesson), None)
    if lesson is None or not st.button(t("ask.open"), icon=":material/open_in_new:", key=key):
        return
    params = {"lang": current_language(), **{k: str(v) for k, v in question.reveal.items()}}
    if question.tab:  # the lesson opens on the tab that shows the answer, scrolled to it
        params[reveal.TAB] = question.tab
        reveal.request_scroll(reveal.tabs_key(question.lesson))
    elif question.section:
        reveal.request_scroll(question.section)
    st.switch_page(str(lesson.path), query_params=params)


def _answer_and_why(question: RoundQuestion, key: str) -> None:
    """The reveal: the right option, the explanation, the lesson that shows it."""
    if not question.correct:
        st.info(t("ask.round.poll"), icon=":material/how_to_vote:")
        return
    answer = rounds.option_markdown(question, question.correct)
    st.success(f"### {t('ask.answer', answer=answer)}", icon=":material/check:")
    lesson_question = rounds.lesson_question(question)
    if lesson_question is not None:
        st.markdown(f"### {t(f'study.q.{lesson_question.id}.why')}")
        _open_lesson_button(lesson_question, key)


# ---------------------------------------------------------------- one question, no round


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
    with st.container(border=True):
        st.header(t(f"study.q.{question.id}"))
        for letter, option in zip(rounds.LETTERS, question.options, strict=False):
            st.subheader(f"{letter}. {t(f'study.q.{question.id}.{option}')}")
    revealed = state.revealed(question.id)
    st.button(
        t("ask.hide") if revealed else t("ask.reveal"),
        key="ask.reveal",
        shortcut="Enter",
        type="primary",
        icon=":material/visibility:",
        on_click=state.set_revealed,
        args=(question.id, not revealed),
    )
    if revealed:
        st.success(
            f"### {t('ask.answer', answer=study.answer_text(question))}",
            icon=":material/check:",
        )
        st.markdown(f"### {t(f'study.q.{question.id}.why')}")
        _open_lesson_button(question, "ask.open")
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
        text = st.text_area(t("ask.round.own_text"), max_chars=500, key=f"{key}.text")
        options = st.text_area(t("ask.round.own_options"), key=f"{key}.options", height=160)
        right = st.selectbox(
            t("ask.round.own_correct"),
            [None, *range(MAX_OPTIONS)],
            format_func=lambda i: t("ask.round.own_none") if i is None else rounds.LETTERS[i],
            key=f"{key}.correct",
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


# ---------------------------------------------------------------- the teacher's round


def _teacher_action(state: AskState, action: str, *args) -> None:
    """A button's callback: one teacher action with this session's secret."""
    teaching = state.teaching
    if teaching is None:
        return
    service = rounds.service()
    method = getattr(service, action)
    try:
        method(teaching.code, teaching.secret, *args, client=state.client, network=rounds.network())
    except Forbidden:
        state.say("error", "ask.round.not_teacher", code=teaching.code)
    except RoundNotFound:
        state.say("error", "ask.round.gone", code=teaching.code)
    except RateLimited as error:
        state.say("error", "ask.round.limited", seconds=math.ceil(error.retry_after))
    except NotAccepting:
        pass  # the round had already moved past that step (another tab): the page shows it
    else:
        if action == "next_question":  # the list offers the question after the new one
            st.session_state.pop("ask.round.next_pick", None)


def _stop_teaching(state: AskState) -> None:
    state.stop_teaching()
    state.leave()
    st.query_params.pop(ROOM, None)


def teacher_round(state: AskState, teaching: Teaching) -> None:
    """The projected round: the question, the join code, the live count, then the chart and
    the reveal on the teacher's key; next question, end, downloads."""
    service = rounds.service()
    try:
        round_ = service.authorise(
            teaching.code, teaching.secret, client=state.client, network=rounds.network()
        )
    except (Forbidden, RoundNotFound, RateLimited) as error:
        if isinstance(error, RateLimited):
            st.error(_limited(error), icon=":material/timer:")
        else:
            key = "ask.round.not_teacher" if isinstance(error, Forbidden) else "ask.round.gone"
            st.error(t(key, code=literal(teaching.code)), icon=":material/block:")
        st.button(t("ask.round.back"), key="ask.round.back", on_click=_stop_teaching, args=(state,))
        return
    keep_room(round_.code)
    state.set_drawn(round_.seq, round_.phase.value)
    main, side = st.columns([2, 1] if is_present() else [3, 1], gap="large")
    with side:
        _join_panel(round_.code)
    with main:
        st.caption(t("ask.round.question_of", code=round_.code, seq=round_.seq))
        _question_block(round_.question)
        _teacher_controls(state, round_)
        st.fragment(_live_count, run_every=None if round_.phase == Phase.CLOSED else COUNT_SECONDS)(
            state, round_.code, round_.seq
        )
        if round_.phase == Phase.REVEALED:
            _answer_and_why(round_.question, f"ask.round.open.{round_.seq}")
        if round_.phase == Phase.CLOSED:
            st.info(t("ask.round.closed"), icon=":material/event_available:")
    _teacher_tools(state, teaching, round_)


def _join_panel(code: str) -> None:
    link = rounds.join_link(code)
    st.image(qr.svg(link), width=520 if is_present() else 260)
    st.metric(t("ask.round.room"), code)
    st.caption(t("ask.round.join_at"))
    # Short and readable (a browser needs no "http://"); quoted as code, so the address a
    # browser sent (its Host) is shown as it is and never becomes a link or markup.
    st.markdown(f"#### {literal(link.split('://', 1)[-1])}")


def _teacher_controls(state: AskState, round_) -> None:
    """The one key that moves the round on (Enter): its label says what it will do."""
    action = {
        Phase.ANSWERING: ("show_distribution", t("ask.round.show_distribution"), ()),
        Phase.DISTRIBUTION: ("reveal", t("ask.round.reveal"), ()),
    }.get(round_.phase)
    if round_.phase == Phase.REVEALED:
        following = _next_question(round_)
        if following is not None:
            action = ("next_question", t("ask.round.next"), (following,))
    if action is None:
        return
    name, label, args = action
    st.button(
        label,
        key="ask.round.step",
        type="primary",
        shortcut="Enter",
        icon=":material/arrow_forward:",
        on_click=_teacher_action,
        args=(state, name, *args),
    )


def _next_question(round_) -> RoundQuestion | None:
    """The lesson question after the current one in the list, or the first."""
    ids = [question.id for question in rounds.ROUND_QUESTIONS]
    chosen = st.session_state.get("ask.round.next_pick")
    if chosen == OWN:
        return None
    if chosen in ids:
        return rounds.to_round(by_id(chosen))
    position = ids.index(round_.question.id) + 1 if round_.question.id in ids else 0
    return rounds.to_round(rounds.ROUND_QUESTIONS[position % len(ids)])


def _live_count(state: AskState, code: str, seq: int) -> None:
    """Every second: how many have answered; the chart once the teacher shows it. Redraws
    the whole page if the round moved on elsewhere (the teacher's other tab)."""
    service = rounds.service()
    current = service.current(code)
    if current is None:
        return
    if (current.seq, current.phase.value) != state.drawn:
        st.rerun(scope="app")
    counts = service.counts(code, seq)
    total = sum(counts.get(option, 0) for option in current.question.options)
    st.metric(t("ask.round.answered_count"), total)
    if current.phase in (Phase.DISTRIBUTION, Phase.REVEALED, Phase.CLOSED):
        if total:
            charts.distribution(
                current.question,
                counts,
                revealed=current.phase != Phase.DISTRIBUTION,
                key=f"ask.round.chart.{seq}",
            )
        else:
            st.caption(t("ask.round.nobody"))


def _teacher_tools(state: AskState, teaching: Teaching, round_) -> None:
    """Below the projected part: the next question, the end, the downloads, the key."""
    if round_.phase != Phase.CLOSED:
        ids = [question.id for question in rounds.ROUND_QUESTIONS]
        labels = {
            q.id: f"{t(f'nav.{q.lesson}')} · {t(f'study.q.{q.id}')}" for q in rounds.ROUND_QUESTIONS
        }
        labels[OWN] = t("ask.round.own_choice")
        position = ids.index(round_.question.id) + 1 if round_.question.id in ids else 0
        st.session_state.setdefault("ask.round.next_pick", ids[position % len(ids)])
        if st.session_state["ask.round.next_pick"] not in labels:
            st.session_state["ask.round.next_pick"] = ids[0]
        picked = st.selectbox(
            t("ask.round.next_pick"),
            [*ids, OWN],
            format_func=labels.__getitem__,
            key="ask.round.next_pick",
        )
        if picked == OWN:
            own_question_form(state, "ask.round.own_next", t("ask.round.own_next"), _ask_next)
        else:
            st.button(
                t("ask.round.ask_next"),
                key="ask.round.ask_next",
                icon=":material/skip_next:",
                on_click=_teacher_action,
                args=(state, "next_question", rounds.to_round(by_id(picked))),
            )
    row = st.columns(4)
    if round_.phase != Phase.CLOSED:
        row[0].button(
            t("ask.round.close"),
            key="ask.round.close",
            icon=":material/stop_circle:",
            on_click=_teacher_action,
            args=(state, "close"),
        )
    else:
        row[0].button(
            t("ask.round.back"), key="ask.round.back", on_click=_stop_teaching, args=(state,)
        )
    data = rounds.service().export(
        teaching.code, teaching.secret, client=state.client, network=rounds.network()
    )
    row[1].download_button(
        t("ask.round.download_csv"),
        round_export.to_csv(data, rounds.describe),
        file_name=f"round-{round_.code}.csv",
        mime="text/csv",
        key="ask.round.csv",
        icon=":material/download:",
        on_click="ignore",
    )
    row[2].download_button(
        t("ask.round.download_json"),
        round_export.to_json(data, rounds.describe),
        file_name=f"round-{round_.code}.json",
        mime="application/json",
        key="ask.round.json",
        icon=":material/download:",
        on_click="ignore",
    )
    with row[3].popover(t("ask.round.key_popover"), icon=":material/key:"):
        st.caption(t("ask.round.key_help"))
        st.code(teaching.secret, language=None)
    st.caption(t("ask.round.downloads_note"))


def _ask_next(state: AskState, question: RoundQuestion) -> None:
    _teacher_action(state, "next_question", question)


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
