"""Journeys: one session walks the whole app, page after page, as a student or a lecture does.

A walk opens the app, then visits pages in some order (each visit a page switch, as the
sidebar or a "next lesson" link makes one), changes random and extreme settings on the
page it is on, and now and then switches the language or projection mode. It fails on
- an exception, or the shell's last-resort message;
- an error or warning the walk did not cause on that page: arriving on a page shows exactly
  the messages it showed when the walk last left it (none on a first visit);
- a setting that changed on a page the walk did not touch: arriving on a page finds every
  setting as the walk left it, and a visit leaves every other lesson's settings alone.

``make test`` runs a fixed set: one walk through every ordered pair of pages, the course
order and back, and a few random walks. ``make fuzz`` runs at least 2,000 random walks of
6 or more visits (``-m slow``; JOURNEYS scales it).
"""

import itertools
import os
import random

import pytest

from tests.apptest import ROOT, assert_clean, open_page
from tests.test_hostile_input import EXTREMES, _force, choose, messages, widgets
from ui import nav

PAGES = [nav.HOME, *nav.LESSONS, *nav.TEACHING]
BY_KEY = {page.key: page for page in PAGES}
LONG_WALKS = int(os.environ.get("JOURNEYS", "2000"))
MEMORY = "_urlstate.memory"
# Widgets a walk leaves alone: buttons and uploads are journeys of their own (tests/e2e,
# test_hostile_input), and the shell's two are switched on purpose below.
SKIPPED = ("button", "file_uploader", "download_button")


def _memory(at) -> dict:
    return (
        {lesson: dict(values) for lesson, values in at.session_state[MEMORY].items()}
        if (MEMORY in at.session_state)
        else {}
    )


# Widgets that follow projection mode until a person chooses (the training lesson's
# settings on the page or out of the way), which a walk switches on other pages; that they
# keep a person's choice is tests/test_training_view.py's.
FOLLOW_THE_MODE = ("training.settings",)


def _settings(at, page: str) -> dict:
    """The values of the page's setting widgets (``<page>.<name>``), as drawn."""
    return {
        w.key: w.value
        for w in widgets(at)
        if w.key.startswith(f"{page}.") and w.key not in FOLLOW_THE_MODE
    }


def _seen(at, page: str) -> tuple:
    return (at.session_state["lang"], sorted(messages(at)), _settings(at, page))


def _visit(at, page: str) -> None:
    """A page switch, as the sidebar makes it: the server sees no query parameters."""
    at.switch_page(str(BY_KEY[page].path.relative_to(ROOT)))
    at.query_params.clear()
    at.run()


def _between(low, high, fraction: float) -> float:
    return float(low) + (float(high) - float(low)) * fraction


def _change(at, rng: random.Random) -> str | None:
    """One random or extreme change to a widget of the page; returns the widget's key."""
    candidates = [
        w
        for w in widgets(at)
        if w.type not in SKIPPED and w.key not in ("lang", "present") and not w.proto.disabled
    ]
    if not candidates:
        return None
    widget = rng.choice(candidates)
    fraction = rng.choice([0.0, 1.0, rng.random()])
    if widget.type in ("text_input", "text_area"):
        widget.input(rng.choice([*EXTREMES[:30], "1, 2", "0.5, 0.5", "3, 1, 0.2", "0.2, 0.3, 0.5"]))
    elif widget.type == "number_input":
        low = widget.min if widget.min is not None else -1e6
        high = widget.max if widget.max is not None else 1e6
        widget.set_value(round(_between(low, high, fraction)))
    elif widget.type == "slider":
        value = _between(widget.min, widget.max, fraction)
        if isinstance(widget.min, int) and isinstance(widget.max, int):
            value = round(value)
        if isinstance(widget.value, tuple | list):
            value = tuple(sorted((value, _between(widget.min, widget.max, rng.random()))))
        widget.set_value(value)
    elif widget.type in ("radio", "selectbox", "button_group"):
        if not widget.options:
            return None
        choose(widget, rng.randrange(len(widget.options)))
    elif widget.type in ("select_slider", "multiselect"):
        from streamlit.proto.WidgetStates_pb2 import WidgetState

        state = WidgetState(id=widget.id)
        state.string_array_value.data[:] = [rng.choice(list(widget.options))]
        _force(widget, state)
    elif widget.type in ("toggle", "checkbox"):
        widget.set_value(not widget.value)
    else:
        return None
    at.run()
    return widget.key


