"""Nothing from a URL, widget or upload is evaluated, unpickled or rendered as raw HTML;
uploads have size and row limits; Streamlit's XSRF protection stays on.

The code checks read the syntax tree of every file the server runs, so a new page is
covered the moment it exists.
"""

import ast
import asyncio
import concurrent.futures
import http.client
import select
import tomllib
import urllib.parse
import urllib.request
from http.cookiejar import CookieJar
from pathlib import Path

import numpy as np
import pytest

from bench.stclient import open_session
from core.csvdata import DataFileError, parse_points
from tests.apptest import ROOT

SERVED = sorted(
    [
        ROOT / "app.py",
        *(ROOT / "pages").glob("*.py"),
        *(ROOT / "ui").rglob("*.py"),
        *(ROOT / "core").rglob("*.py"),
    ]
)
CONFIG = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text())

# Calls that run text as code or turn bytes into arbitrary objects.
_FORBIDDEN_CALLS = {"eval", "exec", "compile", "__import__", "breakpoint"}
_FORBIDDEN_MODULES = {"pickle", "cPickle", "dill", "marshal", "shelve", "joblib", "cloudpickle"}
# Raw HTML/JS in the page: allowed only for text written in the source itself.
_HTML_CALLS = {"html"}
_COMPONENT_MODULES = ("streamlit.components",)
_V2_COMPONENT = {"st.components.v2.component", "streamlit.components.v2.component"}


def _tree(path: Path) -> ast.Module:
    return ast.parse(path.read_text(), filename=str(path))


def _name(node: ast.AST) -> str:
    """``st.components.v1.html`` → ``"st.components.v1.html"`` ("" if not a plain name)."""
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        base = _name(node.value)
        return f"{base}.{node.attr}" if base else ""
    return ""


def source_file(value: ast.AST) -> str | None:
    """``Path(__file__).with_name("x.css")`` → ``"x.css"``: a file of the source tree beside
    the module (else ``None``)."""
    if not (
        isinstance(value, ast.Call)
        and isinstance(value.func, ast.Attribute)
        and value.func.attr == "with_name"
        and len(value.args) == 1
        and isinstance(value.args[0], ast.Constant)
        and isinstance(value.args[0].value, str)
        and "/" not in value.args[0].value
        and "\\" not in value.args[0].value
    ):
        return None
    path = value.func.value
    if (
        isinstance(path, ast.Call)
        and _name(path.func) in {"Path", "pathlib.Path"}
        and len(path.args) == 1
        and isinstance(path.args[0], ast.Name)
        and path.args[0].id == "__file__"
    ):
        return value.args[0].value
    return None


def source_file_read(value: ast.AST) -> str | None:
    """``Path(__file__).with_name("x.js").read_text(...)`` → ``"x.js"``: a file of the source
    tree beside the module, read as it stands (else ``None``)."""
    if not (
        isinstance(value, ast.Call)
        and isinstance(value.func, ast.Attribute)
        and value.func.attr == "read_text"
    ):
        return None
    return source_file(value.func.value)


def stylesheet_file(value: ast.AST) -> bool:
    """``Path(__file__).with_name("x.css")``: a stylesheet beside the module, which
    ``st.html`` reads and wraps in ``<style>`` tags."""
    name = source_file(value)
    return name is not None and name.endswith(".css")


def _module_constants(tree: ast.Module) -> set[str]:
    """Names bound once at module level to a string literal (``_BASE_CSS = "<style>..."``),
    to a file of the source tree beside the module (``source_file_read``) or to a stylesheet
    beside it (``stylesheet_file``)."""
    bound: dict[str, int] = {}
    constant: set[str] = set()
    for node in ast.walk(tree):
        targets = node.targets if isinstance(node, ast.Assign) else []
        for target in targets:
            if isinstance(target, ast.Name):
                bound[target.id] = bound.get(target.id, 0) + 1
                literal = isinstance(node.value, ast.Constant) and isinstance(node.value.value, str)
                beside = source_file_read(node.value) is not None or stylesheet_file(node.value)
                if literal or beside:
                    constant.add(target.id)
    return {name for name in constant if bound[name] == 1}


