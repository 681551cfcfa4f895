"""A class at once: N concurrent sessions on the softmax and training pages.

    python bench/bench_load.py                      # one process, then nginx + 2 processes
    python bench/bench_load.py --nginx 2            # only nginx + 2 processes (serve_class.py)
    python bench/bench_load.py --nginx 0            # only its own `streamlit run app.py`
    python bench/bench_load.py --sessions 1,10,30 --seconds 8
    python bench/bench_load.py --browsers 3         # also N real Chromium contexts, to compare

Each session is a light client (bench/stclient.py) speaking Streamlit's websocket
protocol: the server runs the same script and sends the same deltas as for a browser tab.
For each N it prints:
- interaction latency p50/p95: a control changed (the logits field on /softmax, the
  probability-map switch on /training while it trains) → the rerun finished and every delta arrived;
- live-training frames per second per session (all N sessions press Play on /training,
  each with its own seed, and tick as the browser does; a tick brings a batch of frames
  that the page's canvas paints one per display frame, ui/lessons/training/player.py: the
  figure is frames received per second);
- server CPU (cores) and memory per session; memory before, during and after;
- "opens p95": the time to open a page (its first run finished) or to press Play, while
  the whole class does it within the same second. These bursts come between the measured
  phases: each phase starts once every student has its page, as a lesson goes (the
  teacher says "now open Training and press Play", then the class works).
Before the first N, each page is opened once on every server process (the teacher trying
the link before class): a process's first run imports the page's modules.
It reports the largest N with p95 < 300 ms and >= 5 frames/s per session (goal: 30).
"""

import argparse
import asyncio
import functools
import os
import random
import signal
import statistics
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.stclient import Session, open_session  # noqa: E402

LATENCY_LIMIT_MS = 300
FPS_FLOOR = 5
LOGITS = ["2, 1, 0.1", "10, 0, 0", "1, 1, 1", "1000, 0, 1000", "0.1, 10, 0.1"]
CLK_TCK = os.sysconf("SC_CLK_TCK")
PAGE_SIZE = os.sysconf("SC_PAGE_SIZE")


# ---------------------------------------------------------------- the server under load


def _children(pid: int) -> list[int]:
    try:
        text = Path(f"/proc/{pid}/task/{pid}/children").read_text()
    except OSError:
        return []
    return [int(child) for child in text.split()]


def process_tree(pid: int) -> list[int]:
    pids, todo = [], [pid]
    while todo:
        current = todo.pop()
        pids.append(current)
        todo.extend(_children(current))
    return pids


def cpu_seconds(pids: list[int]) -> float:
    total = 0
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += int(fields[11]) + int(fields[12])  # utime + stime
    return total / CLK_TCK


def rss_mb(pids: list[int]) -> float:
    total = 0
    for pid in pids:
        try:
            total += int(Path(f"/proc/{pid}/statm").read_text().split()[1])
        except OSError:
            continue
    return total * PAGE_SIZE / 2**20


