"""The teacher's projected class round: the question, the join code, the live count, the
chart and the reveal, the next question, the end and the downloads."""

import math

import streamlit as st

from classround import (
    Forbidden,
    Phase,
    RateLimited,
    RoundNotFound,
)
from classround import Question as RoundQuestion
from classround import export as round_export
from classround.model import NotAccepting
from ui import reveal
from ui.i18n import literal, t
from ui.lessons.ask import charts, qr, rounds
from ui.lessons.ask.sections import (
    COUNT_SECONDS,
    OWN,
    ROOM,
    _answer_and_why,
    _limited,
    _question_block,
    keep_room,
    own_question_form,
)
from ui.lessons.ask.state import AskState, Teaching
from ui.questions import by_id
from ui.shell import is_present

# ---------------------------------------------------------------- the teacher's round

REVEALED_ROW = "ask.round.revealed"  # the chart, the answer and why: scrolled to


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
        if action == "reveal":
            reveal.request_scroll(REVEALED_ROW)


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
    count = st.fragment(
        _live_count, run_every=None if round_.phase == Phase.CLOSED else COUNT_SECONDS
    )
    with main:
        st.caption(t("ask.round.question_of", code=round_.code, seq=round_.seq))
        _question_block(round_.question)
        _teacher_controls(state, round_)
        if round_.phase != Phase.REVEALED:
            count(state, round_.code, round_.seq)
        if round_.phase == Phase.CLOSED:
            st.info(t("ask.round.closed"), icon=":material/event_available:")
    if round_.phase == Phase.REVEALED:
        # The chart beside the answer and its explanation, across the page, scrolled to on
        # the reveal: all three on one projected screen (1280 × 720 too).
        with reveal.section(REVEALED_ROW):
            counted, answered = st.columns(2, gap="large")
            with counted:
                count(state, round_.code, round_.seq)
            with answered:
                _answer_and_why(round_.question, f"ask.round.open.{round_.seq}", compact=True)
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
        _next_question_picker(state, round_)
    _end_and_downloads(state, teaching, round_)


def _next_question_picker(state: AskState, round_) -> None:
    """The next question of the round: one of the lessons' or one of the teacher's own."""
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
        placeholder=t("shell.choose"),
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


def _end_and_downloads(state: AskState, teaching: Teaching, round_) -> None:
    """The end of the round (or back, once closed), its counts as files, the teacher's key."""
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