def violations(path: Path) -> list[str]:
    tree = _tree(path)
    constants = _module_constants(tree)
    found = []

    def where(node: ast.AST) -> str:
        return f"{path.relative_to(ROOT)}:{node.lineno}"

    def constant(value: ast.AST | None) -> bool:
        return (isinstance(value, ast.Constant) and isinstance(value.value, str | bool)) or (
            isinstance(value, ast.Name) and value.id in constants
        )

    # The one kind of component allowed: ``st.components.v2.component`` registered with
    # HTML, CSS and JavaScript written in the source or read from a file beside it
    # (ui/lessons/training/player.py); data reaches it as JSON.
    registered = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and _name(node.func) in _V2_COMPONENT:
            if all(constant(keyword.value) for keyword in node.keywords):
                registered.add(id(node.func.value.value))
            else:
                found.append(f"{where(node)} registers a component with computed HTML/CSS/JS")

    for node in ast.walk(tree):
        if isinstance(node, ast.Import | ast.ImportFrom):
            modules = [alias.name for alias in node.names]
            if isinstance(node, ast.ImportFrom):
                modules = [node.module or ""]
            for module in modules:
                if module.split(".")[0] in _FORBIDDEN_MODULES:
                    found.append(f"{where(node)} imports {module}")
                if module.startswith(_COMPONENT_MODULES):
                    found.append(f"{where(node)} imports {module} (raw HTML/JS components)")
        if (
            isinstance(node, ast.Attribute)
            and node.attr == "components"
            and id(node) not in registered
        ):
            found.append(f"{where(node)} uses {_name(node)} (raw HTML/JS components)")
        if not isinstance(node, ast.Call):
            continue
        called = _name(node.func)
        last = called.rsplit(".", 1)[-1]
        if called in _FORBIDDEN_CALLS:
            found.append(f"{where(node)} calls {called}")
        if last in {"loads", "load"} and called.split(".")[0] in {"yaml", "pickle", "marshal"}:
            found.append(f"{where(node)} calls {called}")
        for keyword in node.keywords:
            if keyword.arg == "unsafe_allow_html" and not (
                isinstance(keyword.value, ast.Constant) and keyword.value.value is False
            ):
                found.append(f"{where(node)} passes unsafe_allow_html to {called}")
        if last in _HTML_CALLS and called.startswith(("st.", "streamlit.")):
            body = node.args[0] if node.args else None
            literal = isinstance(body, ast.Constant) and isinstance(body.value, str)
            if not (literal or (isinstance(body, ast.Name) and body.id in constants)):
                found.append(f"{where(node)} passes computed text to {called}")
    return found


def test_the_scan_sees_every_page_and_helper():
    names = {path.relative_to(ROOT).as_posix() for path in SERVED}
    assert {"app.py", "pages/0_home_page.py", "ui/shell.py", "ui/urlstate.py"} <= names


@pytest.mark.parametrize("path", SERVED, ids=lambda path: path.relative_to(ROOT).as_posix())
def test_nothing_is_evaluated_unpickled_or_rendered_as_raw_html(path):
    assert violations(path) == []


@pytest.mark.parametrize(
    "source",
    [
        "eval(text)",
        "exec(code)",
        "import pickle",
        "from marshal import loads",
        "st.markdown(text, unsafe_allow_html=True)",
        "st.html(f'<b>{name}</b>')",
        "import streamlit.components.v1 as components",
        "st.components.v1.html(text)",
        "st.components.v2.component('x', html=text)",
        "st.components.v2.component('x', js=f'{code}')",
        "st.components.v2.declare_component('x', path)",
        "yaml.load(stream)",
    ],
)
def test_the_scan_catches_each_kind(tmp_path, source):
    path = ROOT / "tests" / f"_scan_probe_{abs(hash(source))}.py"
    try:
        path.write_text(source + "\n")
        assert violations(path), source
    finally:
        path.unlink()


def test_a_constant_stylesheet_may_be_rendered():
    path = ROOT / "tests" / "_scan_probe_constant.py"
    try:
        path.write_text('CSS = "<style>p {}</style>"\nst.html(CSS)\nst.html("<hr>")\n')
        assert violations(path) == []
        path.write_text('CSS = Path(__file__).with_name("x.css")\nst.html(CSS)\n')
        assert violations(path) == []
        for computed in (
            'CSS = Path(__file__).with_name("x.html")\nst.html(CSS)\n',
            'CSS = Path(name).with_name("x.css")\nst.html(CSS)\n',
            "CSS = Path(__file__).with_name(name)\nst.html(CSS)\n",
        ):
            path.write_text(computed)
            assert violations(path), computed
    finally:
        path.unlink()


