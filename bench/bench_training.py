"""How fast the training lesson animates: painted frames, server CPU and bytes per frame.

Starts ``streamlit run app.py`` (one BLAS thread, as ``make run``), opens the training page
in headless Chromium at K = 5, 500 points per class (regions are exact polygons, finer than
any grid), presses Play and measures for ``--seconds`` (default 12):

- painted fps: frames (``requestAnimationFrame``) in which the regions chart's pixels
  changed, per second; the median over one-second windows is the figure to compare. Once
  the model has converged the picture stops changing (a long ``--soak`` shows it), so the
  canvas's own count of the frames it painted, each a new epoch, is printed too;
- blank frames: frames in which the chart had no canvas or its sampled pixels were all
  background while playing (a flicker);
- server CPU per frame: ``utime + stime`` of the server from ``/proc/<pid>/stat`` over the
  run, divided by the epoch on screen at the end (one epoch per frame), and divided by the
  painted frames (the stricter figure);
- websocket KB per frame: Playwright's ``framereceived`` payloads over the same frames;
- Play → first frame: from the click to the first animation frame showing epoch ≥ 1.

``--profile`` also prints where the browser's main thread spent its time while playing:
Chrome's ``Performance.getMetrics`` deltas (script, layout, style, task) per frame, and the
costliest trace events summed over the run (``--no-probe`` leaves out the pixel-sampling
probe, whose canvas read-back is itself main-thread work, to see the page's own cost).

``--soak 300`` plays for five minutes and reports whether the session was still training
at the end. The machine is shared: run it when it is quiet, and read the figures with the
load average it prints.
"""

import argparse
import collections
import itertools
import json
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from playwright.sync_api import sync_playwright  # noqa: E402

from tests.e2e.browser import wait_until_idle  # noqa: E402
from tests.e2e.conftest import CHROMIUM, CHROMIUM_ARGS, start_server, stop_server  # noqa: E402

CLOCK_TICKS = os.sysconf("SC_CLK_TCK")

# Runs in the page: one record per animation frame, with a cheap fingerprint of the
# regions chart (its polygons' SVG, or sampled pixels of a canvas) and the epoch shown.
PROBE = """
() => {
  window.__frames = [];
  window.__clicked = null;
  document.querySelector('.st-key-training-play button')
    .addEventListener('click', () => { window.__clicked = performance.now(); }, true);
  const sample = () => {
    // While playing, the regions are the canvas of ui/lessons/training/player.py; paused, Vega's.
    const chart = document.querySelector(
      '.sx-player:has(canvas), [data-testid="stVegaLiteChart"]:has(svg, canvas)');
    if (!chart) return {blank: true, print: ''};
    const canvas = chart.querySelector('canvas');
    if (canvas && canvas.width > 0) {
      // Three rows of the canvas (a quarter, half and three quarters down), summed into a
      // fingerprint: reading the whole canvas back every frame held the browser to about
      // 36 frames a second by itself.
      const ctx = canvas.getContext('2d');
      let print = 0, coloured = 0;
      for (const at of [0.25, 0.5, 0.75]) {
        const data = ctx.getImageData(0, Math.floor(canvas.height * at), canvas.width, 1).data;
        for (let k = 0; k < data.length; k += 4) {
          print = (print * 31 + data[k] + 7 * data[k + 1] + 13 * data[k + 2]) % 1000000007;
          if (data[k] < 250 || data[k + 1] < 250 || data[k + 2] < 250) coloured++;
        }
      }
      return {blank: coloured < 30, print: String(print)};
    }
    const svg = chart.querySelector('svg');
    if (!svg) return {blank: true, print: ''};
    // Vega's SVG renderer (Streamlit's): the regions are the first line-mark group.
    const regions = svg.querySelector('g.mark-line');
    const html = regions ? regions.innerHTML : '';
    return {blank: !regions || regions.querySelectorAll('path').length === 0, print: html};
  };
  const tick = (now) => {
    const metric = document.querySelector('.sx-player-epoch, [data-testid="stMetricValue"]');
    const shot = sample();
    const player = document.querySelector('.sx-player');
    const readout = document.querySelector('.sx-readout');
    const canvas = player && player.querySelector('canvas');
    const box = canvas ? canvas.getBoundingClientRect() : null;
    window.__frames.push([now, metric ? metric.textContent : '', shot.blank, shot.print,
      player ? Number(player.dataset.painted || 0) : 0,
      // In step: the epoch painted, the epoch of W, b and the curves beside it, and where
      // the picture is (issue #13).
      player ? player.dataset.epoch : null, readout ? readout.dataset.epoch : null,
      box ? [box.x, box.y, box.width, box.height].map(Math.round).join(',') : '']);
    requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
}
"""


def cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / CLOCK_TICKS


METRICS = ("TaskDuration", "ScriptDuration", "LayoutDuration", "RecalcStyleDuration")
TRACE_CATEGORIES = ["devtools.timeline", "disabled-by-default-devtools.timeline", "blink", "v8"]
# Trace events worth summing: what the renderer main thread does in a frame.
TRACE_EVENTS = {
    "FunctionCall",
    "EvaluateScript",
    "v8.run",
    "TimerFire",
    "FireAnimationFrame",
    "Layout",
    "UpdateLayoutTree",
    "RecalculateStyles",
    "Paint",
    "PrePaint",
    "Layerize",
    "UpdateLayer",
    "CompositeLayers",
    "HitTest",
    "ParseHTML",
    "MinorGC",
    "MajorGC",
    "V8.GC_SCAVENGER",
    "V8.GCFinalizeMC",
    "EventDispatch",
    "RunMicrotasks",
    "Commit",
    "ScheduleStyleRecalculation",
    "IntersectionObserverController::computeIntersections",
    "ResizeObserverController::DeliverObservations",
    "ProfileCall",
}


def trace_summary(trace: bytes, frames: int) -> list[tuple[str, float]]:
    """Milliseconds per server frame of the renderer main thread's top-level events by name,
    and of the JavaScript functions (``FunctionCall`` URLs) that took the most."""
    events = json.loads(trace)
    events = events["traceEvents"] if isinstance(events, dict) else events
    main = {
        (e["pid"], e["tid"])
        for e in events
        if e.get("name") == "thread_name" and e.get("args", {}).get("name") == "CrRendererMain"
    }
    totals = collections.Counter()
    for e in events:
        if (e.get("pid"), e.get("tid")) not in main or e.get("ph") != "X":
            continue
        name = e.get("name")
        if name in TRACE_EVENTS:
            totals[name] += e.get("dur", 0) / 1000
        if name == "FunctionCall":
            data = e.get("args", {}).get("data", {})
            where = f"{data.get('functionName') or '?'} @ {data.get('url', '').rsplit('/', 1)[-1]}"
            totals[f"  js {where}"] += e.get("dur", 0) / 1000
        if name == "RunTask":
            totals["RunTask (all tasks)"] += e.get("dur", 0) / 1000
    return [(name, total / max(frames, 1)) for name, total in totals.most_common(25)]


def profile_summary(profile: dict, frames: int) -> list[tuple[str, float]]:
    """Milliseconds per server frame of JavaScript self time, by script file and by the
    costliest functions, from a CDP sampling profile."""
    nodes = {node["id"]: node for node in profile["nodes"]}
    self_time = collections.Counter()
    for sample, delta in zip(profile["samples"], profile["timeDeltas"], strict=True):
        self_time[sample] += delta / 1000
    by_file, by_function = collections.Counter(), collections.Counter()
    for node_id, ms in self_time.items():
        frame = nodes[node_id]["callFrame"]
        url = frame["url"].rsplit("/", 1)[-1] or "(native)"
        name = frame["functionName"] or "(anonymous)"
        if name in ("(idle)", "(program)", "(garbage collector)"):
            url = name
        by_file[url] += ms
        by_function[f"{name} @ {url}:{frame['lineNumber']}"] += ms
    top = [(f"file {url}", ms) for url, ms in by_file.most_common(12)]
    top += [(f"fn {name}", ms) for name, ms in by_function.most_common(20)]
    return [(name, ms / max(frames, 1)) for name, ms in top]


