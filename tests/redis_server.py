"""A real redis-server of the tests' own, from Debian's package, on a free loopback port.

No persistence (``--save '' --appendonly no``): the tests check the app's side, and a test
server leaves nothing behind. Under ``CI=true`` a missing ``redis-server`` fails the test
(``.ci/run`` installs it); elsewhere the Redis half of a test is skipped with the reason.
"""

import os
import shutil
import socket
import subprocess
import tempfile
import time

import pytest

REDIS_SERVER = os.environ.get("REDIS_SERVER", "/usr/bin/redis-server")
IN_CI = os.environ.get("CI", "").lower() in ("1", "true", "yes")


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _ping(port: int) -> bool:
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=0.5) as sock:
            sock.sendall(b"PING\r\n")
            return sock.recv(16).startswith(b"+PONG")
    except OSError:
        return False


def start() -> tuple[subprocess.Popen, str]:
    """Start a redis-server; return it and its ``redis://`` URL (skip or fail if absent)."""
    if not (os.path.exists(REDIS_SERVER) or shutil.which(REDIS_SERVER)):
        reason = f"no redis-server at {REDIS_SERVER} (apt-get install redis-server)"
        if IN_CI:
            pytest.fail(f"cannot test the Redis store under CI: {reason}")
        pytest.skip(reason)
    port = _free_port()
    workdir = tempfile.mkdtemp(prefix="softmax-redis-")
    process = subprocess.Popen(
        [
            REDIS_SERVER,
            "--port",
            str(port),
            "--bind",
            "127.0.0.1",
            "--save",
            "",
            "--appendonly",
            "no",
            "--dir",
            workdir,
            "--daemonize",
            "no",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    process.workdir = workdir
    deadline = time.monotonic() + 10
    while not _ping(port):
        if process.poll() is not None or time.monotonic() > deadline:
            process.kill()
            pytest.fail(f"redis-server did not start on port {port}")
        time.sleep(0.02)
    return process, f"redis://127.0.0.1:{port}/0"


def stop(process: subprocess.Popen) -> None:
    process.terminate()
    try:
        process.wait(timeout=5)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()
    shutil.rmtree(process.workdir, ignore_errors=True)
