"""A lesson tab's view on one projected screen (issue #12): what the teacher talks about
beside the picture it is about, the picture as tall as the window leaves it.

In projection mode a link to a tab opens it scrolled to the tabs (ui/reveal.py), and a
tab's text, numbers and controls above its chart pushed the chart below the fold. Here the
tab's words and numbers go on the left and its chart on the right, under a viewport probe
(ui/viewport.py) that measures the room as the link leaves the page; elsewhere the two
places are one above the other, as before.
"""

import streamlit as st

from ui import viewport
from ui.shell import is_present

# Pixels left below a chart: Streamlit draws a Vega-Lite chart's legend and axes inside
# its ``height``, so only the gap to the window's edge.
CHART_FRAME = 24
TALLEST = 640  # a chart taller than this only spreads its lines apart
LOWEST = 240  # no chart lower: at 1280×720 a view's chart has about 300 pixels of room
VIEW_KEY = "sx-stage-"  # the key of a split view's container, before the probe's key


def split(key: str, ratio=(1, 1), *, lead: str | None = None):
    """Three places for a tab's view, ``(words, picture, notes)``: in projection mode the
    words beside the picture (measured by the probe ``key``) and the notes under the words;
    otherwise one above the other in that order, the tab's usual layout. ``lead``, the tab's
    opening text (markdown), goes above the view, or under it in projection mode: the view
    first, on one screen, while the teacher says it."""
    if not is_present():
        if lead:
            st.markdown(lead)
        return st.container(), st.container(), st.container()
    with view(key):
        words, picture = st.columns(list(ratio), gap="large")
    if lead:
        st.markdown(lead)
    return words, picture, words


def view(key: str, *, tabs: bool = True):
    """The container of a view laid out by hand for one projected screen, under the probe
    ``key`` (inside a lesson's tabs unless ``tabs=False``). Keyed (class
    ``st-key-sx-stage-…``): the hall test finds the view by it."""
    viewport.probe(key, tabs=tabs)
    return st.container(key=VIEW_KEY + key.replace(".", "-"))


def height(key: str, usual: int, *, grow: bool = True, lowest: int = LOWEST, above: int = 0) -> int:
    """A chart's height that fits the room ``split(key)`` measured (projection mode), less
    ``above`` pixels drawn over the chart in its place (a title): never taller than the room
    nor lower than ``lowest``, and, with ``grow``, up to ``TALLEST`` where there is room;
    ``usual`` elsewhere, and before the browser measured."""
    if not is_present() or viewport.room(key) is None:
        return usual
    highest = max(usual, TALLEST) if grow else usual
    return viewport.fit(highest, CHART_FRAME + above, lowest=lowest, key=key)


def sized(spec: dict, key: str, *, grow: bool = True, lowest: int = LOWEST, above: int = 0) -> dict:
    """A Vega-Lite ``spec`` (ui/charts.template's) at ``height``."""
    if not is_present():
        return spec
    usual = int(spec.get("height", 300))
    return {**spec, "height": height(key, usual, grow=grow, lowest=lowest, above=above)}


def fitted(chart, key: str, *, grow: bool = True, lowest: int = LOWEST, above: int = 0):
    """An Altair ``chart`` (its height set) at ``height``."""
    if not is_present():
        return chart
    fit = height(key, int(chart.height), grow=grow, lowest=lowest, above=above)
    return chart.properties(height=fit)
