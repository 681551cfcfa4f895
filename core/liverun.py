"""A training run that advances a few epochs at a time, for a page that animates it.

``start`` then ``advance`` again and again gives exactly what ``core.fit`` gives for the
same settings and total number of epochs (same ``W = 0`` start, same shuffling stream),
but the settings may change between calls (the run goes on from where it is), every
epoch's measurements and parameters are kept for the curves and the replay, and a run
that blows up stops with a ``Divergence`` saying when and what grew, instead of raising.
A ``Run`` is immutable: ``advance`` returns a new one.
"""

from dataclasses import dataclass, replace

import numpy as np

from core import _checks
from core.activations import softmax
from core.train import (
    GRADIENTS_AT_PROBABILITIES,
    LOSSES,
    forward,
    gradients,
    parameter_gradients,
    run_epoch,
    step_from_probabilities,
)

# What counts as blowing up. Gradient descent with a workable step lowers the objective
# from where it starts (log K for cross-entropy at W = 0); ten times the start means the
# steps overshoot more each time (with a bounded loss gradient that needs a huge step, or
# learning_rate · l2 > 2, which makes W grow geometrically). A weight past 10^6 makes
# logits that soon overflow.
OBJECTIVE_LIMIT_FACTOR = 10.0
WEIGHT_LIMIT = 1e6
# Parameters are kept for at most this many epochs; beyond it every other one is dropped,
# so a long run keeps an even spread of epochs to replay in bounded memory.
MAX_SNAPSHOTS = 1000
MAX_HISTORY = 5000

HISTORY_FIELDS = ("epoch", "train_loss", "test_loss", "train_accuracy", "test_accuracy")
# Every epoch is measured in every loss (``Run.losses``): a loss switched mid-run shows its
# own values for every recorded epoch, never the other loss's.
LOSS_NAMES = tuple(LOSSES)


@dataclass(frozen=True)
class Divergence:
    """Where a run blew up: the epoch, what grew (``"loss"``, ``"weights"`` or
    ``"overflow"``), and the training objective and largest ``|W_ij|`` it reached."""

    epoch: int
    what: str
    objective: float
    largest_weight: float


@dataclass(frozen=True)
class Run:
    """The state of a run after ``epoch`` epochs.

    ``W (d, K)``, ``b (K,)``; ``rng_state``: the shuffling generator's state (so the run
    is a plain value); ``history``: rows ``HISTORY_FIELDS`` ``(e, 5)``, one per recorded
    epoch from 0, its two loss columns in ``loss``; ``losses``: the same epochs' train and
    test loss in every loss, ``(e, 2 · len(LOSS_NAMES))``, columns ``2i, 2i + 1`` for
    ``LOSS_NAMES[i]``; ``snapshots``: ``(epoch, W, b)`` tuples for the replay;
    ``divergence``: ``None`` while the run is healthy; ``probabilities``: the softmax of
    the training logits at ``W, b`` ``(n, K)``, measured with the history (the next
    full-batch step and the gradient a page shows start from them), or ``None``.
    """

    W: np.ndarray
    b: np.ndarray
    epoch: int
    rng_state: dict
    history: np.ndarray
    snapshots: tuple
    divergence: Divergence | None = None
    loss: str = "cross_entropy"
    losses: np.ndarray | None = None
    probabilities: np.ndarray | None = None


def measure(X, y, X_test, y_test, W, b, *, epoch, loss):
    """One history row: ``(epoch, train loss, test loss, train accuracy, test accuracy)``.

    The loss is the mean loss without the penalty; an empty test set gives NaN for its two
    figures.
    """
    row, losses, _ = _measure_all(X, y, X_test, y_test, W, b, epoch=epoch)
    return _row_in(row, losses, loss)


