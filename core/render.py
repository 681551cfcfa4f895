"""A 2-D chart of filled polygons, line segments and points, drawn to SVG text or PNG bytes.

For downloading a chart as a file. Streamlit shows Vega charts with their export menu off,
and the app's runtime has no plotting library that writes files, so the picture is drawn
here from the same shapes the chart shows (numpy and the standard library only):

- ``svg``: the shapes as vector elements, exact at any zoom, with a framed plot and a few
  ticks;
- ``raster``: the same picture as an ``(h, w, 3)`` ``uint8`` image (each pixel centre tested
  against each convex polygon's edges, points stamped as small discs or triangles);
- ``png``: any such image as a PNG file (signature, ``IHDR``, one zlib ``IDAT``, ``IEND``).

A picture is described by ``bounds = (x_min, x_max, y_min, y_max)`` in data units and:
``fills``: ``[(polygon (m, 2), "#rrggbb", opacity, name)]`` painted in order over white
(``name`` becomes the SVG element's ``class``); ``segments (s, 2, 2)`` drawn black;
``points (n, 2)`` with ``colours`` (one ``"#rrggbb"`` each) and ``test (n,)`` (triangles
instead of discs).
"""

import math
import struct
import zlib
from xml.sax.saxutils import escape, quoteattr

import numpy as np

MARGIN = (56, 16, 16, 48)  # left, right, top, bottom: room for tick labels in the SVG
POINT_RADIUS = 4.0
OUTLINE = 1.0  # the white rim around each point, as in the chart
LINE_WIDTH = 2.0
TEST_SCALE = 1.3  # a test point's triangle reaches this much further than a disc
# The picture's style, for every renderer of it: these files, and the training lesson's live
# canvas (ui/lessons/training/player.js), which scales it for the projector.
STYLE = {
    "pointRadius": POINT_RADIUS,
    "outline": OUTLINE,
    "lineWidth": LINE_WIDTH,
    "testScale": TEST_SCALE,
    "outlineColour": "#ffffff",
    "boundaryColour": "#000000",
    "frameColour": "#444444",
}


def nice_ticks(low, high, count=5):
    """About ``count`` round tick values (steps of 1, 2 or 5 × 10ⁿ) inside ``[low, high]``."""
    raw = (high - low) / max(count, 1)
    power = 10.0 ** math.floor(math.log10(raw))
    step = next(power * m for m in (1, 2, 5, 10) if power * m >= raw)
    first = math.ceil(low / step) * step
    return [round(first + i * step, 10) for i in range(int((high - first) / step + 1e-9) + 1)]


def _hex_rgb(colour):
    return np.array([int(colour[i : i + 2], 16) for i in (1, 3, 5)], dtype=np.float64)


def _to_pixels(xy, bounds, box):
    """Data coordinates → pixel coordinates in ``box = (left, top, width, height)``."""
    x_min, x_max, y_min, y_max = bounds
    left, top, width, height = box
    xy = np.asarray(xy, dtype=np.float64).reshape(-1, 2)
    px = left + (xy[:, 0] - x_min) / (x_max - x_min) * width
    py = top + (y_max - xy[:, 1]) / (y_max - y_min) * height  # y grows downwards on screen
    return np.column_stack([px, py])


def _triangle(centre, radius):
    """An upward triangle around ``centre`` (pixels), as three vertices."""
    x, y = centre
    return [
        (x, y - radius),
        (x + 0.87 * radius, y + 0.5 * radius),
        (x - 0.87 * radius, y + 0.5 * radius),
    ]


