"""Softmax regression trained by gradient descent, one small step at a time.

Model: ``Z = X W + b``, ``P = softmax(Z)`` row by row, with ``X (n, d)``, ``W (d, K)``,
``b (K,)``, ``y (n,)`` integer labels. Objective: ``J = mean loss(Z, y) + (l2/2)‖W‖²``
(the bias is not penalised). ``forward → gradients → step → run_epoch → fit``: each one
composes the one before, so a page can run any level by hand. All are pure: they return
new arrays and take randomness only as an explicit generator or seed.
"""

from dataclasses import dataclass
from types import MappingProxyType

import numpy as np

from core import _checks
from core.losses import (
    _cross_entropy_grad,
    _cross_entropy_grad_at,
    _mse_grad,
    _mse_grad_at,
    cross_entropy,
    cross_entropy_grad,
    mse,
    mse_grad,
)

# name → (loss(Z, y), ∂loss/∂Z (Z, y)): adding a loss is one entry here.
LOSSES = MappingProxyType(
    {
        "cross_entropy": (cross_entropy, cross_entropy_grad),
        "mse": (mse, mse_grad),
    }
)
# The same gradients for arguments already checked: a mini-batch epoch checks its data once,
# not at each of its steps, where the checks cost four times the arithmetic (a loss without
# an entry here uses its checked gradient).
_CHECKED_ONCE = MappingProxyType({cross_entropy_grad: _cross_entropy_grad, mse_grad: _mse_grad})
# name → ∂loss/∂Z from the probabilities P = softmax(Z) (P, y): a live run measures P every
# epoch and takes its next full-batch step from them (core/liverun.py).
GRADIENTS_AT_PROBABILITIES = MappingProxyType(
    {"cross_entropy": _cross_entropy_grad_at, "mse": _mse_grad_at}
)


@dataclass(frozen=True)
class EpochRecord:
    """The state after one epoch, measured on the full training data.

    ``loss``: the chosen loss, mean over samples (no penalty); ``objective``: ``loss +
    (l2/2)‖W‖²``, what gradient descent minimises; ``accuracy``: share of training samples
    whose argmax prediction is right.
    """

    epoch: int
    loss: float
    objective: float
    accuracy: float


@dataclass(frozen=True)
class FitResult:
    """Trained ``W (d, K)`` and ``b (K,)``, and one ``EpochRecord`` per epoch, in order."""

    W: np.ndarray
    b: np.ndarray
    history: tuple[EpochRecord, ...]


def _check_problem(X, y, W, b):
    X = _checks.matrix(X, "X")
    W = _checks.matrix(W, "W", n_rows=X.shape[1])
    b = _checks.vector(b, "b", length=W.shape[1])
    y = _checks.labels(y, n_samples=X.shape[0], n_classes=W.shape[1])
    return X, y, W, b


def _loss_pair(loss):
    if loss not in LOSSES:
        raise ValueError(f"loss must be one of {', '.join(LOSSES)}; got {loss!r}")
    return LOSSES[loss]


def forward(X, W, b):
    """Logits ``Z = X W + b``: ``X (n, d)``, ``W (d, K)``, ``b (K,)`` → ``Z (n, K)``."""
    X = _checks.matrix(X, "X")
    W = _checks.matrix(W, "W", n_rows=X.shape[1])
    return X @ W + _checks.vector(b, "b", length=W.shape[1])


def predict(X, W, b):
    """Predicted labels ``argmax_k Z_ik`` ``(n,)``: the same as the argmax of ``softmax(Z)``."""
    return np.argmax(forward(X, W, b), axis=1)


def accuracy(X, y, W, b):
    """Share of rows whose predicted label equals ``y``: a float in ``[0, 1]``."""
    X, y, W, b = _check_problem(X, y, W, b)
    return np.mean(predict(X, W, b) == y)


def _checked_logits(X, W, b):
    """``forward``, refusing logits that overflowed: only a diverged run produces them."""
    Z = forward(X, W, b)
    if not np.all(np.isfinite(Z)):
        raise ValueError("the logits X W + b overflowed: training diverged; lower learning_rate")
    return Z


def objective(X, y, W, b, *, loss="cross_entropy", l2=0.0):
    """``J = mean loss(X W + b, y) + (l2/2)‖W‖²``, a float."""
    X, y, W, b = _check_problem(X, y, W, b)
    loss_fn, _ = _loss_pair(loss)
    penalty = 0.5 * _checks.non_negative(l2, "l2") * np.sum(W**2)
    return loss_fn(_checked_logits(X, W, b), y) + penalty


def gradients(X, y, W, b, *, loss="cross_entropy", l2=0.0):
    """``(∂J/∂W (d, K), ∂J/∂b (K,))`` of the objective on this batch.

    With ``G = ∂(mean loss)/∂Z (n, K)`` (for cross-entropy ``(P − Y)/n``), the chain rule
    through ``Z = X W + b`` gives ``∂J/∂W = Xᵀ G + l2 · W`` and ``∂J/∂b = Σ_i G_i``.
    """
    X, y, W, b = _check_problem(X, y, W, b)
    _, grad_fn = _loss_pair(loss)
    return _gradients(
        X, y, W, b, _CHECKED_ONCE.get(grad_fn, grad_fn), _checks.non_negative(l2, "l2")
    )


def _gradients(X, y, W, b, grad_fn, l2):
    """``gradients`` for arguments already checked, with the loss's ``∂L/∂Z`` ``grad_fn``."""
    Z = X @ W + b
    if not np.all(np.isfinite(Z)):
        raise ValueError("the logits X W + b overflowed: training diverged; lower learning_rate")
    return parameter_gradients(X, W, grad_fn(Z, y), l2)