def test_a_component_with_constant_code_may_be_registered():
    path = ROOT / "tests" / "_scan_probe_component.py"
    try:
        path.write_text(
            'JS = "export default function () {}"\nst.components.v2.component("x", js=JS)\n'
        )
        assert violations(path) == []
    finally:
        path.unlink()


_WRITES_HTML = (
    "innerHTML",
    "outerHTML",
    "insertAdjacentHTML",
    "createContextualFragment",
    "DOMParser",
    "eval(",
    "Function(",
    "document.write",
    "setTimeout('",
    "<script",
)


def test_the_player_never_writes_html_from_data():
    """The live canvas's JavaScript puts text on the page only through ``textContent``,
    text nodes and ``fillText``; nothing in it parses HTML or runs text as code."""
    from ui.lessons.training import player

    code = player._HTML + player._CSS + player._JS
    for forbidden in _WRITES_HTML:
        assert forbidden not in code, forbidden


def _component_files() -> list[Path]:
    """The files beside served modules that are read as a component's HTML, CSS or JS."""
    found = []
    for path in SERVED:
        for node in ast.walk(_tree(path)):
            if isinstance(node, ast.Assign) and (name := source_file_read(node.value)):
                found.append(path.with_name(name))
    return found


def test_component_code_read_from_files_never_writes_html():
    """Component code kept in its own file (ui/record_sync.js) is held to the player's rule."""
    files = _component_files()
    assert ROOT / "ui" / "record_sync.js" in files
    for path in files:
        code = path.read_text()
        for forbidden in _WRITES_HTML:
            assert forbidden not in code, (path.name, forbidden)


def test_a_component_whose_code_is_a_file_beside_it_may_be_registered():
    path = ROOT / "tests" / "_scan_probe_file_component.py"
    try:
        path.write_text(
            'JS = Path(__file__).with_name("x.js").read_text(encoding="utf-8")\n'
            'st.components.v2.component("x", js=JS)\n'
        )
        assert violations(path) == []
        for computed in (
            'JS = Path(name).with_name("x.js").read_text()',
            'JS = Path(__file__).with_name("../x.js").read_text()',
            "JS = Path(__file__).with_name(name).read_text()",
            'JS = open("x.js").read()',
        ):
            path.write_text(computed + '\nst.components.v2.component("x", js=JS)\n')
            assert violations(path), computed
    finally:
        path.unlink()


def test_xsrf_protection_stays_on_and_uploads_are_limited():
    server = CONFIG["server"]
    assert server["enableXsrfProtection"] is True
    assert "enableCORS" not in server or server["enableCORS"] is True
    # A CSV of 10,000 points is ~200 kB: 2 MB leaves room, and refuses anything much larger.
    assert 1 <= server["maxUploadSize"] <= 5


def _rows(count: int) -> bytes:
    rng = np.random.default_rng(0)
    points = rng.normal(size=(count, 2))
    lines = [f"{x1:.3f},{x2:.3f},{index % 3}" for index, (x1, x2) in enumerate(points)]
    return ("x1,x2,label\n" + "\n".join(lines)).encode()


def test_the_csv_parser_refuses_more_rows_than_the_limit():
    X, y, _ = parse_points(_rows(100), max_rows=100)
    assert X.shape == (100, 2) and y.shape == (100,)
    with pytest.raises(DataFileError) as refused:
        parse_points(_rows(101), max_rows=100)
    assert refused.value.code == "too_many_rows"


# The running server: the limits hold on the wire, not only in the config file.


@pytest.fixture(scope="module")
def server():
    from tests.e2e.conftest import start_server, stop_server

    process, url = start_server("security")
    yield url
    stop_server(process)


def _session(url: str) -> tuple[urllib.request.OpenerDirector, str]:
    """An HTTP client holding the XSRF cookie the server sets, and that cookie's value."""
    jar = CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    opener.open(f"{url}/_stcore/health", timeout=10).read()
    token = next(cookie.value for cookie in jar if cookie.name == "_streamlit_xsrf")
    return opener, token


def _upload(url: str, body: bytes, *, with_token: bool = True) -> int:
    """PUT ``body`` as a file upload for a live session, as the browser's uploader does."""

    async def upload() -> int:
        session = await open_session(url)  # uploads are accepted only for a live session
        try:
            return await asyncio.to_thread(_put, url, session.session_id, body, with_token)
        finally:
            await session.close()

    # Its own thread: Playwright's sync API (the e2e tests' session-wide browser) keeps an
    # event loop running in the main thread, where asyncio.run would refuse to start.
    with concurrent.futures.ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(asyncio.run, upload()).result()


