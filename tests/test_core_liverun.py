"""core.liverun: chunks of epochs give exactly core.fit; divergence stops; details per point."""

import numpy as np
import pytest
from scipy.special import softmax as scipy_softmax

from core import fit, liverun, make_blobs, objective
from core.comparison import advance_comparison, compare_losses, comparison_results, start_comparison

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


def _advance(run, n_epochs, loss, learning_rate=0.3, l2=0.0):
    return liverun.advance(
        run,
        X,
        Y,
        EMPTY_X,
        EMPTY_Y,
        n_epochs=n_epochs,
        loss=loss,
        learning_rate=learning_rate,
        batch_size=None,
        l2=l2,
    )


def test_a_run_shows_every_epoch_in_the_loss_chosen_now():
    from core import cross_entropy, forward, mse

    run = liverun.start(X, Y, EMPTY_X, EMPTY_Y, 3, seed=0, loss="mse")
    assert run.history[0, 1] == pytest.approx((1 - 1 / 3) / 2)  # squared error at W = 0
    switched = liverun.with_loss(run, "cross_entropy")
    assert switched.history[0, 1] == pytest.approx(np.log(3))  # not the 0.3333 of before
    run = _advance(_advance(run, 3, "mse"), 2, "cross_entropy")
    assert run.loss == "cross_entropy"
    for loss, loss_fn in (("cross_entropy", cross_entropy), ("mse", mse)):
        shown = liverun.with_loss(run, loss).history
        expected = [loss_fn(forward(X, W, b), Y) for _, W, b in run.snapshots]
        np.testing.assert_allclose(shown[:, 1], expected, rtol=1e-12)
        assert np.all(np.isnan(shown[:, 2]))  # no test set


def test_a_diverged_run_resumes_from_its_last_good_epoch():
    run = _advance(
        liverun.start(X, Y, EMPTY_X, EMPTY_Y, 3, seed=0, loss="cross_entropy"),
        200,
        "cross_entropy",
        learning_rate=50,
        l2=0.1,
    )
    assert run.divergence is not None
    resumed = liverun.resume(run)
    assert resumed.divergence is None and resumed.epoch == run.epoch
    later = _advance(resumed, 2, "cross_entropy", learning_rate=0.1)
    assert later.epoch == run.epoch + 2 and later.divergence is None


def test_the_loss_comparison_uses_measures_both_losses_share():
    from core import fit

    K = 4
    X4, y4 = make_blobs(50, K, 1.0, 0)
    results = compare_losses(
        X4, y4, K, learning_rate=0.1, n_epochs=50, batch_size=None, l2=0.0, seed=0
    )
    # Independent: the starts in closed form at W = 0 (every probability 1/K), the gradient
    # at W = 0 by hand (cross-entropy: Xᵀ(P − Y)/n; squared error: the same divided by K,
    # since p ⊙ (e − e·p) = e / K when p = 1/K and e·p = 0), the ends from core.fit.
    Yk = np.eye(K)[y4]
    E = 1 / K - Yk
    grad_ce = np.sqrt(np.sum((X4.T @ E / len(y4)) ** 2) + np.sum(E.mean(axis=0) ** 2))
    starts = {"cross_entropy": np.log(K), "mse": (1 - 1 / K) / 2}
    start_gradients = {"cross_entropy": grad_ce, "mse": grad_ce / K}
    for loss in ("cross_entropy", "mse"):
        result, progress = results[loss]
        expected = fit(X4, y4, K, loss=loss, learning_rate=0.1, n_epochs=50, seed=0)
        np.testing.assert_array_equal(result.W, expected.W)
        assert progress.start == pytest.approx(starts[loss], rel=1e-12)
        assert progress.end == pytest.approx(expected.history[-1].loss, rel=1e-12)
        assert progress.left == pytest.approx(expected.history[-1].loss / starts[loss])
        np.testing.assert_allclose(
            progress.left_by_epoch[1:], [r.loss / starts[loss] for r in expected.history]
        )
        assert progress.left_by_epoch[0] == 1.0
        assert progress.accuracy == expected.history[-1].accuracy
        assert progress.start_gradient == pytest.approx(start_gradients[loss], rel=1e-10)
        # The end gradient by central differences of the objective.
        h, numeric = 1e-6, []
        for parameter in (result.W, result.b):
            for index in np.ndindex(parameter.shape):
                up, down = parameter.copy(), parameter.copy()
                up[index] += h
                down[index] -= h
                pair = [
                    (up, result.b) if parameter is result.W else (result.W, up),
                    (down, result.b) if parameter is result.W else (result.W, down),
                ]
                values = [objective(X4, y4, W, b, loss=loss) for W, b in pair]
                numeric.append((values[0] - values[1]) / (2 * h))
        assert progress.end_gradient == pytest.approx(np.linalg.norm(numeric), rel=1e-5)
    # The comparison that shows squared error learning more slowly, on a shared scale.
    assert results["mse"][1].left > results["cross_entropy"][1].left
    assert results["mse"][1].start_gradient < results["cross_entropy"][1].start_gradient


