"""``core`` is the logic layer: it must import without any UI or heavy library."""

import pkgutil
import subprocess
import sys
from pathlib import Path

import core

ROOT = Path(__file__).resolve().parent.parent
FORBIDDEN = ("streamlit", "pandas", "scipy", "sklearn", "altair", "matplotlib")


def test_every_core_module_imports_without_ui_or_heavy_libraries():
    modules = ["core"] + [f"core.{info.name}" for info in pkgutil.iter_modules(core.__path__)]
    script = (
        "import importlib, sys\n"
        f"for name in {modules!r}: importlib.import_module(name)\n"
        f"print(','.join(sorted(m for m in {FORBIDDEN!r} if m in sys.modules)))"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == ""
    assert len(modules) >= 5  # the package and activations, losses, data, train at least


def test_all_lists_exactly_the_public_names():
    public = {name for name in dir(core) if not name.startswith("_")}
    submodules = {info.name for info in pkgutil.iter_modules(core.__path__)}
    assert set(core.__all__) == public - submodules
    assert len(core.__all__) == len(set(core.__all__))


def test_every_public_function_documents_its_formula_and_shapes():
    for name in core.__all__:
        obj = getattr(core, name)
        if callable(obj):
            assert obj.__doc__ and len(obj.__doc__.strip()) > 40, name
