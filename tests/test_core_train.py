"""Training: fit against scikit-learn's optimum, the step-by-step API, history, validation."""

import itertools
import math

import numpy as np
import pytest
from sklearn.linear_model import LogisticRegression

from core import (
    LOSSES,
    accuracy,
    evaluate,
    fit,
    forward,
    gradients,
    make_blobs,
    predict,
    run_epoch,
    softmax,
    step,
)

pytestmark = pytest.mark.filterwarnings("error")


@pytest.fixture(scope="module")
def blobs():
    return make_blobs(30, 3, 1.0, seed=0)


# --- against scikit-learn -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("spread", "l2", "n_epochs"),
    [(2.0, 0.05, 600), (0.5, 0.01, 2000)],
    ids=["overlapping", "well-separated"],
)
def test_fit_reaches_scikit_learns_optimum(spread, l2, n_epochs):
    # sklearn minimises C Σ_i loss_i + ½‖W‖² (intercept unpenalised); ours is
    # (1/n) Σ_i loss_i + (l2/2)‖W‖²: the same minimiser when C = 1 / (n · l2).
    # lbfgs fits the multinomial (over-complete softmax) model, like ours; coef_ is W.T.
    X, y = make_blobs(60, 3, spread, seed=1)
    n = len(y)
    reference = LogisticRegression(C=1 / (n * l2), tol=1e-12, max_iter=10_000).fit(X, y)
    result = fit(X, y, 3, learning_rate=0.5, n_epochs=n_epochs, l2=l2)
    np.testing.assert_allclose(result.W, reference.coef_.T, atol=1e-4)
    np.testing.assert_allclose(
        softmax(forward(X, result.W, result.b)), reference.predict_proba(X), atol=1e-4
    )
    # The intercept is unique only up to a constant: compare with the mean removed.
    intercept = reference.intercept_ - reference.intercept_.mean()
    np.testing.assert_allclose(result.b - result.b.mean(), intercept, atol=1e-3)


# --- history --------------------------------------------------------------------------------


def test_history_has_one_record_per_epoch_measured_after_it(blobs):
    X, y = blobs
    result = fit(X, y, 3, learning_rate=0.3, n_epochs=5, l2=0.1)
    assert [record.epoch for record in result.history] == [1, 2, 3, 4, 5]
    last = result.history[-1]
    assert last == evaluate(X, y, result.W, result.b, epoch=5, l2=0.1)
    assert math.isclose(last.objective, last.loss + 0.05 * np.sum(result.W**2))
    assert last.accuracy == accuracy(X, y, result.W, result.b)


def test_training_starts_from_zero_weights(blobs):
    X, y = blobs
    zeros_W, zeros_b = np.zeros((2, 3)), np.zeros(3)
    untrained = fit(X, y, 3, learning_rate=0.3, n_epochs=0)
    np.testing.assert_array_equal(untrained.W, zeros_W)
    np.testing.assert_array_equal(untrained.b, zeros_b)
    assert untrained.history == ()
    # At W = 0 every prediction is uniform: the loss is log K before any training.
    assert math.isclose(evaluate(X, y, zeros_W, zeros_b, epoch=0).loss, math.log(3))
    first = fit(X, y, 3, learning_rate=0.3, n_epochs=1).history[0]
    W, b = step(X, y, zeros_W, zeros_b, learning_rate=0.3)
    assert first == evaluate(X, y, W, b, epoch=1)


def test_cross_entropy_training_separates_separable_blobs():
    X, y = make_blobs(30, 3, 0.5, seed=2)
    history = fit(X, y, 3, learning_rate=0.5, n_epochs=100).history
    assert history[-1].accuracy == 1.0
    losses = [record.loss for record in history]
    assert all(later <= earlier for earlier, later in itertools.pairwise(losses))


def test_mse_training_lowers_its_loss(blobs):
    X, y = blobs
    history = fit(X, y, 3, loss="mse", learning_rate=1.0, n_epochs=50).history
    assert history[-1].loss < history[0].loss < 0.5 * (1 - 1 / 3)  # below the uniform start


# --- mini-batches and determinism -------------------------------------------------------------


def test_a_seed_fixes_the_whole_mini_batch_run(blobs):
    X, y = blobs
    runs = [fit(X, y, 3, learning_rate=0.2, n_epochs=4, batch_size=8, seed=s) for s in (7, 7, 8)]
    np.testing.assert_array_equal(runs[0].W, runs[1].W)
    assert runs[0].history == runs[1].history
    assert not np.allclose(runs[0].W, runs[2].W)


def test_full_batch_ignores_the_seed(blobs):
    X, y = blobs
    first, second = (fit(X, y, 3, learning_rate=0.2, n_epochs=3, seed=s) for s in (1, 2))
    np.testing.assert_array_equal(first.W, second.W)


def test_an_epoch_is_one_step_per_shuffled_batch(blobs):
    X, y = blobs
    W, b = np.zeros((2, 3)), np.zeros(3)
    settings = {"loss": "cross_entropy", "learning_rate": 0.2, "l2": 0.01}
    got_W, got_b = run_epoch(X, y, W, b, batch_size=7, rng=np.random.default_rng(3), **settings)
    order = np.random.default_rng(3).permutation(len(y))
    for start in range(0, len(y), 7):
        batch = order[start : start + 7]
        W, b = step(X[batch], y[batch], W, b, **settings)
    np.testing.assert_array_equal(got_W, W)
    np.testing.assert_array_equal(got_b, b)


