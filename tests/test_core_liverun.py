"""core.liverun: chunks of epochs give exactly core.fit; divergence stops; details per point."""

import numpy as np
import pytest
from scipy.special import softmax as scipy_softmax

from core import fit, liverun, make_blobs

X, Y = make_blobs(40, 3, 1.2, 5)
EMPTY_X, EMPTY_Y = X[:0], Y[:0]


@pytest.mark.parametrize("batch_size", [None, 7])
@pytest.mark.parametrize("loss", ["cross_entropy", "mse"])
def test_advancing_in_chunks_equals_fit(batch_size, loss):
    run = liverun.start(X, Y, EMPTY_X, EMPTY_Y, 3, seed=4, loss=loss)
    for chunk in (1, 3, 2, 4):
        run = liverun.advance(
            run,
            X,
            Y,
            EMPTY_X,
            EMPTY_Y,
            n_epochs=chunk,
            loss=loss,
            learning_rate=0.3,
            batch_size=batch_size,
            l2=0.01,
        )
    expected = fit(
        X, Y, 3, loss=loss, learning_rate=0.3, n_epochs=10, batch_size=batch_size, l2=0.01, seed=4
    )
    np.testing.assert_array_equal(run.W, expected.W)
    np.testing.assert_array_equal(run.b, expected.b)
    np.testing.assert_allclose(run.history[1:, 1], [r.loss for r in expected.history])
    np.testing.assert_allclose(run.history[1:, 3], [r.accuracy for r in expected.history])
    assert [epoch for epoch, _, _ in run.snapshots] == list(range(11))


def test_divergence_keeps_the_last_good_epoch():
    run = liverun.start(X, Y, EMPTY_X, EMPTY_Y, 3, seed=0, loss="cross_entropy")
    run = liverun.advance(
        run,
        X,
        Y,
        EMPTY_X,
        EMPTY_Y,
        n_epochs=200,
        loss="cross_entropy",
        learning_rate=50,
        batch_size=None,
        l2=0.1,
    )
    assert run.divergence is not None
    assert run.epoch == run.divergence.epoch - 1 == run.history[-1, 0]
    assert run.divergence.what in ("loss", "weights", "overflow")
    assert np.all(np.isfinite(run.W))
    assert (
        liverun.advance(
            run,
            X,
            Y,
            EMPTY_X,
            EMPTY_Y,
            n_epochs=1,
            loss="cross_entropy",
            learning_rate=0.1,
            batch_size=None,
            l2=0,
        )
        is run
    )


def test_a_long_run_is_thinned_evenly():
    rows = np.arange(liverun.MAX_HISTORY + 2)[:, None] * np.ones((1, 5))
    thinned = liverun._thin(rows, liverun.MAX_HISTORY)
    assert thinned[0, 0] == 0 and thinned[-1, 0] == rows[-1, 0]
    assert len(thinned) <= liverun.MAX_HISTORY // 2 + 2


def test_point_details_match_a_hand_computation():
    W = np.array([[1.0, -0.5, 0.2], [0.3, 0.8, -1.0]])
    b = np.array([0.1, 0.0, -0.2])
    x = np.array([0.7, -1.2])
    z, p, loss, share_W, share_b = liverun.point_details(
        x, 2, W, b, n_samples=10, loss="cross_entropy"
    )
    expected_p = scipy_softmax(x @ W + b)
    np.testing.assert_allclose(z, x @ W + b)
    np.testing.assert_allclose(p, expected_p)
    assert loss == pytest.approx(-np.log(expected_p[2]))
    g = expected_p - np.eye(3)[2]
    np.testing.assert_allclose(share_W, np.outer(x, g) / 10)
    np.testing.assert_allclose(share_b, g / 10)


def test_measure_equals_objective_and_accuracy_on_each_set():
    from core import accuracy, objective

    X, y = make_blobs(40, 3, 1.0, 2)
    W, b = np.random.default_rng(1).normal(size=(2, 3)), np.array([0.1, -0.2, 0.3])
    row = liverun.measure(X[:90], y[:90], X[90:], y[90:], W, b, epoch=4, loss="mse")
    expected = [
        4,
        objective(X[:90], y[:90], W, b, loss="mse"),
        objective(X[90:], y[90:], W, b, loss="mse"),
        accuracy(X[:90], y[:90], W, b),
        accuracy(X[90:], y[90:], W, b),
    ]
    np.testing.assert_allclose(row, expected, rtol=1e-12)
