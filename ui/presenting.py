"""A lecture plan in the session: the teacher's own plan, and the plan being presented with
its position, and the plan bar that steps through it on every page.

While a plan is presented, the shell draws the bar at the top of every page ("3/33 · title
· ◀ ▶"): PageDown opens the next view and PageUp the one before (Streamlit's button
shortcuts, which a presenter's clicker sends). Not → and ←: a focused slider takes those
keys too, and → is the training lesson's Step. The position lives in the session, not the
link: a view's link stays the view's own, the one a student gets.
"""

from dataclasses import replace

import streamlit as st

from ui import nav, reveal, urlstate
from ui.i18n import CATALOGS, current_language, plain, t
from ui.plans import MAX_ENTRIES, PAGES, Entry, Plan, PlanError, entry

_MINE = "plan.mine"  # the teacher's own Plan, or absent
_PREVIOUS = "plan.previous"  # the own plan before the last load or removal (Undo)
_PRESENTING = "plan.presenting"  # (Plan, index of the open view)
_NOTE = "plan.note"  # (page, kind, catalog key, values): an action's outcome, until the next
# The bar stays in sight at the top while the page scrolls (a plan's view opens scrolled to
# its tab). Static CSS; the bar's container has the key "plan.bar".
_BAR_CSS = """<style>
[data-testid="stLayoutWrapper"]:has(> .st-key-plan-bar) {
  position: sticky; top: 60px; z-index: 99; background: #fff;
  border-bottom: 1px solid rgba(49, 51, 63, 0.2);
}
.st-key-plan-bar [data-testid="stMarkdownContainer"] p {
  margin: 0; white-space: nowrap; overflow: hidden; text-overflow: ellipsis;
}
.st-key-plan-bar [data-testid="stElementContainer"]:has([data-testid="stMarkdown"]) {
  min-width: 0; flex: 1 1 auto;
}
[data-testid="stTabs"], [class*="st-key-"] { scroll-margin-top: 140px !important; }
</style>"""


def own_plan() -> Plan | None:
    return st.session_state.get(_MINE)


def set_own_plan(plan: Plan | None, *, keep_undo: bool = True) -> None:
    """Replace the own plan; the one replaced stays for Undo."""
    if keep_undo and own_plan() is not None and own_plan() != plan:
        st.session_state[_PREVIOUS] = own_plan()
    st.session_state[_MINE] = plan


def undo() -> None:
    previous = st.session_state.pop(_PREVIOUS, None)
    if previous is not None:
        st.session_state[_MINE] = previous


def can_undo() -> bool:
    return st.session_state.get(_PREVIOUS) is not None


def note(page: str, kind: str, key: str, **values) -> None:
    """Say how an action went (a load, a link, an addition) on ``page``'s runs until the
    next action, or until another page is opened."""
    st.session_state[_NOTE] = (page, kind, key, values)


def show_note(page: str) -> None:
    held = st.session_state.get(_NOTE)
    if held is None:
        return
    noted_on, kind, key, values = held
    if noted_on != page:
        st.session_state.pop(_NOTE, None)
        return
    icons = {"success": ":material/check:", "error": ":material/error:"}
    getattr(st, kind)(t(key, **values), icon=icons.get(kind))


def empty_plan() -> Plan:
    return Plan(tuple((lang, CATALOGS[lang]["plan.mine_title"]) for lang in CATALOGS), ())


def add_view(url_path: str, params: dict[str, str]) -> None:
    """A button's callback: this page with these settings becomes the own plan's last view,
    titled after the page (and its open tab)."""
    mine = own_plan() or empty_plan()
    if len(mine.entries) >= MAX_ENTRIES:
        note(url_path, "error", "plan.full", limit=MAX_ENTRIES)
        return
    params = {name: value for name, value in params.items() if name not in ("lang", "present")}
    try:
        added = entry(url_path, params, view_titles(url_path, params.get(reveal.TAB)))
    except PlanError:  # a setting too long for a plan (a pasted data set, say)
        added = entry(url_path, {}, view_titles(url_path, None))
    set_own_plan(replace(mine, entries=(*mine.entries, added)), keep_undo=False)
    note(url_path, "success", "plan.added", number=len(mine.entries) + 1)


def view_titles(url_path: str, tab: str | None) -> dict[str, str]:
    """``"1 · Softmax · Temperature"`` in each language: the page's name and its tab's label."""
    key = PAGES[url_path].key
    titles = {}
    for lang, catalog in CATALOGS.items():
        parts = [catalog[f"nav.{key}"]]
        label = next(
            (catalog[name] for name in (f"{key}.tab_{tab}", f"{key}.tab.{tab}") if name in catalog),
            None,
        )
        if label:
            parts.append(label)
        titles[lang] = " · ".join(parts)
    return titles


# ---------------------------------------------------------------- presenting


def presenting() -> tuple[Plan, int] | None:
    return st.session_state.get(_PRESENTING)


def start(plan: Plan, index: int = 0) -> None:
    """A button's callback: present ``plan`` from view ``index``, in projection mode (the
    sidebar toggle's key; set before it is drawn). The page then calls ``open_view()``."""
    st.session_state[_PRESENTING] = (plan, index)
    st.session_state["present"] = True


def stop() -> None:
    st.session_state.pop(_PRESENTING, None)


def _step(delta: int) -> None:
    plan, index = presenting()
    st.session_state[_PRESENTING] = (plan, min(max(index + delta, 0), len(plan.entries) - 1))


def open_view() -> None:
    """Open the presented plan's current view: its page with its settings, entered afresh
    (a link's view, even on the page already open), its tab scrolled into sight."""
    plan, index = presenting()
    view: Entry = plan.entries[index]
    params = view.query(current_language())
    # `present` is bound to the sidebar toggle, which keeps it in the URL itself.
    params.pop("present", None)
    page = PAGES[view.page]
    urlstate.reenter()
    if reveal.TAB in params:
        reveal.request_scroll(reveal.tabs_key(page.key))
    st.switch_page(str(page.path), query_params=params)


def bar(current: st.Page) -> None:
    """The plan bar at the top of the page while a plan is presented (not on the plan page,
    which shows the whole plan)."""
    held = presenting()
    if held is None or current.url_path == nav.PLAN.url_path:
        return
    plan, index = held
    view = plan.entries[index]
    st.html(_BAR_CSS)
    with st.container(horizontal=True, vertical_alignment="center", wrap=False, key="plan.bar"):
        step = 0
        if st.button(
            "",
            key="plan.bar.previous",
            icon=":material/chevron_left:",
            help=t("plan.bar.previous"),
            shortcut="PageUp",
            disabled=index == 0,
        ):
            step = -1
        if st.button(
            "",
            key="plan.bar.next",
            icon=":material/chevron_right:",
            help=t("plan.bar.next"),
            shortcut="PageDown",
            disabled=index == len(plan.entries) - 1,
            type="primary",
        ):
            step = 1
        title = plain(view.title(current_language()))
        where = t("plan.bar.where", number=index + 1, count=len(plan.entries), title=title)
        st.markdown(where, width="stretch")
        again = st.button(
            "", key="plan.bar.again", icon=":material/replay:", help=t("plan.bar.again")
        )
        st.button(
            "", key="plan.bar.stop", icon=":material/close:", help=t("plan.bar.stop"), on_click=stop
        )
    if step or again:
        _step(step)
        open_view()