def test_one_batch_of_everything_is_the_full_batch_step(blobs):
    X, y = blobs
    W, b = np.ones((2, 3)), np.zeros(3)
    full = run_epoch(X, y, W, b, learning_rate=0.2)
    shuffled = run_epoch(
        X, y, W, b, learning_rate=0.2, batch_size=len(y), rng=np.random.default_rng()
    )
    np.testing.assert_allclose(full[0], shuffled[0], atol=1e-14)
    np.testing.assert_allclose(full[1], shuffled[1], atol=1e-14)


def test_fit_matches_its_building_blocks(blobs):
    X, y = blobs
    result = fit(X, y, 3, learning_rate=0.2, n_epochs=3, batch_size=10, l2=0.01, seed=4)
    W, b, rng = np.zeros((2, 3)), np.zeros(3), np.random.default_rng(4)
    for _ in range(3):
        W, b = run_epoch(X, y, W, b, learning_rate=0.2, batch_size=10, l2=0.01, rng=rng)
    np.testing.assert_array_equal(result.W, W)
    np.testing.assert_array_equal(result.b, b)


def test_step_is_pure(blobs):
    X, y = blobs
    W, b = np.ones((2, 3)), np.ones(3)
    new_W, new_b = step(X, y, W, b, learning_rate=0.1, l2=0.1)
    np.testing.assert_array_equal(W, np.ones((2, 3)))
    np.testing.assert_array_equal(b, np.ones(3))
    grad_W, grad_b = gradients(X, y, W, b, l2=0.1)
    np.testing.assert_array_equal(new_W, W - 0.1 * grad_W)
    np.testing.assert_array_equal(new_b, b - 0.1 * grad_b)


def test_predict_and_accuracy_by_hand():
    X = np.array([[1.0, 0.0], [0.0, 1.0], [-1.0, -1.0]])
    W, b = np.array([[1.0, 0.0, 0.0], [0.0, 1.0, 0.0]]), np.array([0.0, 0.0, 0.5])
    np.testing.assert_array_equal(predict(X, W, b), [0, 1, 2])
    assert accuracy(X, np.array([0, 1, 0]), W, b) == pytest.approx(2 / 3)


def test_loss_registry():
    assert set(LOSSES) == {"cross_entropy", "mse"}
    for loss_fn, grad_fn in LOSSES.values():
        assert callable(loss_fn) and callable(grad_fn)
    with pytest.raises(TypeError):
        LOSSES["hinge"] = LOSSES["mse"]  # read-only: no module-level mutable state


# --- validation -------------------------------------------------------------------------------

GOOD = {"learning_rate": 0.1, "n_epochs": 2}


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"learning_rate": 0.0}, "learning_rate"),
        ({"learning_rate": -1.0}, "learning_rate"),
        ({"learning_rate": np.nan}, "learning_rate"),
        ({"n_epochs": -1}, "n_epochs"),
        ({"n_epochs": 2.5}, "n_epochs"),
        ({"n_epochs": True}, "n_epochs"),
        ({"batch_size": 0}, "batch_size"),
        ({"batch_size": 2.0}, "batch_size"),
        ({"l2": -0.1}, "l2"),
        ({"l2": np.inf}, "l2"),
        ({"loss": "hinge"}, "loss must be one of cross_entropy, mse"),
        ({"seed": -1}, "seed"),
    ],
)
def test_bad_settings_are_refused(blobs, changes, message):
    X, y = blobs
    with pytest.raises(ValueError, match=message):
        fit(X, y, 3, **{**GOOD, **changes})


@pytest.mark.parametrize(
    ("X", "y", "n_classes", "message"),
    [
        (np.zeros(4), np.zeros(4, int), 2, "2-D"),
        (np.full((2, 2), np.nan), np.zeros(2, int), 2, "finite"),
        (np.zeros((3, 2)), np.zeros(2, int), 2, "3 labels"),
        (np.zeros((2, 2)), np.array([0, 2]), 2, "labels must lie"),
        (np.zeros((2, 2)), np.array([0.0, 1.0]), 2, "integer"),
        (np.zeros((2, 2)), np.array([0, 1]), 1, "n_classes"),
    ],
)
def test_bad_data_is_refused(X, y, n_classes, message):
    with pytest.raises(ValueError, match=message):
        fit(X, y, n_classes, **GOOD)


def test_parameters_of_the_wrong_shape_are_refused(blobs):
    X, y = blobs
    with pytest.raises(ValueError, match="W must have 2 rows"):
        step(X, y, np.zeros((3, 3)), np.zeros(3), learning_rate=0.1)
    with pytest.raises(ValueError, match=r"b must have shape \(3,\)"):
        gradients(X, y, np.zeros((2, 3)), np.zeros(4))


def test_mini_batches_need_a_generator(blobs):
    X, y = blobs
    with pytest.raises(ValueError, match="rng"):
        run_epoch(X, y, np.zeros((2, 3)), np.zeros(3), learning_rate=0.1, batch_size=5)


@pytest.mark.parametrize("batch_size", [None, 1])
def test_divergence_is_reported_clearly_and_without_warnings(batch_size):
    # learning_rate · l2 = 10: each step multiplies the weights by about −9, until ‖W‖² or
    # X W + b overflows (within one epoch, for 300 single-sample steps).
    X, y = make_blobs(100, 3, 1.0, seed=0)
    with pytest.raises(ValueError, match="diverged"):
        fit(X, y, 3, learning_rate=10.0, n_epochs=1000, l2=1.0, batch_size=batch_size)