def _put(
    url: str,
    session_id: str,
    body: bytes,
    with_token: bool,
    file_id: str = "file-1",
    patience: float = 2.0,
) -> int:
    """The status the server answers a multipart PUT of ``body`` with.

    The headers go first and the body only if the server has not answered yet: the server
    refuses an upload over the limit from its Content-Length alone and closes the
    connection, so a client still sending the body would see a broken pipe instead of the
    413 (the failure CI once hit).
    """
    _, token = _session(url)
    boundary = "softmaxexplorerboundary"
    payload = (
        (
            f"--{boundary}\r\n"
            'Content-Disposition: form-data; name="file"; filename="a.csv"\r\n'
            "Content-Type: text/csv\r\n\r\n"
        ).encode()
        + body
        + f"\r\n--{boundary}--\r\n".encode()
    )
    address = urllib.parse.urlsplit(url)
    connection = http.client.HTTPConnection(address.hostname, address.port, timeout=30)
    try:
        connection.putrequest("PUT", f"/_stcore/upload_file/{session_id}/{file_id}")
        connection.putheader("Content-Type", f"multipart/form-data; boundary={boundary}")
        connection.putheader("Content-Length", str(len(payload)))
        connection.putheader("Cookie", f"_streamlit_xsrf={token}")
        if with_token:
            connection.putheader("X-Xsrftoken", token)
        connection.endheaders()
        answered, _, _ = select.select([connection.sock], [], [], patience)
        if not answered:
            connection.send(payload)
        return connection.getresponse().status
    finally:
        connection.close()


def test_the_server_takes_a_small_upload_with_the_xsrf_token(server):
    assert _upload(server, b"x1,x2,label\n0,0,a\n1,1,b\n") in (200, 204)


def test_the_server_refuses_an_upload_without_the_xsrf_token(server):
    assert _upload(server, b"x1,x2,label\n0,0,a\n", with_token=False) == 403


def test_the_server_refuses_an_upload_over_the_size_limit(server):
    limit = CONFIG["server"]["maxUploadSize"] * 1024 * 1024
    assert _upload(server, b"0" * (limit + 1024)) == 413


def _rss_mb(pid: int) -> float:
    return int(Path(f"/proc/{pid}/statm").read_text().split()[1]) * 4096 / 2**20


def _flood(url: str, files: int, size: int) -> dict[int, int]:
    """One live session sends ``files`` uploads of ``size`` bytes as fast as it can, as
    the modified client of issue #17 did; the statuses the server answered, counted."""

    async def flood() -> dict[int, int]:
        session = await open_session(url)
        statuses: dict[int, int] = {}
        body = b"7" * size
        try:
            for index in range(files):
                status = await asyncio.to_thread(
                    _put, url, session.session_id, body, True, f"flood-{index}", 0.0
                )
                statuses[status] = statuses.get(status, 0) + 1
        finally:
            await session.close()
        return statuses

    with concurrent.futures.ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(asyncio.run, flood()).result()


@pytest.fixture(scope="module")
def flood_server():
    from tests.e2e.conftest import start_server, stop_server

    process, url = start_server("flood")
    yield process, url
    stop_server(process)


def test_a_flood_of_uploads_is_refused_and_the_memory_stays_bounded(flood_server):
    """250 files of 2 MB from one session: the rate limit refuses most, the session keeps
    only its newest few, and a second flood reuses the memory instead of adding to it."""
    from ui import uploads

    process, url = flood_server
    _upload(url, b"x1,x2,label\n0,0,a\n1,1,b\n")  # the process warmed up
    before = _rss_mb(process.pid)
    size = CONFIG["server"]["maxUploadSize"] * 1024 * 1024 - 4096
    statuses = _flood(url, 250, size)
    assert statuses == {204: uploads.PER_MINUTE, 429: 250 - uploads.PER_MINUTE}
    first = _rss_mb(process.pid) - before
    kept = uploads.MAX_FILES * size / 2**20
    assert first < kept + 80, f"grew {first:.0f} MB for {kept:.0f} MB of kept files"
    _flood(url, 250, size)  # another session: its own rate, the same bound
    second = _rss_mb(process.pid) - before
    assert second < first + kept + 40, f"grew {first:.0f} MB, then {second:.0f} MB"


