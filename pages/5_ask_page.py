"""Ask the class: one predict-then-reveal question at a time, large, revealed on a key press."""

from ui.ask import render

render()
