"""Chart helpers every page uses, so projection mode changes every chart the same way."""

import functools
import io

import altair as alt
import pyarrow as pa
import streamlit as st

from ui.i18n import current_language, t
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


def text_size(normal: int) -> int:
    """A chart's own text (a value written in a cell) half as large again in projection mode."""
    return round(normal * 1.5) if is_present() else normal


# Text on charts: black in projection mode, Streamlit's body text otherwise (12.6:1 on white).
# Streamlit's chart theme draws legends and axes in grey #808495, 3.7:1: too faint to read.
_TEXT = {True: "#000", False: "#31333F"}


def styled(chart: alt.TopLevelMixin) -> alt.TopLevelMixin:
    """The chart with fonts, colours and grid for the current mode (normal or projection),
    and tooltips that show only what the chart titled (``tooltips``)."""
    big = is_present()
    label, title = (22, 24) if big else (12, 13)
    text = _TEXT[big]
    return (
        tooltips(chart)
        .configure_axis(
            labelFontSize=label,
            titleFontSize=title,
            labelColor=text,
            titleColor=text,
            gridOpacity=0.5 if big else 1,
        )
        .configure_legend(
            labelFontSize=label,
            titleFontSize=title,
            labelColor=text,
            titleColor=text,
            symbolSize=300 if big else 100,
        )
        .configure_header(
            labelFontSize=label, titleFontSize=title, labelColor=text, titleColor=text
        )
        .configure_title(fontSize=title + 2, color=text)
        .configure_text(fontSize=label)
    )


# What a tooltip entry may carry over from its encoding channel.
_TOOLTIP_KEYS = ("field", "type", "title", "aggregate", "bin", "timeUnit", "format")


def tooltips(chart: alt.TopLevelMixin) -> alt.TopLevelMixin:
    """A copy of ``chart`` whose every mark's tooltip lists its titled channels only.

    Streamlit's chart theme gives every mark a tooltip of all its encoded fields, under
    their column names (``row``, ``order``, ``x``…) in English on a Chinese page: here a
    mark without its own ``tooltip`` shows the channels that have a title (the page's
    words, already translated), numbers to four significant digits, and a mark with none
    shows no tooltip. A chart names a field in its tooltips by titling its channel.
    """
    chart = chart.copy(deep=False)
    if isinstance(chart, alt.Chart):
        encoding = chart.encoding
        if encoding is not alt.Undefined and encoding.tooltip is alt.Undefined:
            encoding = encoding.copy(deep=False)
            encoding.tooltip = _titled_channels(encoding) or alt.value(None)
            chart.encoding = encoding
        return chart
    for key in ("layer", "hconcat", "vconcat", "concat"):
        parts = getattr(chart, key, alt.Undefined)
        if isinstance(parts, list):
            setattr(chart, key, [tooltips(part) for part in parts])
    if isinstance(getattr(chart, "spec", None), alt.TopLevelMixin):
        chart.spec = tooltips(chart.spec)
    return chart


def class_tooltip(value: str, value_format: str, title: str) -> list[alt.Tooltip]:
    """A tooltip naming a mark's class (field ``class``) and its value."""
    return [
        alt.Tooltip("class:N", title=t("chart.class")),
        alt.Tooltip(value, format=value_format, title=title),
    ]


def _titled_channels(encoding) -> list[dict]:
    entries, fields = [], set()
    for name, channel in encoding._kwds.items():
        if channel is alt.Undefined or name in ("tooltip", "text") or isinstance(channel, list):
            continue
        definition = channel.to_dict(validate=False)
        guide = definition.get("axis") or definition.get("legend") or {}
        title = definition.get("title", guide.get("title"))
        field = definition.get("field")
        if not isinstance(title, str) or not title or not isinstance(field, str):
            continue
        # A field of codes that the guide names (``labelExpr``) would show its codes.
        if field in fields or "labelExpr" in guide:
            continue
        fields.add(field)
        entry = {key: definition[key] for key in _TOOLTIP_KEYS if key in definition}
        entry["title"] = title
        if "format" in guide:
            entry.setdefault("format", guide["format"])
        if entry.get("type") == "quantitative":
            entry.setdefault("format", ".4~g")
        entries.append(entry)
    return entries


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
    tables (DataFrames or Arrow bytes); ``width="content"`` keeps the spec's own width. The
    spec's own datasets (Altair moves a layer's inline values there: a diagonal's two
    points, say) stay."""
    every = {**spec.get("datasets", {}), **datasets}
    return st.vega_lite_chart({**spec, "datasets": every}, width=width, **kwargs)


def arrow(columns: dict) -> bytes:
    """Arrow IPC stream bytes of named columns (lists or numpy arrays), which
    ``st.vega_lite_chart`` sends as they are: a pandas DataFrame and Streamlit's conversion of
    it cost several milliseconds a table, more than a training step (issue #5's figures)."""
    table = pa.table({name: pa.array(values) for name, values in columns.items()})
    sink = io.BytesIO()
    with pa.ipc.new_stream(sink, table.schema) as writer:
        writer.write_table(table)
    return sink.getvalue()