def measure(seconds: float, query: str, profile: bool = False, probe: bool = True) -> dict:
    process, url = start_server("bench-training")
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            warm = browser.new_page()
            warm.goto(f"{url}/?lang=en")
            wait_until_idle(warm)
            warm.close()
            page = browser.new_page(viewport={"width": 1400, "height": 1000}, locale="en-US")
            received = []
            page.on(
                "websocket",
                lambda socket: socket.on(
                    "framereceived",
                    lambda payload: received.append((time.monotonic(), len(payload))),
                ),
            )
            page.goto(f"{url}/training?lang=en&{query}")
            wait_until_idle(page)
            page.locator(".sx-player").scroll_into_view_if_needed()
            page.evaluate(
                PROBE
                if probe
                else PROBE.replace(
                    "const shot = sample();", "const shot = {blank: false, print: String(now)};"
                )
            )
            page.wait_for_timeout(500)
            if profile:
                cdp = page.context.new_cdp_session(page)
                cdp.send("Performance.enable")
                metrics_before = {
                    m["name"]: m["value"] for m in cdp.send("Performance.getMetrics")["metrics"]
                }
                browser.start_tracing(page=page, categories=TRACE_CATEGORIES)
                cdp.send("Profiler.enable")
                cdp.send("Profiler.setSamplingInterval", {"interval": 500})
                cdp.send("Profiler.start")
            cpu_before, start = cpu_seconds(process.pid), time.monotonic()
            page.locator(".st-key-training-play button").click()
            page.wait_for_timeout(seconds * 1000)
            cpu_after, stop = cpu_seconds(process.pid), time.monotonic()
            if profile:
                cpu_profile = cdp.send("Profiler.stop")["profile"]
                trace = browser.stop_tracing()
                metrics_after = {
                    m["name"]: m["value"] for m in cdp.send("Performance.getMetrics")["metrics"]
                }
            clicked = page.evaluate("window.__clicked")
            epoch = page.locator(".sx-player-epoch")
            final_epoch = int(epoch.inner_text())
            page.wait_for_timeout(1000)
            alive = int(epoch.inner_text()) > final_epoch  # still training after the run
            page.locator(".st-key-training-play button").click()
            page.wait_for_timeout(1500)  # across Pause too
            frames = page.evaluate("window.__frames")
            browser.close()
    finally:
        stop_server(process)
    recorded = frames  # before Play, playing, across Pause
    frames = [frame for frame in frames if frame[0] <= clicked + 1000 * seconds]
    during = [frame for frame in frames if frame[0] >= clicked]
    first = next((frame[0] for frame in during if frame[1] not in ("", "0")), None)
    playing = [frame for frame in during if first is not None and frame[0] >= first]
    changed = [
        now
        for (now, _, _, print_, *_), previous in zip(playing[1:], playing, strict=False)
        if print_ != previous[3]
    ]
    # The canvas's own count of frames it painted, each a new epoch (ui/lessons/training/player.py).
    repainted = [
        now
        for (now, _, _, _, count, *_), previous in zip(playing[1:], playing, strict=False)
        if count != previous[4]
    ]
    duration = (playing[-1][0] - playing[0][0]) / 1000 if len(playing) > 1 else 0
    windows = [
        sum(
            1 for now in changed if playing[0][0] + 1000 * w <= now < playing[0][0] + 1000 * (w + 1)
        )
        for w in range(int(duration))
    ]
    repaint_windows = [
        sum(
            1
            for now in repainted
            if playing[0][0] + 1000 * w <= now < playing[0][0] + 1000 * (w + 1)
        )
        for w in range(int(duration))
    ]
    bytes_during = sum(size for when, size in received if start <= when <= stop)
    browser_time = {}
    if profile:
        per_frame = 1000 / max(final_epoch, 1)
        browser_time = {
            f"browser {name} ms per frame": round(
                per_frame * (metrics_after[name] - metrics_before[name]), 1
            )
            for name in METRICS
        }
        browser_time.update(
            {f"trace {name}": round(ms, 2) for name, ms in trace_summary(trace, final_epoch)}
        )
        browser_time.update(
            {f"js {name}": round(ms, 2) for name, ms in profile_summary(cpu_profile, final_epoch)}
        )
    return {
        "seconds": round(stop - start, 1),
        "epochs (server frames)": final_epoch,
        "server frames per second": round(final_epoch / (stop - start), 1),
        "painted fps (median of 1 s windows)": statistics.median(windows) if windows else 0,
        "painted fps (mean)": round(len(changed) / duration, 1) if duration else 0,
        "canvas repaints per second (median)": statistics.median(repaint_windows)
        if repaint_windows
        else 0,
        # Stutter: the time between two new epochs on screen (at a slow speed, 1000/speed
        # ms each); a gap over 1.5 × the median is a stutter a person sees.
        **_intervals(repainted),
        "animation frames": len(playing),
        "blank frames": sum(1 for frame in playing if frame[2]),
        "blank frames, Play to after Pause": sum(1 for frame in recorded if frame[2]),
        "frames whose numbers beside are another epoch": sum(
            1 for frame in recorded if frame[5] is not None and frame[5] != frame[6]
        ),
        "places and sizes of the picture": len({frame[7] for frame in recorded}),
        "server CPU per frame (ms)": round(
            1000 * (cpu_after - cpu_before) / max(final_epoch, 1), 1
        ),
        # The stricter figures: over the frames actually painted (frames the canvas skipped
        # to catch up were trained and sent, but count for nothing here).
        "server CPU per painted frame (ms)": round(
            1000 * (cpu_after - cpu_before) / max(len(changed), 1), 1
        ),
        "websocket KB per frame": round(bytes_during / max(final_epoch, 1) / 1024, 1),
        "websocket KB per painted frame": round(bytes_during / max(len(changed), 1) / 1024, 1),
        "Play to first frame (ms)": round(first - clicked) if first else None,
        "still training at the end": alive,
        **browser_time,
    }


