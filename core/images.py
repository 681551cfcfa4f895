"""Softmax regression on images: the notes' 2×2 toy, and Fashion-MNIST trained live.

Conventions (as in the rest of ``core``): an image of ``h × w`` grey pixels is a row of
``d = h·w`` values in ``[0, 1]``, row by row (``x₁ x₂`` on top, ``x₃ x₄`` below for 2×2);
``X (n, d)``, ``y (n,)``, ``W (d, K)``, ``b (K,)``, logits ``Z = X W + b (n, K)``.
Column ``k`` of ``W`` has one weight per pixel: reshaped to ``h × w`` it is class ``k``'s
template, and ``z_k = x · W[:, k] + b_k`` scores how well the image matches it.

The notes write one image at a time, ``o = W x + b`` with ``W`` of ``K × d``: that ``W`` is
the transpose of this one (``single_image_logits``).

Fashion-MNIST (Zalando SE, 2017, MIT licence: ``data/fashion_mnist/LICENSE``): 28×28 grey
images of clothes in 10 classes, ``CLASS_COUNT``; the repository holds a balanced subset
built by ``scripts/build_fashion_mnist.py``.
"""

from dataclasses import dataclass, replace
from pathlib import Path

import numpy as np

from core import _checks
from core.activations import softmax
from core.losses import cross_entropy
from core.train import forward, step

SUBSET = Path(__file__).resolve().parents[1] / "data" / "fashion_mnist" / "subset.npz"
SIDE = 28
CLASS_COUNT = 10
# The notes' toy: 2×2 images, three classes in the notes' order (狗, 猫, 鸡). Each class
# lights a different pair of pixels (x₁ x₂ x₃ x₄ as above): dog the top row, cat the
# bottom row, chicken the diagonal, which shares one pixel with each of the others.
TOY_SIDE = 2
TOY_PATTERNS = np.array([[1, 1, 0, 0], [0, 0, 1, 1], [1, 0, 0, 1]], dtype=np.float64)
TOY_DARK, TOY_BRIGHT = 0.15, 0.85  # grey levels of a pattern's off and on pixels
MAX_HISTORY = 2000
HISTORY_FIELDS = ("step", "epoch", "train_loss", "test_loss", "train_accuracy", "test_accuracy")


def fashion_mnist(path=SUBSET):
    """The shipped Fashion-MNIST subset: ``(X_train, y_train, X_test, y_test)``.

    ``X_train (5000, 784)``, ``X_test (1000, 784)``: uint8 grey levels 0 … 255, one image
    per row, row by row of its 28×28 pixels; ``y_train (5000,)``, ``y_test (1000,)``: int64
    labels ``0 … 9`` in the data set's order (T-shirt/top, trouser, pullover, dress, coat,
    sandal, shirt, sneaker, bag, ankle boot). 500 training and 100 test images a class.
    """
    with np.load(path) as archive:
        return (
            archive["X_train"].copy(),
            archive["y_train"].astype(np.int64),
            archive["X_test"].copy(),
            archive["y_test"].astype(np.int64),
        )


def single_image_logits(W_rows, x, b):
    """The notes' form for one image: ``o = W x + b``, ``W (K, d)``, ``x (d,)``, ``b (K,)``.

    Row ``k`` of this ``W`` is column ``k`` of the batch form's ``W (d, K)``: ``o`` equals
    ``forward(x[None, :], W_rows.T, b)[0]``. Returns ``o (K,)``.
    """
    W_rows = _checks.matrix(W_rows, "W")
    x = _checks.vector(x, "x", length=W_rows.shape[1])
    return W_rows @ x + _checks.vector(b, "b", length=W_rows.shape[0])


def make_toy_images(n_per_class, noise, seed):
    """``n_per_class`` noisy 2×2 images of each of the notes' three classes.

    Pixel ``j`` of a class-``k`` image is ``TOY_BRIGHT`` where ``TOY_PATTERNS[k, j] = 1``,
    else ``TOY_DARK``, plus ``noise · N(0, 1)``, clipped to ``[0, 1]``. Rows are ordered by
    class. Returns ``X (3·n_per_class, 4)`` float64 and ``y`` int64.
    """
    n_per_class = _checks.integer(n_per_class, "n_per_class", minimum=1)
    noise = _checks.non_negative(noise, "noise")
    rng = np.random.default_rng(_checks.integer(seed, "seed", minimum=0))
    y = np.repeat(np.arange(len(TOY_PATTERNS)), n_per_class)
    clean = TOY_DARK + (TOY_BRIGHT - TOY_DARK) * TOY_PATTERNS[y]
    return np.clip(clean + noise * rng.standard_normal(clean.shape), 0.0, 1.0), y


