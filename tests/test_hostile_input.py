"""Hostile input on every page: random and extreme values in every widget and URL parameter.

For the home page and every lesson that exists (``ui.nav.LESSONS``, so a new
page is covered the moment it is listed), hypothesis opens the page through ``AppTest``
with fuzzed URL parameters, then drives widgets found in the element tree: text fields get
huge, tiny, negative, NaN, unicode and very long text; numbers and sliders their extremes;
choices any option; buttons clicks; an uploader broken CSV files. After every run:

- no exception and no last-resort message (``tests.apptest.assert_clean``);
- every message on the page is in the page's language (it does not match only the other
  language's catalog);
- a refusal is visible: garbage in a URL parameter the page reads, or in a text field that
  holds numbers, leaves a warning or error on the page.

A widget takes only what a browser can send (a slider a value in its range, a choice one
of its options); anything at all goes through the URL and the text fields.

``make test`` runs a few hundred runs (cases); ``make fuzz`` the long run of at least 10,000
(``-m slow``; HOSTILE_EXAMPLES scales it).
"""

import functools
import os
import re
from dataclasses import dataclass

import numpy as np
import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from streamlit.proto.WidgetStates_pb2 import WidgetState

from tests.apptest import assert_clean, open_page
from ui import nav
from ui.i18n import CATALOGS, LANGUAGES
from ui.inputs import InputError, parse_numbers

PAGES = [nav.HOME.key, *(lesson.key for lesson in nav.LESSONS)]
IN_CI = os.environ.get("CI", "").lower() in ("1", "true", "yes")
QUICK_EXAMPLES = 8
LONG_EXAMPLES = int(os.environ.get("HOSTILE_EXAMPLES", "600"))  # x 5 pages x ~3.5 runs
ACTIONS_PER_EXAMPLE = 4

EXTREMES = [
    "",
    " ",
    "nan",
    "NaN, 1, 2",
    "inf",
    "-inf, 0",
    "1e308, -1e308",
    "1e999",
    "1e-320",
    "-0",
    "0, 0, 0",
    "-1",
    "-999999999999999999999",
    "99999999999999999999999999",
    "1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11",
    "１，２，３",
    "二, 一",
    "0x10",
    "1_000",
    "True",
    "None",
    "[1, 2]",
    "{'a': 1}",
    "__import__('os').system('true')",
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "**bold** $x$ :red[x]",
    "%s%n%x",
    "../../etc/passwd",
    "\x00\x01\x02",
    "\u202e\u200b",
    "😀🧨",
    "x" * 5000,
    "1, " * 2500,
    "9" * 400,
]
hostile_text = st.one_of(
    st.sampled_from(EXTREMES),
    st.text(max_size=40),
    st.floats(allow_nan=True, allow_infinity=True).map(repr),
    st.integers(min_value=-(10**30), max_value=10**30).map(str),
    st.lists(st.floats(width=32), min_size=0, max_size=12).map(
        lambda values: ", ".join(map(str, values))
    ),
)


# ---------------------------------------------------------------- what a page offers


@dataclass(frozen=True)
class PageFacts:
    """Found by running the page, cached per test process."""

    url_params: tuple[str, ...]  # widget keys the page keeps in the URL
    number_fields: tuple[str, ...]  # text fields whose value is a list of numbers
    free_text: tuple[str, ...]  # text fields that take any text
    uploader_via: tuple[str, str] | None  # (choice key, option) that shows a file uploader


WIDGET_KINDS = (
    "text_input",
    "text_area",
    "number_input",
    "slider",
    "select_slider",
    "selectbox",
    "radio",
    "multiselect",
    "toggle",
    "checkbox",
    "button_group",
    "button",
    "file_uploader",
)


def widgets(at) -> list:
    """Every widget in the tree that a person can change, in page order."""
    found = []

    def walk(node) -> None:
        if getattr(node, "type", None) in WIDGET_KINDS and getattr(node, "key", None):
            found.append(node)
        for child in getattr(node, "children", {}).values():
            walk(child)

    walk(at._tree)
    return found


def _force(widget, state: WidgetState) -> None:
    """Make AppTest send exactly ``state`` for this widget, as a browser would."""
    widget.__class__ = type("Forced", (type(widget),), {"_widget_state": property(lambda _: state)})


def choose(widget, index: int) -> None:
    """Pick the option at ``index`` of a choice widget (sent as its displayed label)."""
    options = list(widget.options)
    state = WidgetState(id=widget.id)
    if widget.type in ("radio", "selectbox"):
        state.string_value = options[index % len(options)]
    else:
        state.string_array_value.data[:] = [options[index % len(options)]]
    _force(widget, state)


