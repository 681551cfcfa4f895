"""Ask the class: one question large, or a class round everyone answers (ui/lessons/ask/)."""

from ui.lessons import ask
from ui.shell import page_setup

page_setup("ask")
ask.render()