def _measure_all(X, y, X_test, y_test, W, b, *, epoch):
    """``(history row with NaN losses, every loss's (train, test) (2 · len(LOSS_NAMES),),
    the training set's probabilities)``.

    Each set's logits are computed once for every figure (this runs every frame of the live
    page; ``objective`` and ``accuracy`` would compute them again and again).
    """
    row = np.array([epoch, np.nan, np.nan, np.nan, np.nan])
    losses = np.full(2 * len(LOSS_NAMES), np.nan)
    probabilities = None
    for column, (features, labels) in enumerate(((X, y), (X_test, y_test))):
        if len(labels) == 0:
            continue
        Z = forward(features, W, b)
        if not np.all(np.isfinite(Z)):
            raise ValueError("the logits overflowed: training diverged")
        row[3 + column] = float(np.mean(np.argmax(Z, axis=1) == labels))
        values, P = _every_loss(Z, labels)
        for index, value in enumerate(values):
            losses[2 * index + column] = value
        if column == 0:
            probabilities = P
    return row, losses, probabilities


def gradients_at(run, X, y, *, loss, l2):
    """``(∂J/∂W, ∂J/∂b)`` of the training objective at the run's ``W, b`` on ``X, y`` (its
    training set), from the probabilities the run measured there when it has them."""
    P = run.probabilities
    if P is None or P.shape != (len(y), run.W.shape[1]) or loss not in GRADIENTS_AT_PROBABILITIES:
        return gradients(X, y, run.W, run.b, loss=loss, l2=l2)
    X = _checks.matrix(X, "X", n_cols=run.W.shape[0])
    y = _checks.labels(y, n_samples=len(X), n_classes=run.W.shape[1])
    G = GRADIENTS_AT_PROBABILITIES[loss](P, y)
    return parameter_gradients(X, run.W, G, _checks.non_negative(l2, "l2"))


def _every_loss(Z, labels):
    """Each loss of ``LOSS_NAMES`` at logits ``Z`` (finite) of ``labels``, from one softmax,
    and that softmax ``P``: ``([loss, …], P)``.

    The same formulas as ``core.losses.cross_entropy`` and ``mse`` (the shifted logits,
    ``log p_y = s_y − log Σ exp s``), computed once for both: this runs every frame of the
    live page, where measuring each loss on its own was two thirds of an epoch's time.
    """
    rows = np.arange(len(labels))
    shifted = Z - Z.max(axis=1, keepdims=True)
    exponentials = np.exp(shifted)
    total = exponentials.sum(axis=1)
    cross_entropy = -float(np.mean(shifted[rows, labels] - np.log(total)))
    P = exponentials / total[:, None]
    errors = P.copy()
    errors[rows, labels] -= 1.0
    mse = float(np.mean(0.5 * np.sum(errors**2, axis=1)))
    values = {"cross_entropy": cross_entropy, "mse": mse}
    return [values[name] for name in LOSS_NAMES], P


def _row_in(row, losses, loss):
    index = _loss_index(loss)
    row = row.copy()
    row[..., 1:3] = losses[..., 2 * index : 2 * index + 2]
    return row


def _loss_index(loss):
    if loss not in LOSS_NAMES:
        raise ValueError(f"loss must be one of {', '.join(LOSS_NAMES)}; got {loss!r}")
    return LOSS_NAMES.index(loss)


def with_loss(run, loss):
    """The same run with its history's loss columns in ``loss`` (every recorded epoch, also
    those trained with the other loss): what a page shows once the loss setting changed."""
    if run.loss == loss:
        return run
    return replace(run, history=_row_in(run.history, run.losses, loss), loss=loss)


def resume(run):
    """A diverged run made healthy again at its last good epoch (the settings changed, so
    it may go on from there); a healthy run unchanged."""
    return run if run.divergence is None else replace(run, divergence=None)


@dataclass(frozen=True)
class Mark:
    """What a run was at one epoch, in a few numbers: enough, with a later ``Run`` of the
    same run, to go back there exactly (``rewind``)."""

    epoch: int
    W: np.ndarray
    b: np.ndarray
    rng_state: dict


def mark(run):
    """The ``Mark`` of ``run`` where it is now."""
    return Mark(epoch=run.epoch, W=run.W, b=run.b, rng_state=run.rng_state)


