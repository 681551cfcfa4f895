"""Where a linear classifier predicts each class, as exact polygons instead of a pixel grid.

With logits ``z(x) = x W + b`` (``x`` a point of the plane, ``W (2, K)``, ``b (K,)``) the
set where class ``k`` wins, ``{x : z_k(x) ≥ z_j(x) for every j}``, is an intersection of
half-planes, ``(W_:k − W_:j) · x + (b_k − b_j) ≥ 0``: a convex polygon once clipped to the
view. So the decision regions of softmax regression are ``K`` convex polygons whose edges
are the straight boundaries ``z_k = z_j``, at any resolution, in a few dozen numbers.

Why polygons (measured in the prototype of issue #5): the browser's time to draw the
regions grows with the number of marks; a 150×150 grid of rectangles is 22,500 marks
(1.5 frames/s), merged runs still 1,000–2,000 (47–71 ms a frame), while ``K`` polygons are
drawn in a millisecond or two.

Confidence is shown the same way: ``{x : z_k − z_j ≥ m for every j ≠ k}`` is the part of
region ``k`` where class ``k`` leads every other logit by at least ``m``, again a convex
polygon (the region shrunk by lines parallel to its edges). There the softmax probability
of ``k`` is at least ``1 / (1 + (K − 1) e^{−m})`` (``margin_for_probability`` inverts it;
for two classes it is exactly ``σ(m)``). One class's probability map uses the sets
``{p_k ≥ t}``, which are convex too (``p_k ≥ t ⟺ Σ_{j≠k} exp(z_j − z_k) ≤ 1/t − 1``, a sum
of exponentials of affine functions), traced by rays from a point inside.

Bounds are ``(x_min, x_max, y_min, y_max)``; polygons are ``(m, 2)`` arrays of vertices in
order, with ``m = 0`` for an empty region.
"""

import numpy as np

from core import _checks


def view_box(bounds):
    """The rectangle ``bounds`` as a polygon ``(4, 2)``, counter-clockwise."""
    x_min, x_max, y_min, y_max = _check_bounds(bounds)
    return np.array([[x_min, y_min], [x_max, y_min], [x_max, y_max], [x_min, y_max]])


def clip_half_plane(polygon, normal, offset):
    """The part of a convex ``polygon (m, 2)`` where ``normal · x + offset ≥ 0``.

    One pass of Sutherland–Hodgman clipping: walk the edges, keep the vertices inside and
    add the crossing point of every edge that crosses the line. Convex in, convex out.
    """
    polygon = np.asarray(polygon, dtype=np.float64).reshape(-1, 2)
    if len(polygon) == 0:
        return polygon
    side = (polygon @ np.asarray(normal, dtype=np.float64) + offset).tolist()
    # Python floats, not numpy scalars: polygons have a handful of vertices, and a frame
    # clips about a hundred times (numpy's per-call overhead would dominate).
    points = polygon.tolist()
    kept = []
    for i, ((x, y), s) in enumerate(zip(points, side, strict=True)):
        (x_next, y_next), s_next = points[i - len(points) + 1], side[i - len(points) + 1]
        if s >= 0:
            kept.append((x, y))
        if s * s_next < 0:  # a strict crossing: a vertex on the line is kept once
            share = s / (s - s_next)
            kept.append((x + share * (x_next - x), y + share * (y_next - y)))
    return np.array(kept, dtype=np.float64).reshape(-1, 2)


def class_region(W, b, k, bounds, margin=0.0):
    """Polygon where ``z_k(x) − z_j(x) ≥ margin`` for every ``j ≠ k``, inside ``bounds``.

    ``margin = 0``: the decision region of class ``k`` (ties belong to both neighbours).
    W: ``(2, K)``; b: ``(K,)``. Returns ``(m, 2)`` vertices, ``m = 0`` if empty.
    """
    W, b = _check_model(W, b)
    polygon = view_box(bounds)
    for j in range(W.shape[1]):
        if j != k:
            polygon = clip_half_plane(polygon, W[:, k] - W[:, j], b[k] - b[j] - margin)
    return polygon


