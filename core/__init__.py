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
from core.calibration import (
    ReliabilityBins,
    best_temperature,
    confidence_and_correct,
    expected_calibration_error,
    reliability_bins,
    temperature_nll,
)
from core.data import CENTRE_RADIUS, make_blobs
from core.images import (
    ImageData,
    ImageRun,
    advance_run,
    confident_mistakes,
    confusion_matrix,
    fashion_mnist,
    image_data,
    image_details,
    image_logits,
    make_toy_images,
    measure_images,
    per_class_accuracy,
    record_run,
    single_image_logits,
    start_run,
    template_levels,
    templates,
)
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
    "ImageData",
    "ImageRun",
    "ReliabilityBins",
    "accuracy",
    "advance_run",
    "best_temperature",
    "binary_cross_entropy",
    "binary_cross_entropy_grad",
    "confidence_and_correct",
    "confident_mistakes",
    "confusion_matrix",
    "cross_entropy",
    "cross_entropy_dist",
    "cross_entropy_grad",
    "entropy",
    "evaluate",
    "expected_calibration_error",
    "fashion_mnist",
    "fit",
    "forward",
    "gradients",
    "image_data",
    "image_details",
    "image_logits",
    "kl_divergence",
    "log_softmax",
    "logsumexp",
    "make_blobs",
    "make_toy_images",
    "measure_images",
    "mse",
    "mse_grad",
    "objective",
    "one_hot",
    "per_class_accuracy",
    "predict",
    "record_run",
    "reliability_bins",
    "run_epoch",
    "sigmoid",
    "single_image_logits",
    "softmax",
    "softmax_zero_temperature",
    "start_run",
    "step",
    "temperature_nll",
    "template_levels",
    "templates",
]
