"""Lesson 1: softmax turns logits into probabilities; its properties, temperature, the
stable form, and why two classes is the sigmoid (docs/course.md §1 and §2)."""

from ui.lessons.softmax import render

render()