def margin_for_probability(probability, n_classes):
    """The logit lead ``m`` with ``1 / (1 + (K − 1) e^{−m}) = probability``.

    Where class ``k`` leads every other logit by ``m``, its softmax probability is at least
    this (the other ``K − 1`` terms of the denominator are each at most ``e^{−m}``).
    """
    probability = _checks.positive(probability, "probability")
    if not probability < 1:
        raise ValueError(f"probability must lie in (0, 1), got {probability!r}")
    n_classes = _checks.integer(n_classes, "n_classes", minimum=2)
    return float(np.log((n_classes - 1) * probability / (1 - probability)))


def confidence_bands(W, b, bounds, probabilities):
    """Every class's region and its inner bands: a list of ``(k, level, polygon)``.

    ``level 0`` is the whole decision region; ``level i ≥ 1`` is where class ``k``'s
    probability is guaranteed ≥ ``probabilities[i − 1]`` (see ``margin_for_probability``).
    Empty polygons are left out.
    """
    W, b = _check_model(W, b)
    n_classes = W.shape[1]
    margins = [0.0] + [margin_for_probability(p, n_classes) for p in probabilities]
    bands = []
    for k in range(n_classes):
        for level, margin in enumerate(margins):
            polygon = class_region(W, b, k, bounds, margin)
            if len(polygon) >= 3:
                bands.append((k, level, polygon))
    return bands


def boundary_segments(W, b, bounds, tolerance=1e-9, decision_regions=None):
    """The boundaries between neighbouring regions inside the view: ``(s, 2, 2)`` segments.

    These are the edges of the decision polygons that do not lie on the view's border,
    each once (from the region of the smaller class index). ``(0, 2, 2)`` if there is only
    one region in view. ``decision_regions``: the ``K`` polygons ``class_region(W, b, k,
    bounds)`` if already computed (a live frame draws them anyway), so they are not
    clipped twice.
    """
    W, b = _check_model(W, b)
    x_min, x_max, y_min, y_max = _check_bounds(bounds)
    scale = tolerance * max(x_max - x_min, y_max - y_min)
    if decision_regions is None:
        decision_regions = [class_region(W, b, k, bounds) for k in range(W.shape[1])]
    segments = []
    for k, polygon in enumerate(decision_regions):
        for i in range(len(polygon) if len(polygon) >= 3 else 0):
            start, end = polygon[i], polygon[(i + 1) % len(polygon)]
            on_border = any(
                abs(start[axis] - edge) <= scale and abs(end[axis] - edge) <= scale
                for axis, edge in ((0, x_min), (0, x_max), (1, y_min), (1, y_max))
            )
            if on_border or np.max(np.abs(start - end)) <= scale:
                continue
            # On the edge z_k ties with its neighbour: the best logit among the others.
            logits = ((start + end) / 2) @ W + b
            logits[k] = -np.inf
            if k < np.argmax(logits):
                segments.append((start, end))
    return np.array(segments, dtype=np.float64).reshape(-1, 2, 2)


# Halvings of each ray: the boundary lands within 2⁻²⁴ (6e-8) of the view's diagonal,
# far below a pixel; each step costs one softmax over every ray.
BISECTION_STEPS = 24


def probability_contours(W, b, k, bounds, levels, n_rays=120, grid=40):
    """Polygons of ``{x in view : softmax(x W + b)_k ≥ t}`` for each ``t`` in ``levels``.

    Each set is convex (module docstring), so every ray from a point inside leaves it once:
    start from a point inside (below) and along
    ``n_rays`` directions (plus the four view corners, so a set that fills a corner keeps
    it) find by bisection how far ``p_k`` stays ≥ ``t``. The rays start from the mean of the
    lattice points in the set; a set holding no lattice point is reported empty (it is then
    smaller than a lattice cell).
    Returns a list of ``(m, 2)`` vertex arrays, one per level, in order.
    """
    W, b = _check_model(W, b)
    x_min, x_max, y_min, y_max = _check_bounds(bounds)
    view = (x_min, x_max, y_min, y_max)
    xs, ys = np.meshgrid(np.linspace(x_min, x_max, grid), np.linspace(y_min, y_max, grid))
    lattice = np.column_stack([xs.ravel(), ys.ravel()])
    lattice_p = _p_at(lattice, W, b, k)
    levels = np.asarray(levels, dtype=np.float64)
    # The mean of lattice points in a convex set lies in it, well inside when the set is
    # large, so the rays spread evenly over its boundary.
    centres = {}
    for index, level in enumerate(levels):
        above = lattice[lattice_p >= level]
        if len(above):
            centres[index] = above.mean(axis=0)
    contours = [np.empty((0, 2)) for _ in levels]
    if centres:
        traced = _trace(
            W, b, k, levels[list(centres)], np.array(list(centres.values())), view, n_rays
        )
        for index, polygon in zip(centres, traced, strict=True):
            contours[index] = polygon
    return contours


