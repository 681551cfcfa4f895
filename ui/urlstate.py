"""Each lesson's settings: its own entries of session state, mirrored in the address bar.

A setting has a URL name (``K``, ``lr``, ``logits``) and lives in session state under
``"<lesson>.<name>"`` (``training.K``), so two lessons that use one name (``K``, ``n``,
``spread``, ``seed``, ``lr``, ``l2``, ``point``) never share a value. Why not Streamlit's
``bind="query-params"``: a bound widget's key is at once its session-state entry and its URL
name, and the binding carries the value across page switches, so the loss lesson's
``spread`` (a word) reached the training lesson's ``spread`` slider (a number) and crashed it.

A lesson's page calls ``begin(lesson)`` first (``ui.shell.page_setup`` does). The run that
opens the page (a link, a page switch, a reload) *enters* it:
- when the URL carries settings (anything but the shell's ``lang`` and ``present``), the page
  shows exactly the link's view: each setting from the link (applied when its widget is first
  drawn, so a closed tab's setting waits for the tab), what it leaves out at its default, a
  value it cannot take reported on the page and replaced by the default;
- otherwise the lesson comes back as the person left it (the values remembered per lesson).

Each widget is given its value as well as its state, so what a browser falls back to (a widget
in a tab it has not mounted yet, a value Streamlit itself refuses) is the current value, not
the widget's first default. Every widget checks what it holds before it is drawn, whatever
put it there (the link, a remembered value, a callback, or a modified browser sending ``NaN``
for a number): a value it cannot take is reported and replaced by the last good one. After
the widget, the value is remembered for the lesson and written to the URL (left out when it
is the default).
"""

from collections.abc import Callable, Sequence
from typing import Any

import streamlit as st

from ui.i18n import literal, t
from ui.linktext import flag, in_range, number_parser, number_text

_LESSON = "_urlstate.lesson"  # the lesson whose page this run shows
_MEMORY = "_urlstate.memory"  # lesson → {name: last good value}
_DRAWN = "_urlstate.drawn"  # the settings drawn in this page run
_PENDING = "_urlstate.pending"  # the link's values not yet drawn (a closed tab's, say)
# The link's refused values: shown beside their widget on every run of the visit, not only on
# the first (a rerun the page makes by itself would take the message away at once).
_REFUSED = "_urlstate.refused"
SHELL_PARAMS = ("lang", "present")
TEXT_LIMIT = 2_000  # characters; more is not an input any lesson uses


def begin(lesson: str) -> None:
    """Start a run of ``lesson``'s page: note whether it enters the page, and on a link's
    entry forget what the lesson remembered, so the link's view is exact."""
    entered = st.session_state.get(_LESSON) != lesson
    st.session_state[_LESSON] = lesson
    st.session_state[_DRAWN] = set()
    if not entered:
        return
    link = {name: st.query_params[name] for name in st.query_params if name not in SHELL_PARAMS}
    st.session_state[_PENDING] = link
    st.session_state[_REFUSED] = {}
    if link:
        for name in _memory(lesson):
            st.session_state.pop(_key(lesson, name), None)
        _memory(lesson).clear()


def reenter() -> None:
    """The next run enters its page afresh, as a link would, even the page already open (a
    lecture plan's next view on the same lesson)."""
    st.session_state.pop(_LESSON, None)


def end() -> None:
    """After a whole page run: the URL keeps only the settings that were drawn (a hidden
    widget's value, or a parameter no widget of the page reads, would mislead a link)."""
    keep = {*SHELL_PARAMS, *st.session_state.get(_DRAWN, ()), *st.session_state.get(_PENDING, ())}
    for name in list(st.query_params):
        if name not in keep:
            st.query_params.pop(name, None)


def current_lesson() -> str:
    return st.session_state.get(_LESSON, "home")


def key(name: str, lesson: str | None = None) -> str:
    """The session-state key of setting ``name`` of ``lesson`` (the running one by default)."""
    return _key(lesson or current_lesson(), name)


def value(name: str, default: Any = None, lesson: str | None = None) -> Any:
    """What setting ``name`` holds now (drawn or remembered), without drawing it."""
    lesson = lesson or current_lesson()
    return st.session_state.get(_key(lesson, name), _memory(lesson).get(name, default))


def waiting_value(name: str, parse: Callable[[str], Any], default: Any = None) -> Any:
    """What setting ``name`` is, also while its widget waits to be drawn (a closed tab's):
    the link's value, parsed by ``parse``, until then; else ``value``. A link's value that
    ``parse`` refuses reads as ``value``: the widget reports it once drawn."""
    raw = st.session_state.get(_PENDING, {}).get(name)
    if raw is not None:
        try:
            return parse(raw)
        except (ValueError, TypeError, OverflowError, LookupError):
            pass
    return value(name, default)


