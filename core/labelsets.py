"""From a multi-label model's probabilities to label sets, and how good the sets are
(``core.multilabel``'s conventions: ``Y (n, L)`` multi-hot targets, ``P (n, L)``
probabilities, ``Y_hat (n, L)`` predicted 0/1 sets)."""

from dataclasses import dataclass

import numpy as np

from core import _checks

# --- from probabilities to label sets -------------------------------------------------------


def predict_threshold(P, thresholds):
    """Label ``l`` is predicted when ``P_l ≥ t_l``: ``(n, L)`` 0/1.

    thresholds: one number for every label or ``(L,)``, one per label. With softmax
    outputs a threshold ``t`` can give at most ``⌊1/t⌋`` labels (they sum to 1), and none
    at all when every output is below ``t``.
    """
    P = _probabilities(P)
    thresholds = np.broadcast_to(_checks.finite_array(thresholds, "thresholds"), P.shape[1:])
    return np.greater_equal(P, thresholds).astype(np.float64)


def predict_top_k(P, k):
    """The ``k`` labels with the largest outputs in each row: ``(n, L)`` 0/1.

    Ties go to the lower label index (a stable sort), so each row has exactly ``k`` labels:
    the same number for every point, however many it truly carries.
    """
    P = _probabilities(P)
    k = _checks.integer(k, "k", minimum=1)
    if k > P.shape[1]:
        raise ValueError(f"k must be at most the number of labels, {P.shape[1]}; got {k}")
    order = np.argsort(-P, axis=1, kind="stable")[:, :k]
    predicted = np.zeros_like(P)
    np.put_along_axis(predicted, order, 1.0, axis=1)
    return predicted


# What went wrong with one point's predicted set (``set_outcomes``).
EXACT, MISSED, EXTRA, MISSED_AND_EXTRA = 0, 1, 2, 3


def set_outcomes(Y, Y_hat):
    """Per row: ``EXACT`` (the set is right), ``MISSED`` (lacks a true label), ``EXTRA``
    (has a wrong one) or ``MISSED_AND_EXTRA``; ``(n,)`` ints. ``EXACT`` rows are what
    subset accuracy counts.
    """
    Y, Y_hat = _pair(Y, Y_hat)
    missed = np.any((Y == 1) & (Y_hat == 0), axis=1)
    extra = np.any((Y == 0) & (Y_hat == 1), axis=1)
    return missed * MISSED + extra * EXTRA


# --- metrics --------------------------------------------------------------------------------


def subset_accuracy(Y, Y_hat):
    """Share of rows whose predicted label set equals the true set exactly, in ``[0, 1]``."""
    Y, Y_hat = _pair(Y, Y_hat)
    return float(np.mean(np.all(np.equal(Y, Y_hat), axis=1)))


def hamming_loss(Y, Y_hat):
    """Share of the ``n · L`` (point, label) decisions that are wrong, in ``[0, 1]``."""
    Y, Y_hat = _pair(Y, Y_hat)
    return float(np.mean(np.not_equal(Y, Y_hat)))


@dataclass(frozen=True)
class PerLabel:
    """Per-label scores, each ``(L,)``: ``precision = TP / (TP + FP)``, ``recall = TP / (TP + FN)``,
    ``f1 = 2 TP / (2 TP + FP + FN)``, and ``support``: points truly carrying the label.

    A score whose denominator is 0 (nothing predicted, or nothing to find) is 0, as
    scikit-learn's ``zero_division=0``; ``2TP / (2TP + FP + FN)`` equals ``2PR / (P + R)``.
    """

    precision: np.ndarray
    recall: np.ndarray
    f1: np.ndarray
    support: np.ndarray


def per_label_scores(Y, Y_hat):
    """Precision, recall and F1 of every label, counted over the rows (see ``PerLabel``)."""
    Y, Y_hat = _pair(Y, Y_hat)
    true_pos = np.sum((Y == 1) & (Y_hat == 1), axis=0)
    false_pos = np.sum((Y == 0) & (Y_hat == 1), axis=0)
    false_neg = np.sum((Y == 1) & (Y_hat == 0), axis=0)
    return PerLabel(
        precision=_ratio(true_pos, true_pos + false_pos),
        recall=_ratio(true_pos, true_pos + false_neg),
        f1=_ratio(2 * true_pos, 2 * true_pos + false_pos + false_neg),
        support=np.sum(Y == 1, axis=0),
    )


def _ratio(numerator, denominator):
    """``numerator / denominator`` elementwise, 0 where the denominator is 0."""
    safe = np.where(denominator == 0, 1, denominator)
    return np.where(denominator == 0, 0.0, numerator / safe)


# --- checks ---------------------------------------------------------------------------------


def _pair(Y, Y_hat):
    Y, Y_hat = _checks.multi_hot(Y), _checks.multi_hot(Y_hat, "Y_hat")
    if Y.shape != Y_hat.shape:
        raise ValueError(f"Y and Y_hat must have the same shape, got {Y.shape} and {Y_hat.shape}")
    return Y, Y_hat


def _probabilities(P):
    P = _checks.matrix(P, "P")
    if np.any((P < 0) | (P > 1)):
        raise ValueError("P must hold probabilities in [0, 1]")
    return P
