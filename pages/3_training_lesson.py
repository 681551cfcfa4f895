"""Lesson 3: softmax regression learns by gradient descent on 2-D data, live."""

from ui.lessons.training import render

render()