def rewind(run, mark):
    """``run`` as it was at ``mark`` (a ``Mark`` taken earlier of the same run): the
    parameters and generator of then, the history and the replay's epochs up to then, and
    healthy; from there ``advance`` trains the same epochs again. A mark not before the
    run's epoch gives the run unchanged."""
    if mark.epoch >= run.epoch:
        return run
    kept = run.history[:, 0] <= mark.epoch
    return replace(
        run,
        W=mark.W,
        b=mark.b,
        epoch=mark.epoch,
        rng_state=mark.rng_state,
        history=run.history[kept],
        losses=run.losses[kept],
        snapshots=tuple(shot for shot in run.snapshots if shot[0] <= mark.epoch),
        divergence=None,
        probabilities=None,
    )


def start(X, y, X_test, y_test, n_classes, *, seed, loss):
    """A run at epoch 0: ``W = 0 (d, K)``, ``b = 0 (K,)``, the generator ``default_rng(seed)``."""
    X = _checks.matrix(X, "X")
    n_classes = _checks.integer(n_classes, "n_classes", minimum=2)
    W, b = np.zeros((X.shape[1], n_classes)), np.zeros(n_classes)
    rng = np.random.default_rng(_checks.integer(seed, "seed", minimum=0))
    row, losses, probabilities = _measure_all(
        X, y, np.asarray(X_test).reshape(-1, X.shape[1]), y_test, W, b, epoch=0
    )
    return Run(
        W=W,
        b=b,
        epoch=0,
        rng_state=rng.bit_generator.state,
        history=_row_in(row, losses, loss)[None, :],
        snapshots=((0, W, b),),
        loss=loss,
        losses=losses[None, :],
        probabilities=probabilities,
    )


def advance(
    run, X, y, X_test, y_test, *, n_epochs, loss, learning_rate, batch_size, l2, keep_going=None
):
    """``n_epochs`` more epochs of ``core.run_epoch`` with these settings; a new ``Run``.

    ``keep_going``: called before every epoch after the first; when it returns false the
    run stops there, with fewer epochs (a caller's bound on the work; the epochs trained are
    the same whatever the bound, since the run carries its generator's state).

    A diverged run is returned unchanged. If an epoch blows up, the run keeps everything up
    to the epoch before and records the ``Divergence``. The history is measured in ``loss``
    (``with_loss``), the blow-up limit from ``loss``'s value at epoch 0.
    """
    if run.divergence is not None:
        return run
    run = with_loss(run, loss)
    n_epochs = _checks.integer(n_epochs, "n_epochs", minimum=1)
    rng = np.random.default_rng()
    rng.bit_generator.state = run.rng_state
    limit = OBJECTIVE_LIMIT_FACTOR * max(float(run.history[0, 1]), 1.0)
    W, b, epoch, P = run.W, run.b, run.epoch, run.probabilities
    if P is not None and P.shape != (len(y), W.shape[1]):
        P = None  # not this training set's: the step computes them
    rows, loss_rows, snapshots = [], [], list(run.snapshots)
    divergence = None
    descent = {"learning_rate": learning_rate, "batch_size": batch_size, "l2": l2}
    for epoch in range(run.epoch + 1, run.epoch + n_epochs + 1):
        if keep_going is not None and epoch > run.epoch + 1 and not keep_going():
            epoch -= 1
            break
        new_W, new_b, row, losses, new_P, divergence = _one_epoch(
            X, y, X_test, y_test, W, b, P, epoch=epoch, loss=loss, rng=rng, limit=limit, **descent
        )
        if divergence is not None:
            epoch -= 1
            break
        W, b, P = new_W, new_b, new_P
        rows.append(row)
        loss_rows.append(losses)
        snapshots.append((epoch, W, b))
    history = np.vstack([run.history, *rows]) if rows else run.history
    all_losses = np.vstack([run.losses, *loss_rows]) if rows else run.losses
    return Run(
        W=W,
        b=b,
        epoch=epoch,
        rng_state=rng.bit_generator.state,
        history=_thin(history, MAX_HISTORY),
        snapshots=tuple(_thin(snapshots, MAX_SNAPSHOTS)),
        divergence=divergence,
        loss=loss,
        losses=_thin(all_losses, MAX_HISTORY),
        probabilities=P,
    )


