"""core.regions against brute force: the polygons hold exactly the points each class wins."""

import numpy as np
import pytest
from scipy.special import softmax as scipy_softmax

from core import regions

BOUNDS = (-4.0, 4.0, -3.0, 5.0)
RNG = np.random.default_rng(0)
MODELS = [(RNG.normal(size=(2, k)) * 2, RNG.normal(size=k)) for k in (2, 3, 5, 10)]


def _inside(points, polygon):
    """Points inside a convex counter-clockwise polygon (cross products all ≥ 0)."""
    edges = np.roll(polygon, -1, axis=0) - polygon
    to_points = points[:, None, :] - polygon[None, :, :]
    cross = edges[None, :, 0] * to_points[..., 1] - edges[None, :, 1] * to_points[..., 0]
    return np.all(cross >= -1e-9, axis=1)


def _inside_any(points, polygon):
    """Even-odd rule: inside if a ray to the right crosses the boundary an odd number of times."""
    start, end = polygon, np.roll(polygon, -1, axis=0)
    px, py = points[:, None, 0], points[:, None, 1]
    straddles = (start[None, :, 1] > py) != (end[None, :, 1] > py)
    with np.errstate(divide="ignore", invalid="ignore"):
        crossing_x = start[None, :, 0] + (py - start[None, :, 1]) * (
            end[None, :, 0] - start[None, :, 0]
        ) / (end[None, :, 1] - start[None, :, 1])
    return np.sum(straddles & (px < crossing_x), axis=1) % 2 == 1


def _grid(n=120):
    xs, ys = np.meshgrid(np.linspace(*BOUNDS[:2], n), np.linspace(*BOUNDS[2:], n))
    return np.column_stack([xs.ravel(), ys.ravel()])


@pytest.mark.parametrize(
    "model", MODELS, ids=lambda m: f"K{m[1].size}" if hasattr(m, "size") else ""
)
def test_decision_polygons_contain_exactly_the_points_each_class_wins(model):
    W, b = model
    points = _grid()
    logits = points @ W + b
    winner = np.argmax(logits, axis=1)
    margin = np.sort(logits, axis=1)[:, -1] - np.sort(logits, axis=1)[:, -2]
    clear = margin > 1e-6  # points on a boundary belong to both neighbours
    for k in range(W.shape[1]):
        polygon = regions.class_region(W, b, k, BOUNDS)
        inside = _inside(points, polygon) if len(polygon) >= 3 else np.zeros(len(points), bool)
        np.testing.assert_array_equal(inside[clear], (winner == k)[clear])


@pytest.mark.parametrize("model", MODELS)
def test_confidence_bands_guarantee_their_probability(model):
    W, b = model
    points = _grid()
    probabilities = scipy_softmax(points @ W + b, axis=1)
    levels = (0.6, 0.8, 0.95)
    for k, level, polygon in regions.confidence_bands(W, b, BOUNDS, levels):
        inside = _inside(points, polygon)
        if level:
            assert np.all(probabilities[inside, k] >= levels[level - 1] - 1e-9)


def test_two_classes_the_band_is_exactly_the_sigmoid_contour():
    # K = 2: z_0 − z_1 ≥ m ⟺ σ(m) ≤ p_0, so the margin of 0.8 is log 4.
    assert regions.margin_for_probability(0.8, 2) == pytest.approx(np.log(4))
    assert regions.margin_for_probability(0.6, 5) == pytest.approx(np.log(6))


@pytest.mark.parametrize("model", MODELS)
def test_boundaries_lie_where_two_top_logits_tie(model):
    W, b = model
    segments = regions.boundary_segments(W, b, BOUNDS)
    assert len(segments) >= 1
    for start, end in segments:
        for point in (start, end, (start + end) / 2):
            top_two = np.sort(point @ W + b)[-2:]
            assert top_two[1] - top_two[0] == pytest.approx(0, abs=1e-7)


@pytest.mark.parametrize("model", MODELS[:3])
def test_probability_contours_match_the_grid(model):
    W, b = model
    points = _grid(80)
    p = scipy_softmax(points @ W + b, axis=1)[:, 0]
    for level, polygon in zip(
        (0.3, 0.7), regions.probability_contours(W, b, 0, BOUNDS, (0.3, 0.7)), strict=True
    ):
        if len(polygon) == 0:
            assert p.max() < level + 0.01
            continue
        inside = _inside_any(points, polygon)
        # Compare away from the curve (the traced polygon is inscribed: chords cut a sliver)
        # and off the view's border (where the even-odd rule is ambiguous).
        clear = (np.abs(p - level) > 0.03) & (np.abs(points[:, 0]) < 3.99)
        clear &= (points[:, 1] > -2.99) & (points[:, 1] < 4.99)
        np.testing.assert_array_equal(inside[clear], (p >= level)[clear])


@pytest.mark.parametrize(
    "model", MODELS, ids=lambda m: f"K{m[1].size}" if hasattr(m, "size") else ""
)
def test_probability_contour_vertices_lie_on_the_curve_or_the_border(model):
    W, b = model
    levels = (0.1, 0.3, 0.5, 0.7, 0.9)
    for k in range(W.shape[1]):
        for level, polygon in zip(
            levels, regions.probability_contours(W, b, k, BOUNDS, levels), strict=True
        ):
            if len(polygon) == 0:
                continue
            p = scipy_softmax(polygon @ W + b, axis=1)[:, k]
            x, y = polygon.T
            on_border = (
                np.isclose(x, BOUNDS[0])
                | np.isclose(x, BOUNDS[1])
                | np.isclose(y, BOUNDS[2])
                | np.isclose(y, BOUNDS[3])
            )
            np.testing.assert_allclose(p[~on_border], level, atol=1e-9)
            assert np.all(p[on_border] >= level - 1e-9)


def test_a_half_plane_clip_keeps_the_right_side():
    square = regions.view_box((0, 1, 0, 1))
    half = regions.clip_half_plane(square, np.array([1.0, 0.0]), -0.25)  # x ≥ 0.25
    assert half[:, 0].min() == pytest.approx(0.25) and len(half) == 4
    assert len(regions.clip_half_plane(square, np.array([1.0, 0.0]), -2.0)) == 0


@pytest.mark.parametrize("model", MODELS, ids=lambda m: "")
def test_each_band_holds_exactly_the_points_that_lead_by_its_margin(model):
    """Bands are cut from the band before (core.regions.confidence_bands): each must still
    be the whole set where class k leads every other logit by the level's margin."""
    W, b = model
    points = _grid()
    logits = points @ W + b
    levels = (0.6, 0.8, 0.95)
    margins = [0.0] + [regions.margin_for_probability(p, W.shape[1]) for p in levels]
    bands = {
        (k, level): polygon for k, level, polygon in regions.confidence_bands(W, b, BOUNDS, levels)
    }
    for k in range(W.shape[1]):
        lead = logits[:, k] - np.max(np.delete(logits, k, axis=1), axis=1)
        for level, margin in enumerate(margins):
            clear = np.abs(lead - margin) > 1e-6
            polygon = bands.get((k, level))
            inside = (
                _inside(points, polygon) if polygon is not None else np.zeros(len(points), bool)
            )
            np.testing.assert_array_equal(inside[clear], (lead >= margin)[clear])


def test_bands_need_increasing_probabilities():
    W, b = MODELS[1]
    with pytest.raises(ValueError, match="increase"):
        regions.confidence_bands(W, b, BOUNDS, (0.9, 0.6))
