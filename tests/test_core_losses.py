"""Losses from logits and the information measures: worked numbers, properties, oracles."""

import math

import numpy as np
import pytest
import scipy.special
import scipy.stats
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

from core import (
    binary_cross_entropy,
    cross_entropy,
    cross_entropy_dist,
    entropy,
    kl_divergence,
    mse,
    one_hot,
    softmax,
)

pytestmark = pytest.mark.filterwarnings("error")

DIE_P = np.full(6, 1 / 6)
DIE_Q = np.array([0.3, 0.1, 0.15, 0.15, 0.15, 0.15])


@st.composite
def logits_and_labels(draw, low=-30.0, high=30.0):
    n = draw(st.integers(1, 6))
    k = draw(st.integers(2, 5))
    Z = draw(hnp.arrays(np.float64, (n, k), elements=st.floats(low, high)))
    y = draw(hnp.arrays(np.int64, n, elements=st.integers(0, k - 1)))
    return Z, y


@st.composite
def distributions(draw, k=None, zeros=True):
    k = k or draw(st.integers(1, 6))
    weight = st.floats(1e-3, 10) | st.just(0.0) if zeros else st.floats(1e-3, 10)
    w = draw(hnp.arrays(np.float64, k, elements=weight).filter(lambda w: w.sum() > 0))
    return w / w.sum()


@st.composite
def pairs_of_distributions(draw, zeros=True):
    P = draw(distributions(zeros=zeros))
    return P, draw(distributions(k=len(P), zeros=zeros))


# --- worked numbers from docs/course.md §3 ------------------------------------------------------


def test_cross_entropy_of_one_sample_is_minus_log_of_the_true_probability():
    # docs/course.md §3: ŷ_true = 0.7 → −log 0.7 = 0.357; ŷ_true = 0.2 → −log 0.2 = 1.609.
    Z = np.log([[0.7, 0.2, 0.1]])  # logits whose softmax is exactly these probabilities
    assert round(float(cross_entropy(Z, np.array([0]))), 3) == 0.357
    assert round(float(cross_entropy(Z, np.array([1]))), 3) == 1.609


def test_squared_loss_sees_how_the_wrong_mass_is_spread_cross_entropy_does_not():
    # docs/course.md §3: true class 3, case 1 ŷ = (0.2, 0.2, 0.6), case 2 ŷ = (0, 0.4, 0.6):
    # same cross-entropy −log 0.6 = 0.511, but ½‖ŷ − y‖² = 0.12 vs 0.16.
    y = np.array([0.0, 0.0, 1.0])
    case_1, case_2 = np.array([0.2, 0.2, 0.6]), np.array([0.0, 0.4, 0.6])
    for y_hat in (case_1, case_2):
        assert round(float(cross_entropy_dist(y, y_hat)), 3) == 0.511
    assert round(0.5 * np.sum((case_1 - y) ** 2), 2) == 0.12
    assert round(0.5 * np.sum((case_2 - y) ** 2), 2) == 0.16
    # The same numbers through the logit-based losses (e^-800 stands in for probability 0).
    label = np.array([2])
    assert round(float(cross_entropy(np.log([case_1]), label)), 3) == 0.511
    assert round(float(mse(np.log([case_1]), label)), 2) == 0.12
    assert round(float(mse([[-800.0, math.log(0.4), math.log(0.6)]], label)), 2) == 0.16


def test_die_entropy_cross_entropy_and_kl():
    # docs/course.md §3: fair die P, Q = (0.3, 0.1, 0.15, 0.15, 0.15, 0.15):
    # H(P) = 1.792, H(P, Q) = 1.849, KL = 0.057, and H(P, Q) = H(P) + KL(P‖Q).
    assert round(float(entropy(DIE_P)), 3) == 1.792
    assert round(float(cross_entropy_dist(DIE_P, DIE_Q)), 3) == 1.849
    assert round(float(kl_divergence(DIE_P, DIE_Q)), 3) == 0.057
    np.testing.assert_allclose(
        cross_entropy_dist(DIE_P, DIE_Q), entropy(DIE_P) + kl_divergence(DIE_P, DIE_Q)
    )