def _one_epoch(X, y, X_test, y_test, W, b, P, *, epoch, loss, l2, rng, limit, **descent):
    """One epoch and its measures: ``(W, b, row, losses, P, None)``, or the ``Divergence``.
    ``P``: the training set's probabilities at ``W, b`` if known (a full-batch step then
    starts from them, the same step as ``run_epoch``'s), else ``None``."""
    try:
        if descent["batch_size"] is None and P is not None:
            new_W, new_b = step_from_probabilities(
                _checks.matrix(X, "X"),
                y,
                W,
                b,
                P,
                loss=loss,
                learning_rate=_checks.positive(descent["learning_rate"], "learning_rate"),
                l2=_checks.non_negative(l2, "l2"),
            )
        else:
            new_W, new_b = run_epoch(X, y, W, b, loss=loss, l2=l2, rng=rng, **descent)
        divergence = _overflow(new_W, new_b, epoch=epoch)
        if divergence is not None:
            return None, None, None, None, None, divergence
        row, losses, new_P = _measure_all(X, y, X_test, y_test, new_W, new_b, epoch=epoch)
        row = _row_in(row, losses, loss)
        divergence = _blow_up(new_W, row[1], epoch=epoch, l2=l2, limit=limit)
    except (ValueError, FloatingPointError):  # logits overflowed inside the epoch
        return None, None, None, None, None, Divergence(epoch, "overflow", np.inf, _largest(W))
    return new_W, new_b, row, losses, new_P, divergence


def snapshot_at(run, epoch):
    """The kept ``(epoch, W, b)`` closest to ``epoch`` (thinning may have dropped it)."""
    epochs = np.array([kept for kept, _, _ in run.snapshots])
    return run.snapshots[int(np.argmin(np.abs(epochs - epoch)))]


def _overflow(W, b, *, epoch):
    if np.all(np.isfinite(W)) and np.all(np.isfinite(b)):
        return None
    return Divergence(epoch, "overflow", np.inf, _largest(W))


def _blow_up(W, train_loss, *, epoch, l2, limit):
    """A ``Divergence`` if the objective (``train_loss`` plus the penalty) or a weight grew
    past its limit, else ``None``."""
    largest = _largest(W)
    value = float(train_loss + 0.5 * l2 * np.sum(W**2))
    if largest > WEIGHT_LIMIT:
        return Divergence(epoch, "weights", value, largest)
    if not value <= limit:  # also NaN
        return Divergence(epoch, "loss", value, largest)
    return None


def _largest(W):
    with np.errstate(invalid="ignore"):
        return float(np.max(np.abs(W))) if np.all(np.isfinite(W)) else np.inf


def _thin(rows, cap):
    """``rows`` if at most ``cap``, else every other one, always keeping the first and last."""
    if len(rows) <= cap:
        return rows
    kept = rows[::2]
    if len(rows) % 2 == 0:
        kept = np.vstack([kept, rows[-1:]]) if isinstance(rows, np.ndarray) else [*kept, rows[-1]]
    return kept


def point_details(x, label, W, b, *, n_samples, loss):
    """One point up close: its logits, probabilities, loss and share of the gradient.

    x: ``(d,)``; label: its class. With ``g = ∂loss_i/∂z (K,)`` (for cross-entropy
    ``ŷ − y``), the point adds ``x gᵀ / n (d, K)`` to ``∇W`` and ``g / n`` to ``∇b`` of
    the mean loss over ``n_samples`` points (the penalty's ``l2 · W`` is not a point's).
    Returns ``(z (K,), p (K,), loss value, ∂W share (d, K), ∂b share (K,))``.
    """
    x = _checks.finite_array(x, "x").reshape(1, -1)
    y = np.array([label])
    loss_fn, grad_fn = LOSSES[loss]
    z = x @ _checks.matrix(W, "W", n_rows=x.shape[1]) + b
    g = grad_fn(z, y)[0]
    n_samples = _checks.integer(n_samples, "n_samples", minimum=1)
    return z[0], softmax(z)[0], float(loss_fn(z, y)), np.outer(x[0], g) / n_samples, g / n_samples
