"""core.images: the shipped Fashion-MNIST subset, the 2×2 toy, the live trainer against
scikit-learn and core.fit, and the views of a trained model."""

import gzip
import math
import warnings
from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest
from sklearn.exceptions import ConvergenceWarning
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import confusion_matrix as sklearn_confusion_matrix

from core import (
    advance_run,
    confident_mistakes,
    confusion_matrix,
    fashion_mnist,
    fit,
    forward,
    image_data,
    image_details,
    image_logits,
    make_toy_images,
    measure_images,
    one_hot,
    per_class_accuracy,
    record_run,
    single_image_logits,
    softmax,
    start_run,
    template_levels,
    templates,
)
from core.images import SUBSET, TOY_PATTERNS

pytestmark = pytest.mark.filterwarnings("error")

DEBIAN = Path("/usr/share/datasets/fashion-mnist")


@pytest.fixture(scope="module")
def subset():
    return fashion_mnist()


@pytest.fixture(scope="module")
def data(subset):
    return image_data(*subset, n_classes=10)


@pytest.fixture(scope="module")
def toy():
    X, y = make_toy_images(10, 0.1, seed=0)
    X_test, y_test = make_toy_images(5, 0.1, seed=1)
    return image_data(X, y, X_test, y_test, n_classes=3, max_level=1)


# --- the data -------------------------------------------------------------------------------


def test_the_subset_is_fashion_mnist_shaped_and_balanced(subset):
    X_train, y_train, X_test, y_test = subset
    assert X_train.shape == (5000, 784) and X_test.shape == (1000, 784)
    assert X_train.dtype == X_test.dtype == np.uint8
    assert y_train.dtype.kind == y_test.dtype.kind == "i"
    assert np.bincount(y_train).tolist() == [500] * 10
    assert np.bincount(y_test).tolist() == [100] * 10
    assert X_train.min() == 0 and X_train.max() == 255
    # Fashion-MNIST's images sit on a black background: the corners are (almost) always 0.
    assert np.mean(X_train[:, [0, 27, 756, 783]] == 0) > 0.95
    assert len(np.unique(X_train, axis=0)) == 5000


def test_the_licence_notice_ships_beside_the_data():
    notice = (SUBSET.parent / "LICENSE").read_text()
    assert "Zalando SE" in notice and "Permission is hereby granted" in notice


def _idx(name):
    raw = gzip.decompress((DEBIAN / name).read_bytes())
    return np.frombuffer(raw, dtype=np.uint8, offset=16 if "images" in name else 8)


@pytest.mark.skipif(not DEBIAN.exists(), reason="Debian's dataset-fashion-mnist not installed")
def test_every_image_is_the_original_row_it_says(subset):
    with np.load(SUBSET) as archive:
        rows = archive["test_index"].astype(np.int64)
    originals = _idx("t10k-images-idx3-ubyte.gz").reshape(-1, 784)
    np.testing.assert_array_equal(subset[2], originals[rows])
    np.testing.assert_array_equal(subset[3], _idx("t10k-labels-idx1-ubyte.gz")[rows])


# --- the oracle -----------------------------------------------------------------------------


def test_the_live_trainer_comes_within_two_points_of_scikit_learn(subset, data):
    # Both minimise mean cross-entropy + (l2/2)‖W‖² with l2 = 1 / (C n) = 0.002. lbfgs stops
    # at 100 iterations short of its tolerance, at the test accuracy that 300 reach.
    X_train, y_train, X_test, y_test = subset
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)
        oracle = LogisticRegression(C=0.1, max_iter=100).fit(X_train / 255, y_train)
    oracle_accuracy = oracle.score(X_test / 255, y_test)
    run = start_run(data, seed=0)
    run = advance_run(run, data, n_steps=40 * 20, learning_rate=0.1, batch_size=256, l2=0.002)
    core_accuracy = record_run(run, data).history[-1, 5]
    assert abs(core_accuracy - oracle_accuracy) <= 0.02, (
        f"core {core_accuracy:.3f} after 40 epochs, scikit-learn {oracle_accuracy:.3f}"
    )
    assert core_accuracy > 0.8


# --- the trainer ----------------------------------------------------------------------------


def test_steps_in_chunks_are_exactly_core_fit(toy):
    run = start_run(toy, seed=5)
    for chunk in (1, 3, 2, 4, 7, 3):  # 20 steps of 7 rows: 4 passes over 30 rows (7+7+7+7+2)
        run = advance_run(run, toy, n_steps=chunk, learning_rate=0.5, batch_size=7, l2=0.01)
    expected = fit(
        toy.X_train, toy.y_train, 3, learning_rate=0.5, n_epochs=4, batch_size=7, l2=0.01, seed=5
    )
    np.testing.assert_array_equal(run.W, expected.W)
    np.testing.assert_array_equal(run.b, expected.b)
    assert (run.steps, run.epoch, run.position) == (20, 3, 30)


def test_a_step_is_the_gradient_formula(toy):
    W0 = np.random.default_rng(0).normal(size=(4, 3))
    run = replace(start_run(toy, seed=1), W=W0)
    run = advance_run(run, toy, n_steps=1, learning_rate=0.3, batch_size=5, l2=0.1)
    rows = np.random.default_rng(1).permutation(30)[:5]
    X, Y = toy.X_train[rows].astype(np.float64), one_hot(toy.y_train[rows], 3)
    P = softmax(X @ W0)
    np.testing.assert_allclose(run.W, W0 - 0.3 * (X.T @ (P - Y) / 5 + 0.1 * W0))
    np.testing.assert_allclose(run.b, -0.3 * (P - Y).sum(axis=0) / 5)