def _intervals(times: list[float]) -> dict:
    gaps = [later - earlier for earlier, later in itertools.pairwise(times)]
    if not gaps:
        return {"new epoch every (ms, median / max)": None, "stutters (gaps > 1.5 × median)": 0}
    median = statistics.median(gaps)
    return {
        "new epoch every (ms, median / max)": f"{median:.0f} / {max(gaps):.0f}",
        "stutters (gaps > 1.5 × median)": sum(1 for gap in gaps if gap > 1.5 * median),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=12)
    parser.add_argument("--soak", type=float, help="play this many seconds instead (e.g. 300)")
    parser.add_argument("--query", default="K=5&n=500", help="extra URL parameters")
    parser.add_argument("--profile", action="store_true", help="where the browser's time goes")
    parser.add_argument(
        "--no-probe", action="store_true", help="no pixel sampling (with --profile)"
    )
    args = parser.parse_args()
    os.environ["OPENBLAS_NUM_THREADS"] = "1"
    print(f"load average before: {os.getloadavg()[0]:.2f} on {os.cpu_count()} cores")
    results = measure(
        args.soak or args.seconds, args.query, profile=args.profile, probe=not args.no_probe
    )
    for name, value in results.items():
        print(f"{name:>40}: {value}")
    print(f"load average after: {os.getloadavg()[0]:.2f}")


if __name__ == "__main__":
    main()
