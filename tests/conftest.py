"""Test-wide settings: hypothesis without per-example deadlines (a busy 2-core CI machine
makes timings vary tenfold; `make fuzz` and the browser tests share the cores)."""

from hypothesis import settings

settings.register_profile("project", deadline=None)
settings.load_profile("project")
