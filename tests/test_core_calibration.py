"""core.calibration against independent computations: scikit-learn's calibration_curve, a
plain loop over the bins, and scipy's scalar minimiser for the temperature."""

import math

import numpy as np
import pytest
from scipy.optimize import minimize_scalar
from scipy.special import log_softmax as scipy_log_softmax
from sklearn.calibration import calibration_curve

from core import (
    advance_run,
    best_temperature,
    confidence_and_correct,
    cross_entropy,
    expected_calibration_error,
    fashion_mnist,
    image_data,
    image_logits,
    reliability_bins,
    softmax,
    start_run,
    temperature_nll,
)

pytestmark = pytest.mark.filterwarnings("error")


@pytest.fixture(scope="module")
def overconfident():
    """A model whose logits are 3 times too large: labels drawn from ``softmax(Z₀)``, logits
    ``3 Z₀``. Temperature scaling should find T ≈ 3."""
    rng = np.random.default_rng(0)
    Z0 = rng.normal(scale=1.5, size=(4000, 5))
    P0 = softmax(Z0)
    y = np.array([rng.choice(5, p=p) for p in P0])
    return 3.0 * Z0, y


def loop_bins(confidence, correct, n_bins):
    """The bins written out one by one: ``(count, mean confidence, accuracy)`` per bin."""
    rows = []
    for m in range(n_bins):
        low, high = m / n_bins, (m + 1) / n_bins
        inside = [i for i, c in enumerate(confidence) if (low < c <= high) or (m == 0 and c == 0.0)]
        if inside:
            rows.append((len(inside), np.mean(confidence[inside]), np.mean(correct[inside])))
        else:
            rows.append((0, math.nan, math.nan))
    return rows


def test_bins_match_scikit_learns_calibration_curve(overconfident):
    Z, y = overconfident
    P = softmax(Z)
    confidence, correct = confidence_and_correct(P, y)
    bins = reliability_bins(P, y, n_bins=10)
    accuracy, mean_confidence = calibration_curve(correct, confidence, n_bins=10)
    full = bins.counts > 0
    np.testing.assert_allclose(bins.accuracy[full], accuracy)
    np.testing.assert_allclose(bins.confidence[full], mean_confidence)
    assert bins.counts.sum() == len(y)


def test_bins_and_ece_match_a_plain_loop_also_on_bin_edges():
    P = np.array([[0.5, 0.5], [0.7, 0.3], [0.3, 0.7], [0.9, 0.1], [0.8, 0.2], [0.6, 0.4]])
    y = np.array([0, 0, 0, 0, 1, 1])
    confidence, correct = confidence_and_correct(P, y)
    bins = reliability_bins(P, y, n_bins=5)
    rows = loop_bins(confidence, correct, 5)
    np.testing.assert_array_equal(bins.counts, [row[0] for row in rows])
    np.testing.assert_allclose(bins.confidence, [row[1] for row in rows])
    np.testing.assert_allclose(bins.accuracy, [row[2] for row in rows])
    ece = sum(count * abs(acc - conf) for count, conf, acc in rows if count) / len(y)
    assert math.isclose(expected_calibration_error(P, y, n_bins=5), ece)
    np.testing.assert_allclose(bins.edges, [0, 0.2, 0.4, 0.6, 0.8, 1.0])


def test_a_calibrated_model_has_zero_ece_and_a_sure_wrong_one_almost_one():
    P = np.tile([0.8, 0.2], (10, 1))
    y = np.array([0] * 8 + [1] * 2)  # given 0.8, right 8 times in 10
    assert math.isclose(expected_calibration_error(P, y), 0.0, abs_tol=1e-12)
    sure = np.tile([0.999, 0.001], (10, 1))
    assert math.isclose(expected_calibration_error(sure, np.ones(10, dtype=int)), 0.999)


def test_temperature_one_is_the_plain_cross_entropy(overconfident):
    Z, y = overconfident
    assert math.isclose(temperature_nll(Z, y, 1.0), cross_entropy(Z, y))
    nll = -np.mean(scipy_log_softmax(Z / 2.5, axis=1)[np.arange(len(y)), y])
    assert math.isclose(temperature_nll(Z, y, 2.5), nll, rel_tol=1e-12)


def test_best_temperature_matches_scipy_and_undoes_the_overconfidence(overconfident):
    Z, y = overconfident
    T = best_temperature(Z, y)
    reference = minimize_scalar(
        lambda log_t: temperature_nll(Z, y, math.exp(log_t)),
        bounds=(math.log(0.01), math.log(100)),
        method="bounded",
        options={"xatol": 1e-8},
    )
    assert math.isclose(T, math.exp(reference.x), rel_tol=1e-4)
    assert 2.7 < T < 3.3
    P, scaled = softmax(Z), softmax(Z, temperature=T)
    assert expected_calibration_error(scaled, y) < expected_calibration_error(P, y) / 2
    np.testing.assert_array_equal(np.argmax(scaled, axis=1), np.argmax(P, axis=1))


def test_the_nll_is_convex_in_one_over_t(overconfident):
    # best_temperature's golden-section search relies on it (one minimum along log T).
    Z, y = overconfident
    beta = np.linspace(0.05, 3, 60)
    nll = np.array([temperature_nll(Z, y, 1 / b) for b in beta])
    assert np.all(np.diff(nll, 2) > -1e-12)


def test_logits_that_rank_everything_right_want_the_smallest_t():
    Z = np.array([[2.0, 0.0], [0.0, 1.0], [3.0, -1.0]])
    y = np.array([0, 1, 0])
    assert math.isclose(best_temperature(Z, y), 0.01, rel_tol=1e-5)
    assert math.isclose(best_temperature(Z, y, low=0.5, high=4.0), 0.5, rel_tol=1e-5)


def test_bad_arguments_are_refused():
    Z, y = np.zeros((2, 3)), np.array([0, 1])
    with pytest.raises(ValueError, match="temperature"):
        temperature_nll(Z, y, 0.0)
    with pytest.raises(ValueError, match="below"):
        best_temperature(Z, y, low=2.0, high=1.0)
    with pytest.raises(ValueError, match="n_bins"):
        reliability_bins(softmax(Z), y, n_bins=0)


def test_the_lessons_model_is_under_confident_and_t_below_one_fixes_it():
    # docs/course.md §9: d2l's settings (learning rate 0.1, batch 256), 10 epochs, seed 0.
    data = image_data(*fashion_mnist(), n_classes=10)
    run = advance_run(
        start_run(data, seed=0), data, n_steps=200, learning_rate=0.1, batch_size=256, l2=0.0
    )
    Z = image_logits(data.X_test, run.W, run.b)
    P = softmax(Z)
    bins = reliability_bins(P, data.y_test)
    full = bins.counts > 0
    assert np.all(bins.accuracy[full] >= bins.confidence[full])
    assert round(float(np.mean(np.argmax(Z, axis=1) == data.y_test)), 3) == 0.812
    assert round(expected_calibration_error(P, data.y_test), 3) == 0.110
    T = best_temperature(Z, data.y_test)
    assert round(T, 2) == 0.68
    assert round(expected_calibration_error(softmax(Z, temperature=T), data.y_test), 3) == 0.031
