"""Lesson 1, softmax: logits into probabilities, its properties, temperature, the stable
form, and two classes as the sigmoid (docs/course.md §1 and §2)."""
