"""The plan page's sections: a shared plan from the link, which plan is shown, its views as
links (and where presenting starts), the plan as a file and as one link, and a class round
started from here."""

import streamlit as st

from ui import nav, presenting, qr, round_request, uploads, urlstate
from ui.i18n import current_language, literal, plain, t
from ui.lecture5 import LECTURE_5
from ui.plans import (
    LINK_LIMIT,
    MAX_BYTES,
    MAX_ENTRIES,
    PAGES,
    Plan,
    PlanError,
    decode,
    encode,
    parse_json,
    to_json,
)
from ui.questions import QUESTIONS

LINK_PARAM = "plan"  # ?plan=<the plan, deflated, base64url>
WHICH = ("lecture5", "mine")
UPLOAD_KEY = "plan.upload"


def error_note(error: PlanError) -> None:
    """A plan that was not read, said in the page's language (nothing of the text is shown:
    a field is named by the plan format's own words)."""
    values = {"size": MAX_BYTES // 1000, "limit": MAX_ENTRIES, "number": error.number}
    if error.code == "link_too_long":
        values["limit"] = LINK_LIMIT
    field = literal(error.field or "—")
    presenting.note("plan", "error", f"plan.bad.{error.code}", field=field, **values)


def read_link() -> None:
    """A plan shared as a link (``?plan=``) becomes the own plan (Undo brings back the one it
    replaced); a bad one is reported and changes nothing. Read once: the parameter then
    leaves the address bar, and the plan lives in the session."""
    raw = st.query_params.get(LINK_PARAM)
    if raw is None:
        return
    st.query_params.pop(LINK_PARAM, None)
    try:
        plan = decode(raw)
    except PlanError as error:
        error_note(error)
        return
    presenting.set_own_plan(plan)
    urlstate.set_value("which", "mine")
    presenting.note("plan", "success", "plan.link_loaded", count=len(plan.entries))


def choose() -> Plan | None:
    """The shipped plan or the own one (``?which=mine``); None for an own plan not begun."""
    labels = {"lecture5": t("plan.which.shipped"), "mine": t("plan.which.mine")}
    which = urlstate.choice(
        st.segmented_control,
        t("plan.which"),
        WHICH,
        key="which",
        default="lecture5",
        format_func=labels.__getitem__,
    )
    return LECTURE_5 if which == "lecture5" else presenting.own_plan()


def showing_mine() -> bool:
    return urlstate.value("which", "lecture5") == "mine"


def _copy_to_mine() -> None:
    presenting.set_own_plan(LECTURE_5)
    urlstate.set_value("which", "mine")
    presenting.note("plan", "success", "plan.copied")


def listing(plan: Plan) -> None:
    """The plan's views in order, each a link; presenting starts at the first or any."""
    lang = current_language()
    present = bool(st.session_state.get("present"))
    st.subheader(plain(plan.title(lang)))
    with st.container(horizontal=True, vertical_alignment="center"):
        st.caption(t("plan.count", count=len(plan.entries)))
        if st.button(
            t("plan.start"),
            key="plan.start",
            type="primary",
            icon=":material/slideshow:",
            on_click=presenting.start,
            args=(plan, 0),
            disabled=not plan.entries,
        ):
            presenting.open_view()
        if not showing_mine():
            st.button(t("plan.copy_to_mine"), key="plan.copy", on_click=_copy_to_mine)
    for index, view in enumerate(plan.entries):
        with st.container(horizontal=True, vertical_alignment="center", key=f"plan.view.{index}"):
            if st.button(
                "",
                key=f"plan.from.{index}",
                icon=":material/play_arrow:",
                help=t("plan.start_here"),
                on_click=presenting.start,
                args=(plan, index),
            ):
                presenting.open_view()
            st.page_link(
                str(PAGES[view.page].path),
                label=f"{index + 1}. {plain(view.title(lang))}",
                query_params=view.query(lang, present),
            )
            st.caption(_where(view))


def _where(view) -> str:
    parts = []
    if view.section is not None:
        parts.append(t("plan.section", section=view.section))
    if view.slide is not None:
        parts.append(t("plan.slide", slide=view.slide))
    return " · ".join([*parts, literal("/" + qr.readable(view.href(current_language())))])


# ---------------------------------------------------------------- kept and shared


def _load_file() -> None:
    file = st.session_state.get(UPLOAD_KEY)
    if file is None:
        return
    try:
        if file.size > MAX_BYTES:
            raise PlanError("too_big")
        plan = parse_json(file.getvalue())
    except PlanError as error:
        error_note(error)
        return
    presenting.set_own_plan(plan)
    urlstate.set_value("which", "mine")
    presenting.note("plan", "success", "plan.loaded", count=len(plan.entries))


def as_file(plan: Plan | None) -> None:
    """Download the plan shown (JSON); load one back as the own plan."""
    st.subheader(t("plan.file"))
    if plan is not None and plan.entries:
        st.download_button(
            t("plan.download"),
            to_json(plan),
            file_name="softmax-explorer-plan.json",
            mime="application/json",
            key="plan.download",
            icon=":material/download:",
            on_click="ignore",
        )
    uploads.json_uploader(
        t("plan.upload"),
        key=UPLOAD_KEY,
        on_change=_load_file,
        help=t("plan.upload_help", size=MAX_BYTES // 1000),
    )


def as_link(plan: Plan | None) -> None:
    """The plan shown as one link to this page."""
    if plan is None or not plan.entries:
        return
    st.subheader(t("plan.share"))
    try:
        code = encode(plan)
    except PlanError:
        st.warning(t("plan.share_too_long", limit=LINK_LIMIT), icon=":material/link_off:")
        return
    params = {"lang": current_language(), LINK_PARAM: code}
    st.code(qr.view_link(st.context.url, "plan", params), language=None, wrap_lines=True)
    st.caption(t("plan.share_help"))


def class_round() -> None:
    """Start a class round from the plan (issue #16): a question of the lessons, then the
    Ask page's projected round (its QR code, the live count, the reveal)."""
    choices = [question for question in QUESTIONS if not question.is_number]
    labels = {q.id: f"{t(f'nav.{q.lesson}')} · {t(f'study.q.{q.id}')}" for q in choices}
    with st.container(border=True, key="plan.round"):
        st.subheader(t("ask.round.header"))
        st.caption(t("ask.round.intro"))
        picked = st.selectbox(
            t("plan.round.question"),
            list(labels),
            format_func=labels.__getitem__,
            key="plan.round.question",
            persist_state="session",  # still chosen after a visit to another page
        )
        if st.button(t("plan.round.start"), key="plan.round.start", icon=":material/groups:"):
            round_request.ask_for(picked)  # the Ask page starts it, this session its teacher
            st.switch_page(str(nav.ASK.path), query_params={"lang": current_language()})