def test_the_history_starts_at_log_k_and_records_once_per_step(data):
    run = start_run(data, seed=0)
    assert run.history.shape == (1, 6)
    assert math.isclose(run.history[0, 2], math.log(10)) and run.history[0, 4] == 0.1
    run = advance_run(run, data, n_steps=25, learning_rate=0.1, batch_size=256, l2=0.0)
    run = record_run(record_run(run, data), data)
    assert run.history[:, 0].tolist() == [0, 25]
    assert math.isclose(run.history[1, 1], 1 + 5 * 256 / 5000)  # 20 steps a pass, 5 into the next
    assert run.history[1, 2] < run.history[0, 2] and run.history[1, 3] < run.history[0, 3]


def test_too_large_steps_stop_the_run_before_they_overflow(toy):
    # learning_rate · l2 > 2: each step multiplies W by 1 − α·l2 = −99, until it overflows.
    run = advance_run(
        start_run(toy, seed=0), toy, n_steps=500, learning_rate=100.0, batch_size=30, l2=1.0
    )
    assert run.diverged and run.steps < 500
    assert np.all(np.isfinite(run.W))
    assert advance_run(run, toy, n_steps=3, learning_rate=0.1, batch_size=30, l2=0.0) is run


def test_image_logits_are_the_forward_pass_in_float32(data):
    W = np.random.default_rng(2).normal(scale=0.01, size=(784, 10))
    b = np.arange(10.0)
    expected = forward(data.X_test.astype(np.float64), W, b)
    np.testing.assert_allclose(image_logits(data.X_test, W, b), expected, rtol=1e-5, atol=1e-5)
    *_, test_accuracy = measure_images(data, W, b)
    assert test_accuracy == np.mean(np.argmax(expected, axis=1) == data.y_test)


# --- the 2×2 toy ----------------------------------------------------------------------------


def test_the_notes_single_image_form_is_the_transpose():
    W_rows = np.arange(12.0).reshape(3, 4) / 10  # the notes' W: 3 classes × 4 pixels
    x, b = np.array([0.1, 0.9, 0.2, 0.8]), np.array([0.5, -0.5, 0.0])
    o = single_image_logits(W_rows, x, b)
    np.testing.assert_allclose(o, forward(x[None, :], W_rows.T, b)[0])
    np.testing.assert_allclose(o, [0.5 + 0.37, -0.5 + 1.17, 1.97])


def test_toy_images_follow_the_class_patterns():
    X, y = make_toy_images(4, 0.0, seed=3)
    assert X.shape == (12, 4) and y.tolist() == [0] * 4 + [1] * 4 + [2] * 4
    np.testing.assert_allclose(X[0], [0.85, 0.85, 0.15, 0.15])
    noisy, _ = make_toy_images(50, 0.2, seed=3)
    assert noisy.min() >= 0 and noisy.max() <= 1
    np.testing.assert_array_equal(noisy, make_toy_images(50, 0.2, seed=3)[0])


def test_training_the_toy_turns_each_class_weights_into_its_pattern(toy):
    result = fit(toy.X_train, toy.y_train, 3, learning_rate=1.0, n_epochs=300)
    assert result.history[-1].accuracy == 1.0
    for k, pattern in enumerate(TOY_PATTERNS):
        # Each template's brightest pixels are its class's lit pixels.
        assert set(np.argsort(result.W[:, k])[-2:]) == set(np.flatnonzero(pattern))


# --- the views ------------------------------------------------------------------------------


def test_templates_are_w_columns_on_one_shared_scale():
    W = np.zeros((4, 3))
    W[0, 1], W[3, 2] = -2.0, 1.0
    np.testing.assert_array_equal(templates(W, 2)[1], [[-2, 0], [0, 0]])
    levels, scale = template_levels(W, 2)
    assert levels.shape == (3, 2, 2) and levels.dtype == np.uint8 and scale == 2.0
    assert (levels[1, 0, 0], levels[0, 0, 0], levels[2, 1, 1]) == (0, 128, 191)
    assert (template_levels(np.zeros((4, 3)), 2)[0] == 128).all()


def test_confusion_matrix_and_per_class_accuracy_against_scikit_learn():
    rng = np.random.default_rng(4)
    y_true, y_pred = rng.integers(0, 4, 200), rng.integers(0, 4, 200)
    counts = confusion_matrix(y_true, y_pred, 4)
    np.testing.assert_array_equal(counts, sklearn_confusion_matrix(y_true, y_pred, labels=range(4)))
    expected = [np.mean(y_pred[y_true == k] == k) for k in range(4)]
    np.testing.assert_allclose(per_class_accuracy(counts), expected)
    assert np.isnan(per_class_accuracy(np.zeros((2, 2)))).all()


def test_confident_mistakes_are_the_surest_wrong_answers_first():
    P = np.array([[0.9, 0.1], [0.2, 0.8], [0.6, 0.4], [0.3, 0.7], [0.95, 0.05]])
    y = np.array([1, 1, 1, 0, 0])
    wrong = [i for i in range(5) if np.argmax(P[i]) != y[i]]
    by_confidence = sorted(wrong, key=lambda i: -P[i].max())
    assert confident_mistakes(P, y, 10).tolist() == by_confidence == [0, 3, 2]
    assert confident_mistakes(P, y, 1).tolist() == [0]


def test_one_image_up_close(data):
    W = np.random.default_rng(5).normal(scale=0.01, size=(784, 10))
    z, p = image_details(data.X_test[7], W, np.zeros(10))
    np.testing.assert_allclose(z, data.X_test[7].astype(np.float64) @ W)
    np.testing.assert_allclose(p, softmax(z))