def parameter_gradients(X, W, G, l2):
    """``(∂J/∂W, ∂J/∂b)`` from ``G = ∂(mean loss)/∂Z`` ``(n, K)``: ``Xᵀ G + l2 · W`` and
    ``Σ_i G_i`` (arguments already checked)."""
    return X.T @ G + l2 * W, G.sum(axis=0)


def step_from_probabilities(X, y, W, b, P, *, loss, learning_rate, l2=0.0):
    """``step`` on the full batch ``X, y`` whose probabilities ``P = softmax(X W + b)`` are
    known already (a live run measured them at ``W, b``): the same new ``(W, b)``, without
    computing the logits again. Arguments already checked."""
    G = GRADIENTS_AT_PROBABILITIES[loss](P, y)
    grad_W, grad_b = parameter_gradients(X, W, G, l2)
    return W - learning_rate * grad_W, b - learning_rate * grad_b


def step(X, y, W, b, *, loss="cross_entropy", learning_rate, l2=0.0):
    """One gradient-descent step on this batch: ``W − α ∂J/∂W``, ``b − α ∂J/∂b`` (new arrays)."""
    learning_rate = _checks.positive(learning_rate, "learning_rate")
    grad_W, grad_b = gradients(X, y, W, b, loss=loss, l2=l2)
    return W - learning_rate * grad_W, b - learning_rate * grad_b


def run_epoch(
    X, y, W, b, *, loss="cross_entropy", learning_rate, batch_size=None, l2=0.0, rng=None
):
    """One pass over the data; returns the new ``(W, b)``.

    ``batch_size=None``: one full-batch step. Otherwise the rows are shuffled with ``rng``
    (an ``np.random.Generator``) and visited in batches of ``batch_size`` (the last may be
    smaller), one step per batch: stochastic / mini-batch gradient descent.
    """
    if batch_size is None:
        return step(X, y, W, b, loss=loss, learning_rate=learning_rate, l2=l2)
    batch_size = _checks.integer(batch_size, "batch_size", minimum=1)
    if rng is None:
        raise ValueError("mini-batches need rng, an np.random.Generator, to shuffle the rows")
    X, y, W, b = _check_problem(X, y, W, b)
    learning_rate = _checks.positive(learning_rate, "learning_rate")
    l2 = _checks.non_negative(l2, "l2")
    _, grad_fn = _loss_pair(loss)
    grad_fn = _CHECKED_ONCE.get(grad_fn, grad_fn)
    order = rng.permutation(len(X))
    X, y = X[order], y[order]  # shuffled once: each batch is then a slice, not a gather
    for start in range(0, len(X), batch_size):
        end = start + batch_size
        grad_W, grad_b = _gradients(X[start:end], y[start:end], W, b, grad_fn, l2)
        W, b = W - learning_rate * grad_W, b - learning_rate * grad_b
    return W, b


def evaluate(X, y, W, b, *, epoch, loss="cross_entropy", l2=0.0):
    """The ``EpochRecord`` of parameters ``W, b`` on data ``X, y`` (``epoch`` is a label)."""
    return EpochRecord(
        epoch=epoch,
        loss=float(objective(X, y, W, b, loss=loss)),
        objective=float(objective(X, y, W, b, loss=loss, l2=l2)),
        accuracy=float(accuracy(X, y, W, b)),
    )


def _check_settings(*, loss, learning_rate, n_epochs, batch_size, l2, seed):
    _loss_pair(loss)
    _checks.positive(learning_rate, "learning_rate")
    _checks.integer(n_epochs, "n_epochs", minimum=0)
    if batch_size is not None:
        _checks.integer(batch_size, "batch_size", minimum=1)
    _checks.non_negative(l2, "l2")
    _checks.integer(seed, "seed", minimum=0)


def fit(
    X,
    y,
    n_classes,
    *,
    loss="cross_entropy",
    learning_rate,
    n_epochs,
    batch_size=None,
    l2=0.0,
    seed=0,
):
    """Train softmax regression by gradient descent from ``W = 0 (d, K)``, ``b = 0 (K,)``.

    Minimises ``mean loss(X W + b, y) + (l2/2)‖W‖²`` with ``n_epochs`` calls of
    ``run_epoch``; mini-batches are shuffled by ``np.random.default_rng(seed)``, so a seed
    fixes the whole run. ``loss`` is a key of ``LOSSES``.
    X: ``(n, d)``; y: ``(n,)`` labels in ``0 .. n_classes−1``.
    Returns: ``FitResult(W, b, history)``, ``history[e − 1]`` measured after epoch ``e``.
    Raises ``ValueError`` for bad arguments, and if the run diverges (with ``learning_rate ·
    l2 > 2`` the weights grow each step until the numbers overflow).
    """
    X = _checks.matrix(X, "X")
    n_classes = _checks.integer(n_classes, "n_classes", minimum=2)
    y = _checks.labels(y, n_samples=X.shape[0], n_classes=n_classes)
    settings = {"loss": loss, "learning_rate": learning_rate, "batch_size": batch_size, "l2": l2}
    _check_settings(n_epochs=n_epochs, seed=seed, **settings)
    rng = np.random.default_rng(seed)
    W, b = np.zeros((X.shape[1], n_classes)), np.zeros(n_classes)
    history = []
    with np.errstate(over="ignore", invalid="ignore"):  # divergence: reported as an error below
        for epoch in range(1, n_epochs + 1):
            W, b = run_epoch(X, y, W, b, rng=rng, **settings)
            history.append(evaluate(X, y, W, b, epoch=epoch, loss=loss, l2=l2))
            if not np.isfinite(history[-1].objective):
                raise ValueError(f"training diverged at epoch {epoch}: lower learning_rate or l2")
    return FitResult(W=W, b=b, history=tuple(history))
