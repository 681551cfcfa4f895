"""Multi-label data, and two linear models for it: one softmax, or one sigmoid per label.

Conventions (as in the rest of ``core``): ``X (n, 2)`` points of the plane; ``Y (n, L)``
multi-hot targets, ``Y_il = 1`` when point ``i`` carries label ``l``; ``F = features(X)
(n, d)`` with ``d = 3``; ``W (d, L)``, ``b (L,)``, logits ``Z = F W + b (n, L)``.
Losses are means over rows; a gradient has its parameter's shape.

The data: label ``l`` is a disc of radius ``ρ`` centred at angle ``2πl/L`` on the unit
circle. Neighbouring discs touch at ``overlap = 0`` and overlap more as it grows, so many
points carry two or three labels (a Venn diagram). Every point carries at least one label:
points are drawn uniformly from the union of the discs, as a multi-label data set of images
holds images that show something. That keeps the softmax model's target ``Y_i / Σ_l Y_il``
defined for every row.

Why the feature ``x₁² + x₂²``: a linear model on ``(x₁, x₂)`` can only cut the plane with
a straight line, and a disc is not a half-plane. But ``‖x − c‖² ≤ ρ²`` is
``−2c·x + ‖x‖² ≤ ρ² − ‖c‖²``, linear in ``(x₁, x₂, ‖x‖²)``: with that one extra feature
every label's disc is exactly a region one sigmoid can learn. So whatever the softmax
model gets wrong comes from the softmax itself, not from features that are too poor.

The two models (registry ``MODELS``, one signature):
- ``"softmax"``: ``P = softmax(Z)``, cross-entropy against the normalised multi-hot
  target ``T = Y / Σ_l Y_l``: ``L = −(1/n) Σ_i Σ_l T_il log P_il``.
- ``"sigmoid"``: ``P = σ(Z)`` label by label, binary cross-entropy summed over labels:
  ``L = (1/n) Σ_i Σ_l [−Y_il log P_il − (1 − Y_il) log(1 − P_il)]``, which splits into
  ``L`` independent logistic regressions that share the features.
Both minimise ``J = L + (l2/2)‖W‖²`` (bias not penalised) by full-batch gradient descent
from ``W = 0``, ``b = 0``.
"""

from dataclasses import dataclass
from types import MappingProxyType

import numpy as np

from core import _checks
from core.activations import log_softmax, sigmoid, softmax

# From probabilities to label sets, and the metrics of label sets: core/labelsets.py, named
# here too, so that the lesson's one module holds all it shows.
from core.labelsets import (  # noqa: F401
    EXACT,
    EXTRA,
    MISSED,
    MISSED_AND_EXTRA,
    PerLabel,
    hamming_loss,
    per_label_scores,
    predict_threshold,
    predict_top_k,
    set_outcomes,
    subset_accuracy,
)
from core.losses import binary_cross_entropy, binary_cross_entropy_grad

MIN_LABELS, MAX_LABELS = 2, 6
CENTRE_RADIUS = 1.0
OVERLAP_GROWTH = 1.5
_BATCH = 512  # candidate points drawn per round of rejection sampling


# --- data -----------------------------------------------------------------------------------


def label_discs(n_labels, overlap):
    """Where each label lives: centres ``(L, 2)`` on the unit circle and one radius ``ρ``.

    Centre ``l`` is ``(cos θ_l, sin θ_l)`` with ``θ_l = π/2 + 2πl/L`` (label 0 at the top).
    Neighbouring centres are ``2 sin(π/L)`` apart, so at ``ρ = sin(π/L)`` neighbours touch;
    ``ρ = sin(π/L) · (1 + OVERLAP_GROWTH · overlap)`` grows from there to 2.5 times that at
    ``overlap = 1``, where (for L ≥ 3) a third or more of the points carry two labels or more.
    n_labels: int in ``2 .. 6``; overlap: a number in ``[0, 1]``.
    """
    n_labels = _check_n_labels(n_labels)
    overlap = _check_overlap(overlap)
    angles = np.pi / 2 + 2 * np.pi * np.arange(n_labels) / n_labels
    centres = CENTRE_RADIUS * np.column_stack([np.cos(angles), np.sin(angles)])
    return centres, CENTRE_RADIUS * np.sin(np.pi / n_labels) * (1 + OVERLAP_GROWTH * overlap)


def label_sets(X, centres, radius):
    """Multi-hot ``Y (n, L)``: ``Y_il = 1`` when ``‖x_i − c_l‖ ≤ ρ`` (float64 0/1)."""
    X = _checks.matrix(X, "X", n_cols=2)
    distances = np.linalg.norm(X[:, None, :] - np.asarray(centres)[None, :, :], axis=2)
    return (distances <= radius).astype(np.float64)