def _trace(W, b, k, levels, centres, bounds, n_rays):
    """Where ``n_rays`` rays (and the four corner rays) from each ``centres[i]`` leave
    ``p_k ≥ levels[i]``: one ``(n_rays + 4, 2)`` polygon per level. All levels bisect
    together, one softmax over every ray of every level per step (a frame of the live
    probability map: 9 levels, ``BISECTION_STEPS`` steps)."""
    directions, reach = [], []
    for centre in centres:
        corners = view_box(bounds) - centre
        angles = np.sort(
            np.concatenate(
                [np.linspace(0, 2 * np.pi, n_rays, endpoint=False), np.arctan2(*corners.T[::-1])]
            )
            % (2 * np.pi)
        )
        rays = np.column_stack([np.cos(angles), np.sin(angles)])
        directions.append(rays)
        reach.append(_distance_to_border(centre, rays, bounds))
    directions, reach = np.array(directions), np.array(reach)  # (L, R, 2), (L, R)
    levels = np.asarray(levels)[:, None]

    def inside_at(distance):
        points = centres[:, None, :] + distance[..., None] * directions
        return _p_at(points.reshape(-1, 2), W, b, k).reshape(distance.shape) >= levels

    inside, outside = np.zeros_like(reach), reach.copy()
    end_inside = inside_at(reach)
    inside[end_inside] = reach[end_inside]
    for _ in range(BISECTION_STEPS):
        middle = (inside + outside) / 2
        hit = inside_at(middle)
        inside = np.where(hit & ~end_inside, middle, inside)
        outside = np.where(hit | end_inside, outside, middle)
    return centres[:, None, :] + inside[..., None] * directions


def _p_at(points, W, b, k):
    """``softmax(points W + b)[:, k]`` for inputs already checked: the stable form (shift by
    the row maximum) without ``softmax``'s input checks, which cost more than the arithmetic
    in the bisection loop above."""
    logits = points @ W + b
    logits -= logits.max(axis=1, keepdims=True)
    exps = np.exp(logits)
    return exps[:, k] / exps.sum(axis=1)


def _distance_to_border(origin, directions, bounds):
    """How far each unit ``direction`` runs from ``origin`` (inside the box) to its border."""
    x_min, x_max, y_min, y_max = bounds
    with np.errstate(divide="ignore", invalid="ignore"):
        to_x = np.where(directions[:, 0] > 0, (x_max - origin[0]) / directions[:, 0], np.inf)
        to_x = np.where(directions[:, 0] < 0, (x_min - origin[0]) / directions[:, 0], to_x)
        to_y = np.where(directions[:, 1] > 0, (y_max - origin[1]) / directions[:, 1], np.inf)
        to_y = np.where(directions[:, 1] < 0, (y_min - origin[1]) / directions[:, 1], to_y)
    return np.minimum(to_x, to_y)


def _check_model(W, b):
    W = _checks.matrix(W, "W", n_rows=2)
    return W, _checks.vector(b, "b", length=W.shape[1])


def _check_bounds(bounds):
    x_min, x_max, y_min, y_max = (float(v) for v in _checks.finite_array(bounds, "bounds"))
    if not (x_min < x_max and y_min < y_max):
        raise ValueError(f"bounds must be (x_min, x_max, y_min, y_max) with min < max: {bounds}")
    return x_min, x_max, y_min, y_max
