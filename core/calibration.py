"""Whether a classifier's softmax outputs can be read as probabilities: calibration.

A model is calibrated when, of all the images it gives confidence ``c``, a share ``c`` is
right (the notes: of all samples given 0.5, about half). Conventions: ``Z (n, K)`` logits,
``P = softmax(Z)``, ``y (n,)`` labels; an image's confidence is ``max_k P_ik`` and it is
right when ``argmax_k P_ik = y_i``.

Bins are ``B`` equal widths of ``[0, 1]``, closed on the right: bin ``m`` holds the
confidences in ``((m − 1)/B, m/B]`` (the first also holds 0), as in Guo et al. 2017 "On
calibration of modern neural networks" and ``sklearn.calibration.calibration_curve``.
"""

from dataclasses import dataclass

import numpy as np

from core import _checks
from core.losses import cross_entropy

# Where best_temperature looks for T, and how closely: wide enough for any trained model's
# logits on this app's pages (T beyond 100 is a uniform prediction in all but name).
T_RANGE = (0.01, 100.0)
LOG_T_TOLERANCE = 1e-6
_GOLDEN = (np.sqrt(5.0) - 1.0) / 2.0  # 0.618…: each round keeps this share of the bracket


@dataclass(frozen=True)
class ReliabilityBins:
    """A reliability diagram's numbers, ``B`` bins.

    ``edges (B + 1,)``: ``0, 1/B, …, 1``; ``counts (B,)``: images per bin;
    ``confidence (B,)``: mean confidence in each bin; ``accuracy (B,)``: share right in each
    bin (both NaN for an empty bin). Calibrated: ``accuracy ≈ confidence`` in every bin.
    """

    edges: np.ndarray
    counts: np.ndarray
    confidence: np.ndarray
    accuracy: np.ndarray


def confidence_and_correct(P, y):
    """``(confidence (n,), correct (n,))``: ``max_k P_ik``, and whether ``argmax_k P_ik = y_i``.

    P: ``(n, K)`` probabilities; y: ``(n,)`` labels.
    """
    P = _checks.matrix(P, "P")
    y = _checks.labels(y, n_samples=P.shape[0], n_classes=P.shape[1])
    return P.max(axis=1), np.argmax(P, axis=1) == y


def reliability_bins(P, y, n_bins=10):
    """The reliability diagram of predictions ``P (n, K)`` for labels ``y (n,)``.

    Image ``i`` falls in bin ``m`` when ``(m − 1)/B < conf_i ≤ m/B``; per bin,
    ``confidence = mean conf_i`` and ``accuracy = mean [argmax P_i = y_i]``.
    Returns ``ReliabilityBins``.
    """
    confidence, correct = confidence_and_correct(P, y)
    n_bins = _checks.integer(n_bins, "n_bins", minimum=1)
    edges = np.linspace(0.0, 1.0, n_bins + 1)
    bin_of = np.searchsorted(edges[1:-1], confidence, side="left")
    counts = np.bincount(bin_of, minlength=n_bins)
    with np.errstate(invalid="ignore", divide="ignore"):  # an empty bin: 0/0 → NaN, wanted
        mean_confidence = np.bincount(bin_of, weights=confidence, minlength=n_bins) / counts
        accuracy = np.bincount(bin_of, weights=correct, minlength=n_bins) / counts
    return ReliabilityBins(edges, counts, mean_confidence, accuracy)


def expected_calibration_error(P, y, n_bins=10):
    """``ECE = Σ_m (n_m / n) · |accuracy_m − confidence_m|`` over the non-empty bins.

    The average gap between how sure the model is and how often it is right, weighted by
    how many images each bin holds: 0 for a calibrated model, at most 1. A float.
    """
    bins = reliability_bins(P, y, n_bins)
    full = bins.counts > 0
    gaps = np.abs(bins.accuracy[full] - bins.confidence[full])
    return float(np.sum(bins.counts[full] * gaps) / bins.counts.sum())


def temperature_nll(Z, y, temperature):
    """The mean negative log-likelihood of labels ``y`` under ``softmax(Z / T)``.

    ``NLL(T) = −(1/n) Σ_i log softmax(Z_i / T)[y_i]``, computed from the logits with
    log-sum-exp (``core.cross_entropy``). ``T > 1`` softens every prediction, ``T < 1``
    sharpens it; ``T`` never changes which class is predicted, so accuracy stays the same.
    """
    Z = _checks.matrix(Z, "Z")
    return float(cross_entropy(Z / _checks.positive(temperature, "temperature"), y))


def best_temperature(Z, y, *, low=T_RANGE[0], high=T_RANGE[1]):
    """The ``T`` in ``[low, high]`` that minimises ``temperature_nll(Z, y, T)``.

    Golden-section search on ``log T``. It needs one minimum, and there is only one: with
    ``β = 1/T``, ``NLL = (1/n) Σ_i [logsumexp(β Z_i) − β Z_i[y_i]]`` is convex in ``β``
    (log-sum-exp is convex, the rest is linear), and ``log T = −log β`` is monotone, so
    ``NLL`` falls, then rises, along ``log T``. Each round shrinks the bracket by 0.618; it
    stops when it is ``LOG_T_TOLERANCE`` wide. Returns a float; an end of the range when
    the minimum lies beyond it (logits that rank every image right want ``T → 0``).
    """
    Z = _checks.matrix(Z, "Z")
    a, b = np.log(_checks.positive(low, "low")), np.log(_checks.positive(high, "high"))
    if not a < b:
        raise ValueError(f"low must be below high, got {low!r} and {high!r}")

    def nll(log_t):
        return temperature_nll(Z, y, float(np.exp(log_t)))

    c, d = b - _GOLDEN * (b - a), a + _GOLDEN * (b - a)
    f_c, f_d = nll(c), nll(d)
    while b - a > LOG_T_TOLERANCE:
        if f_c <= f_d:  # the minimum is left of d
            b, d, f_d = d, c, f_c
            c = b - _GOLDEN * (b - a)
            f_c = nll(c)
        else:
            a, c, f_c = c, d, f_d
            d = a + _GOLDEN * (b - a)
            f_d = nll(d)
    return float(np.exp((a + b) / 2))
