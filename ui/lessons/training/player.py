"""The regions picture of the training lesson, playing or paused: a canvas that paints
frames the server computes (player.html, player.css, player.js beside this file), with the
epoch, loss and accuracies of the frame it paints above it.

Why not the Vega chart every frame (bench/bench_training.py --profile; the figures are in
bench/README.md): each fragment tick costs the browser a React pass over the whole page
plus Vega's redraw and the paint, and the server a script run before any training, so one
frame per tick painted too few frames a second at too much server CPU a frame. Here one
tick trains a batch of up to ``CHUNK`` frames (fewer when many sessions play on the
process: ``ui.process``); for each, ``core`` computes the exact region polygons and
boundaries (the numbers stay in ``core``: this canvas only fills the polygons it is given,
at view fractions, and shows the numbers as the server wrote them), and the browser paints
them one per display frame, while the next batch is on its way. The per-tick costs are
shared by the frames of a batch.

One picture (issue #13): paused, the page sends the same canvas a batch of one frame, so
Play, Pause, Step, Reset, the map switch and the replay never swap the element (no blank
frame, no jump, fullscreen stays). The canvas plays behind the server by up to two
batches; on Pause it keeps the frame on screen and answers ``held``, ``[run, epoch, stamp]``,
and the page takes the run back there (``core.liverun.rewind``), so the paused state is the
frame that was on screen. Until a batch names that answer (``answered``: its stamp), the
canvas keeps its frame: a paused batch sent before the page read the answer would flash
the epochs the server ran ahead to. A point is hovered and clicked on the canvas itself
(``pick``: its number). The style of the picture is ``core.render.STYLE``, which the PNG and
SVG downloads use too.

Nothing from a person reaches the page as HTML: class names are drawn with ``fillText``
and set with ``textContent``; the data is numbers (the vertices and points as base64 of
uint16), those names and the numbers' text, as JSON.
"""

import base64
from pathlib import Path

import numpy as np
import streamlit as st

from ui import process
from ui.lessons.training.charts import view_fractions

_HTML = Path(__file__).with_name("player.html").read_text(encoding="utf-8")
_CSS = Path(__file__).with_name("player.css").read_text(encoding="utf-8")
_JS = Path(__file__).with_name("player.js").read_text(encoding="utf-8")
_PLAYER = st.components.v2.component(
    "softmax_explorer.player", html=_HTML, css=_CSS, js=_JS, isolate_styles=False
)


def points_data(X, y, is_test, bounds) -> dict:
    """The points for the canvas: ``count`` and base64 of uint16 view fractions (x then y,
    interleaved, little-endian), then the class and the test flag, a byte each: 6 bytes a
    point, sent with every batch.
    """
    xy = _fraction_bytes(X, bounds)
    extra = (
        np.asarray(y).astype(np.uint8).tobytes() + np.asarray(is_test).astype(np.uint8).tobytes()
    )
    return {"count": len(y), "points": base64.b64encode(xy + extra).decode("ascii")}


def batch_data(frames, bounds, numbers=None) -> dict:
    """A batch of frames ``[(epoch, shapes, segments)]`` for the canvas, with each frame's
    ``numbers`` (the loss and accuracies as text, shown above the picture): ``shapes`` the
    polygons ``[(class, vertices (m, 2))]`` to fill in order, ``segments (s, 2, 2)`` the
    boundaries. Sent as ``epochs``; ``layout``, for each frame the number of shapes, then
    each shape's class and vertex count, then the number of segments; and ``xy``, every
    vertex in that order (segments as their two ends) as base64 of little-endian uint16
    view fractions (``view_fractions``: 1/65,535 of the view, a hundredth of a pixel). Two
    bytes a coordinate instead of JSON numbers, whose encoding cost the server more than
    drawing them (issue #7).
    """
    epochs, layout, vertices = [], [], []
    for epoch, shapes, segments in frames:
        epochs.append(int(epoch))
        layout.append(len(shapes))
        for k, polygon in shapes:
            layout += [int(k), len(polygon)]
            vertices.append(np.asarray(polygon).reshape(-1, 2))
        segments = np.asarray(segments).reshape(-1, 2)
        layout.append(len(segments) // 2)
        vertices.append(segments)
    xy = _fraction_bytes(np.vstack(vertices) if vertices else np.empty((0, 2)), bounds)
    return {
        "epochs": epochs,
        "numbers": [list(row) for row in numbers] if numbers is not None else [],
        "layout": layout,
        "xy": base64.b64encode(xy).decode("ascii"),
    }


def _fraction_bytes(X, bounds) -> bytes:
    """Points ``(n, 2)`` as little-endian uint16 view fractions, x then y interleaved."""
    return view_fractions(X, bounds).astype("<u2").tobytes()


def show(
    *,
    key: str,
    frames: dict,
    points: dict,
    run: int,
    seq: int,
    style: dict,
    playing: bool,
    on_pick,
    on_held,
    fps: float = process.FPS,
    chunk: int = process.CHUNK,
) -> None:
    """Mount the canvas with this batch of ``frames`` (``batch_data``), painted at ``fps``;
    ``chunk``: the frames a tick brings now (the canvas keeps about one batch queued);
    ``run`` changes when the run starts over (the queue is dropped), ``seq`` with every
    batch. ``playing``: paint the frames one by one; otherwise show the (last) frame now.
    ``style``: the class ``names`` and ``colors``, ``labels``, ``bounds``, ``height`` of the
    picture in pixels (legend included, the numbers above not), ``present``, ``opacity``,
    ``picture`` (``core.render.STYLE``). ``on_pick`` and ``on_held`` run when a point is
    clicked or a paused canvas keeps its frame (the values are in session state under
    ``key``). Two keys at the top: Streamlit inspects each top-level value for a data
    frame."""
    _PLAYER(
        key=key,
        data={
            "batch": {
                "run": run,
                "seq": seq,
                "fps": fps,
                "slow": fps <= process.SLOW_FPS,  # a lecturer's speed: a steady beat
                "chunk": chunk,
                "playing": playing,
                **frames,
            },
            "style": {**points, **style},
        },
        on_pick_change=on_pick,
        on_held_change=on_held,
    )