@pytest.mark.parametrize(
    "value", [30, 2.5, True, "not an option", "30"], ids=["int", "float", "bool", "str", "ok"]
)
def test_a_widget_value_of_the_wrong_wire_type_is_dropped_not_raised(server, value):
    """A modified client sends the select slider's value as another type: Streamlit's own
    deserializer would raise before any script code runs (ui/wire.py)."""

    async def crafted() -> list[str]:
        session = await open_session(server, "training", "lang=en")
        try:
            await session.rerun(**{"training.speed": value})
            await session.rerun(**{"training.step": True})  # and the page still works
            return session.errors
        finally:
            await session.close()

    with concurrent.futures.ThreadPoolExecutor(max_workers=1) as pool:
        assert pool.submit(asyncio.run, crafted()).result() == []


def test_a_session_keeps_its_newest_files_and_a_bounded_rate(monkeypatch):
    from starlette.exceptions import HTTPException
    from streamlit.runtime.memory_uploaded_file_manager import MemoryUploadedFileManager
    from streamlit.runtime.uploaded_file_manager import UploadedFileRec

    from ui import uploads

    monkeypatch.setattr(uploads, "_from_the_network", lambda manager: True)  # as in a server
    manager = MemoryUploadedFileManager("/_stcore/upload_file")

    def add(session: str, index: int) -> None:
        manager.add_file(session, UploadedFileRec(f"f{index}", f"{index}.csv", "text/csv", b"x"))

    for index in range(uploads.MAX_FILES + 3):
        add("student", index)
    newest = [f"f{i}" for i in range(3, uploads.MAX_FILES + 3)]
    assert [rec.file_id for rec in manager.get_files("student", newest)] == newest
    assert manager.get_files("student", ["f0", "f1", "f2"]) == []
    for index in range(uploads.MAX_FILES + 3, uploads.PER_MINUTE):
        add("student", index)
    with pytest.raises(HTTPException) as refused:
        add("student", uploads.PER_MINUTE)
    assert refused.value.status_code == 429
    add("another student", 0)  # the limit is per session


def test_only_the_running_servers_own_store_is_rate_limited(monkeypatch):
    """AppTest puts a stand-in runtime in place while it runs and adds every test's files to
    a store of its own under one session id: that store is never limited."""
    from unittest.mock import MagicMock

    from streamlit.runtime import Runtime
    from streamlit.runtime.memory_uploaded_file_manager import MemoryUploadedFileManager
    from streamlit.runtime.uploaded_file_manager import UploadedFileRec

    from ui import uploads

    servers, tests = (
        MemoryUploadedFileManager("/_stcore/upload_file"),
        MemoryUploadedFileManager("/mock"),
    )
    stand_in = MagicMock(spec=Runtime)
    stand_in.uploaded_file_mgr = servers
    monkeypatch.setattr(Runtime, "_instance", stand_in)
    for index in range(uploads.PER_MINUTE + 5):
        tests.add_file("test session id", UploadedFileRec(f"f{index}", "a.csv", "text/csv", b"x"))
    assert uploads._from_the_network(servers) and not uploads._from_the_network(tests)


# ---------------------------------------------------------------- downloads a spreadsheet runs


@pytest.mark.parametrize("text", ['=HYPERLINK("http://x")', "+1+1", "-2+3", "@SUM(A1)", "\tx"])
def test_text_a_spreadsheet_would_run_is_written_as_text(text):
    import csv
    import io

    from ui import spreadsheet, study

    assert spreadsheet.cell(text) == "'" + text
    rows = [{"lesson": text, "question_id": "q", "question": text, "attempts": []}]
    written = list(csv.DictReader(io.StringIO(study.record_csv(rows))))
    assert written[0]["lesson"] == written[0]["question"] == "'" + text


def test_numbers_and_plain_text_are_left_alone():
    from ui import spreadsheet

    assert spreadsheet.cells(["a", -1.5, 3, "b-c"]) == ["a", -1.5, 3, "b-c"]


def test_a_browser_cannot_clear_the_caches_of_everyone():
    import streamlit as st
    from streamlit.runtime.app_session import AppSession

    import ui.shell  # noqa: F401 (installs the refusal)

    calls = []

    @st.cache_data
    def cached(x):
        calls.append(x)
        return x

    cached(1)
    assert hasattr(AppSession, "_handle_clear_cache_request")
    AppSession._handle_clear_cache_request(object())  # what the clear-cache message calls
    cached(1)
    assert calls == [1], "the cache was cleared"
