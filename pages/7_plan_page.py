"""Lecture plan: the views of a lecture in order, presented one after another (ui/lessons/plan/)."""

from ui.lessons import plan
from ui.shell import page_setup

page_setup("plan")
plan.render()
