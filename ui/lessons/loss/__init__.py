"""Lesson 2, the loss: cross-entropy against squared error (pages/2_loss_lesson.py)."""
