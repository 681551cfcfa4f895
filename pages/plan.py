"""Not a lesson: the fresh-server entry for the deep link `/plan` (see ui/nav.py)."""

from ui.shell import run_app

run_app()
