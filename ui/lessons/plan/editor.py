"""Editing the teacher's own plan: its title and each view's titles, the order, removals.

The own plan lives in ``ui.presenting`` (the lesson pages add views to it). Each edit is a
callback that replaces the plan; a title that is empty or too long is refused with a
message and the title kept. The fields' keys carry a revision raised at each change of the
order, so a field never shows another view's title after a move.
"""

from dataclasses import replace

import streamlit as st

from ui import presenting
from ui.i18n import LANGUAGE_NAMES, t
from ui.plans import MAX_TITLE, PlanError, checked_title

_REVISION = "plan.edit.revision"
EXPANDER_KEY = "plan.edit"


def _revision() -> int:
    return st.session_state.setdefault(_REVISION, 0)


def _changed_order() -> None:
    st.session_state[_REVISION] = _revision() + 1


def _retitle_view(index: int, lang: str, key: str) -> None:
    plan = presenting.own_plan()
    try:
        view = plan.entries[index].retitled(lang, st.session_state[key])
    except PlanError:
        presenting.note("plan", "error", "plan.bad.title", limit=MAX_TITLE)
        st.session_state[key] = plan.entries[index].title(lang)
        return
    entries = list(plan.entries)
    entries[index] = view
    presenting.set_own_plan(replace(plan, entries=tuple(entries)), keep_undo=False)


def _retitle_plan(lang: str, key: str) -> None:
    plan = presenting.own_plan()
    try:
        title = checked_title(st.session_state[key])
    except PlanError:
        presenting.note("plan", "error", "plan.bad.title", limit=MAX_TITLE)
        st.session_state[key] = plan.title(lang)
        return
    titles = {**dict(plan.titles), lang: title}
    presenting.set_own_plan(replace(plan, titles=tuple(titles.items())), keep_undo=False)


def _move(index: int, delta: int) -> None:
    plan = presenting.own_plan()
    entries = list(plan.entries)
    entries[index], entries[index + delta] = entries[index + delta], entries[index]
    presenting.set_own_plan(replace(plan, entries=tuple(entries)), keep_undo=False)
    _changed_order()


def _remove(index: int | None) -> None:
    """Remove one view (or all, ``None``); Undo brings the plan back."""
    plan = presenting.own_plan()
    entries = () if index is None else plan.entries[:index] + plan.entries[index + 1 :]
    presenting.set_own_plan(replace(plan, entries=entries))
    _changed_order()


def _undo() -> None:
    presenting.undo()
    _changed_order()


def edit() -> None:
    """The own plan's editor, in an expander filled only while open."""
    plan = presenting.own_plan()
    if presenting.can_undo():
        st.button(
            t("plan.undo"),
            key="plan.undo",
            icon=":material/undo:",
            help=t("plan.undo_help"),
            on_click=_undo,
        )
    if plan is None:
        return
    box = st.expander(t("plan.edit"), icon=":material/edit:", key=EXPANDER_KEY, on_change="rerun")
    if not box.open:
        return
    revision = _revision()
    with box:
        columns = st.columns(2)
        for column, lang in zip(columns, LANGUAGE_NAMES, strict=True):
            key = f"plan.edit.{revision}.title.{lang}"
            column.text_input(
                t("plan.plan_title", lang=LANGUAGE_NAMES[lang]),
                plan.title(lang),
                MAX_TITLE,
                key=key,
                on_change=_retitle_plan,
                args=(lang, key),
            )
        for index, view in enumerate(plan.entries):
            _view_row(index, view, len(plan.entries), revision)
        st.button(
            t("plan.clear"),
            key="plan.clear",
            icon=":material/delete_sweep:",
            on_click=_remove,
            args=(None,),
        )


def _view_row(index: int, view, count: int, revision: int) -> None:
    with st.container(border=True, key=f"plan.edit.{revision}.{index}"):
        st.caption(f"{index + 1}. `/{view.page}`")
        columns = st.columns([3, 3, 1, 1, 1], vertical_alignment="bottom")
        for column, lang in zip(columns, LANGUAGE_NAMES, strict=True):
            key = f"plan.edit.{revision}.{index}.{lang}"
            column.text_input(
                t("plan.edit_title", lang=LANGUAGE_NAMES[lang]),
                view.title(lang),
                MAX_TITLE,
                key=key,
                on_change=_retitle_view,
                args=(index, lang, key),
            )
        buttons = (
            ("up", ":material/arrow_upward:", _move, (index, -1), index == 0),
            ("down", ":material/arrow_downward:", _move, (index, 1), index == count - 1),
            ("remove", ":material/delete:", _remove, (index,), False),
        )
        for column, (name, icon, action, args, disabled) in zip(columns[2:], buttons, strict=True):
            column.button(
                "",
                key=f"plan.edit.{revision}.{index}.{name}",
                icon=icon,
                help=t(f"plan.{name}"),
                on_click=action,
                args=args,
                disabled=disabled,
            )
