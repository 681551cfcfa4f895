"""The numbers the softmax lesson shows beside the stable functions of ``core.activations``.

Logits ``z`` are one vector ``(K,)`` here: the lesson looks at one example at a time.
Two functions are deliberately the unstable textbook forms (``naive_softmax``,
``log_of_softmax``): the lesson shows what goes wrong with them, so they return the
inf / NaN / −inf that float64 gives, as values, without letting numpy's warnings escape.
"""

from dataclasses import dataclass

import numpy as np

from core import _checks
from core.activations import sigmoid, softmax, softmax_zero_temperature
from core.losses import entropy


def exponentials(z):
    """``exp(z_k)`` elementwise, as float64 computes it: ``exp(1000) = inf`` (no warning).

    z: ``(K,)``. Returns: ``(K,)``, entries in ``[0, inf]``. ``exp`` overflows above
    ``z ≈ 709.78`` (the largest double is ~1.8e308) and underflows to 0 below ``≈ −745``.
    """
    z = _checks.logits(z)
    with np.errstate(over="ignore"):
        return np.exp(z)


def softmax_terms(z, temperature=1.0):
    """The numerators ``e^{z_k / T}`` of softmax and their sum, as float64 computes them.

    z: ``(K,)``; temperature: ``T > 0``. Returns: ``(numerators (K,), total)``; both are
    inf once some ``z_k / T`` passes ≈ 709.78 (see ``shifted_terms`` for the safe form).
    """
    z = _checks.logits(z)
    temperature = _checks.positive(temperature, "temperature")
    with np.errstate(over="ignore"):
        scaled = z / temperature
    numerators = exponentials(scaled)
    return numerators, float(numerators.sum())


def shifted_terms(z, temperature=1.0):
    """The numerators after subtracting the max, ``e^{(z_k − m) / T}`` with ``m = max(z)``.

    z: ``(K,)``; temperature: ``T > 0``. Returns: ``(m, numerators (K,), total)``. Every
    numerator is in ``[0, 1]`` and the total in ``[1, K]``: nothing can overflow, and
    dividing gives the same softmax because ``e^{−m/T}`` cancels.
    """
    z = _checks.logits(z)
    temperature = _checks.positive(temperature, "temperature")
    m = float(z.max())
    with np.errstate(over="ignore"):  # a gap beyond float range gives −inf: exp → 0, exact
        numerators = np.exp((z - m) / temperature)
    return m, numerators, float(numerators.sum())


def shifted_exponents(z, temperature=1.0):
    """The exponents of the stable form, ``(z_k − m) / T`` with ``m = max(z)``: all ≤ 0.

    z: ``(K,)``; temperature: ``T > 0``. Returns: ``(K,)`` (−inf where a gap passes the
    float range; its exponential is then exactly 0).
    """
    z = _checks.logits(z)
    temperature = _checks.positive(temperature, "temperature")
    with np.errstate(over="ignore"):
        return (z - z.max()) / temperature


def fraction_form(z, temperature=1.0):
    """Which fraction can show ``softmax(z / T)`` as float64 computes it.

    ``"plain"``: ``e^{z_k/T} / Σ_j e^{z_j/T}`` holds normal numbers. ``"overflow"``: some
    ``e^{z_k/T}`` is inf (``z_k / T`` above ≈ 709.78), the fraction would be ∞ / ∞.
    ``"underflow"``: even the largest ``e^{z_k/T}`` is below the smallest normal double
    (``z_k / T`` below ≈ −708.4): 0 / 0 for ``(−1000, −1000)``, or digits lost. In both
    last cases only the stable form, after subtracting ``max(z)``, gives the true value.
    z: ``(K,)``; temperature: ``T > 0``.
    """
    numerators, total = softmax_terms(z, temperature)
    if not np.isfinite(total):
        return "overflow"
    if numerators.max() < np.finfo(np.float64).tiny:
        return "underflow"
    return "plain"


def naive_softmax(z):
    """The textbook form ``exp(z_k) / Σ_j exp(z_j)`` with no shift: unsafe on purpose.

    z: ``(K,)``. Returns: ``(K,)``. For ``z = (1000, 0, 1000)`` the numerators are
    ``(inf, 1, inf)``, the sum is inf and ``inf / inf`` is NaN: ``(NaN, 0, NaN)``, where
    ``softmax`` (which subtracts ``max(z)`` first) gives ``(0.5, 0, 0.5)``.
    """
    numerators = exponentials(z)
    with np.errstate(over="ignore", invalid="ignore"):
        return numerators / numerators.sum()


def log_of_softmax(z):
    """``log(softmax(z))`` computed in two steps, as the unsafe way to get log-probabilities.

    z: ``(K,)``. Returns: ``(K,)``. For ``z = (1000, 1)`` softmax's second entry
    ``e^−999`` underflows to 0 and its log is −inf; ``log_softmax`` gives the true −999.
    """
    probabilities = softmax(z)
    with np.errstate(divide="ignore"):
        return np.log(probabilities)


def temperature_grid(lowest, highest, n_points):
    """``n_points`` temperatures evenly spaced on a log scale from ``lowest`` to ``highest``.

    Returns: ``(n_points,)``. A log scale because ``T`` acts by dividing: 0.01 → 0.1 changes
    the output as much as 10 → 100 does.
    """
    lowest = _checks.positive(lowest, "lowest")
    highest = _checks.positive(highest, "highest")
    n_points = _checks.integer(n_points, "n_points", minimum=2)
    return np.geomspace(lowest, highest, n_points)


