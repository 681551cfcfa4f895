"""Chart helpers every page uses, so projection mode changes every chart the same way."""

import functools
import io

import altair as alt
import pyarrow as pa
import streamlit as st

from ui.i18n import current_language
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


def template(build):
    """Build a chart's Vega-Lite spec once, and let each run pass only its data.

    ``build(*args)`` returns an Altair chart over ``alt.NamedData`` sources; the decorated
    function returns the styled spec as a dict, cached by ``args`` (hashable), the language
    and projection mode. Show it with ``show_spec(spec, {name: table})``.

    Why: building an Altair chart and validating it against the Vega-Lite schema costs
    30–80 ms a chart, every run (bench/bench_load.py: a /softmax rerun took 150–250 ms of
    server CPU, nearly all of it in its four charts); the cached spec costs nothing, and the
    browser swaps the data into the chart it has. The schema validation runs once per
    spec, here, and the tests run every page.
    """

    @functools.lru_cache(maxsize=256)
    def cached(args, lang, present):
        del lang, present  # part of the key: translated titles, projection styling
        spec = styled(build(*args)).to_dict()
        # Altair's default theme sizes charts without a height at 300 × 300 px; Streamlit
        # turns that theme off for st.altair_chart, and so does this.
        view = spec.get("config", {}).get("view", {})
        view.pop("continuousWidth", None)
        view.pop("continuousHeight", None)
        return spec

    @functools.wraps(build)
    def spec(*args):
        return cached(args, current_language(), is_present())

    spec.cache_clear = cached.cache_clear
    return spec


def with_params(spec: dict, **values) -> dict:
    """``spec`` (a ``template``'s, left as it is) with these values for its top-level
    parameters of the same names: what differs between runs without a new spec."""
    params = [
        {**param, "value": values[param["name"]]} if param["name"] in values else param
        for param in spec.get("params", [])
    ]
    missing = values.keys() - {param["name"] for param in params}
    if missing:
        raise KeyError(f"the spec has no parameters {sorted(missing)}")
    return {**spec, "params": params}


def show_spec(spec: dict, datasets: dict, *, width="stretch", **kwargs):
    """Draw a spec built once (``template``, maybe ``with_params``) with this run's
    tables (DataFrames or Arrow bytes); ``width="content"`` keeps the spec's own width."""
    return st.vega_lite_chart({**spec, "datasets": datasets}, width=width, **kwargs)


def arrow(columns: dict) -> bytes:
    """Arrow IPC stream bytes of named columns (lists or numpy arrays), which
    ``st.vega_lite_chart`` sends as they are: a pandas DataFrame and Streamlit's conversion of
    it cost several milliseconds a table, more than a training step (issue #5's figures)."""
    table = pa.table({name: pa.array(values) for name, values in columns.items()})
    sink = io.BytesIO()
    with pa.ipc.new_stream(sink, table.schema) as writer:
        writer.write_table(table)
    return sink.getvalue()
