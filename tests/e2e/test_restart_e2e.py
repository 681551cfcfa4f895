"""The server restarts while a student is on a page: the page reconnects by itself and the
view comes back from the URL, without a reload."""

import os
import subprocess
import sys

import pytest
from playwright.sync_api import expect

from tests.e2e.browser import assert_no_exception, main, open_app, wait_until_idle
from tests.e2e.conftest import ROOT, SCREENSHOTS, _free_port, _wait_healthy
from ui.i18n import CATALOGS


def start_on(port: int, log_name: str) -> subprocess.Popen:
    """``streamlit run app.py`` on this loopback port, as conftest's server but on a given port."""
    SCREENSHOTS.mkdir(exist_ok=True)
    log = open(SCREENSHOTS / f"{log_name}.log", "a")  # noqa: SIM115 (closed with the process)
    process = subprocess.Popen(
        [
            *(sys.executable, "-m", "streamlit", "run", "app.py", "--server.headless=true"),
            *("--server.address=127.0.0.1", f"--server.port={port}"),
            "--server.fileWatcherType=none",
        ],
        cwd=ROOT,
        stdout=log,
        stderr=subprocess.STDOUT,
        env={**os.environ, "OPENBLAS_NUM_THREADS": "1"},
    )
    try:
        _wait_healthy(f"http://127.0.0.1:{port}", process)
    except RuntimeError:
        process.kill()
        raise
    return process


def crash(process: subprocess.Popen) -> None:
    """The hard way a server goes: SIGKILL, no goodbye to the browser."""
    process.kill()
    process.wait(timeout=10)


@pytest.fixture
def restartable():
    """``(port, start)``: ``start()`` (re)starts a server on the same port; all stopped after."""
    port = _free_port()
    processes = []

    def start():
        processes.append(start_on(port, "restart"))
        return processes[-1]

    yield port, start
    for process in processes:
        if process.poll() is None:
            process.terminate()
            process.wait(timeout=10)


def _app(page):
    return page.locator('[data-testid="stApp"]')


def _lost(page) -> None:
    # Streamlit's frontend pings the server and shows its "connection error" dialog.
    expect(_app(page)).to_have_attribute(
        "data-test-connection-state", "PINGING_SERVER", timeout=30_000
    )
    expect(page.locator('[data-testid="stDialog"]')).to_be_visible(timeout=30_000)


def _reconnected(page) -> None:
    expect(_app(page)).to_have_attribute("data-test-connection-state", "CONNECTED", timeout=60_000)
    expect(page.locator('[data-testid="stDialog"]')).to_have_count(0)
    wait_until_idle(page)
    assert_no_exception(page)


def test_home_comes_back_in_chinese_and_projection_mode(restartable, new_page):
    port, start = restartable
    server = start()
    page = open_app(new_page(locale="en-US"), f"http://127.0.0.1:{port}/?lang=zh&present=true")
    title = CATALOGS["zh"]["app.name"]
    expect(main(page).locator("h1").first).to_contain_text(title)
    crash(server)
    _lost(page)
    start()
    _reconnected(page)
    # The browser's locale is English: only the URL can have brought Chinese back.
    expect(main(page).locator("h1").first).to_contain_text(title)
    sidebar = page.locator('[data-testid="stSidebar"]')
    expect(sidebar.locator('input[type="checkbox"]').first).to_be_checked()
    assert "lang=zh" in page.url
    assert "present=true" in page.url
    # The page says what happened, in the page's language, and a fresh visit does not.
    expect(main(page)).to_contain_text(CATALOGS["zh"]["shell.came_back"])
    page.screenshot(path=str(SCREENSHOTS / "restart-came-back-zh.png"))
    fresh = open_app(new_page(locale="en-US"), f"http://127.0.0.1:{port}/?lang=zh")
    expect(main(fresh).locator("h1").first).to_contain_text(title)
    expect(main(fresh)).not_to_contain_text(CATALOGS["zh"]["shell.came_back"])


def test_softmax_lesson_comes_back_with_the_typed_logits(restartable, new_page):
    port, start = restartable
    server = start()
    page = open_app(new_page(), f"http://127.0.0.1:{port}/softmax?lang=zh")
    field = main(page).get_by_role("textbox", name=CATALOGS["zh"]["softmax.logits_label"])
    field.fill("10, 0, 0")
    field.press("Enter")
    wait_until_idle(page)
    expect(main(page)).to_contain_text("0.999909")
    assert "logits=10" in page.url
    crash(server)
    _lost(page)
    start()
    _reconnected(page)
    expect(
        main(page).get_by_role("textbox", name=CATALOGS["zh"]["softmax.logits_label"])
    ).to_have_value("10, 0, 0")
    expect(main(page)).to_contain_text("0.999909")
    expect(main(page)).to_contain_text(CATALOGS["zh"]["shell.came_back"])
    # A new browser on the restarted server gets the same view from the link alone.
    again = open_app(new_page(), page.url)
    expect(main(again)).to_contain_text("0.999909")