def walk(pages: list[str], rng: random.Random, *, changes: int = 2) -> None:
    """Visit ``pages`` in order in one session, checking every arrival (module docstring)."""
    at = open_page("home", lang=rng.choice(["zh", "en"]))
    assert_clean(at)
    assert not messages(at), messages(at)
    left: dict[str, tuple] = {"home": _seen(at, "home")}
    where = "home"
    for step, page in enumerate(pages):
        before = _memory(at)
        _visit(at, page)
        assert_clean(at)
        arrived = _seen(at, page)
        trail = f"walk {pages[: step + 1]}"
        if page in left:
            lang, shown, settings = left[page]
            assert arrived[2] == settings, f"{trail}: settings of {page} changed while away"
            if lang == arrived[0]:
                assert arrived[1] == shown, f"{trail}: messages on {page} the walk did not cause"
            else:
                assert len(arrived[1]) == len(shown), f"{trail}: messages on {page} changed"
        else:
            assert not arrived[1], f"{trail}: {page} opened with {arrived[1]}"
        after = _memory(at)
        for lesson in set(before) | set(after):
            if lesson != page:
                assert before.get(lesson) == after.get(lesson), f"{trail}: {page} changed {lesson}"
        where = page
        for _ in range(changes):
            _change(at, rng)
            assert_clean(at)
        if rng.random() < 0.2:
            other = "en" if at.session_state["lang"] == "zh" else "zh"
            at.sidebar.radio(key="lang").set_value(other).run()
            assert_clean(at)
        if rng.random() < 0.1:
            at.sidebar.toggle(key="present").set_value(not at.session_state["present"]).run()
            assert_clean(at)
        left[where] = _seen(at, where)


def _every_ordered_pair() -> list[str]:
    """One walk from home that goes along every ordered pair of pages (an Eulerian circuit
    of the complete directed graph on the pages)."""
    keys = [page.key for page in PAGES]
    unused = {key: [other for other in keys if other != key] for key in keys}
    stack, circuit = ["home"], []
    while stack:
        here = stack[-1]
        if unused[here]:
            stack.append(unused[here].pop())
        else:
            circuit.append(stack.pop())
    return circuit[::-1][1:]


COURSE = [lesson.key for lesson in nav.LESSONS]
FIXED = {
    "every-ordered-pair": _every_ordered_pair(),
    "course-order": [*COURSE, "home", *COURSE[::-1]],
}


def test_the_pair_walk_covers_every_ordered_pair():
    route = ["home", *FIXED["every-ordered-pair"]]
    pairs = set(itertools.pairwise(route))
    keys = [page.key for page in PAGES]
    assert pairs == {(a, b) for a in keys for b in keys if a != b}


@pytest.mark.parametrize("name", list(FIXED))
def test_a_fixed_walk(name):
    walk(FIXED[name], random.Random(name), changes=1)


def _random_route(rng: random.Random, visits: int) -> list[str]:
    keys = [page.key for page in PAGES]
    route, here = [], "home"
    for _ in range(visits):
        here = rng.choice([key for key in keys if key != here])
        route.append(here)
    return route


@pytest.mark.parametrize("seed", range(3))
def test_a_random_walk(seed):
    rng = random.Random(seed)
    walk(_random_route(rng, 8), rng)


@pytest.mark.slow
@pytest.mark.parametrize("seed", range(1000, 1000 + LONG_WALKS))
def test_a_long_random_walk(seed):
    rng = random.Random(seed)
    walk(_random_route(rng, rng.randint(6, 10)), rng)
