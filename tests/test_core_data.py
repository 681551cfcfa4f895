"""make_blobs: shapes, order, determinism, geometry, validation."""

import numpy as np
import pytest

from core import CENTRE_RADIUS, make_blobs

pytestmark = pytest.mark.filterwarnings("error")


def test_shapes_types_and_class_order():
    X, y = make_blobs(4, 3, 1.0, seed=0)
    assert X.shape == (12, 2) and X.dtype == np.float64
    assert y.dtype.kind == "i"
    np.testing.assert_array_equal(y, [0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2])


def test_same_seed_same_points_other_seed_other_points():
    first, again, other = (make_blobs(20, 4, 0.7, seed) for seed in (5, 5, 6))
    np.testing.assert_array_equal(first[0], again[0])
    assert not np.allclose(first[0], other[0])


def test_zero_spread_puts_every_point_on_its_centre_on_the_circle():
    X, _ = make_blobs(3, 5, 0.0, seed=0)
    np.testing.assert_allclose(np.hypot(X[:, 0], X[:, 1]), CENTRE_RADIUS)
    angles = np.arctan2(X[::3, 1], X[::3, 0]) % (2 * np.pi)
    np.testing.assert_allclose(angles, 2 * np.pi * np.arange(5) / 5, atol=1e-12)


def test_spread_is_the_standard_deviation_around_each_centre():
    X, y = make_blobs(4000, 3, 0.5, seed=1)
    centres, _ = make_blobs(1, 3, 0.0, seed=1)
    for k in range(3):
        cluster = X[y == k]
        np.testing.assert_allclose(cluster.mean(axis=0), centres[k], atol=0.05)
        np.testing.assert_allclose(cluster.std(axis=0), 0.5, rtol=0.05)


@pytest.mark.parametrize(
    "args",
    [
        (0, 3, 1.0, 0),
        (10, 1, 1.0, 0),
        (10, 3, -0.1, 0),
        (10, 3, np.nan, 0),
        (10, 3, 1.0, -1),
        (2.5, 3, 1.0, 0),
        (10, 3.0, 1.0, 0),
        (10, 3, 1.0, 1.5),
    ],
)
def test_bad_arguments_are_refused(args):
    with pytest.raises(ValueError):
        make_blobs(*args)
