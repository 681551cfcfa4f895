"""`make serve-class`: nginx in front of two Streamlit processes, driven by real browsers.

Each browser context is one student. Their sessions must spread over the processes, each
student's page, websocket and uploads must stay on one process (the `st_backend` cookie),
and every page must work through the proxy.
"""

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections import Counter
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.e2e.browser import assert_no_exception, main, open_app, wait_until_idle
from tests.e2e.conftest import ROOT, SCREENSHOTS
from ui import nav
from ui.i18n import CATALOGS

WORKERS = 2
STUDENTS = 4
NGINX = os.environ.get("NGINX", shutil.which("nginx") or "/usr/sbin/nginx")


def _port_is_free(port: int) -> bool:
    with socket.socket() as sock:
        try:
            sock.bind(("127.0.0.1", port))
        except OSError:
            return False
        return True


def free_port_run(count: int) -> int:
    """The first of ``count`` consecutive free loopback ports."""
    for _ in range(200):
        with socket.socket() as sock:
            sock.bind(("127.0.0.1", 0))
            first = sock.getsockname()[1]
        if first + count < 65535 and all(_port_is_free(first + i) for i in range(count)):
            return first
    raise RuntimeError("no run of free ports")


def start_class(workers: int, log_name: str) -> tuple[subprocess.Popen, str]:
    """``deploy/serve_class.py`` on free loopback ports; its process and nginx's URL."""
    port = free_port_run(workers + 1)
    SCREENSHOTS.mkdir(exist_ok=True)
    log = open(SCREENSHOTS / f"{log_name}.log", "w")  # noqa: SIM115 (closed with the process)
    process = subprocess.Popen(
        [
            *(sys.executable, "deploy/serve_class.py"),
            *("--workers", str(workers), "--port", str(port), "--host", "127.0.0.1"),
        ],
        cwd=ROOT,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"serve_class.py exited with {process.returncode}")
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as response:
                if response.read().strip() == b"ok":
                    return process, url
        except OSError:
            pass
        time.sleep(0.5)
    stop_class(process)
    raise RuntimeError(f"{url} not healthy")


def stop_class(process: subprocess.Popen) -> None:
    process.send_signal(signal.SIGTERM)
    try:
        process.wait(timeout=30)
    except subprocess.TimeoutExpired:
        process.kill()


@pytest.fixture(scope="module")
def class_url():
    if not Path(NGINX).exists():
        pytest.fail(f"no nginx at {NGINX} (scripts/test-deps.sh installs it)")
    process, url = start_class(WORKERS, "serve-class")
    yield url
    stop_class(process)


def backend_of(context) -> str:
    cookies = {cookie["name"]: cookie["value"] for cookie in context.cookies()}
    return cookies.get("st_backend", "")


def _path(lesson: nav.Lesson) -> str:
    return "" if lesson is nav.HOME else lesson.url_path


def test_students_spread_over_the_processes_and_every_page_works(class_url, new_page):
    pages = [nav.HOME, *nav.LESSONS]
    students = [new_page() for _ in range(STUDENTS)]
    for student in students:
        open_app(student, f"{class_url}/?lang=en")
        assert_no_exception(student)
    backends = Counter(backend_of(student.context) for student in students)
    assert set(backends) == {f"b{i}" for i in range(WORKERS)}, backends
    # Every page through the proxy, shared out among the students; each student's websocket
    # stays on the student's process.
    for index, lesson in enumerate(pages):
        student = students[index % STUDENTS]
        pinned = backend_of(student.context)
        open_app(student, f"{class_url}/{_path(lesson)}?lang=zh")
        assert_no_exception(student)
        expect(main(student).locator("h1").first).to_be_visible()
        assert backend_of(student.context) == pinned
        response = student.request.get(f"{class_url}/_stcore/health")
        assert response.headers["x-streamlit-backend"] == pinned


def test_a_forged_backend_cookie_falls_back_to_the_pool(class_url, new_page):
    """A cookie naming no process is never used as an address: the pool serves it."""
    student = new_page()
    student.context.add_cookies([{"name": "st_backend", "value": "b9", "url": class_url}])
    page = open_app(student, f"{class_url}/?lang=zh&present=true")
    assert_no_exception(page)
    assert backend_of(student.context) in {f"b{i}" for i in range(WORKERS)}
    assert "present=true" in page.url


def test_an_upload_through_the_proxy_reaches_the_students_process(class_url, new_page):
    """The uploader's PUT goes to the process holding the student's session (the cookie),
    or Streamlit would refuse it: the uploaded classes show on the page."""
    student = open_app(new_page(), f"{class_url}/training?lang=en")
    pinned = backend_of(student.context)
    main(student).get_by_text(CATALOGS["en"]["training.source.file"], exact=True).click()
    wait_until_idle(student)
    points = [(0, 0, "cat"), (1, 0.2, "cat"), (5, 5, "dog"), (4.5, 5.5, "dog")]
    rows = "x1,x2,label\n" + "".join(f"{x},{y},{label}\n" for x, y, label in points)
    student.locator('[data-testid="stFileUploaderDropzoneInput"]').set_input_files(
        {"name": "pets.csv", "mimeType": "text/csv", "buffer": rows.encode()}
    )
    caption = CATALOGS["en"]["training.params_caption"].split("{")[0]
    expect(main(student).get_by_text(f"{caption}cat, dog")).to_be_visible(timeout=30_000)
    assert backend_of(student.context) == pinned
    assert_no_exception(student)


def test_nginx_refuses_a_flood_of_uploads_from_one_session(class_url):
    """Past its burst, one session's uploads get 429 from nginx itself, before any body
    reaches a Streamlit process; another session is not held back by it."""
    from tests.test_security import _put

    flooded = [_put(class_url, "flooding-session", b"x", True, f"f{i}", 0.0) for i in range(30)]
    assert flooded.count(429) >= 30 - 10 - 2, flooded
    assert _put(class_url, "another-session", b"x", True, "f0", 0.0) != 429