def test_a_bounded_advance_trains_fewer_epochs_and_the_same_ones():
    """``keep_going`` cuts the work short; the epochs trained are those of an unbounded run."""
    X, y = make_blobs(60, 3, 1.0, 0)
    settings = {"loss": "cross_entropy", "learning_rate": 0.3, "batch_size": 16, "l2": 0.0}
    run = liverun.start(X, y, X[:0], y[:0], 3, seed=1, loss="cross_entropy")
    calls = []

    def twice() -> bool:
        calls.append(1)
        return len(calls) < 3

    bounded = liverun.advance(run, X, y, X[:0], y[:0], n_epochs=10, keep_going=twice, **settings)
    assert bounded.epoch == 3 and len(calls) == 3
    rest = liverun.advance(bounded, X, y, X[:0], y[:0], n_epochs=7, **settings)
    whole = liverun.advance(run, X, y, X[:0], y[:0], n_epochs=10, **settings)
    np.testing.assert_array_equal(rest.W, whole.W)
    np.testing.assert_array_equal(rest.history, whole.history)
    never = liverun.advance(
        run, X, y, X[:0], y[:0], n_epochs=5, keep_going=lambda: False, **settings
    )
    assert never.epoch == 1  # at least one epoch, whatever the bound


def test_the_loss_comparison_in_bounded_steps_is_the_comparison_at_once():
    X, y = make_blobs(40, 3, 1.0, 2)
    settings = {"learning_rate": 0.5, "batch_size": 8, "l2": 0.01}
    whole = compare_losses(X, y, 3, n_epochs=12, seed=3, **settings)
    comparison = start_comparison(X, y, 3, n_epochs=12, seed=3)
    steps = 0
    while not comparison.done:
        two_epochs = iter([True, False]).__next__  # two epochs a step
        comparison = advance_comparison(comparison, X, y, keep_going=two_epochs, **settings)
        steps += 1
    assert steps == 6 and comparison.epoch == 12
    stepped = comparison_results(comparison, X, y, l2=settings["l2"])
    for loss in liverun.LOSS_NAMES:
        np.testing.assert_array_equal(stepped[loss][0].W, whole[loss][0].W)
        assert stepped[loss][0].history == whole[loss][0].history
        assert stepped[loss][1].left == whole[loss][1].left


@pytest.mark.parametrize("batch_size", [None, 7])
def test_a_rewound_run_is_the_run_trained_to_that_epoch(batch_size):
    """Pause keeps the frame on screen, a few epochs behind the server's run (issue #13)."""
    settings = {"loss": "cross_entropy", "learning_rate": 0.3, "batch_size": batch_size, "l2": 0.0}
    run = liverun.start(X, Y, EMPTY_X, EMPTY_Y, 3, seed=4, loss="cross_entropy")
    marks = []
    for _ in range(8):
        run = liverun.advance(run, X, Y, EMPTY_X, EMPTY_Y, n_epochs=2, **settings)
        marks.append(liverun.mark(run))
    back = liverun.rewind(run, marks[2])  # epoch 6 of 16
    direct = liverun.start(X, Y, EMPTY_X, EMPTY_Y, 3, seed=4, loss="cross_entropy")
    direct = liverun.advance(direct, X, Y, EMPTY_X, EMPTY_Y, n_epochs=6, **settings)
    assert back.epoch == direct.epoch == 6
    np.testing.assert_array_equal(back.history, direct.history)
    np.testing.assert_array_equal(back.losses, direct.losses)
    assert [shot[0] for shot in back.snapshots] == [shot[0] for shot in direct.snapshots]
    again = liverun.advance(back, X, Y, EMPTY_X, EMPTY_Y, n_epochs=10, **settings)
    np.testing.assert_array_equal(again.W, run.W)  # the same epochs, trained again
    np.testing.assert_array_equal(again.history, run.history)
    assert liverun.rewind(run, liverun.mark(run)) is run


@pytest.mark.parametrize("loss", ["cross_entropy", "mse"])
def test_the_gradient_at_a_run_comes_from_its_measured_probabilities_and_is_exact(loss):
    """What the training page shows beside the picture (∇W, ∇b at the run's W, b) without a
    second pass over the data: the same numbers as core.gradients, and as finite
    differences of the objective; after a rewind (no probabilities kept) still right."""
    from core import gradients

    settings = {"loss": loss, "learning_rate": 0.3, "l2": 0.01}
    run = liverun.start(X, Y, EMPTY_X, EMPTY_Y, 3, seed=4, loss=loss)
    marked = liverun.mark(run)
    run = liverun.advance(run, X, Y, EMPTY_X, EMPTY_Y, n_epochs=4, batch_size=7, **settings)
    assert run.probabilities is not None
    np.testing.assert_allclose(run.probabilities, scipy_softmax(X @ run.W + run.b, axis=1))
    grad_W, grad_b = liverun.gradients_at(run, X, Y, loss=loss, l2=0.01)
    expected_W, expected_b = gradients(X, Y, run.W, run.b, loss=loss, l2=0.01)
    np.testing.assert_array_equal(grad_W, expected_W)
    np.testing.assert_array_equal(grad_b, expected_b)
    step = 1e-6
    for i, j in ((0, 0), (1, 2)):
        plus, minus = run.W.copy(), run.W.copy()
        plus[i, j] += step
        minus[i, j] -= step
        difference = objective(X, Y, plus, run.b, loss=loss, l2=0.01) - objective(
            X, Y, minus, run.b, loss=loss, l2=0.01
        )
        assert grad_W[i, j] == pytest.approx(difference / (2 * step), abs=1e-7)
    back = liverun.rewind(run, marked)
    assert back.probabilities is None
    np.testing.assert_array_equal(
        liverun.gradients_at(back, X, Y, loss=loss, l2=0.01)[0],
        gradients(X, Y, back.W, back.b, loss=loss, l2=0.01)[0],
    )