def svg(bounds, fills, segments, points, colours, test, *, size=800, axis_labels=("x₁", "x₂")):
    """The picture as an SVG document (a string), ``size × size`` pixels."""
    left_margin, right_margin, top_margin, bottom_margin = MARGIN
    box = (
        left_margin,
        top_margin,
        size - left_margin - right_margin,
        size - top_margin - bottom_margin,
    )
    left, top, width, height = box

    def coords(xy):
        return " ".join(f"{x:.2f},{y:.2f}" for x, y in _to_pixels(xy, bounds, box))

    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{size}" height="{size}" '
        f'viewBox="0 0 {size} {size}" font-family="sans-serif" font-size="13">',
        f'<defs><clipPath id="plot"><rect x="{left}" y="{top}" width="{width}" '
        f'height="{height}"/></clipPath></defs>',
        f'<rect width="{size}" height="{size}" fill="#ffffff"/>',
        '<g id="regions" clip-path="url(#plot)">',
    ]
    for polygon, colour, opacity, name in fills:
        if len(polygon) >= 3:
            out.append(
                f"<polygon class={quoteattr(name)} points={quoteattr(coords(polygon))} "
                f'fill="{colour}" fill-opacity="{opacity:g}"/>'
            )
    out.append(
        '</g><g id="boundaries" clip-path="url(#plot)" stroke="#000000" '
        f'stroke-width="{LINE_WIDTH:g}">'
    )
    for start, end in np.asarray(segments).reshape(-1, 2, 2):
        (x1, y1), (x2, y2) = _to_pixels([start, end], bounds, box)
        out.append(f'<line x1="{x1:.2f}" y1="{y1:.2f}" x2="{x2:.2f}" y2="{y2:.2f}"/>')
    out.append(f'</g><g id="points" stroke="#ffffff" stroke-width="{OUTLINE:g}">')
    for (x, y), colour, is_test in zip(_to_pixels(points, bounds, box), colours, test, strict=True):
        if is_test:
            corners = " ".join(
                f"{px:.2f},{py:.2f}" for px, py in _triangle((x, y), POINT_RADIUS * TEST_SCALE)
            )
            out.append(f'<polygon class="point test" points="{corners}" fill="{colour}"/>')
        else:
            out.append(f'<circle cx="{x:.2f}" cy="{y:.2f}" r="{POINT_RADIUS:g}" fill="{colour}"/>')
    out.append('</g><g id="axes" stroke="#444444" fill="#222222">')
    out += _svg_axes(bounds, box, size, axis_labels)
    out.append("</g></svg>")
    return "\n".join(out)


def _svg_axes(bounds, box, size, axis_labels):
    """The SVG elements of the plot's frame, ticks and axis labels."""
    left, top, width, height = box
    out = [f'<rect x="{left}" y="{top}" width="{width}" height="{height}" fill="none"/>']
    x_min, x_max, y_min, y_max = bounds
    for value in nice_ticks(x_min, x_max):
        x = _to_pixels([(value, y_min)], bounds, box)[0, 0]
        bottom = top + height
        out.append(f'<line x1="{x:.2f}" y1="{bottom}" x2="{x:.2f}" y2="{bottom + 5}"/>')
        out.append(_text(x, bottom + 19, f"{value:g}", "middle"))
    for value in nice_ticks(y_min, y_max):
        y = _to_pixels([(x_min, value)], bounds, box)[0, 1]
        out.append(f'<line x1="{left - 5}" y1="{y:.2f}" x2="{left}" y2="{y:.2f}"/>')
        out.append(_text(left - 8, y + 4, f"{value:g}", "end"))
    x_label, y_label = axis_labels
    out.append(_text(left + width / 2, size - 10, x_label, "middle"))
    middle = top + height / 2
    out.append(_text(14, middle, y_label, "middle", f' transform="rotate(-90 14 {middle:.1f})"'))
    return out


def _text(x, y, text, anchor, extra=""):
    return (
        f'<text x="{x:.1f}" y="{y:.1f}" text-anchor="{anchor}" stroke="none"{extra}>'
        f"{escape(text)}</text>"
    )


def _inside_convex(px, py, polygon):
    """Which pixel centres ``(px, py)`` lie in the convex ``polygon`` (either orientation)."""
    edges = np.roll(polygon, -1, axis=0) - polygon
    area = np.sum(
        polygon[:, 0] * np.roll(polygon[:, 1], -1) - np.roll(polygon[:, 0], -1) * polygon[:, 1]
    )
    sign = 1.0 if area >= 0 else -1.0
    inside = np.ones(px.shape, dtype=bool)
    for (x0, y0), (dx, dy) in zip(polygon, edges, strict=True):
        inside &= sign * (dx * (py - y0) - dy * (px - x0)) >= 0
    return inside


