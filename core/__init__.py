"""The numerics of Softmax Explorer: NumPy and the standard library only, no UI.

Conventions, fixed once for the whole package:
- ``X (n, d)`` inputs, one row per sample; ``y (n,)`` integer labels in ``0 .. K−1``;
  ``Y (n, K)`` one-hot (or 0/1 multi-label) targets.
- ``W (d, K)``, ``b (K,)``; logits ``Z = X W + b (n, K)``; ``P = softmax(Z)`` row by row.
  (The slides' single-sample ``ŷ = softmax(W x + b)`` uses the transpose, ``W (K, d)``.)
- Natural logarithms; losses are means over samples; a gradient has its parameter's shape.
- Functions are pure and return float64 arrays; bad input raises ``ValueError``.
"""

from core.activations import (
    log_softmax,
    logsumexp,
    sigmoid,
    softmax,
    softmax_zero_temperature,
)
from core.data import CENTRE_RADIUS, make_blobs
from core.losses import (
    binary_cross_entropy,
    binary_cross_entropy_grad,
    cross_entropy,
    cross_entropy_dist,
    cross_entropy_grad,
    entropy,
    kl_divergence,
    mse,
    mse_grad,
    one_hot,
)
from core.train import (
    LOSSES,
    EpochRecord,
    FitResult,
    accuracy,
    evaluate,
    fit,
    forward,
    gradients,
    objective,
    predict,
    run_epoch,
    step,
)

__all__ = [
    "CENTRE_RADIUS",
    "LOSSES",
    "EpochRecord",
    "FitResult",
    "accuracy",
    "binary_cross_entropy",
    "binary_cross_entropy_grad",
    "cross_entropy",
    "cross_entropy_dist",
    "cross_entropy_grad",
    "entropy",
    "evaluate",
    "fit",
    "forward",
    "gradients",
    "kl_divergence",
    "log_softmax",
    "logsumexp",
    "make_blobs",
    "mse",
    "mse_grad",
    "objective",
    "one_hot",
    "predict",
    "run_epoch",
    "sigmoid",
    "softmax",
    "softmax_zero_temperature",
    "step",
]
