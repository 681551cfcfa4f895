"""A class round through the pages: nginx + 2 Streamlit processes, N students answering.

    python bench/bench_round_pages.py                   # SQLite, then Redis
    python bench/bench_round_pages.py --store sqlite --students 200 --seconds 10
    python bench/bench_round_pages.py --kill-at 0       # no process killed

``make serve-class``'s set-up (deploy/serve_class.py: nginx in front of ``--workers``
Streamlit processes, sticky by cookie), its store in a fresh data folder (or a redis-server
of the benchmark's own). The teacher starts a round on one question (through the store, as
the teacher's page does). Each student is a light client (bench/stclient.py, Streamlit's
own websocket protocol): at a random moment of the first ``--seconds`` it opens
``/ask?room=CODE`` through nginx, chooses an option (one in four changes their mind a
second later), and keeps the page's live check ticking every 2 s as a browser does.

At ``--kill-at`` seconds one Streamlit process is killed (SIGKILL; serve_class.py starts
it again). Its students' websockets close; each reconnects through nginx (to the other
process, or to the restarted one), hands back the round's student id its browser kept
(what ui/lessons/ask/identity.js does from localStorage) and sends again any answer whose
reply it had not received.

Prints: answers lost and counted twice (the store's counts against each student's last
choice), the time from the last answer's reply until the count (read from the store, as
the projector's page does every second) shows every student, the students' page p95 (an
answer: the rerun it causes, until every delta arrived) and opens p95, reconnections,
errors. The light clients share the machine's cores with the servers.
"""

import argparse
import asyncio
import json
import os
import random
import shutil
import signal
import statistics
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from streamlit.components.v2.bidi_component.main import _make_trigger_id  # noqa: E402
from streamlit.proto.WidgetStates_pb2 import WidgetState  # noqa: E402

from bench.bench_load import backend_cookie, process_tree, start_server  # noqa: E402
from bench.bench_round import REDIS_SERVER, _start_redis  # noqa: E402
from bench.stclient import Session  # noqa: E402
from classround.model import Question  # noqa: E402
from classround.service import RoundService  # noqa: E402
from classround.store import open_store  # noqa: E402
from ui.i18n import CATALOGS  # noqa: E402

QUESTION = Question.lesson("temperature_up", ("up", "down", "same"), "down")
IDENTITY = "ask.round.identity"
FOLLOW_SECONDS = 2.0
POLL_SECONDS = 0.02


class Student(Session):
    """A light client that also remembers the page's components (their id and data)."""

    components: dict

    drawn: bool = False  # a run that drew the page's components has finished

    def _handle(self, message) -> None:
        super()._handle(message)
        if message.WhichOneof("type") == "script_finished" and hasattr(self, "components"):
            self.drawn = IDENTITY in self.components
        if message.WhichOneof("type") == "delta":
            element = message.delta.new_element
            if element.WhichOneof("type") == "bidi_component":
                proto = element.bidi_component
                if not hasattr(self, "components"):
                    self.components = {}
                self.components[proto.id.rsplit("-", 1)[-1]] = (proto.id, proto.json)

    async def trigger(self, component: str, event: str, value) -> None:
        """What a component's script does with ``setTriggerValue(event, value)``."""
        component_id, _ = self.components[component]
        message = self._client_state()
        # A browser sends the component's own state with every rerun (empty here): the
        # trigger's value reaches st.session_state through it.
        base = WidgetState(id=component_id)
        base.json_value = "{}"
        message.rerun_script.widget_states.widgets.append(base)
        state = WidgetState(id=_make_trigger_id(component_id, "events"))
        state.json_trigger_value = json.dumps([{"event": event, "value": value}])
        message.rerun_script.widget_states.widgets.append(state)
        await self._send_and_wait(message)


@dataclass
class Tally:
    answer_ms: list = field(default_factory=list)
    open_ms: list = field(default_factory=list)
    reconnects: int = 0
    errors: list = field(default_factory=list)
    last_reply: float = 0.0
    ids: list = field(default_factory=list)  # per student: every id it answered with


def _label(option: str) -> str:
    """What a radio sends: its option's label (the light clients' locale is English)."""
    letter = "ABC"[QUESTION.options.index(option)]
    return f"{letter}. {CATALOGS['en'][f'study.q.{QUESTION.id}.{option}']}"


def _closed(session: Session) -> bool:
    return any(error.startswith("closed") for error in session.errors)


