"""Chart helpers every page uses, so projection mode changes every chart the same way."""

import altair as alt
import streamlit as st

from ui.palette import class_colors
from ui.shell import is_present


def class_scale(names: list[str]) -> alt.Scale:
    """A colour scale giving class ``i`` the palette's colour ``i``."""
    return alt.Scale(domain=list(names), range=class_colors(len(names)))


def height(normal: int) -> int:
    """A chart height that grows in projection mode, where charts fill the screen."""
    return int(normal * 1.5) if is_present() else normal


def line_width() -> float:
    return 5.0 if is_present() else 2.5


def styled(chart: alt.TopLevelMixin) -> alt.TopLevelMixin:
    """The chart with fonts, colours and grid for the current mode (normal or projection)."""
    big = is_present()
    label, title = (22, 24) if big else (12, 13)
    return (
        chart.configure_axis(
            labelFontSize=label,
            titleFontSize=title,
            labelColor="#000" if big else "#31333F",
            titleColor="#000" if big else "#31333F",
            gridOpacity=0.5 if big else 1,
        )
        .configure_legend(labelFontSize=label, titleFontSize=title, symbolSize=300 if big else 100)
        .configure_title(fontSize=title + 2)
        .configure_text(fontSize=label)
    )


def show(chart: alt.TopLevelMixin, **kwargs):
    """Draw an Altair chart across the container, styled for the current mode."""
    return st.altair_chart(styled(chart), width="stretch", **kwargs)
