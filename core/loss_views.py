"""The numbers behind the loss lesson: cross-entropy against squared error on one prediction.

Conventions: a prediction ``ŷ (..., K)`` is a probability vector on its last axis; the true
class is an index ``true`` in ``0 .. K−1`` (pages show people ``true + 1``); ``y`` is its
one-hot vector. Squared error is the course's ``½‖ŷ − y‖²`` on probabilities, cross-entropy
is ``−log ŷ_true``. Natural logarithms. Everything is for one sample (no mean over rows).
"""

import numpy as np

from core import _checks
from core.losses import cross_entropy_dist, cross_entropy_grad, mse_grad

# How the probability that the true class does not get is shared among the wrong classes.
SPREADS = ("even", "one")

# A vector whose entries are this close to summing to 1 counts as a distribution (the same
# tolerance as core.losses), so typed values such as 0.1 + 0.2 + 0.7 are accepted.
SUM_TOLERANCE = 1e-6

# Height of the equilateral probability triangle with side 1.
TRIANGLE_HEIGHT = np.sqrt(3) / 2


def probability_problem(values):
    """What stops ``values`` from being a probability vector: ``None`` if nothing does.

    Returns ``"negative"`` if an entry is below 0, ``"sum"`` if the entries do not add up to
    1 (within ``SUM_TOLERANCE``). values: ``(K,)`` finite numbers.
    """
    values = _checks.logits(values, "values")
    if np.any(values < 0):
        return "negative"
    if abs(values.sum() - 1) > SUM_TOLERANCE:
        return "sum"
    return None


def rescaled(values):
    """``values`` made into a probability vector: negative entries set to 0, then ``/ sum``.

    values: ``(K,)``. Raises ``ValueError`` when nothing positive is left to rescale.
    """
    kept = np.maximum(_checks.logits(values, "values"), 0.0)
    if kept.sum() <= 0:
        raise ValueError("values need at least one positive entry to be rescaled")
    return kept / kept.sum()


def rounded_probabilities(values, decimals):
    """A probability vector rounded to ``decimals`` places that still sums to 1.

    Rounding each entry alone can break the sum (``⅓ → 0.3333`` three times is 0.9999); the
    difference is added to the largest entry, which changes it the least in relative terms.
    values: ``(K,)`` a probability vector. Returns: ``(K,)``.
    """
    values = _checks.logits(values, "values")
    rounded = np.round(values, decimals)
    largest = np.argmax(rounded)
    rounded[largest] = np.round(1 - (rounded.sum() - rounded[largest]), decimals)
    return rounded


def _true_index(true, n_classes):
    return int(_checks.labels(np.array([true]), n_classes=n_classes)[0])


def prediction_cross_entropy(P, true):
    """Cross-entropy of predictions against a one-hot label: ``−log P[..., true]``.

    P: ``(..., K)`` probability vectors. Returns: shape ``P.shape[:-1]``. It is ``H(y, P)``
    with ``y = one_hot(true)``, computed by ``cross_entropy_dist``, so a 0 on a wrong class
    costs nothing and a 0 on the true class costs ``+inf`` (no error, no NaN).
    """
    P = np.asarray(P, dtype=np.float64)
    true = _true_index(true, P.shape[-1])
    return cross_entropy_dist(np.broadcast_to(np.eye(P.shape[-1])[true], P.shape), P)


def squared_error(P, true):
    """The course's squared loss on probabilities: ``½‖P − one_hot(true)‖²`` on the last axis.

    P: ``(..., K)``. Returns: shape ``P.shape[:-1]``, between 0 and 1. Unlike cross-entropy it
    depends on how the wrong classes share their probability, not only on ``P[..., true]``.
    """
    P = _checks.finite_array(P, "P")
    true = _true_index(true, P.shape[-1])
    return 0.5 * np.sum((P - np.eye(P.shape[-1])[true]) ** 2, axis=-1)


def wrong_class_shares(n_classes, spread):
    """How the ``K − 1`` wrong classes share the mass the true class leaves: sums to 1.

    spread ``"even"``: ``1/(K−1)`` each; ``"one"``: all of it on the first wrong class.
    Returns: ``(K−1,)``.
    """
    n_classes = _checks.integer(n_classes, "n_classes", minimum=2)
    if spread not in SPREADS:
        raise ValueError(f"spread must be one of {SPREADS}, got {spread!r}")
    if spread == "even":
        return np.full(n_classes - 1, 1 / (n_classes - 1))
    return np.eye(n_classes - 1)[0]


def predictions_with_true_probability(p, shares, true=0):
    """Predictions giving the true class probability ``p`` and the rest ``(1 − p) · shares``.

    p: ``(m,)`` in ``[0, 1]``; shares: ``(K−1,)`` summing to 1, in class order with the true
    class left out. Returns: ``(m, K)``, each row a probability vector.
    """
    p = _checks.finite_array(p, "p")
    shares = _checks.logits(shares, "shares")
    if np.any((p < 0) | (p > 1)):
        raise ValueError("p must lie between 0 and 1")
    if probability_problem(shares) is not None:
        raise ValueError("shares must be ≥ 0 and sum to 1")
    true = _true_index(true, shares.size + 1)
    rest = (1 - p)[:, None] * shares
    return np.insert(rest, true, p, axis=1)


