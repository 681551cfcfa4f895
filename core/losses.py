"""Losses computed from logits, each with its gradient right below it, and the information
measures behind cross-entropy.

Conventions: ``Z (n, K)`` logits, one row per sample; ``y (n,)`` integer labels in
``0 .. K−1``; ``P = softmax(Z)``; ``Y = one_hot(y, K)``. Losses are means over the ``n``
rows, so each gradient carries a ``1/n`` and has the shape of ``Z``. Natural logarithms.
"""

import numpy as np

from core import _checks
from core.activations import _softmax, log_softmax, sigmoid, softmax


def one_hot(y, n_classes):
    """Row ``i`` is 1 in column ``y_i``, 0 elsewhere: ``one_hot([2, 0], 3) = [[0,0,1], [1,0,0]]``.

    y: ``(n,)`` integer labels in ``0 .. n_classes−1``. Returns: ``(n, n_classes)`` float64.
    """
    n_classes = _checks.integer(n_classes, "n_classes", minimum=1)
    return np.eye(n_classes)[_checks.labels(y, n_classes=n_classes)]


def _logits_and_labels(Z, y):
    Z = _checks.matrix(Z, "Z")
    return Z, _checks.labels(y, n_samples=Z.shape[0], n_classes=Z.shape[1])


def cross_entropy(Z, y):
    """Mean cross-entropy ``L = (1/n) Σ_i [logsumexp(Z_i) − Z_i[y_i]] = −(1/n) Σ_i log P_i[y_i]``.

    Z: ``(n, K)`` logits; y: ``(n,)`` labels. Returns: a float ≥ 0; a uniform prediction
    (all logits equal) costs ``log K``. Computed as ``−log_softmax(Z)[i, y_i]``, which works
    on the max-shifted logits: ``log(softmax)`` would give ``log 0 = −inf`` once a probability
    underflows, and subtracting ``Z_i[y_i]`` from ``logsumexp(Z_i)`` would cancel away every
    digit for logits like ``1e300``.
    """
    Z, y = _logits_and_labels(Z, y)
    return -np.mean(log_softmax(Z)[np.arange(len(y)), y])


def cross_entropy_grad(Z, y):
    """``∂L/∂Z = (softmax(Z) − one_hot(y)) / n``, shape ``(n, K)``.

    From ``l = log Σ_k exp(z_k) − z_y``: ``∂l/∂z_j = softmax(z)_j − [j = y]``. The gradient
    stays large when the model is confidently wrong, which is why cross-entropy trains fast.
    """
    return _cross_entropy_grad(*_logits_and_labels(Z, y))


def _cross_entropy_grad(Z, y):
    """``cross_entropy_grad`` for ``Z`` and ``y`` already checked."""
    return _cross_entropy_grad_at(_softmax(Z), y)


def _cross_entropy_grad_at(P, y):
    """``cross_entropy_grad`` from the probabilities ``P = softmax(Z)`` already computed."""
    return (P - np.eye(P.shape[1])[y]) / len(y)


def mse(Z, y):
    """Mean squared error on probabilities: ``L = (1/n) Σ_i ½‖softmax(Z_i) − one_hot(y_i)‖²``.

    Z: ``(n, K)`` logits; y: ``(n,)``. Returns: a float in ``[0, 1]``.
    """
    Z, y = _logits_and_labels(Z, y)
    E = softmax(Z) - one_hot(y, Z.shape[1])
    return np.mean(0.5 * np.sum(E**2, axis=1))


def mse_grad(Z, y):
    """``∂L/∂Z`` of ``mse``, through the softmax Jacobian; shape ``(n, K)``.

    Per row, with ``p = softmax(z)`` and ``e = p − one_hot``: ``∂l/∂p = e`` and
    ``∂p/∂z = diag(p) − p pᵀ``, so ``∂l/∂z = p ⊙ (e − e·p)``; then divide by ``n``.
    The Jacobian tends to 0 as ``p`` nears a one-hot, right or wrong: a confidently wrong
    model gets almost no gradient, so training with MSE stalls there (saturation).
    """
    return _mse_grad(*_logits_and_labels(Z, y))


def _mse_grad(Z, y):
    """``mse_grad`` for ``Z`` and ``y`` already checked."""
    return _mse_grad_at(_softmax(Z), y)


def _mse_grad_at(P, y):
    """``mse_grad`` from the probabilities ``P = softmax(Z)`` already computed."""
    E = P - np.eye(P.shape[1])[y]
    return P * (E - np.sum(E * P, axis=1, keepdims=True)) / len(y)


