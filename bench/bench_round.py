"""A class round under load: N students answer one question through the store.

    python bench/bench_round.py                      # SQLite, then Redis (its own redis-server)
    python bench/bench_round.py --store sqlite       # one of them
    python bench/bench_round.py --redis redis://127.0.0.1:6379/0   # a Redis already running
    python bench/bench_round.py --students 200 --seconds 10 --processes 2

The teacher starts a round; ``--processes`` server processes (forked, each with its own
store connection, as ``make serve-class`` has) share the students. Each student joins at a
random moment of the first ``--seconds``, answers, reads its answer back (the "answered"
the page shows), and one in four changes its mind once a little later, as a page allows.
Meanwhile the projector (this process) reads the counts every 20 ms.

Prints per store: answers lost and counted twice (the final counts against what each
student last chose), the time from the last answer to the projector's count showing every
student, and the per-answer time (join + answer + read back) p50 / p95 / max. The store
alone: the page's own time on top is what bench_load.py measures.
"""

import argparse
import multiprocessing
import os
import random
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from classround.model import Question  # noqa: E402
from classround.service import RoundService, new_student_id  # noqa: E402
from classround.store import open_store  # noqa: E402

QUESTION = Question.lesson("temperature_up", ("up", "down", "same"), "down")
POLL_SECONDS = 0.02
REDIS_SERVER = os.environ.get("REDIS_SERVER", "/usr/bin/redis-server")


def _student_plan(count: int, seconds: float, seed: int):
    """(at, student, option) events: every student answers once, a quarter change once."""
    rng = random.Random(seed)
    events, final = [], {}
    for _ in range(count):
        student = new_student_id()
        at = rng.uniform(0, seconds * 0.9)
        option = rng.choice(QUESTION.options)
        events.append((at, student, option))
        if rng.random() < 0.25:
            option = rng.choice([o for o in QUESTION.options if o != option])
            events.append((min(at + rng.uniform(0.2, 1.0), seconds), student, option))
        final[student] = option
    events.sort()
    return events, final


def _server_process(url, code, events, start_at, results) -> None:
    """One server process: its share of the students, each at its moment."""
    service = RoundService(open_store(url))
    latencies, seen = [], set()
    last = 0.0
    for at, student, option in events:
        delay = start_at + at - time.time()
        if delay > 0:
            time.sleep(delay)
        began = time.perf_counter()
        if student not in seen:
            service.join(code, client=student)
            seen.add(student)
        current = service.answer(code, student, option)
        assert service.answer_of(code, current.seq, student) == option
        latencies.append(time.perf_counter() - began)
        last = time.time()
    service.store.close()
    results.put((latencies, last))


def run(url: str, label: str, students: int, seconds: float, processes: int) -> None:
    service = RoundService(open_store(url))
    round_, _secret = service.start(QUESTION, client="bench-teacher")
    events, final = _student_plan(students, seconds, seed=16)
    by_student = {}
    for event in events:  # one student stays on one process (nginx's sticky cookie)
        by_student.setdefault(event[1], []).append(event)
    shares = [[] for _ in range(processes)]
    for index, student_events in enumerate(by_student.values()):
        shares[index % processes].extend(student_events)
    context = multiprocessing.get_context("fork")
    results = context.Queue()
    start_at = time.time() + 0.5
    workers = [
        context.Process(
            target=_server_process, args=(url, round_.code, sorted(share), start_at, results)
        )
        for share in shares
    ]
    service.store.close()  # reopened after the fork: no connection crosses it
    for worker in workers:
        worker.start()
    projector = RoundService(open_store(url))
    expected = {}
    for option in final.values():
        expected[option] = expected.get(option, 0) + 1
    # The projector polls; the count "shows all" from the poll after which it stays at
    # every student's last choice.
    shown_since = None
    deadline = start_at + seconds + 60
    while time.time() < deadline:
        counts = projector.counts(round_.code, 1)
        if counts != expected:
            shown_since = None
        elif shown_since is None:
            shown_since = time.time()
        if shown_since is not None and not any(worker.is_alive() for worker in workers):
            break
        time.sleep(POLL_SECONDS)
    gathered = [results.get(timeout=60) for _ in workers]
    for worker in workers:
        worker.join(timeout=10)
    projector.store.close()
    latencies = sorted(value for part, _ in gathered for value in part)
    last_answer = max(last for _, last in gathered)
    lost = sum(max(0, expected.get(o, 0) - counts.get(o, 0)) for o in QUESTION.options)
    double = sum(max(0, counts.get(o, 0) - expected.get(o, 0)) for o in QUESTION.options)
    visible = None if shown_since is None else max(0.0, shown_since - last_answer)
    p95 = latencies[int(0.95 * (len(latencies) - 1))]
    print(
        f"{label:>7}: {students} students, {len(events)} answers from {processes} processes "
        f"in {seconds:g} s | lost {lost}, counted twice {double} | count shows all "
        + (f"{visible * 1000:.0f} ms after the last answer" if visible is not None else "never")
        + f" | per answer p50 {statistics.median(latencies) * 1000:.1f} ms,"
        f" p95 {p95 * 1000:.1f} ms, max {latencies[-1] * 1000:.1f} ms",
        flush=True,
    )


def _start_redis() -> tuple[subprocess.Popen, str, str]:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    workdir = tempfile.mkdtemp(prefix="bench-redis-")
    process = subprocess.Popen(
        [REDIS_SERVER, "--port", str(port), "--bind", "127.0.0.1", "--save", "",
         "--appendonly", "no", "--dir", workdir],
        stdout=subprocess.DEVNULL,
    )  # fmt: skip
    url = f"redis://127.0.0.1:{port}/0"
    import redis

    client = redis.Redis.from_url(url)
    for _ in range(500):
        try:
            client.ping()
            break
        except redis.ConnectionError:
            time.sleep(0.01)
    client.close()
    return process, url, workdir


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--store", choices=["sqlite", "redis", "both"], default="both")
    parser.add_argument("--redis", help="a running Redis to use (default: start one)")
    parser.add_argument("--students", type=int, default=200)
    parser.add_argument("--seconds", type=float, default=10.0)
    parser.add_argument("--processes", type=int, default=2)
    args = parser.parse_args()
    print(f"load average {os.getloadavg()[0]:.2f} on {os.cpu_count()} cores", flush=True)
    if args.store in ("sqlite", "both"):
        folder = tempfile.mkdtemp(prefix="bench-round-")
        try:
            url = f"sqlite:///{folder}/rounds.sqlite3"
            run(url, "SQLite", args.students, args.seconds, args.processes)
        finally:
            shutil.rmtree(folder, ignore_errors=True)
    if args.store in ("redis", "both"):
        if args.redis:
            run(args.redis, "Redis", args.students, args.seconds, args.processes)
        elif not Path(REDIS_SERVER).exists():
            print(f"  Redis: skipped, no {REDIS_SERVER} (apt-get install redis-server)")
        else:
            process, url, workdir = _start_redis()
            try:
                run(url, "Redis", args.students, args.seconds, args.processes)
            finally:
                process.terminate()
                process.wait(timeout=10)
                shutil.rmtree(workdir, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
