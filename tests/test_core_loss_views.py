"""core.loss_views against independent computations: scipy, numpy by hand, finite differences."""

import math

import numpy as np
import pytest
from scipy.special import softmax as scipy_softmax
from scipy.stats import entropy as scipy_entropy

from core import cross_entropy, entropy, kl_divergence, mse, mse_grad
from core import cross_entropy_dist as H
from core.loss_views import (
    gradient_curves,
    logit_gradients,
    loss_curves,
    prediction_cross_entropy,
    predictions_with_true_probability,
    probability_problem,
    rescaled,
    rounded_probabilities,
    simplex_grid,
    simplex_to_xy,
    softmax_backward,
    squared_error,
    wrong_class_shares,
    xy_to_simplex,
)


def central_difference(f, z, step=1e-6):
    """∂f/∂z by central differences, one coordinate at a time."""
    grad = np.zeros_like(z)
    for j in range(z.size):
        bump = np.zeros_like(z)
        bump[j] = step
        grad[j] = (f(z + bump) - f(z - bump)) / (2 * step)
    return grad


# The course's numbers (docs/course.md §3) ----------------------------------------------------


def test_worked_examples_on_the_curve():
    ce, _ = loss_curves(np.array([0.7, 0.2]), 3, "even")
    assert ce == pytest.approx([-math.log(0.7), -math.log(0.2)])
    assert [round(v, 3) for v in ce] == [0.357, 1.609]


def test_case_1_and_case_2_same_cross_entropy_different_squared_error():
    case1, case2 = np.array([0.2, 0.2, 0.6]), np.array([0.0, 0.4, 0.6])
    true = 2  # class 3
    assert prediction_cross_entropy(case1, true) == pytest.approx(-math.log(0.6))
    assert prediction_cross_entropy(case2, true) == pytest.approx(-math.log(0.6))
    assert round(float(prediction_cross_entropy(case1, true)), 3) == 0.511
    # ½‖ŷ − y‖² by hand: ½(0.04 + 0.04 + 0.16) and ½(0 + 0.16 + 0.16).
    assert squared_error(case1, true) == pytest.approx(0.5 * (0.2**2 + 0.2**2 + 0.4**2))
    assert squared_error(case2, true) == pytest.approx(0.5 * (0.0 + 0.4**2 + 0.4**2))
    assert round(float(squared_error(case1, true)), 2) == 0.12
    assert round(float(squared_error(case2, true)), 2) == 0.16


def test_die_example_against_scipy():
    P = np.full(6, 1 / 6)
    Q = np.array([0.3, 0.1, 0.15, 0.15, 0.15, 0.15])
    H_P, KL = scipy_entropy(P), scipy_entropy(P, Q)
    assert entropy(P) == pytest.approx(H_P)
    assert kl_divergence(P, Q) == pytest.approx(KL)
    assert H(P, Q) == pytest.approx(H_P + KL)
    assert [round(float(v), 3) for v in (entropy(P), H(P, Q), kl_divergence(P, Q))] == [
        1.792,
        1.849,
        0.057,
    ]
    assert kl_divergence(P, Q, base=2) == pytest.approx(scipy_entropy(P, Q, base=2))


# Losses of probability vectors -----------------------------------------------------------


def test_prediction_cross_entropy_matches_the_logit_form():
    rng = np.random.default_rng(0)
    Z = rng.normal(size=(5, 4))
    y = np.array([0, 3, 1, 2, 2])
    P = scipy_softmax(Z, axis=1)
    per_row = [prediction_cross_entropy(P[i], y[i]) for i in range(5)]
    assert np.mean(per_row) == pytest.approx(cross_entropy(Z, y))
    assert np.mean([squared_error(P[i], y[i]) for i in range(5)]) == pytest.approx(mse(Z, y))


def test_a_zero_on_the_true_class_costs_infinity_and_elsewhere_nothing():
    assert prediction_cross_entropy(np.array([0.5, 0.5, 0.0]), 2) == math.inf
    assert prediction_cross_entropy(np.array([0.0, 0.0, 1.0]), 2) == 0.0


def test_loss_curves_closed_forms():
    p = np.linspace(0, 1, 11)
    for K in (2, 3, 10):
        _, even = loss_curves(p, K, "even")
        _, one = loss_curves(p, K, "one")
        assert even == pytest.approx(0.5 * (1 - p) ** 2 * K / (K - 1))
        assert one == pytest.approx((1 - p) ** 2)


def test_predictions_with_true_probability_put_p_at_the_true_class():
    P = predictions_with_true_probability(np.array([0.3]), np.array([0.5, 0.25, 0.25]), true=2)
    assert P[0] == pytest.approx([0.35, 0.175, 0.3, 0.175])
    assert wrong_class_shares(4, "one") == pytest.approx([1, 0, 0])
    with pytest.raises(ValueError):
        wrong_class_shares(3, "random")