def set_value(name: str, new: Any, lesson: str | None = None) -> None:
    """Set a setting from a callback (a reveal, a preset): the widget shows it next run."""
    st.session_state[key(name, lesson)] = new


def _key(lesson: str, name: str) -> str:
    return f"{lesson}.{name}"


def _memory(lesson: str) -> dict:
    return st.session_state.setdefault(_MEMORY, {}).setdefault(lesson, {})


def report_bad_param(name: str, raw: Any, reason: str) -> None:
    """A visible, translated note that a URL parameter was ignored."""
    st.warning(
        t("error.bad_query_param", name=name, value=literal(str(raw)[:80]), reason=reason),
        icon=":material/link_off:",
    )


def report_bad_value(name: str, raw: Any, reason: str) -> None:
    """A visible, translated note that a value sent for a setting was refused."""
    st.warning(
        t("error.bad_widget_value", name=name, value=literal(str(raw)[:80]), reason=reason),
        icon=":material/block:",
    )


def prepare(
    name: str,
    default: Any,
    parse: Callable[[str], Any],
    accept: Callable[[Any], Any],
    reason: str,
    *,
    stale: Callable[[Any], bool] = lambda held: False,
) -> str:
    """Before a setting's widget (the helpers below, or a widget of a caller's own, such as
    ``ui.reveal``'s tabs): seed its state (the link on entry, else memory, else the default)
    and replace a value it cannot take. ``accept`` returns the value to use (possibly pulled
    into range) or raises ``ValueError``; a refused value for which ``stale`` holds (a choice
    that today's options no longer offer) falls back to the default without a message."""
    lesson = current_lesson()
    state_key = _key(lesson, name)
    memory = _memory(lesson)
    linked = _take_link(name, lambda raw: accept(parse(raw)), reason)
    if linked is not _ABSENT:
        st.session_state[state_key] = default if linked is _REFUSED_VALUE else linked
    if state_key not in st.session_state:
        st.session_state[state_key] = memory.get(name, default)
    held = st.session_state[state_key]
    try:
        accepted = accept(held)
    except (ValueError, TypeError, OverflowError):
        if not stale(held):
            report_bad_value(name, held, reason)
        accepted = memory.get(name, default)
        try:
            accepted = accept(accepted)
        except (ValueError, TypeError, OverflowError):
            accepted = default
    if type(accepted) is not type(held) or accepted != held:
        # Only then: setting a widget's state sends its value to the browser, and doing so
        # on every run loses key presses made meanwhile.
        st.session_state[state_key] = accepted
    return state_key


def linked(name: str) -> bool:
    """Whether the link that opened the page names setting ``name`` and its widget has not
    been drawn yet (ask before drawing it)."""
    return name in st.session_state.get(_PENDING, {})


def link_value(name: str, parse: Callable[[str], Any], reason: str) -> Any:
    """A setting no widget holds (the training run's ``epoch``, say), read from the link that
    opened the page: its value, or ``None`` when the link does not name it. A value it cannot
    take is reported on the page (on every run of the visit) and read as ``None``. Write the
    setting back to the URL with ``finish``."""
    linked = _take_link(name, parse, reason)
    return None if linked is _ABSENT or linked is _REFUSED_VALUE else linked


_ABSENT, _REFUSED_VALUE = object(), object()


def _take_link(name: str, parse: Callable[[str], Any], reason: str) -> Any:
    """The link's value of setting ``name``, parsed, taken once (``_ABSENT`` when the link
    does not name it, ``_REFUSED_VALUE`` when it cannot be parsed); a refused value is
    reported on the page on every run of the visit."""
    pending = st.session_state.get(_PENDING, {})
    refused = st.session_state.setdefault(_REFUSED, {})
    linked = _ABSENT
    if name in pending:
        raw = pending.pop(name)
        try:
            linked = parse(raw)
        except (ValueError, TypeError, OverflowError, LookupError):
            refused[name] = (raw, reason)
            linked = _REFUSED_VALUE
    if name in refused:
        report_bad_param(name, *refused[name])
    return linked


def finish(name: str, current: Any, default: Any, text: Callable[[Any], str] = str) -> Any:
    """After a setting's widget (see ``prepare``): remember its value and write it to the URL
    (unless it is the default)."""
    _memory(current_lesson())[name] = current
    st.session_state.setdefault(_DRAWN, set()).add(name)
    if current == default:
        st.query_params.pop(name, None)
    else:
        st.query_params[name] = text(current)
    return current


