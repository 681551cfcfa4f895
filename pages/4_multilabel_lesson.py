"""Multi-label: softmax against one sigmoid per label (docs/course.md §6)."""

from ui.lessons.multilabel import render

render()