async def _open(url: str, code: str, cookie: str, tally: Tally, kept_id: str | None):
    """Open the join link (through nginx, with this browser's cookie); hand back the kept
    id as the browser's localStorage would. Returns the session and the student's id. A
    refused connection (a process just killed) is tried again, as the browser does."""
    for attempt in range(20):
        try:
            return await _open_once(url, code, cookie, tally, kept_id)
        except Exception as error:
            if attempt == 19:
                raise
            tally.errors.append(f"open failed, retried: {type(error).__name__}")
            await asyncio.sleep(1.0)
    raise AssertionError("unreachable")


async def _open_once(url, code, cookie, tally, kept_id):
    began = time.perf_counter()
    session = Student(base_url=url, page="ask", query=f"room={code}", cookie=cookie)
    await session.connect()
    await session._send_and_wait(session._client_state())
    # A freshly (re)started process first routes the link through app.py (ui/nav.py): that
    # run finishes before the page's own. Wait for the page, as a browser's component
    # script runs only once it is drawn.
    deadline = time.monotonic() + 30
    while not session.drawn and not _closed(session):
        if time.monotonic() > deadline:
            raise TimeoutError("the page was not drawn")
        await asyncio.sleep(0.02)
    if _closed(session):
        raise ConnectionError("closed while opening")
    tally.open_ms.append((time.perf_counter() - began) * 1000)
    proposed = json.loads(session.components[IDENTITY][1])["proposed"]
    if kept_id is None:
        return session, proposed
    # As identity.js does: hand the kept id back until the page proposes it.
    for _ in range(10):
        if json.loads(session.components[IDENTITY][1])["proposed"] == kept_id:
            return session, kept_id
        await session.trigger(IDENTITY, "id", kept_id)
        if _closed(session):
            raise ConnectionError("closed while handing back the id")
    raise RuntimeError("the page never took the kept id")


async def _student(url, code, plan, cookie, tally: Tally, end_at: float, follow: float) -> None:
    at, choices = plan
    await asyncio.sleep(max(0.0, at - time.time()))
    session, kept = await _open(url, code, cookie, tally, None)
    used = {kept}
    tally.ids.append(used)
    key = f"ask.round.answer.{code}.1"
    pending = list(choices)  # the answers still to send, the last one final
    next_follow = time.time() + follow
    while pending or time.time() < end_at:
        if _closed(session):  # the server process died: the page reconnects by itself
            tally.reconnects += 1
            await session.close()
            await asyncio.sleep(random.uniform(0.5, 2.0))  # the browser's back-off
            session, kept = await _open(url, code, cookie, tally, kept)
            used.add(kept)
            continue
        if pending:
            run = await session.rerun(**{key: _label(pending[0])})
            if run.finished is None or _closed(session):
                continue  # no reply: send it again after reconnecting
            tally.answer_ms.append((run.finished - run.sent) * 1000)
            tally.last_reply = max(tally.last_reply, time.time())
            pending.pop(0)
            if pending:
                await asyncio.sleep(random.uniform(0.5, 1.5))  # a change of mind
            continue
        if follow and time.time() >= next_follow:
            for fragment in list(session.auto_reruns):
                await session.tick(fragment)
            next_follow = time.time() + follow
        await asyncio.sleep(0.1)
    tally.errors.extend(e for e in session.errors if not e.startswith("closed"))
    await session.close()


def _streamlit_pids(server_pid: int) -> list[int]:
    pids = []
    for pid in process_tree(server_pid)[1:]:
        try:
            command = Path(f"/proc/{pid}/cmdline").read_bytes()
        except OSError:
            continue
        if b"streamlit" in command and b"nginx" not in command:
            pids.append(pid)
    return pids


async def _projector(store_url, code, expected, end_at) -> float | None:
    """The time from which the store's count stays at every student's last choice."""
    service = RoundService(open_store(store_url))
    shown_since = None
    while time.time() < end_at + 30:
        counts = service.counts(code, 1)
        if counts != expected:
            shown_since = None
        elif shown_since is None:
            shown_since = time.time()
        if shown_since is not None and time.time() > end_at:
            break
        await asyncio.sleep(POLL_SECONDS)
    service.store.close()
    return shown_since