def slider(label, lower, upper, default, step, *, key, integer=False, **kwargs):
    """A slider for setting ``key`` (``?key=``), a number in ``[lower, upper]``.

    The value is passed too: a non-finite or out-of-range number from a modified browser is
    then turned back by Streamlit itself into the last good one (before any script code runs).
    """
    name = key
    state_key = prepare(
        name,
        default,
        number_parser(lower, upper, integer=integer),
        lambda held: in_range(held, lower, upper, integer=integer),
        f"{lower} … {upper}",
    )
    held = st.session_state[state_key]
    current = st.slider(label, lower, upper, held, step, key=state_key, **kwargs)
    return finish(name, current, default, number_text)


def integer_input(label, lower, upper, default, *, key, **kwargs):
    """A whole-number input for setting ``key`` (a seed, say).

    A float field shown without decimals: Streamlit turns an integer field's value into an
    ``int`` before any script code runs, and ``NaN`` from a modified browser crashed there.
    As with ``slider``, Streamlit turns a non-finite or out-of-range value back into the one
    passed, the last good one; a fraction is refused here, with a message.
    """
    name = key
    state_key = prepare(
        name,
        float(default),
        number_parser(lower, upper, integer=True),
        lambda held: float(in_range(held, lower, upper, integer=True)),
        f"{lower} … {upper}",
    )
    held = st.session_state[state_key]
    current = st.number_input(
        label, float(lower), float(upper), held, 1.0, format="%.0f", key=state_key, **kwargs
    )
    return int(finish(name, int(current), default))


def number_choice_slider(label, options, default, *, key, **kwargs):
    """A select-slider over fixed numbers for setting ``key``."""
    name = key

    def accept(held):
        if isinstance(held, bool) or not isinstance(held, int | float) or held not in options:
            raise ValueError(held)
        return options[list(options).index(held)]

    state_key = prepare(
        name,
        default,
        lambda text: float(text),
        accept,
        " / ".join(f"{option:g}" for option in options),
    )
    current = st.select_slider(
        label,
        options,
        st.session_state[state_key],
        key=state_key,
        format_func=lambda number: f"{number:g}",
        **kwargs,
    )
    return finish(name, current, default, number_text)


def toggle(label, default: bool = False, *, key, **kwargs) -> bool:
    """An on/off switch for setting ``key``, written to the URL as ``1`` or ``0``."""
    name = key

    def accept(held):
        if not isinstance(held, bool):
            raise ValueError(held)
        return held

    state_key = prepare(name, default, flag, accept, "0 / 1")
    current = st.toggle(label, st.session_state[state_key], key=state_key, **kwargs)
    return finish(name, current, default, lambda on: "1" if on else "0")


def text_input(label, default: str, *, key, max_chars: int = TEXT_LIMIT, **kwargs) -> str:
    """A text field for setting ``key``; what the text means is the caller's to check."""
    name = key

    def accept(held):
        if not isinstance(held, str) or len(held) > max_chars:
            raise ValueError(held)
        return held

    state_key = prepare(name, default, str, accept, t("error.text_reason", limit=max_chars))
    current = st.text_input(label, st.session_state[state_key], key=state_key, **kwargs)
    return finish(name, current, default)


def choice(
    widget: Callable[..., Any],
    label: str,
    options: Sequence[str],
    *,
    key: str,
    default: str,
    format_func: Callable[[str], str] = str,
    parse: Callable[[str], str] = str,
    **kwargs,
) -> str:
    """A choice widget for setting ``key``, written to the URL as the option's code.

    ``widget`` is ``st.radio``, ``st.selectbox``, ``st.select_slider`` or
    ``st.segmented_control`` (or the same on a container). A bound choice widget would write
    its *displayed label* (``loss=交叉熵``), which changes with the language. ``parse`` reads
    a link's value as an option (snapping a number to the nearest stop, say).
    """
    name = key
    options = list(options)

    def accept(held):
        if held not in options:
            raise ValueError(held)
        return held

    state_key = prepare(
        name,
        default,
        parse,
        accept,
        " / ".join(options),
        stale=lambda held: isinstance(held, str) and len(held) <= TEXT_LIMIT,
    )
    if widget.__name__ == "segmented_control":
        kwargs.setdefault("required", True)
    # Labels are computed now, in this run's language: AppTest calls format_func later,
    # outside the session, where a lazy t() would fall back to another language.
    labels = {option: format_func(option) for option in options}
    held = st.session_state[state_key]
    if widget.__name__ == "selectbox":
        # Shown when a person clears the box to search it; Streamlit's is English.
        kwargs.setdefault("placeholder", t("shell.choose"))
    if widget.__name__ in ("radio", "selectbox"):
        kwargs["index"] = options.index(held)
    elif widget.__name__ == "segmented_control":
        kwargs["default"] = held
    else:
        kwargs["value"] = held
    current = widget(label, options, key=state_key, format_func=labels.__getitem__, **kwargs)
    if current is None:  # a required control cleared by a modified browser
        current = default
    return finish(name, current, default)
