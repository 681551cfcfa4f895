"""Not a lesson: the fresh-server entry for the deep link `/ask` (see ui/nav.py)."""

from ui.shell import run_app

run_app()
