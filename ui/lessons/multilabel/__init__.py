"""The multi-label lesson: softmax against one sigmoid per label (docs/course.md §6)."""