def test_fair_die_in_bits():
    np.testing.assert_allclose(entropy(DIE_P, base=2), math.log2(6))
    np.testing.assert_allclose(entropy([0.5, 0.5], base=2), 1.0)


# --- cross-entropy and MSE from logits --------------------------------------------------------


@given(st.integers(1, 5), st.integers(2, 10), st.sampled_from([0.0, -7.5, 1e3, 1e300, -1e300]))
def test_a_uniform_prediction_costs_log_k(n, k, level):
    y = np.arange(n) % k
    np.testing.assert_allclose(cross_entropy(np.full((n, k), level), y), math.log(k), rtol=1e-15)


@given(logits_and_labels())
def test_cross_entropy_matches_scipy_log_softmax(case):
    Z, y = case
    expected = -np.mean(scipy.special.log_softmax(Z, axis=1)[np.arange(len(y)), y])
    np.testing.assert_allclose(cross_entropy(Z, y), expected, rtol=1e-12, atol=1e-13)


@given(logits_and_labels(low=-1e300, high=1e300))
def test_cross_entropy_is_finite_and_non_negative_for_huge_logits(case):
    loss = cross_entropy(*case)
    assert np.isfinite(loss) and loss >= 0


def test_confidently_wrong_logits_cost_their_margin():
    # logsumexp(1000, 0) − 0 = 1000 + log(1 + e^-1000) = 1000: no overflow, no inf.
    assert cross_entropy([[1000.0, 0.0]], np.array([1])) == 1000.0


@given(logits_and_labels())
def test_mse_matches_its_definition_on_scipy_probabilities(case):
    Z, y = case
    E = scipy.special.softmax(Z, axis=1) - np.eye(Z.shape[1])[y]
    np.testing.assert_allclose(mse(Z, y), np.mean(0.5 * np.sum(E**2, axis=1)), atol=1e-14)
    assert 0 <= mse(Z, y) <= 1


def test_uniform_prediction_mse():
    # ½[(1 − 1/K)² + (K − 1)/K²] = ½(1 − 1/K).
    np.testing.assert_allclose(mse(np.zeros((3, 4)), np.array([0, 1, 3])), 0.5 * (1 - 1 / 4))


def test_one_hot():
    np.testing.assert_array_equal(one_hot([2, 0], 3), [[0, 0, 1], [1, 0, 0]])
    assert one_hot(np.array([], dtype=int), 4).shape == (0, 4)


# --- binary cross-entropy (multi-label) --------------------------------------------------------


@st.composite
def logits_and_targets(draw, low=-30.0, high=30.0):
    shape = (draw(st.integers(1, 5)), draw(st.integers(1, 4)))
    Z = draw(hnp.arrays(np.float64, shape, elements=st.floats(low, high)))
    return Z, draw(hnp.arrays(np.float64, shape, elements=st.sampled_from([0.0, 1.0])))


@given(logits_and_targets(low=-1e300, high=1e300))
def test_binary_cross_entropy_matches_scipy_log_expit(case):
    Z, Y = case
    per_label = -(Y * scipy.special.log_expit(Z) + (1 - Y) * scipy.special.log_expit(-Z))
    np.testing.assert_allclose(
        binary_cross_entropy(Z, Y), np.mean(per_label.sum(axis=1)), rtol=1e-12, atol=1e-14
    )


def test_binary_cross_entropy_sums_labels_and_averages_rows():
    # Two labels at logit 0 cost log 2 each: 2 log 2 per row, whatever the targets.
    Z, Y = np.zeros((3, 2)), np.array([[0, 1], [1, 1], [0, 0]])
    np.testing.assert_allclose(binary_cross_entropy(Z, Y), 2 * math.log(2))
    # Several labels can be confidently on at once, unlike softmax (docs/course.md §6).
    assert binary_cross_entropy([[50.0, 50.0, -50.0]], [[1, 1, 0]]) < 1e-20


# --- information measures ---------------------------------------------------------------------