def templates(W, side):
    """Each class's weights as a picture: ``W (d, K)`` → ``(K, side, side)`` with
    ``T[k] = W[:, k]`` reshaped row by row (``d = side²``)."""
    W = _checks.matrix(W, "W", n_rows=side * side)
    return W.T.reshape(-1, side, side)


def template_levels(W, side):
    """``templates`` on one shared scale, as bytes: ``(K, side, side)`` uint8 and the scale.

    ``level = round(127.5 · (1 + w / s))`` with ``s = max |W_ij|`` over all classes: 0 is
    the most negative weight, 255 the most positive, ~128 a weight of 0. One scale for all
    ten keeps their strengths comparable. ``W = 0`` gives all ~128 and ``s = 0``.
    """
    T = templates(W, side)
    scale = float(np.max(np.abs(T)))
    unit = T / scale if scale > 0 else T
    return np.round(127.5 * (1.0 + unit)).astype(np.uint8), scale


@dataclass(frozen=True)
class ImageData:
    """A training and a test set as the trainer uses them: pixels in ``[0, 1]`` as float32.

    float32 because the live page measures both sets several times a second: the products
    ``X W`` then cost half as much as in float64 (each step's batch is converted to
    float64 by ``core.step``, exactly). ``X_train (n, d)``, ``y_train (n,)``, the same for
    the test set; ``n_classes``.
    """

    X_train: np.ndarray
    y_train: np.ndarray
    X_test: np.ndarray
    y_test: np.ndarray
    n_classes: int


def image_data(X_train, y_train, X_test, y_test, *, n_classes, max_level=255):
    """``ImageData`` from grey levels ``0 … max_level`` (uint8 images: 255; ``[0, 1]``: 1)."""
    n_classes = _checks.integer(n_classes, "n_classes", minimum=2)
    arrays = []
    for X, y in ((X_train, y_train), (X_test, y_test)):
        X = _checks.matrix(X, "X") / _checks.positive(max_level, "max_level")
        arrays += [X.astype(np.float32), _checks.labels(y, n_samples=len(X), n_classes=n_classes)]
    return ImageData(*arrays, n_classes=n_classes)


def image_logits(X, W, b):
    """``Z = X W + b (n, K)`` for float32 pixels ``X (n, d)``, computed in float32.

    The live page's measurements: data built by ``image_data`` is finite by construction,
    so this skips ``forward``'s checks, which would cost more than the product itself.
    """
    return (X @ np.asarray(W, dtype=np.float32)).astype(np.float64) + b


@dataclass(frozen=True)
class ImageRun:
    """Minibatch gradient descent on ``ImageData``, advanced a few steps at a time.

    ``W (d, K)``, ``b (K,)``; ``steps``: steps taken; ``epoch``: whole passes done;
    ``order (n,)``, ``position``: this pass's shuffled row order and how many of its rows
    the steps have used; ``rng_state``: the shuffling generator's state (so a run is a
    plain value); ``history (m, 6)``: rows of ``HISTORY_FIELDS``, the ``epoch`` column
    fractional (``epoch + position / n``); ``diverged``: the last step overflowed and the
    run stopped before it.
    """

    W: np.ndarray
    b: np.ndarray
    steps: int
    epoch: int
    order: np.ndarray
    position: int
    rng_state: dict
    history: np.ndarray
    diverged: bool = False


def start_run(data, *, seed):
    """A run at step 0: ``W = 0 (d, K)``, ``b = 0 (K,)`` (every class equally likely, loss
    ``log K``), rows to be shuffled by ``np.random.default_rng(seed)``; one history row."""
    rng = np.random.default_rng(_checks.integer(seed, "seed", minimum=0))
    W = np.zeros((data.X_train.shape[1], data.n_classes))
    b = np.zeros(data.n_classes)
    order = rng.permutation(len(data.y_train))
    run = ImageRun(W, b, 0, 0, order, 0, rng.bit_generator.state, np.empty((0, 6)))
    return record_run(run, data)


def advance_run(run, data, *, n_steps, learning_rate, batch_size, l2):
    """``n_steps`` more steps of ``core.step``, each on the next ``batch_size`` rows.

    A pass visits the rows in a fresh ``rng.permutation(n)`` in batches of ``batch_size``,
    the last one smaller if ``n`` is not a multiple: the same steps as ``core.run_epoch``
    and ``core.fit`` with the same seed, even if the settings change between calls. Each
    step: ``W ← W − α (Xᵀ(P − Y)/m + l2 · W)``, ``b ← b − α Σ(P − Y)/m`` on its ``m`` rows.
    A step that overflows is not taken: the run comes back ``diverged`` and stays there.
    No history row is added (``record_run``). Returns a new ``ImageRun``.
    """
    n_steps = _checks.integer(n_steps, "n_steps", minimum=1)
    batch_size = _checks.integer(batch_size, "batch_size", minimum=1)
    settings = {
        "learning_rate": _checks.positive(learning_rate, "learning_rate"),
        "l2": _checks.non_negative(l2, "l2"),
    }
    if run.diverged:
        return run
    rng = np.random.default_rng()
    rng.bit_generator.state = run.rng_state
    W, b, order, position, epoch = run.W, run.b, run.order, run.position, run.epoch
    n, taken, diverged = len(data.y_train), 0, False
    while taken < n_steps:
        if position >= n:
            order, position, epoch = rng.permutation(n), 0, epoch + 1
        batch = order[position : position + batch_size]
        new = _step_or_none(data.X_train[batch], data.y_train[batch], W, b, **settings)
        if new is None:
            diverged = True
            break
        (W, b), position, taken = new, position + len(batch), taken + 1
    return replace(
        run,
        W=W,
        b=b,
        steps=run.steps + taken,
        epoch=epoch,
        order=order,
        position=position,
        rng_state=rng.bit_generator.state,
        diverged=diverged,
    )