def loss_curves(p, n_classes, spread):
    """Both losses as functions of the true class's probability ``p``.

    Cross-entropy ``−log p`` does not depend on ``spread``; squared error is
    ``½[(1 − p)² + (1 − p)² Σ s_k²]`` for the shares ``s`` of ``wrong_class_shares``:
    ``(1 − p)²`` with all on one wrong class, ``½(1 − p)² K/(K−1)`` spread evenly.
    p: ``(m,)``. Returns: ``(cross_entropy, squared_error)``, each ``(m,)``.
    """
    P = predictions_with_true_probability(p, wrong_class_shares(n_classes, spread))
    return prediction_cross_entropy(P, 0), squared_error(P, 0)


def logit_gradients(Z, true):
    """Gradients of both losses with respect to the logits, one row of ``Z`` per prediction.

    Cross-entropy: ``softmax(z) − y``. Squared error: ``∂½‖softmax(z) − y‖²/∂z``, exact
    through the softmax Jacobian (``core.mse_grad``). Z: ``(m, K)`` or ``(K,)``.
    Returns: ``(cross_entropy_grad, squared_error_grad)``, each of ``Z``'s shape. The core
    functions average over rows; multiplying by ``m`` gives each row's own gradient.
    """
    Z = _checks.logits(Z, "Z")
    rows = np.atleast_2d(Z)
    y = np.full(rows.shape[0], _true_index(true, rows.shape[1]))
    ce = cross_entropy_grad(rows, y) * rows.shape[0]
    se = mse_grad(rows, y) * rows.shape[0]
    return ce.reshape(Z.shape), se.reshape(Z.shape)


def softmax_backward(P, upstream):
    """The chain rule through softmax: ``∂l/∂z = (∂p/∂z)ᵀ g = P ⊙ (g − g·P)`` on the last axis.

    ``∂p/∂z = diag(p) − p pᵀ`` is symmetric, so this is that Jacobian times ``g = ∂l/∂p``.
    Written from the probabilities rather than the logits so that predictions with exact
    zeros (all the wrong mass on one class) have a gradient too.
    P: ``(..., K)`` probabilities; upstream: ``(..., K)``. Returns: ``(..., K)``.
    """
    P = _checks.finite_array(P, "P")
    upstream = _checks.finite_array(upstream, "upstream")
    return P * (upstream - np.sum(upstream * P, axis=-1, keepdims=True))


def gradient_curves(p, n_classes, spread):
    """``‖∂l/∂o‖`` of both losses against the true class's probability ``p``.

    The prediction is ``predictions_with_true_probability(p, wrong_class_shares(K, spread))``.
    Cross-entropy's gradient ``ŷ − y`` has norm ``(1 − p)√(1 + Σ s_k²)``: largest as
    ``p → 0``. Squared error's, ``softmax_backward(ŷ, ŷ − y)``, falls to 0 as ``p → 0``
    for either spread (all on one wrong class: ``2√2 p(1 − p)²``): a confidently wrong model
    barely moves, the saturation that makes training with squared error stall.
    p: ``(m,)`` in ``[0, 1]``. Returns: ``(cross_entropy_norm, squared_error_norm)``, ``(m,)``.
    """
    P = predictions_with_true_probability(p, wrong_class_shares(n_classes, spread))
    error = P - np.eye(n_classes)[0]
    return np.linalg.norm(error, axis=-1), np.linalg.norm(softmax_backward(P, error), axis=-1)


def simplex_to_xy(P):
    """Points of the probability triangle in the plane: class 1 at (0, 0), class 2 at (1, 0),
    class 3 at (½, √3/2). P: ``(..., 3)``. Returns: ``(..., 2)``, ``x = p₂ + p₃/2``,
    ``y = p₃ √3/2``.
    """
    P = _checks.finite_array(P, "P")
    return np.stack([P[..., 1] + P[..., 2] / 2, P[..., 2] * TRIANGLE_HEIGHT], axis=-1)


def xy_to_simplex(xy):
    """The inverse of ``simplex_to_xy``: ``p₃ = y/(√3/2)``, ``p₂ = x − p₃/2``, ``p₁ = 1 − p₂ − p₃``.

    xy: ``(..., 2)``. Returns: ``(..., 3)``; a point outside the triangle has a negative entry.
    """
    xy = _checks.finite_array(xy, "xy")
    p3 = xy[..., 1] / TRIANGLE_HEIGHT
    p2 = xy[..., 0] - p3 / 2
    return np.stack([1 - p2 - p3, p2, p3], axis=-1)


def simplex_grid(cells_across):
    """Square cells tiling the probability triangle, for heatmaps.

    The plane's bounding box of the triangle is cut into ``cells_across`` columns of square
    cells; a cell is kept when its centre lies inside the triangle. Returns
    ``(P, corners)``: ``P (m, 3)`` the prediction at each kept centre, and ``corners (m, 4)``
    the cell's ``x, x2, y, y2`` in the plane.
    """
    n = _checks.integer(cells_across, "cells_across", minimum=2)
    size = 1 / n
    xs = (np.arange(n) + 0.5) * size
    ys = (np.arange(int(np.ceil(TRIANGLE_HEIGHT / size))) + 0.5) * size
    X, Y = np.meshgrid(xs, ys)
    centres = np.stack([X.ravel(), Y.ravel()], axis=1)
    P = xy_to_simplex(centres)
    inside = np.all(P >= 0, axis=1)
    P, centres = P[inside], centres[inside]
    half = size / 2
    corners = np.column_stack(
        [centres[:, 0] - half, centres[:, 0] + half, centres[:, 1] - half, centres[:, 1] + half]
    )
    return P, corners
