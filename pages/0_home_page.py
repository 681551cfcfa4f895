"""Home: what the app teaches, the lessons in order, and how to use it in a lecture."""

from ui.home import render

render()