# Validation ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("values", "problem"),
    [
        ([0.2, 0.2, 0.6], None),
        ([0.1, 0.2, 0.7], None),  # 0.1 + 0.2 + 0.7 is not exactly 1 in floating point
        ([-0.1, 0.5, 0.6], "negative"),
        ([0.2, 0.2, 0.5], "sum"),
        ([1.0, 1.0], "sum"),
    ],
)
def test_probability_problem(values, problem):
    assert probability_problem(values) == problem


def test_rescaled_and_rounded():
    assert rescaled([1, 1, 2]) == pytest.approx([0.25, 0.25, 0.5])
    assert rescaled([-1, 1, 3]) == pytest.approx([0, 0.25, 0.75])
    with pytest.raises(ValueError):
        rescaled([0, -1])
    thirds = rounded_probabilities(np.full(3, 1 / 3), 4)
    assert probability_problem(thirds) is None
    assert sorted(thirds) == pytest.approx([0.3333, 0.3333, 0.3334])


# Gradients -------------------------------------------------------------------------------


def test_squared_error_gradient_through_softmax_against_finite_differences():
    rng = np.random.default_rng(1)
    for K in (2, 3, 5):
        z = rng.normal(scale=2, size=K)
        true = int(rng.integers(K))
        _, se_grad = logit_gradients(z, true)

        def loss(o, true=true):
            return 0.5 * np.sum((scipy_softmax(o) - np.eye(len(o))[true]) ** 2)

        assert se_grad == pytest.approx(central_difference(loss, z), abs=1e-8)


def test_cross_entropy_gradient_is_prediction_minus_label():
    z = np.array([2.0, 0.0, -2.0])
    ce_grad, _ = logit_gradients(z, 2)
    assert ce_grad == pytest.approx(scipy_softmax(z) - [0, 0, 1])
    assert ce_grad == pytest.approx(
        central_difference(lambda o: -np.log(scipy_softmax(o)[2]), z), abs=1e-8
    )


def test_softmax_backward_matches_core_and_the_explicit_jacobian():
    rng = np.random.default_rng(2)
    Z = rng.normal(size=(4, 3))
    y = np.array([0, 1, 2, 2])
    P = scipy_softmax(Z, axis=1)
    E = P - np.eye(3)[y]
    assert softmax_backward(P, E) == pytest.approx(mse_grad(Z, y) * 4)
    jacobian = np.diag(P[0]) - np.outer(P[0], P[0])
    assert softmax_backward(P[0], E[0]) == pytest.approx(jacobian @ E[0])


def test_gradient_curves_show_saturation():
    p = np.array([0.0, 1e-3, 0.5, 1.0])
    ce, se = gradient_curves(p, 3, "one")
    # All the wrong mass on one class: ‖ŷ − y‖ = √2 (1 − p), MSE's = 2√2 p (1 − p)².
    assert ce == pytest.approx(np.sqrt(2) * (1 - p))
    assert se == pytest.approx(2 * np.sqrt(2) * p * (1 - p) ** 2)
    assert ce[0] == ce.max() and se[0] == 0 and se[1] < 0.01
    _, se_even = gradient_curves(p, 5, "even")
    assert se_even[0] == pytest.approx(0, abs=1e-15) and se_even[1] < 0.01


def test_gradient_curves_agree_with_finite_differences_on_the_logits():
    p = np.array([0.05, 0.4, 0.9])
    K = 4
    ce, se = gradient_curves(p, K, "even")
    for i, prob in enumerate(p):
        logits = np.log(predictions_with_true_probability(np.array([prob]), np.full(3, 1 / 3))[0])

        def loss(o):
            return 0.5 * np.sum((scipy_softmax(o) - np.eye(K)[0]) ** 2)

        assert se[i] == pytest.approx(np.linalg.norm(central_difference(loss, logits)), abs=1e-8)
        assert ce[i] == pytest.approx(np.linalg.norm(scipy_softmax(logits) - np.eye(K)[0]))


# The probability triangle ----------------------------------------------------------------


def test_triangle_coordinates_round_trip_and_corners():
    corners = simplex_to_xy(np.eye(3))
    assert corners == pytest.approx(np.array([[0, 0], [1, 0], [0.5, math.sqrt(3) / 2]]))
    rng = np.random.default_rng(3)
    P = rng.dirichlet(np.ones(3), size=20)
    assert xy_to_simplex(simplex_to_xy(P)) == pytest.approx(P)


def test_simplex_grid_covers_the_triangle_with_valid_predictions():
    P, corners = simplex_grid(40)
    assert np.all(P >= 0) and P.sum(axis=1) == pytest.approx(1)
    assert np.all(corners[:, 1] - corners[:, 0] == pytest.approx(1 / 40))
    # Cell area times count approximates the triangle's area √3/4.
    assert len(P) / 40**2 == pytest.approx(math.sqrt(3) / 4, rel=0.08)
    centres = np.column_stack([corners[:, :2].mean(axis=1), corners[:, 2:].mean(axis=1)])
    assert simplex_to_xy(P) == pytest.approx(centres)