def temperature_sweep(z, temperatures):
    """``softmax(z / T)`` for every ``T`` in ``temperatures``: one row per temperature.

    z: ``(K,)``; temperatures: ``(m,)``, each > 0. Returns: ``(m, K)``, each row sums to 1.
    """
    return np.stack([softmax(z, temperature) for temperature in temperatures])


def output_at(z, temperature):
    """The lesson's output: ``softmax(z / T)``, or its limit when ``temperature`` is 0.

    ``temperature = 0`` stands for ``T → 0``: a one-hot on the argmax, ties split evenly.
    z: ``(K,)``. Returns: ``(K,)``.
    """
    if _checks.non_negative(temperature, "temperature") == 0:
        return softmax_zero_temperature(z)
    return softmax(z, temperature)


def uniform_entropy(n_classes):
    """``log K``: the entropy of the uniform distribution, the largest any ``K``-vector has."""
    n_classes = _checks.integer(n_classes, "n_classes", minimum=1)
    return float(np.log(n_classes))


@dataclass(frozen=True)
class Properties:
    """What the lesson checks live on one output ``p = softmax(z / T)``.

    smallest: ``min_k p_k``. total: ``Σ_k p_k`` as float64 adds it (shown to 17 digits).
    logits_argmax, output_argmax: every index holding the maximum (ties included).
    shifted_logits: ``z + c``; shifted: ``softmax((z + c) / T)``;
    largest_shift_change: ``max_k |shifted_k − p_k|``.
    entropy: ``H(p)`` in nats.
    """

    probabilities: np.ndarray
    smallest: float
    total: float
    logits_argmax: tuple[int, ...]
    output_argmax: tuple[int, ...]
    shifted_logits: np.ndarray
    shifted: np.ndarray
    largest_shift_change: float
    entropy: float


def _argmax_set(values):
    return tuple(int(k) for k in np.flatnonzero(values == values.max()))


def properties(z, temperature, shift):
    """Check the properties of softmax on ``z`` at ``temperature`` (0 means ``T → 0``).

    ``softmax(z + c) = softmax(z)`` because ``e^{z_k + c} = e^c e^{z_k}`` and ``e^c``
    cancels between numerator and denominator; the shifted output is computed from the
    shifted logits, so any difference shown is float rounding only.
    z: ``(K,)``; shift: the constant ``c``. Returns: ``Properties``.
    """
    z = _checks.logits(z)
    shift = _checks.finite_array(shift, "shift")
    p = output_at(z, temperature)
    shifted_logits = z + shift
    shifted = output_at(shifted_logits, temperature)
    return Properties(
        probabilities=p,
        smallest=float(p.min()),
        total=float(p.sum()),
        logits_argmax=_argmax_set(z),
        output_argmax=_argmax_set(p),
        shifted_logits=shifted_logits,
        shifted=shifted,
        largest_shift_change=float(np.abs(shifted - p).max()),
        entropy=float(entropy(p)),
    )


def one_vs_rest(z):
    """Independent sigmoids ``σ(z_k)`` beside ``softmax(z)``, with the sum of each.

    z: ``(K,)``. Returns: ``(sigmoids (K,), sigmoid_sum, softmax (K,), softmax_sum)``.
    For ``z = (2, 1, 0.1)``: ``(0.881, 0.731, 0.525)`` summing to 2.137, against
    ``(0.659, 0.242, 0.099)`` summing to 1. Each sigmoid sees only its own logit, so
    nothing ties the answers together.
    """
    sigmoids = sigmoid(_checks.logits(z))
    probabilities = softmax(z)
    return sigmoids, float(sigmoids.sum()), probabilities, float(probabilities.sum())


def two_class_curves(differences):
    """``softmax(z1, z2)_1`` and ``σ(z1 − z2)`` as functions of ``d = z1 − z2``.

    Softmax depends only on differences of logits, so ``(z1, z2) = (d, 0)`` covers every
    pair: ``e^{z1} / (e^{z1} + e^{z2}) = 1 / (1 + e^{−(z1 − z2)}) = σ(z1 − z2)``.
    differences: ``(m,)``. Returns: ``(softmax_first (m,), sigmoid (m,))``, equal up to
    rounding.
    """
    d = _checks.finite_array(differences, "differences")
    pairs = np.stack([d, np.zeros_like(d)], axis=-1)
    return softmax(pairs)[:, 0], sigmoid(d)


def two_class_point(z1, z2, minimum_reach=10.0, n_points=201):
    """The two-class picture for logits ``(z1, z2)``: where they sit on the sigmoid.

    Returns ``(d, softmax_first, differences)``: ``d = z1 − z2``, ``softmax(z1, z2)_1``,
    and ``n_points`` values of ``z1 − z2`` evenly spaced over ``[−r, r]`` with
    ``r = max(minimum_reach, |d|)``, so the current point is always on the chart.
    """
    z1, z2 = _checks.vector([z1, z2], "(z1, z2)", length=2)
    n_points = _checks.integer(n_points, "n_points", minimum=2)
    d = float(z1 - z2)
    reach = max(_checks.positive(minimum_reach, "minimum_reach"), abs(d))
    return d, float(softmax([z1, z2])[0]), np.linspace(-reach, reach, n_points)
