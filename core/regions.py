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

import itertools

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
    Empty polygons are left out. The probabilities are increasing.

    Each band is the one before it cut by the same ``K − 1`` lines, moved inwards (a live
    frame draws all of them, issue #13): clipping the smaller polygon, in Python floats,
    cost a third of clipping the view each time.
    """
    W, b = _check_model(W, b)
    n_classes = W.shape[1]
    margins = [0.0] + [margin_for_probability(p, n_classes) for p in probabilities]
    if any(later < earlier for earlier, later in itertools.pairwise(margins)):
        raise ValueError(f"probabilities must increase, got {list(probabilities)!r}")
    box = view_box(bounds).tolist()
    W_rows, b_list = W.tolist(), b.tolist()
    bands = []
    for k in range(n_classes):
        cuts = [
            (W_rows[0][k] - W_rows[0][j], W_rows[1][k] - W_rows[1][j], b_list[k] - b_list[j])
            for j in range(n_classes)
            if j != k
        ]
        polygon = box
        for level, margin in enumerate(margins):
            for nx, ny, offset in cuts:
                polygon = _clip(polygon, nx, ny, offset - margin)
                if len(polygon) < 3:
                    break
            if len(polygon) < 3:
                break
            bands.append((k, level, np.array(polygon, dtype=np.float64)))
    return bands


def _clip(points, nx, ny, offset):
    """``clip_half_plane`` on a list of ``(x, y)`` with the normal's parts as floats."""
    side = [nx * x + ny * y + offset for x, y in points]
    if min(side) >= 0:
        return points
    kept = []
    count = len(points)
    for i in range(count):
        (x, y), s = points[i], side[i]
        (x_next, y_next), s_next = points[(i + 1) % count], side[(i + 1) % count]
        if s >= 0:
            kept.append((x, y))
        if s * s_next < 0:
            share = s / (s - s_next)
            kept.append((x + share * (x_next - x), y + share * (y_next - y)))
    return kept


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
    # Python floats: a frame has a few dozen edges, and numpy's per-call overhead on
    # 2-vectors cost more than the arithmetic (a live frame runs this, issue #7).
    W_rows, b_list = W.tolist(), b.tolist()
    segments = []
    for k, polygon in enumerate(decision_regions):
        vertices = np.asarray(polygon).tolist() if len(polygon) >= 3 else []
        for i, (sx, sy) in enumerate(vertices):
            ex, ey = vertices[(i + 1) % len(vertices)]
            on_border = (
                (abs(sx - x_min) <= scale and abs(ex - x_min) <= scale)
                or (abs(sx - x_max) <= scale and abs(ex - x_max) <= scale)
                or (abs(sy - y_min) <= scale and abs(ey - y_min) <= scale)
                or (abs(sy - y_max) <= scale and abs(ey - y_max) <= scale)
            )
            if on_border or max(abs(sx - ex), abs(sy - ey)) <= scale:
                continue
            # On the edge z_k ties with its neighbour: the best logit among the others
            # (the first of equals, as argmax).
            mx, my = (sx + ex) / 2, (sy + ey) / 2
            logits = [
                mx * w0 + my * w1 + bias
                for w0, w1, bias in zip(W_rows[0], W_rows[1], b_list, strict=True)
            ]
            neighbour = max((j for j in range(len(logits)) if j != k), key=logits.__getitem__)
            if k < neighbour:
                segments.append(((sx, sy), (ex, ey)))
    return np.array(segments, dtype=np.float64).reshape(-1, 2, 2)


# Newton steps along each ray: from the border inwards, each lands on the curve or still
# outside it (below), so a few steps reach it to rounding; ``NEWTON_TOLERANCE`` of the
# view's diagonal (a millionth of a pixel) ends them early.
NEWTON_STEPS = 30
NEWTON_TOLERANCE = 1e-12


def probability_contours(W, b, k, bounds, levels, n_rays=120, grid=40):
    """Polygons of ``{x in view : softmax(x W + b)_k ≥ t}`` for each ``t`` in ``levels``.

    Each set is convex (module docstring), so every ray from a point inside leaves it once:
    start from a point inside (below) and along ``n_rays`` directions (plus the four view
    corners, so a set that fills a corner keeps it) find where ``p_k`` falls to ``t``. The
    rays start from the mean of the lattice points in the set; a set holding no lattice
    point is reported empty (it is then smaller than a lattice cell).
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
    above = lattice_p[None, :] >= levels[:, None]  # (L, lattice points)
    counts = above.sum(axis=1)
    found = np.flatnonzero(counts)
    contours = [np.empty((0, 2)) for _ in levels]
    if len(found):
        centres = (above[found] @ lattice) / counts[found, None]
        traced = _trace(W, b, k, levels[found], centres, view, n_rays)
        for index, polygon in zip(found, traced, strict=True):
            contours[index] = polygon
    return contours


def _trace(W, b, k, levels, centres, bounds, n_rays):
    """Where ``n_rays`` rays (and the four corner rays) from each ``centres[i]`` leave
    ``p_k ≥ levels[i]``: one ``(n_rays + 4, 2)`` polygon per level, all levels at once.

    Along a ray ``x = c + t d`` the logits are affine in ``t``, ``z_j = u_j + t v_j``, and
    ``p_k ≥ level`` is ``F(t) = log Σ_j exp((u_j − u_k) + t (v_j − v_k)) ≤ −log level``
    with ``F`` convex (a log-sum-exp of affine functions) and ``F(0)`` below the line (the
    centre is inside). If the ray's end on the view's border is inside, that is the
    vertex; otherwise Newton's method from the border: on a convex ``F`` above the line
    every step lands between the crossing and where it was, so the steps close in on the
    crossing from outside, quadratically near it (a handful of steps; the bisection this
    replaced took 24 softmaxes over every ray, issue #7).
    """
    corners = view_box(bounds)[None, :, :] - centres[:, None, :]  # (L, 4, 2)
    angles = np.concatenate(
        [
            np.broadcast_to(
                np.linspace(0, 2 * np.pi, n_rays, endpoint=False), (len(centres), n_rays)
            ),
            np.arctan2(corners[..., 1], corners[..., 0]) % (2 * np.pi),
        ],
        axis=1,
    )
    angles.sort(axis=1)
    directions = np.stack([np.cos(angles), np.sin(angles)], axis=-1)  # (L, R, 2)
    reach = _distance_to_border(centres[:, None, :], directions, bounds)  # (L, R)
    # Logits relative to class k along each ray, class first (numpy reduces fastest over
    # the first axis): u (K, L, 1) at the centres, v (K, L, R) per unit of distance.
    u = centres @ W + b
    u = (u - u[:, k : k + 1]).T[:, :, None]
    v = np.moveaxis(directions @ W, -1, 0)
    v = v - v[k]
    line = -np.log(np.asarray(levels, dtype=np.float64))[:, None]  # (L, 1)

    def height_and_slope(t):
        z = u + t * v
        top = z.max(axis=0)
        e = np.exp(z - top)
        total = e.sum(axis=0)
        return top + np.log(total) - line, (e * v).sum(axis=0) / total

    t = reach.copy()
    height, slope = height_and_slope(t)
    moving = height > 0  # rays whose border end is outside the set
    scale = NEWTON_TOLERANCE * float(np.hypot(bounds[1] - bounds[0], bounds[3] - bounds[2]))
    for _ in range(NEWTON_STEPS):
        if not moving.any():
            break
        # On a convex F above the line, the slope is positive (F rose from F(0) ≤ line).
        step = np.where(moving, height / np.where(moving, slope, 1.0), 0.0)
        t = np.clip(t - step, 0.0, reach)
        height, slope = height_and_slope(t)
        moving &= (height > 0) & (step > scale)
    return centres[:, None, :] + t[..., None] * directions


def _p_at(points, W, b, k):
    """``softmax(points W + b)[:, k]`` for inputs already checked: the stable form (shift by
    the row maximum) without ``softmax``'s input checks, which cost more than the arithmetic
    on the lattice of ``probability_contours``, computed every frame of a live map."""
    logits = points @ W + b
    logits -= logits.max(axis=1, keepdims=True)
    exps = np.exp(logits)
    return exps[:, k] / exps.sum(axis=1)


def _distance_to_border(origins, directions, bounds):
    """How far each unit direction ``(..., 2)`` runs from its origin ``(..., 2)`` (inside
    the box) to the box's border."""
    x_min, x_max, y_min, y_max = bounds
    dx, dy = directions[..., 0], directions[..., 1]
    ox, oy = origins[..., 0], origins[..., 1]
    with np.errstate(divide="ignore", invalid="ignore"):
        to_x = np.where(dx > 0, (x_max - ox) / dx, np.where(dx < 0, (x_min - ox) / dx, np.inf))
        to_y = np.where(dy > 0, (y_max - oy) / dy, np.where(dy < 0, (y_min - oy) / dy, np.inf))
    return np.minimum(to_x, to_y)


def _check_model(W, b):
    W = _checks.matrix(W, "W", n_rows=2)
    return W, _checks.vector(b, "b", length=W.shape[1])


def _check_bounds(bounds):
    x_min, x_max, y_min, y_max = (float(v) for v in _checks.finite_array(bounds, "bounds"))
    if not (x_min < x_max and y_min < y_max):
        raise ValueError(f"bounds must be (x_min, x_max, y_min, y_max) with min < max: {bounds}")
    return x_min, x_max, y_min, y_max