def start_server(nginx_workers: int) -> tuple[subprocess.Popen, str]:
    from tests.e2e.test_serve_class_e2e import free_port_run

    port = free_port_run(nginx_workers + 1)
    if nginx_workers:
        command = [sys.executable, "deploy/serve_class.py", "--workers", str(nginx_workers)]
        command += ["--port", str(port), "--host", "127.0.0.1"]
    else:
        command = [sys.executable, "-m", "streamlit", "run", "app.py"]
        command += ["--server.headless=true", "--server.address=127.0.0.1"]
        command += [f"--server.port={port}", "--server.fileWatcherType=none"]
    env = {**os.environ, "OPENBLAS_NUM_THREADS": "1"}
    process = subprocess.Popen(
        command, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as response:
                if response.read().strip() == b"ok":
                    return process, url
        except OSError:
            time.sleep(0.5)
    process.kill()
    raise RuntimeError(f"{url} did not come up")


def backend_cookie(url: str) -> str:
    """What a browser gets from nginx on its first request: the cookie pinning it."""
    with urllib.request.urlopen(f"{url}/_stcore/health", timeout=10) as response:
        for header in response.headers.get_all("Set-Cookie") or []:
            if header.startswith("st_backend="):
                return header.split(";")[0]
    return ""


# ---------------------------------------------------------------- one round of N students


@dataclass
class Figures:
    sessions: int
    latency_p50: float
    latency_p95: float
    fps_median: float
    fps_min: float
    cpu_cores: float
    mb_before: float
    mb_during: float
    mb_after: float
    errors: int
    opens_p95: float  # opening a page and pressing Play while the whole class does at once

    @property
    def holds(self) -> bool:
        return self.latency_p95 < LATENCY_LIMIT_MS and self.fps_median >= FPS_FLOOR

    def row(self) -> str:
        per_session = (self.mb_during - self.mb_before) / self.sessions
        return (
            f"{self.sessions:>4} {self.latency_p50:>7.0f} {self.latency_p95:>7.0f} "
            f"{self.fps_median:>7.1f} {self.fps_min:>7.1f} "
            f"{100 * self.cpu_cores / self.sessions:>9.1f} {per_session:>8.1f} "
            f"{self.mb_before:>7.0f} {self.mb_during:>7.0f} {self.mb_after:>7.0f} "
            f"{self.errors:>4} {'yes' if self.holds else 'no':>5} {self.opens_p95:>8.0f}"
        )


HEADER = (
    "   N  p50 ms  p95 ms fps med fps min cpu%/sess MB/sess MB pre MB peak MB post errs holds"
    " opens p95"
)


def _percentile(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


async def _opened(url: str, page: str, query: str, cookie: str, opens: list[float]) -> Session:
    """Open a page as a browser tab does; its time (first run finished) goes into ``opens``."""
    start = time.perf_counter()
    session = await open_session(url, page, query, cookie)
    opens.append(1000 * (time.perf_counter() - start))
    return session


async def _change_logits(session: Session, index: int, seconds: float, latencies: list[float]):
    """On /softmax: change the logits every 0.5–1.5 s."""
    rng = random.Random(index)
    deadline = time.perf_counter() + seconds
    while time.perf_counter() < deadline:
        await asyncio.sleep(rng.uniform(0.5, 1.5))
        run = await session.rerun(**{"softmax.logits": rng.choice(LOGITS)})
        if run.finished:
            latencies.append(1000 * (run.finished - run.sent))


async def _play(session: Session, opens: list[float]) -> None:
    start = time.perf_counter()
    await session.rerun(**{"training.play": True})
    opens.append(1000 * (time.perf_counter() - start))


async def _train(session: Session, seconds: float, latencies: list[float], index: int) -> float:
    """While it plays: tick each ticking fragment when its timer is due (as the browser's
    timers do; since issue #13 the page has one, the picture's batches), switch the
    probability map now and then. Returns the frames received per second."""
    rng = random.Random(index)
    start = time.perf_counter()
    due = {fragment: start for fragment in session.auto_reruns}
    next_change = start + rng.uniform(1, 2)
    frames, prob_map = 0, False
    while time.perf_counter() - start < seconds:
        now = time.perf_counter()
        if now >= next_change:
            prob_map = not prob_map
            run = await session.rerun(**{"training.prob_map": prob_map})
            if run.finished:
                latencies.append(1000 * (run.finished - run.sent))
            next_change = time.perf_counter() + rng.uniform(1, 2)
            due = {fragment: time.perf_counter() for fragment in session.auto_reruns}
            continue
        for fragment in session.auto_reruns.keys() - due.keys():  # the page ran in full
            due[fragment] = now
        if not due:
            break  # nothing ticks: the run stopped
        fragment = min(due, key=due.get)
        await asyncio.sleep(max(0.0, min(due[fragment], next_change) - now))
        if time.perf_counter() >= next_change:
            continue
        run = await session.tick(fragment)
        # A canvas tick brings a batch of frames the page paints one by one.
        frames += run.frames if run is not None else 0
        interval = session.auto_reruns.get(fragment)
        if interval is None:
            due.pop(fragment, None)
        else:  # the browser's timer counts from when the last run ended
            due[fragment] = time.perf_counter() + interval
    return frames / (time.perf_counter() - start)


async def _keep_ticking(sessions: list[Session], seconds: float) -> None:
    """Between phases the playing pages go on ticking (their frames are not counted)."""
    await asyncio.gather(*(_train(session, seconds, [], -1) for session in sessions))


async def warm_up(url: str, processes: int, nginx: bool) -> None:
    """What the teacher does before class: open each page once on every server process (the
    first run in a process imports the page's modules and builds its chart specs)."""
    for _ in range(max(1, processes)):
        cookie = backend_cookie(url) if nginx else ""
        for page, query in (("softmax", "lang=zh"), ("training", "lang=zh")):
            session = await open_session(url, page, query, cookie)
            await session.close()


async def one_round(url: str, pids_of, count: int, seconds: float, nginx: bool) -> Figures:
    """N students at once: all open /softmax, then change the logits for ``seconds``; all
    open /training and press Play, then train for ``seconds`` while they flip the map.

    Interaction latency is measured in the two steady phases; the class opening a page and
    pressing Play within the same second is a burst of its own, reported apart ("opens").
    """
    before = rss_mb(pids_of())
    cookies = [backend_cookie(url) if nginx else "" for _ in range(count)]
    softmax_latencies: list[float] = []
    training_latencies: list[float] = []
    opens: list[float] = []
    cpu_start, wall_start = cpu_seconds(pids_of()), time.perf_counter()
    client_start = time.process_time()
    sessions = await asyncio.gather(
        *(_opened(url, "softmax", "lang=zh", cookies[i], opens) for i in range(count))
    )
    await asyncio.gather(
        *(
            _change_logits(session, i, seconds, softmax_latencies)
            for i, session in enumerate(sessions)
        )
    )
    for session in sessions:
        await session.close()
    sessions = await asyncio.gather(
        *(_opened(url, "training", f"lang=zh&seed={i}", cookies[i], opens) for i in range(count))
    )
    await asyncio.gather(*(_play(session, opens) for session in sessions))
    await _keep_ticking(sessions, 1.0)  # the first batches of the whole class, then measure
    fps = await asyncio.gather(
        *(_train(session, seconds, training_latencies, i) for i, session in enumerate(sessions))
    )
    wall = time.perf_counter() - wall_start
    cpu = (cpu_seconds(pids_of()) - cpu_start) / wall
    client_cpu = (time.process_time() - client_start) / wall
    during = rss_mb(pids_of())
    print(
        f"     CPU: server {100 * cpu:.0f}%, these {count} clients {100 * client_cpu:.0f}%; "
        f"p95 by page: /softmax {_percentile(softmax_latencies, 0.95):.0f} ms, "
        f"/training {_percentile(training_latencies, 0.95):.0f} ms",
        file=sys.stderr,
    )
    errors = sum(len(session.errors) for session in sessions)
    for message in sorted({error for session in sessions for error in session.errors})[:3]:
        print(f"     error: {message[:200]}", file=sys.stderr)
    for session in sessions:
        await session.close()
    await asyncio.sleep(3)  # closed sessions are dropped by the server
    after = rss_mb(pids_of())
    latencies = softmax_latencies + training_latencies
    return Figures(
        count,
        _percentile(latencies, 0.5),
        _percentile(latencies, 0.95),
        statistics.median(fps),
        min(fps),
        cpu,
        before,
        during,
        after,
        errors,
        _percentile(opens, 0.95),
    )


# ---------------------------------------------------------------- real browsers, for comparison


def browser_round(url: str, pids_of, count: int, seconds: float) -> tuple[float, float]:
    """N Chromium contexts play /training: (server CPU cores per session, median frames/s)."""
    from playwright.sync_api import sync_playwright

    from tests.e2e.browser import main, open_app
    from tests.e2e.conftest import CHROMIUM, CHROMIUM_ARGS
    from ui.i18n import CATALOGS

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        pages = []
        for index in range(count):
            page = browser.new_context().new_page()
            open_app(page, f"{url}/training?lang=zh&seed={index}")
            pages.append(page)
        for page in pages:
            main(page).get_by_role("button", name=CATALOGS["zh"]["training.live.play"]).click()
        time.sleep(1)  # past the first frames
        epochs = [_epoch(page) for page in pages]
        cpu_start, wall_start = cpu_seconds(pids_of()), time.perf_counter()
        time.sleep(seconds)
        cpu = (cpu_seconds(pids_of()) - cpu_start) / (time.perf_counter() - wall_start)
        wall = time.perf_counter() - wall_start
        fps = [(_epoch(page) - before) / wall for page, before in zip(pages, epochs, strict=True)]
        browser.close()
    return cpu / count, statistics.median(fps)


def _epoch(page) -> int:
    """The epoch the live canvas shows; one frame trains one epoch."""
    text = page.locator(".sx-player-epoch").inner_text()
    return int("".join(character for character in text if character.isdigit()) or 0)


# ---------------------------------------------------------------- main


def sweep(url: str, pids_of, workers: int, args) -> int:
    """Every N of ``--sessions`` against one server set-up; returns the largest N that holds."""
    setup = f"nginx + {workers} Streamlit processes" if workers else "one Streamlit process"
    print(f"load on {url} ({setup}), {os.cpu_count()} cores, {args.seconds:g} s per phase")
    print(HEADER)
    asyncio.run(warm_up(url, workers, bool(workers)))
    largest = 0
    for count in [int(part) for part in args.sessions.split(",")]:
        figures = asyncio.run(one_round(url, pids_of, count, args.seconds, bool(workers)))
        print(figures.row(), flush=True)
        if figures.holds:
            largest = count
        if figures.latency_p95 > 10 * LATENCY_LIMIT_MS:
            break  # far past the limit: larger N only take longer to say so
    print(
        f"largest N with p95 < {LATENCY_LIMIT_MS} ms and >= {FPS_FLOOR} frames/s "
        f"per session ({setup}): {largest}",
        flush=True,
    )
    if args.browsers:
        light = asyncio.run(one_round(url, pids_of, args.browsers, args.seconds, bool(workers)))
        cpu, fps = browser_round(url, pids_of, args.browsers, args.seconds)
        print(
            f"check with {args.browsers} Chromium contexts playing /training: "
            f"server CPU {100 * cpu:.0f}% per session, {fps:.1f} frames/s "
            f"(light clients, both pages: {100 * light.cpu_cores / args.browsers:.0f}%, "
            f"{light.fps_median:.1f} frames/s)"
        )
    return largest


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", help="a running server (default: start one)")
    parser.add_argument("--pid", type=int, help="the running server's pid, for CPU and memory")
    parser.add_argument(
        "--nginx",
        default="0,2",
        help="set-ups to measure in turn: 0 is one process, k is nginx + k processes",
    )
    parser.add_argument("--sessions", default="1,5,10,20,30,40")
    parser.add_argument("--seconds", type=float, default=6, help="per phase")
    parser.add_argument("--browsers", type=int, default=0, help="compare with N real Chromiums")
    args = parser.parse_args()

    if args.url:
        pid = args.pid
        sweep(args.url.rstrip("/"), lambda: process_tree(pid) if pid else [], 0, args)
        return 0
    results = {}
    for workers in [int(part) for part in args.nginx.split(",")]:
        process, url = start_server(workers)
        try:
            results[workers] = sweep(
                url, functools.partial(process_tree, process.pid), workers, args
            )
        finally:
            process.send_signal(signal.SIGTERM)
            process.wait(timeout=30)
        print()
    for workers, largest in results.items():
        setup = f"nginx + {workers} processes" if workers else "one process"
        print(f"largest N that holds, {setup}: {largest} (goal: 30)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