def make_multilabel(n_points, n_labels, overlap, seed):
    """``n_points`` points drawn uniformly from the union of the label discs, and their labels.

    Rejection sampling: candidates uniform in the discs' bounding square, kept when they
    fall in at least one disc, in rounds of a fixed size until ``n_points`` are kept, so
    one seed always gives the same data. Returns ``X (n, 2)`` float64 and ``Y (n, L)`` of
    0/1, every row with at least one 1. n_points: int ≥ 1; seed: int ≥ 0.
    """
    n_points = _checks.integer(n_points, "n_points", minimum=1)
    centres, radius = label_discs(n_labels, overlap)
    rng = np.random.default_rng(_checks.integer(seed, "seed", minimum=0))
    extent = CENTRE_RADIUS + radius
    kept = []
    while sum(len(block) for block in kept) < n_points:
        candidates = rng.uniform(-extent, extent, size=(_BATCH, 2))
        kept.append(candidates[label_sets(candidates, centres, radius).any(axis=1)])
    X = np.concatenate(kept)[:n_points]
    return X, label_sets(X, centres, radius)


def label_counts(Y):
    """How many points carry exactly ``m`` labels, for ``m = 0 .. L``: ``(L + 1,)`` ints."""
    Y = _checks.multi_hot(Y)
    return np.bincount(Y.sum(axis=1).astype(int), minlength=Y.shape[1] + 1)


def features(X):
    """``F = (x₁, x₂, x₁² + x₂²)``, shape ``(n, 3)``: discs become half-spaces (module doc)."""
    X = _checks.matrix(X, "X", n_cols=2)
    return np.column_stack([X, np.sum(X**2, axis=1)])


def normalised_targets(Y):
    """The softmax model's target ``T_i = Y_i / Σ_l Y_il``: each row a distribution.

    A point with labels {dog, car} gets ``(½, 0, ½)``. A row without any label has no such
    distribution, so it is refused (``make_multilabel`` never makes one).
    """
    Y = _checks.multi_hot(Y)
    counts = Y.sum(axis=1, keepdims=True)
    if np.any(counts == 0):
        raise ValueError("every row of Y needs at least one label to be normalised")
    return Y / counts


# --- the two models -------------------------------------------------------------------------


def softmax_cross_entropy(Z, Y):
    """``L = −(1/n) Σ_i Σ_l T_il log softmax(Z_i)_l`` with ``T = normalised_targets(Y)``.

    Z, Y: ``(n, L)``. Computed with ``log_softmax`` (log-sum-exp), never ``log(softmax)``.
    Its smallest value is not 0 but the mean entropy of ``T`` (``log 2`` for a row with
    two labels): the best this model can say about two labels is ½ each.
    """
    Z, T = _logits(Z, Y), normalised_targets(Y)
    return -np.mean(np.sum(T * log_softmax(Z), axis=1))


def softmax_loss_floor(Y):
    """The smallest value ``softmax_cross_entropy`` can take on targets ``Y``: ``(1/n) Σ_i H(T_i)``.

    Cross-entropy is ``H(T, P) = H(T) + KL(T‖P) ≥ H(T)``, equal when ``P = T``. A row with
    ``k`` labels has ``H(T_i) = log k``, so on multi-label data the loss never reaches 0.
    """
    counts = _checks.multi_hot(Y).sum(axis=1)
    if np.any(counts == 0):
        raise ValueError("every row of Y needs at least one label to be normalised")
    return float(np.mean(np.log(counts)))


def softmax_cross_entropy_grad(Z, Y):
    """``∂L/∂Z = (softmax(Z) − T) / n``, shape ``(n, L)``.

    As for one-hot targets, because each row of ``T`` sums to 1.
    """
    Z, T = _logits(Z, Y), normalised_targets(Y)
    return (softmax(Z) - T) / Z.shape[0]


@dataclass(frozen=True)
class Model:
    """One model: ``loss(Z, Y)``, its gradient ``∂loss/∂Z (n, L)``, and ``outputs(Z) → P``."""

    loss: object
    loss_grad: object
    outputs: object


# name → Model: adding a model is one entry here.
MODELS = MappingProxyType(
    {
        "softmax": Model(softmax_cross_entropy, softmax_cross_entropy_grad, softmax),
        "sigmoid": Model(binary_cross_entropy, binary_cross_entropy_grad, sigmoid),
    }
)


def logits(F, W, b):
    """``Z = F W + b``: ``F (n, d)``, ``W (d, L)``, ``b (L,)`` → ``(n, L)``."""
    F = _checks.matrix(F, "F")
    W = _checks.matrix(W, "W", n_rows=F.shape[1])
    return F @ W + _checks.vector(b, "b", length=W.shape[1])


def probabilities(F, W, b, *, model):
    """The outputs ``P (n, L)``: softmax rows summing to 1, or each ``σ(Z_il)`` in (0, 1)."""
    return _model(model).outputs(logits(F, W, b))


def objective(F, Y, W, b, *, model, l2=0.0):
    """``J = loss(F W + b, Y) + (l2/2)‖W‖²``, a float."""
    penalty = 0.5 * _checks.non_negative(l2, "l2") * np.sum(np.asarray(W, dtype=float) ** 2)
    return float(_model(model).loss(logits(F, W, b), Y)) + penalty