@given(pairs_of_distributions(zeros=False), st.sampled_from([math.e, 2.0]))
def test_information_measures_match_scipy_stats(pair, base):
    P, Q = pair
    np.testing.assert_allclose(entropy(P, base), scipy.stats.entropy(P, base=base), atol=1e-12)
    np.testing.assert_allclose(
        kl_divergence(P, Q, base), scipy.stats.entropy(P, Q, base=base), atol=1e-12
    )
    np.testing.assert_allclose(
        cross_entropy_dist(P, Q, base),
        scipy.stats.entropy(P, base=base) + scipy.stats.entropy(P, Q, base=base),
        atol=1e-12,
    )


@given(pairs_of_distributions())
def test_gibbs_inequality_and_the_decomposition(pair):
    P, Q = pair
    kl = kl_divergence(P, Q)
    assert kl >= 0 and kl_divergence(P, P) == 0
    assert 0 <= entropy(P) <= math.log(len(P)) + 1e-12
    if np.isfinite(kl):
        np.testing.assert_allclose(cross_entropy_dist(P, Q), entropy(P) + kl, atol=1e-12)


def test_zero_log_zero_is_zero_and_missing_support_is_infinite():
    assert entropy([1.0, 0.0, 0.0]) == 0.0
    np.testing.assert_allclose(kl_divergence([0.5, 0.5, 0.0], [0.25, 0.25, 0.5]), math.log(2))
    assert cross_entropy_dist([0.5, 0.5], [1.0, 0.0]) == np.inf
    assert kl_divergence([0.5, 0.5], [1.0, 0.0]) == np.inf


def test_information_measures_work_row_by_row():
    P = np.array([[1.0, 0.0], [0.5, 0.5]])
    np.testing.assert_allclose(entropy(P), [0.0, math.log(2)])
    assert kl_divergence(P, P[::-1]).shape == (2,)


# --- validation -------------------------------------------------------------------------------


@pytest.mark.parametrize("loss", [cross_entropy, mse])
@pytest.mark.parametrize(
    ("Z", "y", "message"),
    [
        ([[0.0, np.nan]], [0], "finite"),
        ([[0.0, np.inf]], [0], "finite"),
        ([0.0, 1.0], [0], "2-D"),
        ([[0.0, 1.0]], [2], "labels must lie"),
        ([[0.0, 1.0]], [-1], "labels must lie"),
        ([[0.0, 1.0]], [0.0], "integer"),
        ([[0.0, 1.0]], [0, 1], "1 labels"),
    ],
)
def test_bad_logits_or_labels_are_refused(loss, Z, y, message):
    with pytest.raises(ValueError, match=message):
        loss(Z, np.array(y))


@pytest.mark.parametrize(
    ("Z", "Y", "message"),
    [([[0.0, 1.0]], [[0, 2]], "between 0 and 1"), ([[0.0, 1.0]], [[0, 1, 1]], "columns")],
)
def test_bad_multilabel_targets_are_refused(Z, Y, message):
    with pytest.raises(ValueError, match=message):
        binary_cross_entropy(Z, Y)


@pytest.mark.parametrize(
    ("P", "Q", "message"),
    [
        ([0.5, 0.6], [0.5, 0.5], "probability distribution"),
        ([1.5, -0.5], [0.5, 0.5], "probability distribution"),
        ([np.nan, 1.0], [0.5, 0.5], "finite"),
        ([0.5, 0.5], [1.0, 0.0, 0.0], "same shape"),
    ],
)
def test_bad_distributions_are_refused(P, Q, message):
    with pytest.raises(ValueError, match=message):
        kl_divergence(P, Q)


@pytest.mark.parametrize("base", [1.0, 0.0, -2.0, np.inf])
def test_bad_base_is_refused(base):
    with pytest.raises(ValueError, match="base"):
        entropy(DIE_P, base=base)


@settings(max_examples=20)
@given(logits_and_labels())
def test_losses_of_one_hot_logits_agree_with_distribution_cross_entropy(case):
    Z, y = case
    per_row = cross_entropy_dist(one_hot(y, Z.shape[1]), softmax(Z))
    np.testing.assert_allclose(cross_entropy(Z, y), per_row.mean(), rtol=1e-9, atol=1e-12)
