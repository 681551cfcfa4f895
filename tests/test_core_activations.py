"""Softmax, its limits and relatives: worked numbers, properties, extremes, oracles."""

import decimal
import math

import numpy as np
import pytest
import scipy.special
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

from core import log_softmax, logsumexp, sigmoid, softmax, softmax_zero_temperature

# Any warning (numpy's overflow / invalid-value RuntimeWarnings included) fails a test here.
pytestmark = pytest.mark.filterwarnings("error")

SHAPES = hnp.array_shapes(min_dims=1, max_dims=3, min_side=1, max_side=5)


def logits(low, high):
    return hnp.arrays(np.float64, SHAPES, elements=st.floats(low, high))


ANY_FINITE = hnp.arrays(
    np.float64, SHAPES, elements=st.floats(allow_nan=False, allow_infinity=False)
)
MODERATE = logits(-50, 50)
TEMPERATURES = st.floats(1e-3, 1e3)


def exact_softmax(z, temperature=1.0):
    """Reference softmax of one vector in 60-digit decimal arithmetic (exact inputs)."""
    with decimal.localcontext() as context:
        context.prec = 60
        scaled = [decimal.Decimal(v) / decimal.Decimal(temperature) for v in z]
        top = max(scaled)
        weights = [(v - top).exp() for v in scaled]
        total = sum(weights)
        return np.array([float(w / total) for w in weights])


# --- worked numbers from docs/course.md -------------------------------------------------------


def test_independent_sigmoids_do_not_sum_to_one_but_softmax_does():
    # docs/course.md §1: logits (2, 1, 0.1) → sigmoids (0.881, 0.731, 0.525), sum 2.137;
    # softmax (0.659, 0.242, 0.099).
    z = np.array([2.0, 1.0, 0.1])
    np.testing.assert_array_equal(np.round(sigmoid(z), 3), [0.881, 0.731, 0.525])
    assert round(float(sigmoid(z).sum()), 3) == 2.137
    np.testing.assert_array_equal(np.round(softmax(z), 3), [0.659, 0.242, 0.099])


def test_large_gap_gives_the_true_values_not_the_slides():
    # docs/course.md §2: the slide's Softmax(10, 0, 0) ≈ [0.999, 0.0004, 0.0004] is wrong;
    # the true values are [0.999909, 0.0000454, 0.0000454] (e^-10 ≈ 4.54e-5).
    p = softmax([10.0, 0.0, 0.0])
    np.testing.assert_array_equal(np.round(p, 6), [0.999909, 0.000045, 0.000045])
    np.testing.assert_allclose(p[1:], [4.54e-5, 4.54e-5], rtol=1e-3)
    assert not np.isclose(p[1], 0.0004, rtol=0.1)


def test_equal_logits_give_uniform():
    # docs/course.md §2: Softmax(1, 1, 1) = [1/3, 1/3, 1/3].
    np.testing.assert_allclose(softmax([1.0, 1.0, 1.0]), [1 / 3] * 3, rtol=1e-15)


def test_logits_of_1000_where_the_naive_formula_gives_nan():
    # docs/course.md §2 (from 001): naive exp(1000) overflows and gives NaN; stable → (0.5, 0, 0.5).
    z = np.array([1000.0, 0.0, 1000.0])
    with np.errstate(over="ignore", invalid="ignore"):
        naive = np.exp(z) / np.exp(z).sum()
    assert np.isnan(naive).any()
    np.testing.assert_array_equal(softmax(z), [0.5, 0.0, 0.5])


@pytest.mark.parametrize(
    ("temperature", "expected"),
    [(0.5, [0.864, 0.117, 0.019]), (1.0, [0.659, 0.242, 0.099]), (5.0, [0.400, 0.327, 0.273])],
)
def test_temperature_worked_examples(temperature, expected):
    # docs/course.md §2: z = (2, 1, 0.1) at T = 0.5, 1, 5.
    p = softmax([2.0, 1.0, 0.1], temperature=temperature)
    np.testing.assert_array_equal(np.round(p, 3), expected)


def test_two_class_softmax_is_the_sigmoid_of_the_difference():
    # docs/course.md §2: softmax(3, 1)_1 = σ(2) = 0.880797.
    assert round(float(softmax([3.0, 1.0])[0]), 6) == 0.880797
    assert round(float(sigmoid(2.0)), 6) == 0.880797


def test_log_softmax_stays_finite_where_log_of_softmax_is_minus_inf():
    # docs/course.md §2 / STYLE habit 4: log softmax((1000, 1)) = (0, −999), not (0, −inf).
    z = np.array([1000.0, 1.0])
    with np.errstate(divide="ignore"):
        assert np.log(softmax(z))[1] == -np.inf
    np.testing.assert_array_equal(log_softmax(z), [0.0, -999.0])


