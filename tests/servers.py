"""Start the portal under real gunicorn on a loopback port, as `make run` does, for live tests.

Shared by tests/browser and tests/live. It starts and stops processes; it asserts nothing.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent

# The gunicorn arguments of `make run` (keep in step with the Makefile); the port and the
# number of workers go on the command line, which wins over the settings file.
RUN_OPTIONS = ["-c", "python:portal.gunicorn_config", "portal:create_app()"]
# Settings from the caller's shell that would change what the tests see (Secure cookies, a
# proxy's X-Forwarded-For) or where the data goes; a live server gets none of them.
DROPPED_ENV = ("HTTPS", "TRUSTED_PROXIES", "SECRET_KEY", "PORTAL_INSTANCE_PATH")


def free_port() -> int:
    """Return a loopback port that was free a moment ago."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def server_env(
    instance: Path, secret_key: str, extra: dict[str, str] | None = None
) -> dict[str, str]:
    """Return the environment a live server runs with; the `portal` CLI with it acts on it too.

    :param extra: settings the test wants on purpose (HTTPS, TRUSTED_PROXIES behind nginx).
    """
    env = {k: v for k, v in os.environ.items() if k not in DROPPED_ENV}
    return {**env, "SECRET_KEY": secret_key, "PORTAL_INSTANCE_PATH": str(instance), **(extra or {})}


def gunicorn_command(port: int, workers: int) -> list[str]:
    """Return the gunicorn command line of `make run` for this port and number of workers."""
    return [
        str(BIN / "gunicorn"),
        "--workers",
        str(workers),
        "--bind",
        f"127.0.0.1:{port}",
        *RUN_OPTIONS,
    ]


@dataclass
class LiveServer:
    """A running gunicorn: its base URL, master process, instance folder and log file."""

    base: str
    master: subprocess.Popen[bytes]
    instance: Path
    env: dict[str, str]
    log_path: Path

    def workers(self) -> list[int]:
        """Return the pids of the master's worker processes (its children)."""
        pid = self.master.pid
        children = Path(f"/proc/{pid}/task/{pid}/children")
        return [int(word) for word in children.read_text().split()]

    def log(self) -> str:
        """Return what gunicorn and the app wrote so far (access log, error log)."""
        return self.log_path.read_text(errors="replace")

    def stop(self) -> None:
        stop_master(self.master)

    def tracebacks(self) -> list[str]:
        """Return the log lines that start a Python traceback (there should be none)."""
        return [line for line in self.log().splitlines() if "Traceback" in line]


def wait_until_answering(
    base: str, master: subprocess.Popen[bytes], healthy: bool = True, seconds: float = 30
) -> bool:
    """Poll /healthz until it answers 200 (or, unless `healthy`, any HTTP status).

    Return False when the master died or time ran out.
    """
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline and master.poll() is None:
        try:
            with urllib.request.urlopen(base + "/healthz", timeout=2) as response:
                if response.status == 200:
                    return True
        except urllib.error.HTTPError as error:
            if not healthy:
                return True
            error.close()
        except OSError:
            pass
        time.sleep(0.1)
    return False


def stop_master(master: subprocess.Popen[bytes], seconds: float = 15) -> None:
    """Stop gunicorn: SIGTERM lets workers finish their request; SIGKILL only if it hangs."""
    if master.poll() is None:
        master.send_signal(signal.SIGTERM)
        try:
            master.wait(timeout=seconds)
        except subprocess.TimeoutExpired:
            master.kill()
            master.wait(timeout=seconds)


def start(
    instance: Path,
    workers: int = 2,
    secret_key: str = "live-test-secret",
    init_db: bool = True,
    healthy: bool = True,
    extra_env: dict[str, str] | None = None,
) -> LiveServer:
    """Run `portal init-db`, then gunicorn as `make run` does; return it once /healthz answers.

    The log goes beside the instance folder, not in it, so that a test can make the instance
    folder read-only without taking the log with it; a restart appends to it.

    :param init_db: False to restart on a database that exists (and may not be writable).
    :param healthy: False to accept a /healthz that answers 503 (a database that is down).
    :param extra_env: settings on purpose, e.g. {"TRUSTED_PROXIES": "1"} behind nginx.
    """
    env = server_env(instance, secret_key, extra_env)
    if init_db:
        subprocess.run([str(BIN / "portal"), "init-db"], env=env, check=True, cwd=ROOT)
    log_path = instance.parent / f"{instance.name}-gunicorn.log"
    for _attempt in range(3):  # another process may take the free port before gunicorn does
        port = free_port()
        with log_path.open("ab") as log:
            master = subprocess.Popen(
                gunicorn_command(port, workers),
                env=env,
                cwd=ROOT,
                stdout=log,
                stderr=subprocess.STDOUT,
            )
        base = f"http://127.0.0.1:{port}"
        if wait_until_answering(base, master, healthy):
            return LiveServer(base, master, instance, env, log_path)
        stop_master(master)
    raise RuntimeError("gunicorn did not start:\n" + log_path.read_text(errors="replace"))


@contextmanager
def live_server(
    instance: Path, workers: int = 2, secret_key: str = "live-test-secret"
) -> Iterator[LiveServer]:
    """Start the portal as `make run` does (see start); yield it, and stop it afterwards."""
    server = start(instance, workers, secret_key)
    try:
        yield server
    finally:
        server.stop()
