"""The softmax lesson's numbers against independent computations (scipy, decimal, by hand)."""

import decimal
import math

import numpy as np
import pytest
import scipy.special
import scipy.stats

from core.softmax_demo import (
    exponentials,
    log_of_softmax,
    naive_softmax,
    one_vs_rest,
    output_at,
    properties,
    shifted_terms,
    softmax_terms,
    temperature_grid,
    temperature_sweep,
    two_class_curves,
    uniform_entropy,
)

# numpy's overflow / invalid-value warnings must not escape: the page shows inf/NaN as values.
pytestmark = pytest.mark.filterwarnings("error")


def decimal_softmax(z, temperature=1):
    """Softmax in 50-digit decimal arithmetic, no float shortcuts."""
    with decimal.localcontext() as context:
        context.prec = 50
        weights = [(decimal.Decimal(v) / decimal.Decimal(temperature)).exp() for v in z]
        total = sum(weights)
        return [float(w / total) for w in weights]


def test_naive_softmax_overflows_to_nan_as_a_value():
    np.testing.assert_array_equal(exponentials([1000, 0, 1000]), [math.inf, 1, math.inf])
    naive = naive_softmax([1000, 0, 1000])
    assert math.isnan(naive[0]) and naive[1] == 0 and math.isnan(naive[2])
    np.testing.assert_allclose(scipy.special.softmax([1000, 0, 1000]), [0.5, 0, 0.5])


def test_naive_softmax_agrees_with_scipy_when_nothing_overflows():
    z = [2, 1, 0.1]
    np.testing.assert_allclose(naive_softmax(z), scipy.special.softmax(z), rtol=1e-15)


def test_log_of_softmax_loses_what_log_softmax_keeps():
    np.testing.assert_array_equal(log_of_softmax([1000, 1]), [0, -math.inf])
    np.testing.assert_allclose(scipy.special.log_softmax([1000, 1]), [0, -999])


def test_course_temperature_examples():
    # docs/course.md §2: z = (2, 1, 0.1) at T = 0.5, 1, 5.
    z = [2, 1, 0.1]
    expected = {0.5: (0.864, 0.117, 0.019), 1: (0.659, 0.242, 0.099), 5: (0.400, 0.327, 0.273)}
    for temperature, rounded in expected.items():
        exact = decimal_softmax(z, temperature)
        np.testing.assert_allclose(output_at(z, temperature), exact, rtol=1e-13)
        np.testing.assert_allclose(np.round(exact, 3), rounded)


def test_sweep_rows_are_softmax_at_each_temperature():
    temperatures = temperature_grid(0.01, 100, 9)
    np.testing.assert_allclose(temperatures, 10.0 ** np.linspace(-2, 2, 9), rtol=1e-12)
    sweep = temperature_sweep([2, 1, 0.1], temperatures)
    assert sweep.shape == (9, 3)
    for row, temperature in zip(sweep, temperatures, strict=True):
        np.testing.assert_allclose(row, decimal_softmax([2, 1, 0.1], temperature), rtol=1e-12)
    # Sharpening towards one-hot at small T, flattening towards uniform at large T.
    np.testing.assert_allclose(sweep[0], [1, 0, 0], atol=1e-40)
    np.testing.assert_allclose(sweep[-1], [1 / 3] * 3, atol=0.01)


def test_zero_temperature_is_the_limit_with_ties_split():
    np.testing.assert_array_equal(output_at([1000, 0, 1000], 0), [0.5, 0, 0.5])
    np.testing.assert_array_equal(output_at([2, 1, 0.1], 0), [1, 0, 0])


def test_course_mistake_softmax_10_0_0():
    # The slide's [0.999, 0.0004, 0.0004] is wrong: e^-10 / (1 + 2 e^-10) = 4.54e-5.
    p = output_at([10, 0, 0], 1)
    small = math.exp(-10) / (1 + 2 * math.exp(-10))
    np.testing.assert_allclose(p, [1 - 2 * small, small, small], rtol=1e-14)
    np.testing.assert_allclose(np.round(p, 6), [0.999909, 0.000045, 0.000045])
    assert round(p[1], 7) == 0.0000454


def test_properties_hold_and_shift_does_nothing():
    facts = properties([2, 1, 0.1], 1, shift=37.5)
    assert facts.smallest > 0
    assert facts.total == pytest.approx(1, abs=1e-15)
    assert facts.logits_argmax == facts.output_argmax == (0,)
    assert facts.largest_shift_change < 1e-15
    assert facts.entropy == pytest.approx(scipy.stats.entropy(scipy.special.softmax([2, 1, 0.1])))


def test_properties_report_ties_and_the_limit():
    facts = properties([1000, 0, 1000], 0, shift=-3)
    assert facts.logits_argmax == facts.output_argmax == (0, 2)
    assert facts.smallest == 0
    np.testing.assert_array_equal(facts.shifted, [0.5, 0, 0.5])


def test_uniform_entropy_is_log_k():
    assert uniform_entropy(3) == pytest.approx(scipy.stats.entropy([1, 1, 1]))


def test_one_vs_rest_course_numbers():
    sigmoids, sigmoid_sum, probabilities, softmax_sum = one_vs_rest([2, 1, 0.1])
    by_hand = [1 / (1 + math.exp(-v)) for v in (2, 1, 0.1)]
    np.testing.assert_allclose(sigmoids, by_hand, rtol=1e-15)
    np.testing.assert_allclose(np.round(sigmoids, 3), [0.881, 0.731, 0.525])
    assert round(sigmoid_sum, 3) == 2.137 and sigmoid_sum == pytest.approx(sum(by_hand))
    np.testing.assert_allclose(np.round(probabilities, 3), [0.659, 0.242, 0.099])
    assert softmax_sum == pytest.approx(1, abs=1e-15)


def test_two_classes_are_the_sigmoid():
    d = np.linspace(-10, 10, 201)
    softmax_first, sigmoid_curve = two_class_curves(d)
    np.testing.assert_allclose(softmax_first, scipy.special.expit(d), rtol=1e-14)
    np.testing.assert_allclose(sigmoid_curve, scipy.special.expit(d), rtol=1e-14)
    # docs/course.md §2: softmax(3, 1)_1 = σ(2) = 0.880797.
    assert round(float(output_at([3, 1], 1)[0]), 6) == 0.880797
    assert round(float(scipy.special.expit(2)), 6) == 0.880797


def test_softmax_terms_and_shifted_terms():
    numerators, total = softmax_terms([2, 1, 0.1], 1)
    np.testing.assert_allclose(numerators, [math.e**2, math.e, math.exp(0.1)], rtol=1e-15)
    assert total == pytest.approx(math.e**2 + math.e + math.exp(0.1), rel=1e-15)
    numerators, total = softmax_terms([1000, 0, 1000], 1)
    assert total == math.inf
    m, shifted, shifted_total = shifted_terms([1000, 0, 1000], 1)
    assert m == 1000 and shifted_total == 2
    np.testing.assert_array_equal(shifted, [1, 0, 1])
    m, shifted, shifted_total = shifted_terms([2, 1, 0.1], 0.5)
    np.testing.assert_allclose(shifted / shifted_total, decimal_softmax([2, 1, 0.1], 0.5))