def test_zero_temperature_limit_splits_ties_evenly():
    # docs/course.md §2: T → 0 tends to one-hot on the argmax, ties split evenly.
    np.testing.assert_array_equal(softmax_zero_temperature([1000.0, 0.0, 1000.0]), [0.5, 0, 0.5])
    np.testing.assert_array_equal(softmax_zero_temperature([2.0, 1.0, 0.1]), [1.0, 0, 0])
    np.testing.assert_array_equal(
        softmax_zero_temperature([[1.0, 1.0, 1.0], [0.0, 3.0, 3.0]]),
        [[1 / 3, 1 / 3, 1 / 3], [0, 0.5, 0.5]],
    )


# --- properties -----------------------------------------------------------------------------


@given(MODERATE, TEMPERATURES)
def test_rows_are_positive_and_sum_to_one(Z, temperature):
    P = softmax(Z, temperature=temperature)
    assert P.shape == Z.shape and P.dtype == np.float64
    np.testing.assert_allclose(P.sum(axis=-1), 1.0, rtol=1e-12)
    assert np.all(softmax(Z) > 0)  # gaps ≤ 100 here, and e^-100 is far above underflow


@given(MODERATE, st.floats(-1e3, 1e3))
def test_adding_a_constant_changes_nothing(Z, shift):
    np.testing.assert_allclose(softmax(Z + shift), softmax(Z), rtol=1e-9, atol=1e-12)


@given(ANY_FINITE)
def test_largest_logit_gets_the_largest_probability(Z):
    P = softmax(Z)
    top = np.take_along_axis(P, np.argmax(Z, axis=-1)[..., None], axis=-1)[..., 0]
    np.testing.assert_array_equal(top, P.max(axis=-1))


@given(ANY_FINITE, TEMPERATURES)
def test_any_finite_logits_give_a_distribution_without_warnings(Z, temperature):
    for P in (softmax(Z), softmax(Z, temperature=temperature), softmax_zero_temperature(Z)):
        assert np.all(np.isfinite(P)) and np.all(P >= 0)
        np.testing.assert_allclose(P.sum(axis=-1), 1.0, rtol=1e-12)


@settings(max_examples=60)
@given(
    hnp.arrays(
        np.float64,
        st.integers(1, 6),
        elements=st.one_of(
            st.floats(allow_nan=False, allow_infinity=False),
            st.sampled_from([1e300, -1e300, 1.7e308, -1.7e308, 1000.0, -1000.0, 0.0]),
        ),
    ),
    st.one_of(
        st.sampled_from([1e-300, 1e-3, 0.5, 1.0, 7.0, 1e300, 1e308]),
        st.floats(1e-300, 1e308),
    ),
)
def test_extreme_logits_match_exact_decimal_arithmetic(z, temperature):
    np.testing.assert_allclose(
        softmax(z, temperature=temperature),
        exact_softmax(z, temperature),
        rtol=1e-12,
        atol=1e-300,
    )


@pytest.mark.parametrize(
    ("z", "expected"),
    [
        ([1.7e308, -1.7e308], [1.0, 0.0]),
        ([-1.7e308, 1.7e308, -1.7e308], [0.0, 1.0, 0.0]),
        ([1e300, -1e300, 1e300], [0.5, 0.0, 0.5]),
        ([-1e300, -1e300], [0.5, 0.5]),
        ([1000.0, 999.0], [1 / (1 + math.exp(-1)), 1 / (1 + math.exp(1))]),
    ],
)
@pytest.mark.parametrize("temperature", [1e-300, 0.5, 1.0, 1e300])
def test_extreme_logits(z, expected, temperature):
    P = softmax(z, temperature=temperature)
    if temperature == 1.0:
        np.testing.assert_allclose(P, expected, rtol=1e-14)
    np.testing.assert_allclose(P.sum(), 1.0, rtol=1e-15)
    if temperature == 1e-300:
        np.testing.assert_array_equal(P, softmax_zero_temperature(z))


def test_huge_temperature_rescues_a_gap_beyond_float_range():
    # (1.5e308, −1.5e308) / 1e308 = (1.5, −1.5): shifting first would overflow the gap to −inf.
    np.testing.assert_allclose(
        softmax([1.5e308, -1.5e308], temperature=1e308), [sigmoid(3.0), sigmoid(-3.0)], rtol=1e-14
    )


@given(MODERATE, st.floats(0.01, 100), st.floats(0.01, 100))
def test_lower_temperature_concentrates_mass_on_the_argmax(Z, t1, t2):
    cold, hot = sorted([t1, t2])
    assert np.all(softmax(Z, cold).max(axis=-1) >= softmax(Z, hot).max(axis=-1) - 1e-12)


@given(MODERATE, TEMPERATURES)
def test_temperature_divides_the_logits(Z, temperature):
    np.testing.assert_allclose(softmax(Z, temperature), softmax(Z / temperature), atol=1e-12)


