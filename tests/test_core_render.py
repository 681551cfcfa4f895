"""core.render: the downloaded chart decodes, shows each class where the model predicts it,
and its SVG holds one polygon per class region (Pillow, a Streamlit dependency, decodes)."""

import io
import xml.etree.ElementTree as ET

import numpy as np
import pytest
from PIL import Image

from core import make_blobs, regions, render
from ui.lessons.training import charts as view
from ui.palette import class_colors

RNG = np.random.default_rng(3)
W = RNG.normal(size=(2, 4)) * 1.5
B = RNG.normal(size=4)
BOUNDS = (-4.0, 4.0, -3.0, 5.0)
SIZE = 200


def _decode(png_bytes):
    image = Image.open(io.BytesIO(png_bytes))
    image.load()  # checks every chunk's CRC and the zlib stream
    assert image.mode == "RGB"
    return np.asarray(image)


def _pixel_centres(size):
    """Data coordinates of every pixel centre of a ``size × size`` full-frame raster."""
    x_min, x_max, y_min, y_max = BOUNDS
    steps = (np.arange(size) + 0.5) / size
    xs, ys = np.meshgrid(x_min + steps * (x_max - x_min), y_max - steps * (y_max - y_min))
    return np.stack([xs, ys], axis=-1)


def _no_points():
    return {"points": np.empty((0, 2)), "colours": [], "test": np.empty(0, bool)}


def test_png_round_trips_through_an_independent_decoder():
    image = RNG.integers(0, 256, size=(7, 13, 3), dtype=np.uint8)
    np.testing.assert_array_equal(_decode(render.png(image)), image)
    with pytest.raises(ValueError):
        render.png(np.zeros((4, 4, 4), np.uint8))


def test_opaque_regions_paint_each_pixel_in_its_predicted_class_colour():
    palette = class_colors(4)
    fills = [
        (regions.class_region(W, B, k, BOUNDS), palette[k], 1.0, f"region c{k}") for k in range(4)
    ]
    picture = {"bounds": BOUNDS, "fills": fills, "segments": np.empty((0, 2, 2)), **_no_points()}
    pixels = _decode(render.png(render.raster(**picture, size=SIZE)))
    logits = _pixel_centres(SIZE) @ W + B
    top_two = np.sort(logits, axis=-1)[..., -2:]
    clear = top_two[..., 1] - top_two[..., 0] > 0.05  # not on a boundary
    expected = np.array([[int(c[i : i + 2], 16) for i in (1, 3, 5)] for c in palette])
    winners = np.argmax(logits, axis=-1)
    assert clear.mean() > 0.9
    np.testing.assert_array_equal(pixels[clear], expected[winners[clear]])


def test_the_exported_chart_shades_by_confidence_like_the_live_one():
    X, y = make_blobs(20, 4, 1.0, 0)
    picture = view.picture(W, B, BOUNDS, X, y, np.zeros(len(y), bool))
    picture.update(_no_points(), segments=np.empty((0, 2, 2)))
    pixels = _decode(render.png(render.raster(**picture, size=SIZE))).astype(float)
    logits = _pixel_centres(SIZE) @ W + B
    ordered = np.sort(logits, axis=-1)
    lead = ordered[..., -1] - ordered[..., -2]
    margins = [0.0] + [regions.margin_for_probability(p, 4) for p in view.CONFIDENCE_LEVELS]
    layers = sum((lead >= m).astype(int) for m in margins)  # how many fills cover the pixel
    clear = np.min([np.abs(lead - m) for m in margins], axis=0) > 0.05
    colours = np.array([[int(c[i : i + 2], 16) for i in (1, 3, 5)] for c in class_colors(4)])
    keep = (1 - view.BAND_OPACITY) ** layers[..., None]
    winner_colour = colours[np.argmax(logits, axis=-1)]
    expected = winner_colour + (255 - winner_colour) * keep  # white, blended n times
    np.testing.assert_allclose(pixels[clear], expected[clear], atol=1.01)


def test_points_and_boundaries_are_drawn():
    points = np.array([[0.0, 1.0], [2.0, 3.0]])
    picture = {
        "bounds": BOUNDS,
        "fills": [],
        "segments": np.array([[[-4.0, -1.0], [4.0, -1.0]]]),
        "points": points,
        "colours": ["#0072B2", "#D55E00"],
        "test": np.array([False, True]),
    }
    pixels = _decode(render.png(render.raster(**picture, size=SIZE)))
    # (0, 1) is the pixel at column 100, row 100; (2, 3) at column 150, row 50.
    assert tuple(pixels[100, 100]) == (0x00, 0x72, 0xB2)
    assert tuple(pixels[50, 150]) == (0xD5, 0x5E, 0x00)
    assert tuple(pixels[150, 10]) == (0, 0, 0)  # the line y = −1 crosses row 150
    assert tuple(pixels[20, 20]) == (255, 255, 255)


def test_svg_parses_and_holds_one_polygon_per_class_region():
    X, y = make_blobs(15, 4, 1.0, 1)
    is_test = np.arange(len(y)) % 3 == 0
    document = render.svg(**view.picture(W, B, BOUNDS, X, y, is_test))
    root = ET.fromstring(document)
    ns = {"svg": "http://www.w3.org/2000/svg"}
    polygons = root.findall(".//svg:g[@id='regions']/svg:polygon", ns)
    region_classes = sorted(p.get("class") for p in polygons if p.get("class").startswith("region"))
    present = [k for k in range(4) if len(regions.class_region(W, B, k, BOUNDS)) >= 3]
    assert region_classes == [f"region c{k}" for k in present] and len(present) >= 2
    assert len(root.findall(".//svg:g[@id='points']/svg:circle", ns)) == np.sum(~is_test)
    assert len(root.findall(".//svg:g[@id='points']/svg:polygon", ns)) == np.sum(is_test)
    segments = regions.boundary_segments(W, B, BOUNDS)
    assert len(root.findall(".//svg:g[@id='boundaries']/svg:line", ns)) == len(segments)
    tick_labels = [text.text for text in root.findall(".//svg:g[@id='axes']/svg:text", ns)]
    assert "0" in tick_labels and "x₁" in tick_labels


def test_svg_escapes_text():
    picture = {"bounds": BOUNDS, "fills": [], "segments": np.empty((0, 2, 2)), **_no_points()}
    document = render.svg(**picture, axis_labels=("<b>&", "x₂"))
    assert "&lt;b&gt;&amp;" in document
    ET.fromstring(document)


def test_nice_ticks():
    assert render.nice_ticks(-4, 4) == [-4, -2, 0, 2, 4]
    assert render.nice_ticks(0.13, 0.61) == [0.2, 0.3, 0.4, 0.5, 0.6]