def _is_number_list(text) -> bool:
    try:
        parse_numbers(text, max_count=1000)
    except InputError:
        return False
    return True


def _sources(key: str) -> str:
    """The page file, its lesson's package (ui/lessons) and the ``ui`` modules they import,
    as text."""
    lesson = next(item for item in (nav.HOME, *nav.LESSONS) if item.key == key)
    package = sorted((nav.ROOT / "ui" / "lessons" / key).glob("*.py"))
    text = "".join(path.read_text() for path in [lesson.path, *package])
    modules = set(re.findall(r"^from ui\.(\w+) import", text, re.MULTILINE))
    for names in re.findall(r"^from ui import ([\w, ]+)", text, re.MULTILINE):
        modules.update(name.strip() for name in names.split(","))
    paths = [nav.ROOT / "ui" / f"{module}.py" for module in sorted(modules)]
    return text + "".join(path.read_text() for path in paths if path.exists())


@functools.cache
def page_facts(key: str) -> PageFacts:
    at = open_page(key, lang="en")
    found = [w for w in widgets(at) if w.key not in ("lang", "present")]
    number_fields = [
        w.key for w in found if w.type in ("text_input", "text_area") and _is_number_list(w.value)
    ]
    # A lesson's settings (``ui.urlstate``) are the widgets keyed ``<page>.<name>``; ``name``
    # is their URL parameter, and the page remembers each one it drew.
    remembered = "_urlstate.memory" in at.session_state
    url_params = list(at.session_state["_urlstate.memory"].get(key, {})) if remembered else []
    uploader_via = None
    if "file_uploader" in _sources(key):
        for widget in found:
            if widget.type not in ("radio", "selectbox", "button_group"):
                continue
            for index in range(len(widget.options)):
                probe = open_page(key, lang="en")
                choose(next(w for w in widgets(probe) if w.key == widget.key), index)
                probe.run()
                option = probe.query_params.get(_url_name(key, widget.key))
                if probe.get("file_uploader") and option:
                    uploader_via = (_url_name(key, widget.key), option)
                    break
            if uploader_via:
                break
    free_text = [
        w.key for w in found if w.type in ("text_input", "text_area") and w.key not in number_fields
    ]
    return PageFacts(tuple(url_params), tuple(number_fields), tuple(free_text), uploader_via)


def _url_name(page: str, widget_key: str) -> str:
    """The URL parameter of a setting widget ``<page>.<name>``."""
    prefix = f"{page}."
    return widget_key[len(prefix) :] if widget_key.startswith(prefix) else widget_key


# ---------------------------------------------------------------- the checks


def _template(text: str) -> re.Pattern:
    parts = re.split(r"\{[^{}]*\}", text)
    return re.compile(".*?".join(re.escape(part) for part in parts), re.DOTALL)


@functools.cache
def _templates(lang: str) -> tuple[re.Pattern, ...]:
    return tuple(_template(text) for text in CATALOGS[lang].values() if "{" in text or text)


def messages(at) -> list[str]:
    return [element.value for kind in ("warning", "error") for element in getattr(at, kind)]


def assert_in_language(at, lang: str) -> None:
    other = next(code for code in LANGUAGES if code != lang)
    for message in messages(at):
        ours = any(template.fullmatch(message) for template in _templates(lang))
        theirs = any(template.fullmatch(message) for template in _templates(other))
        assert ours or not theirs, f"message in {other} on a {lang} page: {message!r}"


def assert_refused(at, name: str) -> None:
    assert messages(at), f"garbage in {name!r} was accepted without a visible message"


def check(at, lang: str) -> None:
    assert_clean(at)
    assert_in_language(at, lang)


# ---------------------------------------------------------------- one hostile session
# Everything is drawn up front as plain data and mapped onto the page's widgets at run
# time (indices modulo what is there): the draws never depend on what the app did.


@dataclass(frozen=True)
class Action:
    widget: int  # which widget, modulo the widgets on the page at that moment
    garbage: bool  # a number field gets "zz…" and must refuse it visibly
    text: str
    fraction: float  # where in a numeric range
    other: float  # a range slider's other end
    option: int
    flag: bool
    upload: int  # which broken CSV


