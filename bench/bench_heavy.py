"""One heavy student and the class: does one student with the most expensive settings stall
the others on the same server process? (issue #17)

    python bench/bench_heavy.py                  # 10, then 29 students, alone and with 1 heavy one
    python bench/bench_heavy.py --class-sizes 10 --seconds 10
    python bench/bench_heavy.py --nginx 2 --class-sizes 28   # the class set-up, 1 heavy each

One Streamlit process. 29 light clients (bench/stclient.py) open /training, press Play and
train live, flipping the probability map every 1-2 s (as bench/bench_load.py's training
phase). Meanwhile one heavy student repeats, in a loop, the most expensive things the app
lets anyone do:
- Play at ``/training?K=10&n=1000&split=0&batch=8`` (10,000 points in batches of 8, 1,250
  steps an epoch) with 20 epochs a frame, sending ticks 20 times a second whatever the timer
  says (a modified browser);
- the side-by-side comparison of both losses at 500 epochs each, switched off or on again
  every 2 s; Play pressed again whenever the page stopped ticking.
It prints, for the 29: interaction p50/p95 (the map switch → its run finished) and frames a
second per session (median, min); for the heavy student: its frames a second, the epochs it
got, and the server CPU of its process. The bars: p95 under 300 ms and at least 5 frames a
second for every light student.
"""

import argparse
import asyncio
import os
import signal
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.bench_load import (  # noqa: E402
    FPS_FLOOR,
    LATENCY_LIMIT_MS,
    _percentile,
    _play,
    _train,
    backend_cookie,
    cpu_seconds,
    process_tree,
    start_server,
    warm_up,
)
from bench.stclient import open_session  # noqa: E402

HEAVY = "lang=en&K=10&n=1000&split=0&batch=8"
EAGER_TICKS = 20  # a second
COMPARE_EVERY = 2.0  # seconds between switching the comparison off or on


async def heavy_student(url: str, seconds: float, cookie: str = "") -> dict:
    """The loop above; returns what it got. Whenever nothing ticks (the page paused the run,
    or a comparison's rerun ended it), it presses Play again at once."""
    session = await open_session(url, "training", HEAVY, cookie)
    await session.rerun(**{"training.speed": "600"})
    start, frames, ticks, plays = time.perf_counter(), 0, 0, 0
    compare_runs, compare_on = 0, False
    next_compare = start + COMPARE_EVERY
    while time.perf_counter() - start < seconds:
        if not session.auto_reruns:
            await session.rerun(**{"training.play": True})
            plays += 1
        for fragment in list(session.auto_reruns):
            run = await session.tick(fragment)
            ticks += 1
            frames += run.frames if run is not None else 0
        if time.perf_counter() >= next_compare and "training.compare" in session.widgets:
            compare_on = not compare_on  # off and on again: a new comparison each time
            await session.rerun(**{"training.compare": compare_on})
            if compare_on and "training.compare_epochs" in session.widgets:
                await session.rerun(**{"training.compare_epochs": "500"})
                compare_runs += 1
            next_compare = time.perf_counter() + COMPARE_EVERY
        await asyncio.sleep(1 / EAGER_TICKS)
    wall = time.perf_counter() - start
    await session.close()
    return {
        "fps": frames / wall,
        "ticks": ticks / wall,
        "comparisons": compare_runs,
        "plays": plays,
        "errors": len(session.errors),
    }


async def light_student(
    url: str, index: int, seconds: float, latencies: list[float], cookie: str = ""
) -> float:
    session = await open_session(url, "training", f"lang=zh&seed={index}", cookie)
    await _play(session, [])
    await _train(session, 1.0, [], -1)  # the first batches, then measure
    fps = await _train(session, seconds, latencies, index)
    await session.close()
    return fps


async def one_run(
    url: str, pids, class_size: int, seconds: float, heavy: bool, workers: int
) -> None:
    """``class_size`` light students, and with ``heavy`` one heavy student on each server
    process (behind nginx, each pinned by its cookie)."""
    latencies: list[float] = []
    cookie = (lambda: backend_cookie(url)) if workers else (lambda: "")
    cpu_start, wall_start = cpu_seconds(pids), time.perf_counter()
    tasks = [light_student(url, i, seconds, latencies, cookie()) for i in range(class_size)]
    heavies = max(1, workers) if heavy else 0
    tasks += [heavy_student(url, seconds + 3, cookie()) for _ in range(heavies)]
    results = await asyncio.gather(*tasks)
    cpu = (cpu_seconds(pids) - cpu_start) / (time.perf_counter() - wall_start)
    fps = results[:class_size]
    p95 = _percentile(latencies, 0.95)
    holds = p95 < LATENCY_LIMIT_MS and min(fps) >= FPS_FLOOR
    label = f"{class_size} students" + (f" + {heavies} heavy" if heavy else " alone")
    print(
        f"{label:<24} p50 {_percentile(latencies, 0.5):5.0f} ms  p95 {p95:5.0f} ms  "
        f"frames/s median {statistics.median(fps):4.1f} min {min(fps):4.1f}  "
        f"server CPU {100 * cpu:3.0f}%  holds: {'yes' if holds else 'no'}",
        flush=True,
    )
    for got in results[class_size:]:
        print(
            f"{'':<24} the heavy student: {got['fps']:.1f} frames/s from "
            f"{got['ticks']:.1f} ticks/s sent, {got['comparisons']} comparisons of 500 epochs, "
            f"Play pressed {got['plays']} times, {got['errors']} errors",
            flush=True,
        )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--class-sizes", default="10,29", help="light students, in turn")
    parser.add_argument("--nginx", type=int, default=0, help="nginx + N processes, one heavy each")
    parser.add_argument("--seconds", type=float, default=20)
    args = parser.parse_args()
    process, url = start_server(args.nginx)
    try:
        pids = process_tree(process.pid)
        setup = f"nginx + {args.nginx} processes" if args.nginx else "one Streamlit process"
        print(f"{setup} on {url}, {os.cpu_count()} cores, {args.seconds:g} s")
        asyncio.run(warm_up(url, max(1, args.nginx), bool(args.nginx)))
        for size in [int(part) for part in args.class_sizes.split(",")]:
            for heavy in (False, True):
                asyncio.run(one_run(url, pids, size, args.seconds, heavy, args.nginx))
    finally:
        process.send_signal(signal.SIGTERM)
        process.wait(timeout=30)
    return 0


if __name__ == "__main__":
    sys.exit(main())