def _logits_and_targets(Z, Y):
    Z = _checks.matrix(Z, "Z")
    Y = _checks.matrix(Y, "Y", n_rows=Z.shape[0], n_cols=Z.shape[1])
    if np.any((Y < 0) | (Y > 1)):
        raise ValueError("Y must hold targets between 0 and 1 (labels are 0 or 1)")
    return Z, Y


def binary_cross_entropy(Z, Y):
    """Multi-label log loss: one sigmoid per label, summed over labels, mean over rows.

    ``L = (1/n) Σ_i Σ_l [−Y_il log σ(Z_il) − (1 − Y_il) log(1 − σ(Z_il))]``.
    Z: ``(n, L)`` logits; Y: ``(n, L)`` of 0/1 (soft targets in [0, 1] also work).
    Each term equals ``max(z, 0) − z·y + log(1 + exp(−|z|))``: no ``exp`` of a positive
    number and no ``log 0``, so logits of ±1e308 are fine.
    """
    Z, Y = _logits_and_targets(Z, Y)
    per_label = np.maximum(Z, 0) - Z * Y + np.log1p(np.exp(-np.abs(Z)))
    return np.mean(np.sum(per_label, axis=1))


def binary_cross_entropy_grad(Z, Y):
    """``∂L/∂Z = (σ(Z) − Y) / n``, shape ``(n, L)``: the logistic-regression gradient per label."""
    Z, Y = _logits_and_targets(Z, Y)
    return (sigmoid(Z) - Y) / Z.shape[0]


# Information measures of discrete distributions P, Q along the last axis.


def _distribution(P, name):
    P = _checks.logits(P, name)
    if np.any(P < 0) or not np.allclose(P.sum(axis=-1), 1.0, rtol=0, atol=1e-6):
        raise ValueError(f"{name} must be a probability distribution: entries ≥ 0 summing to 1")
    return P


def _distributions(P, Q):
    P, Q = _distribution(P, "P"), _distribution(Q, "Q")
    if P.shape != Q.shape:
        raise ValueError(f"P and Q must have the same shape, got {P.shape} and {Q.shape}")
    return P, Q


def _log_base(base):
    base = _checks.positive(base, "base")
    if base == 1:
        raise ValueError("base must not be 1 (use e for nats or 2 for bits)")
    return np.log(base)


def _weighted_surprisal(P, Q):
    """``P · (−log Q)`` elementwise, with ``0 · log 0 = 0`` and ``p · (−log 0) = +inf``.

    The first is the limit of ``p log p`` as ``p → 0``: impossible outcomes cost nothing.
    """
    log_Q = np.zeros_like(Q)
    with np.errstate(divide="ignore"):  # −log 0 = +inf is the true cost where P > 0
        np.log(Q, out=log_Q, where=P > 0)
    return P * -log_Q


def entropy(P, base=np.e):
    """``H(P) = −Σ_k P_k log P_k``, along the last axis; ``0 · log 0 = 0``.

    P: ``(..., K)`` probabilities summing to 1. base: e (nats, default) or 2 (bits).
    Returns: shape ``P.shape[:-1]``; between 0 (certain) and ``log K`` (uniform).
    """
    P = _distribution(P, "P")
    return np.sum(_weighted_surprisal(P, P), axis=-1) / _log_base(base)


def cross_entropy_dist(P, Q, base=np.e):
    """Cross-entropy of two distributions: ``H(P, Q) = −Σ_k P_k log Q_k`` (last axis).

    The average surprise when outcomes follow ``P`` but we expected ``Q``;
    ``H(P, Q) = H(P) + KL(P‖Q)``. Infinite if ``Q_k = 0`` where ``P_k > 0``.
    P, Q: ``(..., K)``. base: e or 2. Returns: shape ``P.shape[:-1]``.
    """
    P, Q = _distributions(P, Q)
    return np.sum(_weighted_surprisal(P, Q), axis=-1) / _log_base(base)


def kl_divergence(P, Q, base=np.e):
    """Kullback–Leibler divergence ``KL(P‖Q) = Σ_k P_k log(P_k / Q_k)`` (last axis).

    The extra cost of coding ``P`` with ``Q``: ``H(P, Q) − H(P)``, ≥ 0 and 0 iff ``P = Q``.
    Infinite if ``Q_k = 0`` where ``P_k > 0``. P, Q: ``(..., K)``. base: e or 2.
    Returns: shape ``P.shape[:-1]``. Summed term by term (not as a difference of two
    entropies) so equal distributions give exactly 0; the rounding error of nearly equal
    ones is clipped at 0, the bound Gibbs' inequality guarantees.
    """
    P, Q = _distributions(P, Q)
    terms = _weighted_surprisal(P, Q) - _weighted_surprisal(P, P)
    return np.maximum(np.sum(terms, axis=-1) / _log_base(base), 0.0)
