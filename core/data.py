"""Toy data: Gaussian blobs in the plane, one per class.

Randomness comes only from the ``seed`` argument, so the same arguments always give the
same points and a page (or a shared link) can regenerate a data set from its settings.
"""

import numpy as np

from core import _checks

CENTRE_RADIUS = 3.0


def make_blobs(n_per_class, n_classes, spread, seed):
    """``n_classes`` round Gaussian clusters in 2-D, centres evenly spaced on a circle.

    Centre ``k`` is ``3 · (cos 2πk/K, sin 2πk/K)`` (radius ``CENTRE_RADIUS``); each point is
    its centre plus ``spread · N(0, I)``. Small spreads give separable classes, large ones
    overlap. Rows are ordered by class: ``n_per_class`` of class 0, then class 1, …

    n_per_class: int ≥ 1. n_classes: int ≥ 2. spread: standard deviation ≥ 0.
    seed: int ≥ 0, fed to ``np.random.default_rng``.
    Returns: ``X (n, 2)`` float64 and ``y (n,)`` int64, with ``n = n_per_class · n_classes``.
    """
    n_per_class = _checks.integer(n_per_class, "n_per_class", minimum=1)
    n_classes = _checks.integer(n_classes, "n_classes", minimum=2)
    spread = _checks.non_negative(spread, "spread")
    rng = np.random.default_rng(_checks.integer(seed, "seed", minimum=0))
    angles = 2 * np.pi * np.arange(n_classes) / n_classes
    centres = CENTRE_RADIUS * np.column_stack([np.cos(angles), np.sin(angles)])
    y = np.repeat(np.arange(n_classes), n_per_class)
    X = centres[y] + spread * rng.standard_normal((len(y), 2))
    return X, y
