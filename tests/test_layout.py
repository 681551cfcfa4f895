"""The layout's rules (README "Layout"), checked on the source: which module may import
which, and how large a page file, a module and a block may be."""

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


# Sizes a newcomer can read (issue 14).
MAX_PAGE_LINES = 40
MAX_MODULE_LINES = 400
MAX_BLOCK_LINES = 60
SIZED = sorted(
    [
        *(ROOT / "pages").glob("*.py"),
        *(ROOT / "ui").rglob("*.py"),
        *(ROOT / "core").rglob("*.py"),
        *(ROOT / "classround").rglob("*.py"),
    ]
)


def _lines(node: ast.AST) -> int:
    return node.end_lineno - node.lineno + 1


def _is_data(node: ast.stmt) -> bool:
    """A top-level table of plain values (a string catalog): read by key, not as a block of
    code, so it may run long."""
    if not isinstance(node, ast.Assign | ast.AnnAssign) or node.value is None:
        return False
    try:
        ast.literal_eval(node.value)
    except ValueError:
        return False
    return True


def test_no_page_file_is_over_40_lines():
    pages = [path for path in SIZED if path.parent == ROOT / "pages"]
    assert len(pages) >= 6
    long = [
        f"{path.relative_to(ROOT)} ({_file_lines(path)})"
        for path in pages
        if _file_lines(path) > MAX_PAGE_LINES
    ]
    assert not long, long


def test_no_module_is_over_400_lines():
    long = [
        f"{path.relative_to(ROOT)} ({_file_lines(path)})"
        for path in SIZED
        if _file_lines(path) > MAX_MODULE_LINES
    ]
    assert not long, long


def _file_lines(path: Path) -> int:
    return len(path.read_text(encoding="utf-8").splitlines())


def test_no_function_or_top_level_statement_is_over_60_lines():
    long = []
    for path in SIZED:
        tree = ast.parse(path.read_text(encoding="utf-8"))
        # A class is read method by method: its methods are counted, not its whole body.
        blocks = {
            node for node in tree.body if not _is_data(node) and not isinstance(node, ast.ClassDef)
        }
        blocks |= {
            node
            for node in ast.walk(tree)
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)
        }
        long += [
            f"{path.relative_to(ROOT)}:{node.lineno} ({_lines(node)} lines)"
            for node in sorted(blocks, key=lambda node: node.lineno)
            if _lines(node) > MAX_BLOCK_LINES
        ]
    assert not long, long


def test_every_lesson_loads_and_everything_that_names_one_finds_it():
    """No silent absence: a lesson listed in ui/nav.py has its page file, its deep-link
    file and its package, and the questions and exercises name only listed lessons."""
    import importlib

    from ui import nav
    from ui.questions import QUESTIONS
    from ui.study import EXERCISES

    keys = {lesson.key for lesson in nav.LESSONS}
    assert len(keys) == len(nav.LESSONS) >= 5
    for lesson in (*nav.LESSONS, nav.HOME, *nav.TEACHING):
        assert lesson.path.is_file(), lesson.file
        assert (ROOT / "pages" / f"{lesson.url_path}.py").is_file() or lesson is nav.HOME
    for lesson in nav.LESSONS:
        package = importlib.import_module(f"ui.lessons.{lesson.key}")
        assert callable(package.render), lesson.key
    assert {question.lesson for question in QUESTIONS} <= keys
    assert {exercise.lesson for exercise in EXERCISES} <= keys


def test_the_plan_format_imports_no_streamlit():
    """A lecture plan is read from files and links (ui/plans.py) and shipped as data
    (ui/lecture5.py) without Streamlit: the tests and any tool can read one."""
    for name in ("plans.py", "lecture5.py"):
        bad = sorted(n for n in _imports(ROOT / "ui" / name) if n.split(".")[0] == "streamlit")
        assert not bad, f"ui/{name} imports {bad}"