def gradients(F, Y, W, b, *, model, l2=0.0):
    """``(∂J/∂W (d, L), ∂J/∂b (L,))``: with ``G = ∂loss/∂Z``, ``Fᵀ G + l2 W`` and ``Σ_i G_i``."""
    F, W = _checks.matrix(F, "F"), _checks.matrix(W, "W")
    G = _model(model).loss_grad(logits(F, W, b), Y)
    return F.T @ G + _checks.non_negative(l2, "l2") * W, G.sum(axis=0)


def step(F, Y, W, b, *, model, learning_rate, l2=0.0):
    """One gradient-descent step: ``(W − α ∂J/∂W, b − α ∂J/∂b)``, new arrays."""
    learning_rate = _checks.positive(learning_rate, "learning_rate")
    grad_W, grad_b = gradients(F, Y, W, b, model=model, l2=l2)
    return W - learning_rate * grad_W, b - learning_rate * grad_b


@dataclass(frozen=True)
class Run:
    """Both models after ``epoch`` full-batch steps on the same data.

    ``params``: model name → ``(W (d, L), b (L,))``, in ``MODELS`` order; ``history
    (epoch + 1, 1 + M)``: per epoch from 0, the epoch and each model's objective.
    """

    epoch: int
    params: dict
    history: np.ndarray


def start(F, Y, *, l2=0.0):
    """The run at epoch 0: ``W = 0``, ``b = 0`` for every model (softmax uniform, σ = ½)."""
    F, Y = _checks.matrix(F, "F"), _checks.multi_hot(Y)
    zeros = {name: (np.zeros((F.shape[1], Y.shape[1])), np.zeros(Y.shape[1])) for name in MODELS}
    return Run(0, zeros, _history_row(0, F, Y, zeros, l2)[None, :])


def advance(run, F, Y, *, learning_rate, n_epochs, l2=0.0):
    """``run`` after ``n_epochs`` more gradient-descent steps for every model (a new Run).

    Raises ``ValueError`` if the weights or logits overflow: with ``learning_rate · l2 > 2``
    the weights grow by a factor each step (the run diverged). Without a penalty the
    gradients are bounded (``|P − T| ≤ 1``), so a too-large rate oscillates instead.
    """
    n_epochs = _checks.integer(n_epochs, "n_epochs", minimum=0)
    params, rows = dict(run.params), [run.history]
    with np.errstate(over="ignore", invalid="ignore"):  # divergence: reported below
        for epoch in range(run.epoch + 1, run.epoch + n_epochs + 1):
            for name, (W, b) in params.items():
                params[name] = step(F, Y, W, b, model=name, learning_rate=learning_rate, l2=l2)
            if not all(_finite_logits(F, W, b) for W, b in params.values()):
                raise ValueError(f"training diverged at epoch {epoch}: lower learning_rate or l2")
            rows.append(_history_row(epoch, F, Y, params, l2)[None, :])
    return Run(run.epoch + n_epochs, params, np.concatenate(rows))


def fit(F, Y, *, model, learning_rate, n_epochs, l2=0.0):
    """``(W, b)`` of one model after ``n_epochs`` full-batch steps from zero."""
    _model(model)
    W, b = np.zeros((F.shape[1], Y.shape[1])), np.zeros(Y.shape[1])
    for _ in range(_checks.integer(n_epochs, "n_epochs", minimum=0)):
        W, b = step(F, Y, W, b, model=model, learning_rate=learning_rate, l2=l2)
    return W, b


def _finite_logits(F, W, b):
    return np.all(np.isfinite(W)) and np.all(np.isfinite(b)) and np.all(np.isfinite(F @ W + b))


def _history_row(epoch, F, Y, params, l2):
    values = [objective(F, Y, *params[name], model=name, l2=l2) for name in MODELS]
    return np.array([epoch, *values])


# --- one example, by hand -------------------------------------------------------------------


def compare_activations(scores):
    """``(softmax(z), σ(z))`` of one vector of label scores ``z (L,)``.

    The softmax outputs sum to 1, so at most one of them exceeds ½; the sigmoids are
    independent and can all be near 1.
    """
    scores = _checks.finite_array(scores, "scores")
    if scores.ndim != 1 or scores.size == 0:
        raise ValueError("scores must be a non-empty 1-D array")
    return softmax(scores), sigmoid(scores)


# --- checks ---------------------------------------------------------------------------------


def _check_n_labels(n_labels):
    n_labels = _checks.integer(n_labels, "n_labels", minimum=MIN_LABELS)
    if n_labels > MAX_LABELS:
        raise ValueError(f"n_labels must be at most {MAX_LABELS}, got {n_labels}")
    return n_labels


def _check_overlap(overlap):
    overlap = _checks.non_negative(overlap, "overlap")
    if overlap > 1:
        raise ValueError(f"overlap must lie in [0, 1], got {overlap}")
    return overlap


def _logits(Z, Y):
    Z = _checks.matrix(Z, "Z")
    _checks.matrix(Y, "Y", n_rows=Z.shape[0], n_cols=Z.shape[1])
    return Z


def _model(name):
    if name not in MODELS:
        raise ValueError(f"model must be one of {', '.join(MODELS)}; got {name!r}")
    return MODELS[name]