actions = st.builds(
    Action,
    widget=st.integers(0, 10_000),
    garbage=st.booleans(),
    text=hostile_text,
    fraction=st.one_of(st.sampled_from([0.0, 1.0, 0.5]), st.floats(0, 1)),
    other=st.floats(0, 1),
    option=st.integers(0, 10_000),
    flag=st.booleans(),
    upload=st.integers(0, 10_000),
)
sessions = st.fixed_dictionaries(
    {
        "lang": st.sampled_from(LANGUAGES),
        "params": st.lists(
            st.tuples(st.integers(0, 10_000), st.booleans(), hostile_text), max_size=4
        ),
        "upload": st.booleans(),
        "actions": st.lists(actions, min_size=1, max_size=ACTIONS_PER_EXAMPLE),
    }
)


def _between(low, high, fraction: float) -> float:
    return float(low) + (float(high) - float(low)) * fraction


def act(at, action: Action, facts: PageFacts, lang: str) -> None:
    """One widget action, then the run and its checks."""
    # A browser cannot touch a disabled widget.
    candidates = [w for w in widgets(at) if w.key != "lang" and not w.proto.disabled]
    if not candidates:
        return
    widget = candidates[action.widget % len(candidates)]
    kind, expect_refusal = widget.type, False
    if kind in ("text_input", "text_area"):
        expect_refusal = action.garbage and widget.key in facts.number_fields
        widget.input(("zz" + action.text[:60]) if expect_refusal else action.text)
    elif kind == "number_input":
        low = widget.min if widget.min is not None else -1e12
        high = widget.max if widget.max is not None else 1e12
        value = _between(low, high, action.fraction)
        widget.set_value(round(value) if isinstance(widget.value, int) else value)
    elif kind == "slider":
        value = _between(widget.min, widget.max, action.fraction)
        whole = isinstance(widget.min, int) and isinstance(widget.max, int)
        if whole:
            value = round(value)
        if isinstance(widget.value, tuple | list):
            end = _between(widget.min, widget.max, action.other)
            value = tuple(sorted((value, round(end) if whole else end)))
        widget.set_value(value)
    elif kind in ("radio", "selectbox", "button_group", "select_slider", "multiselect"):
        if not widget.options:
            return
        if kind in ("select_slider", "multiselect"):
            state = WidgetState(id=widget.id)
            state.string_array_value.data[:] = [widget.options[action.option % len(widget.options)]]
            _force(widget, state)
        else:
            choose(widget, action.option)
    elif kind in ("toggle", "checkbox"):
        widget.set_value(action.flag)
    elif kind == "button":
        widget.click()
    elif kind == "file_uploader":
        name, body = BROKEN_CSV[action.upload % len(BROKEN_CSV)]
        widget.set_value((f"{name}.csv", body, "text/csv"))
    at.run()
    _count_runs(1)
    check(at, lang)
    if expect_refusal:
        assert_refused(at, widget.key)


def _count_runs(runs: int) -> None:
    """Add to the tally ``make fuzz`` prints (HOSTILE_COUNT, a file per test process)."""
    folder = os.environ.get("HOSTILE_COUNT")
    if folder:
        with open(os.path.join(folder, f"runs-{os.getpid()}"), "a") as tally:
            tally.write(f"{runs}\n")


def hostile_session(key: str, plan: dict) -> None:
    facts = page_facts(key)
    lang = plan["lang"]
    params = {"lang": lang}
    must_refuse = []
    names = [*facts.url_params, "present", "zzz_unknown"]
    for index, garbage, text in plan["params"]:
        name = names[index % len(names)]
        if name in params:
            continue
        checked = name in facts.url_params and f"{key}.{name}" not in facts.free_text
        params[name] = ("zz" + text[:60]) if checked and garbage else text
        if checked and garbage:
            must_refuse.append(name)
    if facts.uploader_via and plan["upload"]:
        choice_key, option = facts.uploader_via
        params[choice_key] = option
        must_refuse = [name for name in must_refuse if name != choice_key]
    at = open_page(key, **params)
    _count_runs(2)  # open_page runs the app, then the page
    check(at, lang)
    shown = "\n".join(messages(at))
    for name in must_refuse:
        # The message names the parameter or quotes (the start of) its value.
        assert name in shown or "`zz" in shown, f"?{name}={params[name]!r} dropped"
    for action in plan["actions"]:
        act(at, action, facts, lang)


def _settings(examples: int):
    return settings(
        max_examples=examples,
        deadline=None,
        derandomize=IN_CI,
        database=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
        print_blob=True,
        # Shrinking replays whole app runs for minutes; the failing draws are printed as they are.
        phases=[Phase.explicit, Phase.reuse, Phase.generate],
    )


