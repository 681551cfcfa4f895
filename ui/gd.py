"""One settings shape for gradient descent, shared by the lessons that train.

The training lesson (``core.liverun``: mini-batches, a loss to choose) and the multi-label
lesson (``core.multilabel``: always the whole data set) read their widgets into a
``GradientDescent`` and hand ``core`` its keyword arguments; a new setting is one field here
and one widget in the lesson that offers it.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class GradientDescent:
    """How each step goes: ``W ← W − learning_rate · (∇J + l2 · W)`` over ``batch_size``
    points at a time (``None``: every point, one step an epoch)."""

    learning_rate: float
    batch_size: int | None = None
    l2: float = 0.0

    def arguments(self) -> dict:
        """The keyword arguments of ``core.liverun``'s trainers (``advance``,
        ``advance_comparison``): ``learning_rate``, ``batch_size``, ``l2``."""
        return {"learning_rate": self.learning_rate, "batch_size": self.batch_size, "l2": self.l2}

    def full_batch_arguments(self) -> dict:
        """The keyword arguments of a trainer that always steps on the whole data set
        (``core.multilabel.advance``): ``learning_rate``, ``l2``."""
        if self.batch_size is not None:
            raise ValueError("this trainer steps on the whole data set: batch_size must be None")
        return {"learning_rate": self.learning_rate, "l2": self.l2}
