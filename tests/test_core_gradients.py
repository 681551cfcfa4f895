"""Every analytic gradient in core against central finite differences."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

from core import (
    binary_cross_entropy,
    binary_cross_entropy_grad,
    cross_entropy,
    cross_entropy_grad,
    gradients,
    mse,
    mse_grad,
    objective,
)

pytestmark = pytest.mark.filterwarnings("error")

STEP = 1e-6


def numerical_gradient(f, A):
    """Central differences ``(f(A + h e_i) − f(A − h e_i)) / 2h``, one entry at a time."""
    G = np.zeros_like(A)
    for index in np.ndindex(A.shape):
        bump = np.zeros_like(A)
        bump[index] = STEP
        G[index] = (f(A + bump) - f(A - bump)) / (2 * STEP)
    return G


def assert_matches_finite_differences(analytic, f, A):
    assert analytic.shape == A.shape
    np.testing.assert_allclose(analytic, numerical_gradient(f, A), rtol=1e-5, atol=1e-8)


@st.composite
def logits_and_labels(draw):
    n, k = draw(st.integers(1, 5)), draw(st.integers(2, 5))
    Z = draw(hnp.arrays(np.float64, (n, k), elements=st.floats(-6, 6)))
    return Z, draw(hnp.arrays(np.int64, n, elements=st.integers(0, k - 1)))


@settings(max_examples=40)
@given(logits_and_labels())
def test_cross_entropy_grad(case):
    Z, y = case
    assert_matches_finite_differences(cross_entropy_grad(Z, y), lambda A: cross_entropy(A, y), Z)


@settings(max_examples=40)
@given(logits_and_labels())
def test_mse_grad_through_the_softmax_jacobian(case):
    Z, y = case
    assert_matches_finite_differences(mse_grad(Z, y), lambda A: mse(A, y), Z)


@settings(max_examples=40)
@given(logits_and_labels())
def test_binary_cross_entropy_grad(case):
    Z, y = case
    Y = (np.arange(Z.shape[1]) <= y[:, None]).astype(float)  # several labels on per row
    assert_matches_finite_differences(
        binary_cross_entropy_grad(Z, Y), lambda A: binary_cross_entropy(A, Y), Z
    )


@given(logits_and_labels())
def test_softmax_gradients_sum_to_zero_per_row(case):
    # Adding a constant to a row changes neither loss, so the gradient has no such component.
    Z, y = case
    np.testing.assert_allclose(cross_entropy_grad(Z, y).sum(axis=1), 0, atol=1e-15)
    np.testing.assert_allclose(mse_grad(Z, y).sum(axis=1), 0, atol=1e-15)


def test_cross_entropy_pushes_hard_where_mse_saturates():
    # docs/course.md §4: confidently wrong (the true class gets e^-10), cross-entropy's gradient is
    # ≈ ŷ − y, near 1 in size; MSE's carries the factor ŷ_true ≈ 0 and almost vanishes.
    Z, y = np.array([[10.0, 0.0, 0.0]]), np.array([2])
    assert np.abs(cross_entropy_grad(Z, y)).max() > 0.99
    assert np.abs(mse_grad(Z, y)).max() < 1e-3


@st.composite
def problems(draw):
    rng = np.random.default_rng(draw(st.integers(0, 2**32 - 1)))
    n, d, k = draw(st.integers(1, 6)), draw(st.integers(1, 3)), draw(st.integers(2, 4))
    X, W, b = rng.normal(size=(n, d)), rng.normal(size=(d, k)), rng.normal(size=k)
    return X, rng.integers(0, k, size=n), W, b


@settings(max_examples=30)
@given(problems(), st.sampled_from(["cross_entropy", "mse"]), st.sampled_from([0.0, 0.3]))
def test_gradients_of_the_objective_including_l2(problem, loss, l2):
    X, y, W, b = problem
    grad_W, grad_b = gradients(X, y, W, b, loss=loss, l2=l2)
    assert_matches_finite_differences(grad_W, lambda A: objective(X, y, A, b, loss=loss, l2=l2), W)
    assert_matches_finite_differences(grad_b, lambda a: objective(X, y, W, a, loss=loss, l2=l2), b)


def test_the_bias_is_not_penalised():
    X, y = np.array([[1.0, 2.0]]), np.array([0])
    W, b = np.ones((2, 3)), np.ones(3)
    plain_W, plain_b = gradients(X, y, W, b, l2=0.0)
    penalised_W, penalised_b = gradients(X, y, W, b, l2=0.5)
    np.testing.assert_allclose(penalised_W - plain_W, 0.5 * W)
    np.testing.assert_array_equal(penalised_b, plain_b)