def _stamp(shape, radius):
    """Pixel offsets ``(k, 2)`` covered by a disc or an upward triangle of ``radius``."""
    reach = math.ceil(radius * TEST_SCALE) + 1
    dy, dx = np.mgrid[-reach : reach + 1, -reach : reach + 1]
    dx, dy = dx.ravel().astype(np.float64), dy.ravel().astype(np.float64)
    if shape == "disc":
        keep = dx**2 + dy**2 <= radius**2
    else:
        keep = _inside_convex(dx, dy, np.array(_triangle((0.0, 0.0), radius * TEST_SCALE)))
    return np.column_stack([dx[keep], dy[keep]]).astype(int)


def raster(bounds, fills, segments, points, colours, test, *, size=800):
    """The picture as an ``(size, size, 3)`` ``uint8`` RGB image filling the whole frame.

    Each fill is blended over what is below (``(1 − a) · below + a · colour``) at every
    pixel whose centre lies inside its polygon; boundaries are the pixels within
    ``LINE_WIDTH / 2`` of a segment; points are stamped last, a white rim then the colour.
    """
    image = np.ones((size, size, 3))
    box = (0, 0, size, size)
    centres = np.arange(size) + 0.5
    px, py = np.meshgrid(centres, centres)
    for polygon, colour, opacity, _ in fills:
        if len(polygon) < 3:
            continue
        corners = _to_pixels(polygon, bounds, box)
        (c0, r0), (c1, r1) = np.floor(corners.min(axis=0)), np.ceil(corners.max(axis=0))
        rows = slice(max(int(r0), 0), min(int(r1) + 1, size))
        cols = slice(max(int(c0), 0), min(int(c1) + 1, size))
        inside = _inside_convex(px[rows, cols], py[rows, cols], corners)
        window = image[rows, cols]
        window[inside] = (1 - opacity) * window[inside] + opacity * _hex_rgb(colour) / 255
    for start, end in np.asarray(segments).reshape(-1, 2, 2):
        a, b = _to_pixels([start, end], bounds, box)
        direction = b - a
        length2 = max(float(direction @ direction), 1e-12)
        share = np.clip(((px - a[0]) * direction[0] + (py - a[1]) * direction[1]) / length2, 0, 1)
        distance2 = (px - a[0] - share * direction[0]) ** 2 + (
            py - a[1] - share * direction[1]
        ) ** 2
        image[distance2 <= (LINE_WIDTH / 2) ** 2] = 0.0
    image = np.round(image * 255)
    centres = np.round(_to_pixels(points, bounds, box) - 0.5).astype(int)  # pixel holding each
    rgb = np.array([_hex_rgb(colour) for colour in colours]).reshape(-1, 3)
    test = np.asarray(test, dtype=bool)
    for shape, chosen in (("disc", ~test), ("triangle", test)):
        for radius, paint in ((POINT_RADIUS + OUTLINE, None), (POINT_RADIUS, rgb)):
            offsets = _stamp(shape, radius)
            cols = (centres[chosen, 0][:, None] + offsets[None, :, 0]).ravel()
            rows = (centres[chosen, 1][:, None] + offsets[None, :, 1]).ravel()
            colour = 255.0 if paint is None else np.repeat(paint[chosen], len(offsets), axis=0)
            keep = (rows >= 0) & (rows < size) & (cols >= 0) & (cols < size)
            if paint is not None:
                colour = colour[keep]
            image[rows[keep], cols[keep]] = colour
    return image.astype(np.uint8)


def png(image):
    """PNG file bytes of an ``(h, w, 3)`` ``uint8`` RGB image (8-bit truecolour, no filter)."""
    image = np.ascontiguousarray(image, dtype=np.uint8)
    height, width, channels = image.shape
    if channels != 3:
        raise ValueError(f"image must be (h, w, 3) RGB, got shape {image.shape}")
    # Each scanline starts with its filter type; 0 = none.
    scanlines = np.concatenate([np.zeros((height, 1), np.uint8), image.reshape(height, -1)], axis=1)

    def chunk(kind, data):
        return (
            struct.pack(">I", len(data))
            + kind
            + data
            + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
        )

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)  # 8 bits, RGB
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(scanlines.tobytes(), 6))
        + chunk(b"IEND", b"")
    )
