"""Serve one class from several Streamlit processes behind nginx, in the foreground.

    python deploy/serve_class.py --workers 4 --port 8080

Starts ``--workers`` copies of ``streamlit run app.py`` on loopback ports after ``--port``,
renders ``deploy/nginx.conf.template`` into a fresh temporary directory (pid file, temp
paths and config all there, so it runs as root or not, beside a system nginx or without
one) and runs nginx in the foreground on ``--port``. Ctrl-C (or SIGTERM) stops nginx and
every Streamlit process and removes the directory. ``make serve-class`` calls this.
"""

import argparse
import os
import re
import secrets
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import tomllib
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from string import Template

ROOT = Path(__file__).resolve().parent.parent
DEPLOY = ROOT / "deploy"
NGINX = os.environ.get("NGINX", shutil.which("nginx") or "/usr/sbin/nginx")
HEALTH_SECONDS = 90
# nginx's own margin above Streamlit's upload limit: multipart framing around the file.
BODY_MARGIN_MB = 1


@dataclass(frozen=True)
class Backend:
    name: str
    port: int

    @property
    def address(self) -> str:
        return f"127.0.0.1:{self.port}"


def backends_for(workers: int, port: int, first_backend_port: int | None) -> list[Backend]:
    """``workers`` backends on consecutive loopback ports (by default right after ``port``)."""
    start = first_backend_port or port + 1
    return [Backend(f"b{index}", start + index) for index in range(workers)]


def max_upload_mb() -> int:
    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text())
    return int(config.get("server", {}).get("maxUploadSize", 200))


def render_config(backends: list[Backend], listen: str, runtime_dir: Path) -> str:
    """The nginx config for these backends, as text (``deploy/nginx.conf.template``)."""
    # As root, nginx's workers drop to an unprivileged user; it must reach runtime_dir.
    user = "user nobody nogroup;" if os.geteuid() == 0 else ""
    template = Template((DEPLOY / "nginx.conf.template").read_text())
    return template.substitute(
        user_directive=user,
        runtime_dir=runtime_dir,
        worker_connections=4096,
        listen=listen,
        max_body_mb=f"{max_upload_mb() + BODY_MARGIN_MB}m",
        pool_servers="\n".join(f"        server {b.address};" for b in backends),
        cookie_to_address="\n".join(f"        {b.name} {b.address};" for b in backends),
        # After a fallback $upstream_addr lists every address tried: the last one answered.
        address_to_cookie="\n".join(
            f'        "~{re.escape(b.address)}$" {b.name};' for b in backends
        ),
    )


def prepare_runtime_dir(backends: list[Backend], listen: str) -> Path:
    runtime_dir = Path(tempfile.mkdtemp(prefix="softmax-class-"))
    runtime_dir.chmod(0o755)  # readable by nginx's workers when started as root
    shutil.copy(DEPLOY / "proxy_common.conf", runtime_dir / "proxy_common.conf")
    (runtime_dir / "nginx.conf").write_text(render_config(backends, listen, runtime_dir))
    return runtime_dir


def start_streamlit(backend: Backend, cookie_secret: str) -> subprocess.Popen:
    command = [
        sys.executable,
        "-m",
        "streamlit",
        "run",
        "app.py",
        "--server.headless=true",
        "--server.address=127.0.0.1",
        f"--server.port={backend.port}",
        "--server.fileWatcherType=none",
    ]
    # One cookie secret for all workers: a browser moved to another worker keeps working.
    env = {
        **os.environ,
        "OPENBLAS_NUM_THREADS": "1",
        "STREAMLIT_SERVER_COOKIE_SECRET": cookie_secret,
    }
    return subprocess.Popen(command, cwd=ROOT, env=env)


def wait_healthy(url: str, process: subprocess.Popen, seconds: float = HEALTH_SECONDS) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"{url}: exited with {process.returncode}")
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as response:
                if response.read().strip() == b"ok":
                    return
        except OSError:
            pass
        time.sleep(0.25)
    raise RuntimeError(f"{url}: not healthy after {seconds} s")


def stop(processes: list[subprocess.Popen]) -> None:
    for process in processes:
        if process.poll() is None:
            process.terminate()
    for process in processes:
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def serve(workers: int, port: int, host: str, first_backend_port: int | None) -> int:
    if not Path(NGINX).exists():
        print(f"no nginx at {NGINX}: apt-get install nginx", file=sys.stderr)
        return 2
    backends = backends_for(workers, port, first_backend_port)
    runtime_dir = prepare_runtime_dir(backends, f"{host}:{port}")
    processes: list[subprocess.Popen] = []

    def on_signal(_signum, _frame):
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, on_signal)
    try:
        cookie_secret = secrets.token_hex(32)
        streamlits = [start_streamlit(backend, cookie_secret) for backend in backends]
        processes.extend(streamlits)
        for backend, process in zip(backends, streamlits, strict=True):
            wait_healthy(f"http://{backend.address}", process)
        config = runtime_dir / "nginx.conf"
        subprocess.run([NGINX, "-t", "-q", "-p", str(runtime_dir), "-c", str(config)], check=True)
        nginx = subprocess.Popen([NGINX, "-p", str(runtime_dir), "-c", str(config)])
        processes.append(nginx)
        print(
            f"serving a class on http://{host}:{port} "
            f"({workers} Streamlit processes: {', '.join(b.address for b in backends)}); "
            "Ctrl-C stops everything",
            flush=True,
        )
        # A Streamlit process that dies is started again on its port; meanwhile nginx sends
        # its students to the others. If nginx itself stops, everything stops.
        while nginx.poll() is None:
            time.sleep(0.5)
            for index, (backend, process) in enumerate(zip(backends, streamlits, strict=True)):
                if process.poll() is not None:
                    print(f"{backend.address} exited with {process.returncode}; restarting")
                    streamlits[index] = start_streamlit(backend, cookie_secret)
                    processes.append(streamlits[index])
        print(f"nginx exited with {nginx.returncode}; stopping", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 0
    except (RuntimeError, subprocess.CalledProcessError) as error:
        print(f"serve-class: {error}", file=sys.stderr)
        return 1
    finally:
        signal.signal(signal.SIGINT, signal.SIG_IGN)  # a second Ctrl-C must not cut cleanup short
        stop(processes)
        shutil.rmtree(runtime_dir, ignore_errors=True)
        print("serve-class: stopped", file=sys.stderr)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--workers", type=int, default=2, help="Streamlit processes (>= 1)")
    parser.add_argument("--port", type=int, default=8080, help="the port students open")
    parser.add_argument("--host", default="0.0.0.0", help="address nginx listens on")
    parser.add_argument(
        "--backend-port", type=int, default=None, help="first Streamlit port (default port+1)"
    )
    args = parser.parse_args()
    if args.workers < 1:
        parser.error("--workers must be at least 1")
    return serve(args.workers, args.port, args.host, args.backend_port)


if __name__ == "__main__":
    sys.exit(main())
