"""Input checks shared by the core modules.

Each check returns a clean array (float64 values, or integer labels) or raises a
``ValueError`` that names the argument and says what was expected. They live apart so that
the public functions, whose source the pages show to learners, read as the maths alone.
"""

import numbers

import numpy as np


def finite_array(values, name):
    """``values`` as float64, refusing NaN and ±inf."""
    array = np.asarray(values, dtype=np.float64)
    if not np.all(np.isfinite(array)):
        raise ValueError(f"{name} must be finite: it contains NaN or ±inf")
    return array


def logits(Z, name="Z"):
    """Finite float64 scores with at least one class on the last axis."""
    Z = finite_array(Z, name)
    if Z.ndim == 0 or Z.shape[-1] == 0:
        raise ValueError(f"{name} needs at least one entry along its last axis (the classes)")
    return Z


def matrix(values, name, *, n_rows=None, n_cols=None):
    """A finite, non-empty 2-D float64 array, optionally of a given shape."""
    array = finite_array(values, name)
    if array.ndim != 2 or array.size == 0:
        raise ValueError(f"{name} must be a non-empty 2-D array, got shape {array.shape}")
    if n_rows is not None and array.shape[0] != n_rows:
        raise ValueError(f"{name} must have {n_rows} rows, got shape {array.shape}")
    if n_cols is not None and array.shape[1] != n_cols:
        raise ValueError(f"{name} must have {n_cols} columns, got shape {array.shape}")
    return array


def vector(values, name, *, length):
    """A finite 1-D float64 array of the given length."""
    array = finite_array(values, name)
    if array.shape != (length,):
        raise ValueError(f"{name} must have shape ({length},), got shape {array.shape}")
    return array


def labels(y, *, n_classes, n_samples=None):
    """Integer class labels ``y (n,)``, each in ``0 .. n_classes - 1`` (and ``n = n_samples``)."""
    y = np.asarray(y)
    if y.ndim != 1 or not np.issubdtype(y.dtype, np.integer):
        raise ValueError(
            f"y must be a 1-D array of integer class labels, got dtype {y.dtype}, shape {y.shape}"
        )
    if n_samples is not None and y.shape[0] != n_samples:
        raise ValueError(f"y must hold {n_samples} labels (one per row), got {y.shape[0]}")
    if y.size and (y.min() < 0 or y.max() >= n_classes):
        raise ValueError(
            f"labels must lie in 0 .. {n_classes - 1}, got values from {y.min()} to {y.max()}"
        )
    return y


def multi_hot(Y, name="Y"):
    """A finite 2-D array of 0/1 labels (multi-hot targets or predicted label sets)."""
    Y = matrix(Y, name)
    if not np.all((Y == 0) | (Y == 1)):
        raise ValueError(f"{name} must hold 0/1 labels")
    return Y


def integer(value, name, *, minimum):
    """An integer ≥ ``minimum`` (bools refused: ``True`` is not a count)."""
    is_integer = isinstance(value, numbers.Integral) and not isinstance(value, bool)
    if not (is_integer and value >= minimum):
        raise ValueError(f"{name} must be an integer ≥ {minimum}, got {value!r}")
    return int(value)


def positive(value, name):
    """A finite real number > 0."""
    number = _real(value, name)
    if not number > 0:
        raise ValueError(f"{name} must be positive, got {value!r}")
    return number


def non_negative(value, name):
    """A finite real number ≥ 0."""
    number = _real(value, name)
    if not number >= 0:
        raise ValueError(f"{name} must be zero or positive, got {value!r}")
    return number


def _real(value, name):
    is_real = isinstance(value, numbers.Real) and not isinstance(value, bool)
    if not (is_real and np.isfinite(value)):
        raise ValueError(f"{name} must be a finite real number, got {value!r}")
    return float(value)
