"""How fast the images lesson trains live, and what opening it costs the server.

Starts ``streamlit run app.py`` (one BLAS thread, as ``make run``), opens ``/images`` on the
Fashion-MNIST tab in headless Chromium and measures:

- opening cost: the server's CPU (``utime + stime`` from ``/proc/<pid>/stat``) from the
  request until the page is idle, for the first session of the process (it reads the
  shipped subset) and for a second one;
- while playing for ``--seconds`` (default 12), one minibatch step a frame (``spf=1``,
  batch 256): painted fps (frames the templates canvas painted, per second, median of
  one-second windows), server frames per second (steps trained), server CPU per frame
  (per frame trained, and per frame painted: the stricter figure), websocket KB per frame
  (Playwright's ``framereceived`` payloads), Play → first frame.

The machine is shared: run it when it is quiet, and read the figures with the load average
it prints. Issue #15's goals: at least 20 painted frames a second, at most 10 ms of server
CPU and 20 KB over the websocket a frame, opening under 1 s of server CPU.
"""

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from playwright.sync_api import sync_playwright  # noqa: E402

from tests.e2e.browser import open_app, wait_until_idle  # noqa: E402
from tests.e2e.conftest import CHROMIUM, CHROMIUM_ARGS, start_server, stop_server  # noqa: E402

CLOCK_TICKS = os.sysconf("SC_CLK_TCK")

PROBE = """
() => {
  window.__frames = [];
  window.__clicked = null;
  document.querySelector('.st-key-images-play button')
    .addEventListener('click', () => { window.__clicked = performance.now(); }, true);
  const tick = (now) => {
    const root = document.querySelector('.sx-templates');
    window.__frames.push([now, root ? Number(root.dataset.painted || 0) : 0,
      root ? Number(root.dataset.step || 0) : 0]);
    requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
}
"""


def cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / CLOCK_TICKS


def open_cost(browser, url: str, pid: int) -> float:
    """Server CPU seconds of one new session opening the lesson until it is idle."""
    page = browser.new_page(viewport={"width": 1400, "height": 1000}, locale="en-US")
    before = cpu_seconds(pid)
    page.goto(f"{url}/images?lang=en&tab=train")
    wait_until_idle(page)
    cost = cpu_seconds(pid) - before
    page.close()
    return cost


def measure(seconds: float) -> dict:
    process, url = start_server("bench-images")
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            open_app(browser.new_page(), f"{url}/?lang=en").close()
            first_open = open_cost(browser, url, process.pid)
            second_open = open_cost(browser, url, process.pid)
            page = browser.new_page(viewport={"width": 1400, "height": 1000}, locale="en-US")
            received = []
            page.on(
                "websocket",
                lambda socket: socket.on(
                    "framereceived",
                    lambda payload: received.append((time.monotonic(), len(payload))),
                ),
            )
            page.goto(f"{url}/images?lang=en&tab=train")
            wait_until_idle(page)
            page.evaluate(PROBE)
            page.wait_for_timeout(500)
            cpu_before, start = cpu_seconds(process.pid), time.monotonic()
            page.locator(".st-key-images-play button").click()
            page.wait_for_timeout(seconds * 1000)
            cpu_after, stop = cpu_seconds(process.pid), time.monotonic()
            frames = page.evaluate("window.__frames")
            clicked = page.evaluate("window.__clicked")
            page.locator(".st-key-images-play button").click()
            browser.close()
    finally:
        stop_server(process)
    during = [frame for frame in frames if frame[0] >= clicked]
    first = next((now for now, _, step in during if step > 0), None)
    playing = [frame for frame in during if first is not None and frame[0] >= first]
    painted = playing[-1][1] - playing[0][1] if playing else 0
    trained = playing[-1][2] if playing else 0
    duration = (playing[-1][0] - playing[0][0]) / 1000 if len(playing) > 1 else 0
    windows = [
        max(f[1] for f in playing if f[0] < playing[0][0] + 1000 * (w + 1))
        - max(f[1] for f in playing if f[0] < playing[0][0] + 1000 * w + 1e-9)
        for w in range(int(duration))
    ]
    cpu = cpu_after - cpu_before
    sent = sum(size for when, size in received if start <= when <= stop)
    return {
        "opening, first session (server CPU s)": round(first_open, 2),
        "opening, next session (server CPU s)": round(second_open, 2),
        "seconds playing": round(stop - start, 1),
        "frames trained (steps)": trained,
        "server frames per second": round(trained / (stop - start), 1),
        "painted fps (median of 1 s windows)": statistics.median(windows) if windows else 0,
        "painted fps (mean)": round(painted / duration, 1) if duration else 0,
        "server CPU per frame (ms)": round(1000 * cpu / max(trained, 1), 1),
        "server CPU per painted frame (ms)": round(1000 * cpu / max(painted, 1), 1),
        "websocket KB per frame": round(sent / max(trained, 1) / 1024, 1),
        "websocket KB per painted frame": round(sent / max(painted, 1) / 1024, 1),
        "Play to first frame (ms)": round(first - clicked) if first else None,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=12)
    args = parser.parse_args()
    os.environ["OPENBLAS_NUM_THREADS"] = "1"
    print(f"load average before: {os.getloadavg()[0]:.2f} on {os.cpu_count()} cores")
    for name, value in measure(args.seconds).items():
        print(f"{name:>40}: {value}")
    print(f"load average after: {os.getloadavg()[0]:.2f}")


if __name__ == "__main__":
    main()
