"""Lesson 2: cross-entropy against squared error, and why cross-entropy trains better.

Course order: the loss as a function of the true class's probability; two predictions with
the same cross-entropy (and the loss over the probability triangle); the information view
(entropy, cross-entropy, KL); the derivation and the gradients, where saturation shows.
"""

from ui.lessons.loss import render

render()