@pytest.mark.parametrize("key", PAGES)
@_settings(QUICK_EXAMPLES)
@given(plan=sessions)
def test_hostile_input_never_breaks_a_page(key, plan):
    hostile_session(key, plan)


@pytest.mark.slow
@pytest.mark.parametrize("key", PAGES)
@_settings(LONG_EXAMPLES)
@given(plan=sessions)
def test_hostile_input_long_run(key, plan):
    hostile_session(key, plan)


# ---------------------------------------------------------------- broken CSV files


def _rows(count: int, line: bytes = b"0.5,-1.25,a\n") -> bytes:
    return b"x1,x2,label\n" + line * count


BROKEN_CSV = [
    ("empty", b""),
    ("blank-lines", b"\n\n \n"),
    ("header-only", b"x1,x2,label\n"),
    ("binary", bytes(range(256)) * 8),
    ("png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 64),
    ("utf16", "x1,x2,label\n1,2,a\n3,4,b\n".encode("utf-16")),
    ("latin1", "x1,x2,label\n1,2,caf\xe9\n3,4,b\n".encode("latin-1")),
    ("bom", b"\xef\xbb\xbfx1,x2,label\n1,2,a\n3,4,b\n"),
    ("wrong-columns", b"a,b,c,d\n1,2,3,4\n"),
    ("two-columns", b"x1,x2\n1,2\n3,4\n"),
    ("ragged", b"x1,x2,label\n1,2,a\n3,4\n5,6,b,7\n"),
    ("non-numeric", b"x1,x2,label\none,two,a\nthree,four,b\n"),
    ("nan", b"x1,x2,label\nnan,1,a\n2,3,b\n"),
    ("inf", b"x1,x2,label\ninf,1,a\n2,-inf,b\n"),
    ("huge", b"x1,x2,label\n1e308,1e308,a\n-1e308,1e308,b\n"),
    ("one-class", b"x1,x2,label\n1,2,a\n3,4,a\n"),
    ("many-classes", b"x1,x2,label\n" + b"".join(b"%d,%d,c%d\n" % (i, i, i) for i in range(50))),
    ("quotes", b'x1,x2,label\n"1,2",3,a\n"4",5,"b\n'),
    ("formula", b"x1,x2,label\n=cmd|' /C calc'!A0,1,a\n2,3,b\n"),
    ("html", b"x1,x2,label\n1,2,<script>alert(1)</script>\n3,4,<b>b</b>\n"),
    ("long-line", b"x1,x2,label\n" + b"1" * 200_000 + b",2,a\n3,4,b\n"),
    ("over-row-limit", _rows(10_001)),
    ("many-rows", _rows(300_000, b"0,0,a\n")),  # ~1.8 MB: as many rows as the size limit lets in
]


QUICK_CSV = [pytest.param(name, body, id=name) for name, body in BROKEN_CSV]


def _uploader_pages() -> list[str]:
    return [key for key in PAGES if page_facts(key).uploader_via]


def core_parser_refuses_with_a_code(name: str, body: bytes) -> None:
    from core.csvdata import DataFileError, parse_points

    try:
        X, y, names = parse_points(body, max_rows=10_000)
    except DataFileError as error:
        assert error.code
        return
    assert X.shape == (len(y), 2) and np.isfinite(X).all() and len(names) >= 2


@pytest.mark.parametrize("name, body", QUICK_CSV)
def test_the_core_csv_parser_refuses_broken_files_with_a_code(name, body):
    core_parser_refuses_with_a_code(name, body)


def test_a_million_rows_are_refused_without_reading_them_twice():
    from core.csvdata import DataFileError, parse_points

    with pytest.raises(DataFileError) as refused:
        parse_points(_rows(1_000_000, b"0,0,a\n"), max_rows=10_000)
    assert refused.value.code == "too_many_rows"


def page_refuses_in_its_language(lang: str, name: str, body: bytes) -> None:
    pages = _uploader_pages()
    assert pages, "no page with an uploader found"
    for key in pages:
        choice_key, option = page_facts(key).uploader_via
        at = open_page(key, lang=lang, **{choice_key: option})
        at.get("file_uploader")[0].set_value((f"{name}.csv", body, "text/csv")).run()
        check(at, lang)


@pytest.mark.parametrize("name, body", QUICK_CSV)
def test_a_broken_upload_is_refused_on_the_page_in_its_language(name, body):
    lang = LANGUAGES[[item.id for item in QUICK_CSV].index(name) % 2]
    page_refuses_in_its_language(lang, name, body)
