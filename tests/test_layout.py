"""The layout's rules (README "Layout"), checked on the source: which module may import
which, and how large a page file may be."""

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LESSONS = ROOT / "ui" / "lessons"


def _imports(path: Path) -> set[str]:
    """Every module ``path`` imports, by absolute name."""
    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
            names.update(f"{node.module}.{alias.name}" for alias in node.names)
    return names


def _lesson_of(path: Path) -> str | None:
    relative = path.relative_to(ROOT)
    if relative.parts[:2] == ("ui", "lessons") and len(relative.parts) > 3:
        return relative.parts[2]
    return None


def test_the_shared_kit_never_imports_a_lesson():
    kit = [p for p in (ROOT / "ui").rglob("*.py") if LESSONS not in p.parents]
    assert len(kit) >= 10
    for path in kit:
        bad = sorted(n for n in _imports(path) if n.startswith("ui.lessons."))
        assert not bad, f"{path.relative_to(ROOT)} imports {bad}"


def test_no_lesson_imports_another():
    for path in LESSONS.rglob("*.py"):
        lesson = _lesson_of(path)
        if lesson is None:
            continue
        others = {
            name.split(".")[2]
            for name in _imports(path)
            if name.startswith("ui.lessons.") and len(name.split(".")) > 2
        }
        assert others <= {lesson}, f"{path.relative_to(ROOT)} imports lessons {others - {lesson}}"


def test_core_imports_no_ui():
    for path in (ROOT / "core").rglob("*.py"):
        bad = sorted(n for n in _imports(path) if n.split(".")[0] in {"ui", "streamlit", "pages"})
        assert not bad, f"{path.relative_to(ROOT)} imports {bad}"


def test_classround_imports_no_ui():
    """The class round's store and service are shared by every server process, the tests and
    the benchmark: no Streamlit, no ui (the Ask page calls it, never the other way)."""
    paths = list((ROOT / "classround").rglob("*.py"))
    assert paths
    for path in paths:
        bad = sorted(n for n in _imports(path) if n.split(".")[0] in {"ui", "streamlit", "pages"})
        assert not bad, f"{path.relative_to(ROOT)} imports {bad}"
