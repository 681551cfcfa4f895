"""Softmax and its relatives, and the sigmoid.

Logits ``Z`` hold one score per class on their last axis: a vector ``(K,)`` or a batch
``(n, K)`` (any leading shape works). Every function returns new float64 arrays.
"""

import numpy as np

from core import _checks


def _shift_by_max(Z):
    """``Z − max(Z)`` along the last axis: every entry ≤ 0, so ``exp`` cannot overflow.

    Adding one constant to all the logits of a row changes neither softmax nor log-softmax.
    Logits more than ~1.8e308 apart make the subtraction overflow to −inf; ``exp(−inf) = 0``
    is then the correctly rounded answer, so that warning is silenced rather than shown.
    """
    with np.errstate(over="ignore"):
        return Z - Z.max(axis=-1, keepdims=True)


def _softmax(Z):
    """``softmax(Z)`` at ``T = 1`` for logits already checked (the training loop's steps)."""
    E = np.exp(_shift_by_max(Z))
    return E / E.sum(axis=-1, keepdims=True)


def softmax(Z, temperature=1.0):
    """Probabilities from logits: ``softmax(Z / T)_k = exp(Z_k / T) / Σ_j exp(Z_j / T)``.

    Z: logits, shape ``(..., K)``; the softmax runs along the last axis.
    temperature: ``T > 0``. ``T → 0`` tends to a one-hot on the argmax (see
    ``softmax_zero_temperature``), ``T → ∞`` to the uniform ``1/K``.
    Returns: shape of ``Z``; each row is > 0 (up to underflow) and sums to 1.

    Why the max is subtracted: ``exp(1000)`` overflows to inf and inf/inf is NaN, but
    ``softmax(z − c) = softmax(z)``, and after ``z − max(z)`` the largest exponent is
    ``exp(0) = 1``. The order of shifting and dividing by ``T`` is chosen so neither step
    overflows unless the exact answer is 0 anyway: ``Z / T`` is safe for ``T ≥ 1``; for
    ``T < 1`` it is not (``1e308 / 0.5 = inf``), so the shift comes first.
    Raises ``ValueError`` for NaN or ±inf logits or a temperature that is not > 0.
    """
    Z = _checks.logits(Z)
    T = _checks.positive(temperature, "temperature")
    if T == 1:
        return _softmax(Z)
    if T >= 1:
        scaled = _shift_by_max(Z / T)
    else:
        with np.errstate(over="ignore"):  # a gap beyond float range gives −inf: exp → 0, exact
            scaled = _shift_by_max(Z) / T
    E = np.exp(scaled)
    return E / E.sum(axis=-1, keepdims=True)


def softmax_zero_temperature(Z):
    """The limit of ``softmax(Z, T)`` as ``T → 0``: one-hot on the argmax, ties split evenly.

    ``(1000, 0, 1000) → (0.5, 0, 0.5)``: as ``T`` shrinks every logit below the max loses
    all its mass, and logits equal to the max share it equally.
    Z: logits ``(..., K)``. Returns: shape of ``Z``.
    """
    Z = _checks.logits(Z)
    is_max = Z.max(axis=-1, keepdims=True) == Z
    return is_max / is_max.sum(axis=-1, keepdims=True)


def logsumexp(Z):
    """``log Σ_k exp(Z_k)`` along the last axis, without overflow.

    Z: ``(..., K)``. Returns: shape ``Z.shape[:-1]`` (a 0-d array for a vector).
    Uses ``log Σ exp(Z_k) = m + log Σ exp(Z_k − m)`` with ``m = max(Z)``: the sum then lies
    in ``[1, K]``, so neither ``exp`` nor ``log`` can overflow or hit ``log 0``.
    """
    Z = _checks.logits(Z)
    m = Z.max(axis=-1)
    return m + np.log(np.exp(_shift_by_max(Z)).sum(axis=-1))


def log_softmax(Z):
    """``log softmax(Z)_k = Z_k − logsumexp(Z)``, along the last axis.

    Z: ``(..., K)``. Returns: shape of ``Z``, every entry ≤ 0.
    Why not ``log(softmax(Z))``: for ``Z = (1000, 1)`` softmax's second entry underflows to
    0 and its log is −inf, while the true value is −999. Working with the shifted logits
    keeps it exact. (Only a log-probability below −1.8e308 comes out as −inf.)
    """
    shifted = _shift_by_max(_checks.logits(Z))
    return shifted - np.log(np.exp(shifted).sum(axis=-1, keepdims=True))


def sigmoid(z):
    """The logistic function ``σ(z) = 1 / (1 + exp(−z))``, elementwise.

    z: any shape. Returns: same shape, values in ``[0, 1]``; ``σ(−z) = 1 − σ(z)`` and
    ``σ'(z) = σ(z)(1 − σ(z))``. Two-branch form: with ``e = exp(−|z|) ∈ (0, 1]``,
    ``σ(z) = 1/(1 + e)`` for ``z ≥ 0`` and ``e/(1 + e)`` for ``z < 0``. Both are the same
    function, but neither ever evaluates ``exp`` of a positive number, so ``σ(±1e308)`` is
    computed without overflow. Raises ``ValueError`` for NaN or ±inf.
    """
    z = _checks.finite_array(z, "z")
    e = np.exp(-np.abs(z))
    return np.where(z >= 0, 1 / (1 + e), e / (1 + e))
