"""Both losses trained side by side on the same data, seed and settings, in bounded steps
(the training lesson's "Cross-entropy against squared error"), and the measures they share.
"""

from dataclasses import dataclass, replace

import numpy as np

from core import _checks
from core.liverun import LOSS_NAMES
from core.train import FitResult, evaluate, gradients, objective, run_epoch


@dataclass(frozen=True)
class LossProgress:
    """How far one loss's training got, in measures both losses share.

    ``start``, ``end``: the loss (no penalty) at ``W = 0, b = 0`` and after training;
    ``left``: ``end / start``, the fraction of its own start still to go (each loss has its
    own scale: squared error on probabilities starts at ``(1 − 1/K) / 2``, cross-entropy at
    ``log K``, so their raw values cannot be compared); ``left_by_epoch``: the same for epochs
    ``0 … n`` ``(n + 1,)``; ``accuracy``: the training accuracy after training;
    ``start_gradient``, ``end_gradient``: the size ``‖(∇_W J, ∇_b J)‖`` of the objective's
    gradient at the start and at the end.
    """

    loss: str
    start: float
    end: float
    left: float
    left_by_epoch: np.ndarray
    accuracy: float
    start_gradient: float
    end_gradient: float


def _gradient_size(X, y, W, b, *, loss, l2):
    grad_W, grad_b = gradients(X, y, W, b, loss=loss, l2=l2)
    return float(np.sqrt(np.sum(grad_W**2) + np.sum(grad_b**2)))


@dataclass(frozen=True)
class Comparison:
    """Both losses trained from ``W = 0`` on the same data, seed and settings, in bounded
    steps: ``fits[loss]`` is ``(W, b, rng_state, history)`` after ``epoch`` of ``n_epochs``
    epochs (``history`` the ``EpochRecord`` of each), or ``None`` once that loss diverged.
    """

    n_classes: int
    n_epochs: int
    epoch: int
    fits: dict

    @property
    def done(self) -> bool:
        return self.epoch >= self.n_epochs


def start_comparison(X, y, n_classes, *, n_epochs, seed):
    """A ``Comparison`` at epoch 0, each loss's mini-batches shuffled by ``default_rng(seed)``."""
    X = _checks.matrix(X, "X")
    n_classes = _checks.integer(n_classes, "n_classes", minimum=2)
    n_epochs = _checks.integer(n_epochs, "n_epochs", minimum=1)
    state = np.random.default_rng(_checks.integer(seed, "seed", minimum=0)).bit_generator.state
    W, b = np.zeros((X.shape[1], n_classes)), np.zeros(n_classes)
    return Comparison(n_classes, n_epochs, 0, {loss: (W, b, state, ()) for loss in LOSS_NAMES})


def advance_comparison(comparison, X, y, *, learning_rate, batch_size, l2, keep_going=None):
    """More epochs of both losses, up to ``n_epochs``, each one as ``core.fit`` trains it;
    before every epoch after the first, ``keep_going()`` false stops the step there."""
    fits, epoch = dict(comparison.fits), comparison.epoch
    rng = np.random.default_rng()
    while epoch < comparison.n_epochs:
        if epoch > comparison.epoch and keep_going is not None and not keep_going():
            break
        epoch += 1
        for loss, fitted in fits.items():
            if fitted is None:
                continue
            W, b, rng.bit_generator.state, history = fitted
            try:
                settings = {"learning_rate": learning_rate, "batch_size": batch_size, "l2": l2}
                W, b = run_epoch(X, y, W, b, loss=loss, rng=rng, **settings)
                record = evaluate(X, y, W, b, epoch=epoch, loss=loss, l2=l2)
            except ValueError:  # the logits overflowed: diverged
                fits[loss] = None
                continue
            finite = np.isfinite(record.objective)
            fits[loss] = (W, b, rng.bit_generator.state, (*history, record)) if finite else None
    return replace(comparison, epoch=epoch, fits=fits)


def comparison_results(comparison, X, y, *, l2):
    """``{loss: (FitResult, LossProgress)}`` of the epochs trained so far, ``None`` for a
    loss whose run diverged."""
    results = {}
    W0, b0 = np.zeros((np.shape(X)[1], comparison.n_classes)), np.zeros(comparison.n_classes)
    for loss, fitted in comparison.fits.items():
        if fitted is None or not fitted[3]:
            results[loss] = None
            continue
        W, b, _, history = fitted
        start = float(objective(X, y, W0, b0, loss=loss))
        by_epoch = np.array([start, *(record.loss for record in history)]) / start
        last = history[-1]
        results[loss] = (
            FitResult(W=W, b=b, history=history),
            LossProgress(
                loss=loss,
                start=start,
                end=float(last.loss),
                left=float(last.loss / start),
                left_by_epoch=by_epoch,
                accuracy=float(last.accuracy),
                start_gradient=_gradient_size(X, y, W0, b0, loss=loss, l2=l2),
                end_gradient=_gradient_size(X, y, W, b, loss=loss, l2=l2),
            ),
        )
    return results


def compare_losses(X, y, n_classes, *, learning_rate, n_epochs, batch_size, l2, seed):
    """The same data, seed and settings trained with each loss of ``LOSS_NAMES``, all at
    once (``start_comparison``, ``advance_comparison`` do it in bounded steps).

    Returns ``{loss: (FitResult, LossProgress)}``, ``None`` for a loss whose run diverged.
    """
    comparison = start_comparison(X, y, n_classes, n_epochs=n_epochs, seed=seed)
    settings = {"learning_rate": learning_rate, "batch_size": batch_size, "l2": l2}
    return comparison_results(advance_comparison(comparison, X, y, **settings), X, y, l2=l2)