async def run(label, store_url, students, seconds, kill_at, workers, follow) -> None:
    server, url = start_server(workers)
    try:
        service = RoundService(open_store(store_url))
        round_, _ = service.start(QUESTION, client="bench-teacher")
        service.store.close()
        code = round_.code
        cookies = [backend_cookie(url) for _ in range(max(workers, 1))]
        for cookie in cookies:  # the teacher tries the link once on each process
            warm = Tally()
            session, _ = await _open(url, code, cookie, warm, None)
            await session.close()
        rng = random.Random(16)
        start = time.time() + 1.0
        plans, expected_by_plan = [], []
        for _ in range(students):
            first = rng.choice(QUESTION.options)
            choices = [first]
            if rng.random() < 0.25:
                choices.append(rng.choice([o for o in QUESTION.options if o != first]))
            plans.append((start + rng.uniform(0, seconds * 0.9), choices))
            expected_by_plan.append(choices[-1])
        expected = {}
        for option in expected_by_plan:
            expected[option] = expected.get(option, 0) + 1
        cookies = [backend_cookie(url) for _ in range(students)]
        end_at = start + seconds + 3
        tally = Tally()

        async def killer():
            if not kill_at:
                return
            await asyncio.sleep(max(0.0, start + kill_at - time.time()))
            victims = _streamlit_pids(server.pid)
            if victims:
                os.kill(victims[0], signal.SIGKILL)
                print(f"  killed Streamlit process {victims[0]} at {kill_at:g} s", flush=True)

        tasks = [
            _student(url, code, plans[i], cookies[i], tally, end_at, follow)
            for i in range(students)
        ]
        projector = asyncio.create_task(_projector(store_url, code, expected, end_at))
        await asyncio.gather(killer(), *tasks)
        shown_since = await projector
        service = RoundService(open_store(store_url))
        counts = service.counts(code, 1)
        service.store.close()
        lost = sum(max(0, expected.get(o, 0) - counts.get(o, 0)) for o in QUESTION.options)
        double = sum(max(0, counts.get(o, 0) - expected.get(o, 0)) for o in QUESTION.options)
        shown = (
            "never"
            if shown_since is None
            else f"{max(0.0, shown_since - tally.last_reply) * 1000:.0f} ms after the last reply"
        )
        answers = sorted(tally.answer_ms)
        several = sum(1 for ids in tally.ids if len(ids) > 1)
        if several:
            print(f"     {several} students answered under more than one id", flush=True)
        opens = sorted(tally.open_ms)

        def p95(values):
            return values[int(0.95 * (len(values) - 1))] if values else float("nan")

        print(
            f"{label:>7}: {students} students through nginx + {workers} processes in "
            f"{seconds:g} s | lost {lost}, counted twice {double} | store count shows all "
            f"{shown} (the projector reads it every 1 s) | answer p50 "
            f"{statistics.median(answers):.0f} ms, p95 {p95(answers):.0f} ms | opens p95 "
            f"{p95(opens):.0f} ms | reconnections {tally.reconnects} | errors "
            f"{len(tally.errors)}",
            flush=True,
        )
        for message in sorted(set(tally.errors))[:3]:
            print(f"     error: {message[:200]}", flush=True)
    finally:
        server.terminate()
        try:
            server.wait(timeout=30)
        except Exception:
            server.kill()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--store", choices=["sqlite", "redis", "both"], default="both")
    parser.add_argument("--students", type=int, default=200)
    parser.add_argument("--seconds", type=float, default=10.0)
    parser.add_argument("--kill-at", type=float, default=5.0, help="0: kill no process")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument(
        "--follow",
        type=float,
        default=FOLLOW_SECONDS,
        help="seconds between a student page's live checks (0: none, to compare)",
    )
    args = parser.parse_args()
    print(f"load average {os.getloadavg()[0]:.2f} on {os.cpu_count()} cores", flush=True)
    saved = {name: os.environ.get(name) for name in ("SOFTMAX_DATA_DIR", "SOFTMAX_ROUND_STORE")}
    folder = tempfile.mkdtemp(prefix="bench-round-pages-")
    try:
        if args.store in ("sqlite", "both"):
            os.environ["SOFTMAX_DATA_DIR"] = folder  # the servers inherit it
            os.environ.pop("SOFTMAX_ROUND_STORE", None)
            store_url = f"sqlite:///{folder}/rounds.sqlite3"
            asyncio.run(
                run(
                    "SQLite",
                    store_url,
                    args.students,
                    args.seconds,
                    args.kill_at,
                    args.workers,
                    args.follow,
                )
            )
        if args.store in ("redis", "both"):
            if not Path(REDIS_SERVER).exists():
                print(f"  Redis: skipped, no {REDIS_SERVER} (apt-get install redis-server)")
                return 0
            process, url, workdir = _start_redis()
            os.environ["SOFTMAX_ROUND_STORE"] = url
            try:
                asyncio.run(
                    run(
                        "Redis",
                        url,
                        args.students,
                        args.seconds,
                        args.kill_at,
                        args.workers,
                        args.follow,
                    )
                )
            finally:
                process.terminate()
                process.wait(timeout=10)
                shutil.rmtree(workdir, ignore_errors=True)
    finally:
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value
        shutil.rmtree(folder, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