@given(hnp.arrays(np.float64, SHAPES, elements=st.integers(-5, 5).map(float)))
def test_cold_softmax_reaches_the_zero_temperature_limit(Z):
    # Distinct logits here differ by ≥ 1, so at T = 1e-3 the losers get e^-1000 = 0.
    np.testing.assert_allclose(softmax(Z, 1e-3), softmax_zero_temperature(Z), atol=1e-300)


@given(MODERATE)
def test_hot_softmax_tends_to_uniform(Z):
    np.testing.assert_allclose(softmax(Z, 1e12), 1 / Z.shape[-1], rtol=1e-9)


@given(st.floats(-700, 700), st.floats(-700, 700))
def test_two_class_softmax_equals_sigmoid(a, b):
    np.testing.assert_allclose(softmax([a, b])[0], sigmoid(a - b), rtol=1e-12, atol=1e-300)


@given(MODERATE)
def test_log_softmax_and_logsumexp_agree_with_softmax(Z):
    np.testing.assert_allclose(np.exp(log_softmax(Z)), softmax(Z), rtol=1e-12)
    np.testing.assert_allclose(log_softmax(Z), Z - logsumexp(Z)[..., None], atol=1e-12)
    assert logsumexp(Z).shape == Z.shape[:-1]


@given(ANY_FINITE)
def test_log_softmax_and_logsumexp_never_warn_or_go_nan(Z):
    assert np.all(log_softmax(Z) <= 0) and not np.isnan(log_softmax(Z)).any()
    lse = logsumexp(Z)
    assert np.all(np.isfinite(lse)) and np.all(lse >= Z.max(axis=-1))


def test_uniform_logits_have_logsumexp_max_plus_log_k():
    np.testing.assert_allclose(logsumexp(np.full((2, 7), 1e300)), 1e300)
    np.testing.assert_allclose(logsumexp(np.full(7, -3.0)), -3.0 + math.log(7))


@given(hnp.arrays(np.float64, SHAPES, elements=st.floats(allow_nan=False, allow_infinity=False)))
def test_sigmoid_is_stable_symmetric_and_bounded(z):
    s = sigmoid(z)
    assert s.shape == z.shape and np.all((s >= 0) & (s <= 1))
    np.testing.assert_allclose(sigmoid(-z), 1 - s, atol=1e-15)


def test_sigmoid_extremes():
    np.testing.assert_array_equal(sigmoid([1e308, -1e308, 0.0]), [1.0, 0.0, 0.5])
    assert sigmoid(-745.0) > 0  # the lower branch keeps tiny values instead of 1 − 1 = 0


# --- independent oracles: scipy.special -------------------------------------------------------


@given(MODERATE)
def test_matches_scipy_softmax_family(Z):
    np.testing.assert_allclose(softmax(Z), scipy.special.softmax(Z, axis=-1), rtol=1e-12)
    np.testing.assert_allclose(
        log_softmax(Z), scipy.special.log_softmax(Z, axis=-1), rtol=1e-12, atol=1e-12
    )
    np.testing.assert_allclose(
        logsumexp(Z), scipy.special.logsumexp(Z, axis=-1), rtol=1e-12, atol=1e-14
    )


@given(hnp.arrays(np.float64, SHAPES, elements=st.floats(-1e308, 1e308)))
def test_sigmoid_matches_scipy_expit(z):
    np.testing.assert_allclose(sigmoid(z), scipy.special.expit(z), rtol=1e-14, atol=1e-300)


# --- validation -------------------------------------------------------------------------------

BAD_LOGITS = [[1.0, np.nan], [np.inf, 0.0], [0.0, -np.inf], [[1.0, 2.0], [np.nan, 0.0]]]


@pytest.mark.parametrize("function", [softmax, softmax_zero_temperature, log_softmax, logsumexp])
@pytest.mark.parametrize("Z", BAD_LOGITS)
def test_nan_or_inf_logits_are_refused(function, Z):
    with pytest.raises(ValueError, match="finite"):
        function(Z)


@pytest.mark.parametrize("z", [np.nan, np.inf, -np.inf])
def test_sigmoid_refuses_nan_and_inf(z):
    with pytest.raises(ValueError, match="finite"):
        sigmoid([0.0, z])


@pytest.mark.parametrize("temperature", [0.0, -1.0, np.nan, np.inf, -np.inf, True, "1"])
def test_bad_temperature_is_refused(temperature):
    with pytest.raises(ValueError, match="temperature"):
        softmax([1.0, 2.0], temperature=temperature)


@pytest.mark.parametrize("function", [softmax, softmax_zero_temperature, log_softmax, logsumexp])
@pytest.mark.parametrize("Z", [3.0, [], np.zeros((2, 0))])
def test_logits_need_a_class_axis(function, Z):
    with pytest.raises(ValueError, match="last axis"):
        function(Z)