def _step_or_none(X, y, W, b, *, learning_rate, l2):
    """``core.step``'s new ``(W, b)``, or ``None`` if the logits or the new parameters
    overflowed (the settings were checked before, so its ``ValueError`` means overflow)."""
    try:
        with np.errstate(over="ignore", invalid="ignore"):
            W, b = step(X, y, W, b, learning_rate=learning_rate, l2=l2)
    except ValueError:
        return None
    return (W, b) if np.all(np.isfinite(W)) and np.all(np.isfinite(b)) else None


def measure_images(data, W, b):
    """``(train loss, test loss, train accuracy, test accuracy)`` of ``W, b``: the mean
    cross-entropy (no penalty) and the share of argmax predictions that are right, on
    every image of each set."""
    figures = []
    for X, y in ((data.X_train, data.y_train), (data.X_test, data.y_test)):
        Z = image_logits(X, W, b)
        figures.append((float(cross_entropy(Z, y)), float(np.mean(np.argmax(Z, axis=1) == y))))
    (train_loss, train_accuracy), (test_loss, test_accuracy) = figures
    return train_loss, test_loss, train_accuracy, test_accuracy


def record_run(run, data):
    """The run with one more history row: ``(steps, epoch + position/n, measure_images(...))``.

    The page records a few times a second, not every step: each measurement runs every
    image of both sets through the model. Past ``MAX_HISTORY`` rows every other old row is
    dropped (the first and the last are kept), so a long run stays bounded.
    """
    if len(run.history) and run.history[-1, 0] == run.steps:
        return run
    position = run.epoch + run.position / len(data.y_train)
    row = np.array([run.steps, position, *measure_images(data, run.W, run.b)])
    history = np.vstack([run.history, row])
    if len(history) > MAX_HISTORY:
        history = np.vstack([history[:-1:2], history[-1:]])
    return replace(run, history=history)


def image_details(x, W, b):
    """One image up close: ``x (d,)`` pixels in ``[0, 1]`` → ``(z (K,), p (K,))``, its
    logits ``z_k = x · W[:, k] + b_k`` and probabilities ``p = softmax(z)``."""
    z = forward(np.asarray(x, dtype=np.float64)[None, :], W, b)[0]
    return z, softmax(z)


def confusion_matrix(y_true, y_pred, n_classes):
    """Counts ``C (K, K)``: ``C[i, j]`` images of true class ``i`` predicted as ``j``.

    Row sums are the class sizes; the diagonal holds the right predictions.
    """
    y_true = _checks.labels(y_true, n_classes=n_classes)
    y_pred = _checks.labels(y_pred, n_classes=n_classes, n_samples=len(y_true))
    counts = np.zeros((n_classes, n_classes), dtype=np.int64)
    np.add.at(counts, (y_true, y_pred), 1)
    return counts


def per_class_accuracy(confusion):
    """Share of each true class predicted right: ``C[k, k] / Σ_j C[k, j] (K,)`` (the
    class's recall); NaN for a class with no images."""
    confusion = np.asarray(confusion, dtype=np.float64)
    sizes = confusion.sum(axis=1)
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(sizes > 0, np.diag(confusion) / sizes, np.nan)


def confident_mistakes(P, y, count):
    """The ``count`` wrong predictions made with the highest confidence: their row indices.

    P: ``(n, K)`` probabilities; y: ``(n,)``. A row is wrong when ``argmax P_i ≠ y_i``;
    its confidence is ``max_k P_ik``. Sorted from the most confident down (ties by index).
    """
    P = _checks.matrix(P, "P")
    y = _checks.labels(y, n_samples=P.shape[0], n_classes=P.shape[1])
    wrong = np.flatnonzero(np.argmax(P, axis=1) != y)
    order = np.argsort(-P[wrong].max(axis=1), kind="stable")
    return wrong[order][: _checks.integer(count, "count", minimum=0)]
