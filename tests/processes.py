"""Real subprocesses for the serve tests: a Prefect server and `dumpflow serve`.

Each is started in its own session (process group) so teardown can stop it
and everything it spawned (flow-run subprocesses, uvicorn workers) even when a
test fails half-way; output goes to a log file that failures quote.
"""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import TypeVar

T = TypeVar("T")

# Server start-up takes 12-14 s on the shared 2-core machine and over 30 s the
# very first time (database creation); these limits are for the worst case.
SERVER_START_TIMEOUT = 180.0
STOP_GRACE_SECONDS = 15.0


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def dumpflow_command() -> list[str]:
    """The installed console script when there is one, so the test runs the real entry point."""
    script = Path(sys.executable).with_name("dumpflow")
    return [str(script)] if script.exists() else [sys.executable, "-m", "dumpflow"]


def prefect_command() -> list[str]:
    return [sys.executable, "-m", "prefect"]


def prefect_env(home: Path, api_url: str | None, **extra: str) -> dict[str, str]:
    """This process's environment with Prefect pointed at a private home and (maybe) a server."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("PREFECT_")}
    env.update(PREFECT_HOME=str(home), PREFECT_SERVER_ANALYTICS_ENABLED="false", **extra)
    if api_url is not None:
        env["PREFECT_API_URL"] = api_url
    return env


class Background:
    """A subprocess in its own process group, with its output in a log file."""

    def __init__(self, argv: Sequence[str], env: Mapping[str, str], log: Path, cwd: Path | None = None) -> None:
        self.log = log
        self._out = log.open("wb")
        self.proc = subprocess.Popen(
            list(argv), env=dict(env), cwd=cwd, stdout=self._out, stderr=subprocess.STDOUT, start_new_session=True
        )

    def output(self, tail: int = 4000) -> str:
        return self.log.read_text(encoding="utf-8", errors="replace")[-tail:]

    def check_alive(self) -> None:
        if self.proc.poll() is not None:
            raise AssertionError(f"{self.proc.args[:3]} exited with {self.proc.returncode}:\n{self.output()}")

    def stop(self) -> None:
        """SIGTERM to the whole group, then SIGKILL after a grace period; never leaves orphans."""
        try:
            if self.proc.poll() is None:
                _signal_group(self.proc.pid, signal.SIGTERM)
                with contextlib.suppress(subprocess.TimeoutExpired):
                    self.proc.wait(STOP_GRACE_SECONDS)
            _signal_group(self.proc.pid, signal.SIGKILL)  # stragglers the leader left behind
            self.proc.wait(STOP_GRACE_SECONDS)
        finally:
            self._out.close()


def _signal_group(pgid: int, sig: signal.Signals) -> None:
    with contextlib.suppress(ProcessLookupError):
        os.killpg(pgid, sig)


def wait_for(
    what: str, probe: Callable[[], T | None], timeout: float, alive: Background | None = None, every: float = 0.5
) -> T:
    """Poll until probe returns something other than None; fail with `what` after timeout."""
    deadline = time.monotonic() + timeout
    while True:
        if alive is not None:
            alive.check_alive()
        value = probe()
        if value is not None:
            return value
        if time.monotonic() >= deadline:
            raise AssertionError(f"timed out after {timeout:.0f}s waiting for {what}")
        time.sleep(every)


def start_server(home: Path, timeout: float = SERVER_START_TIMEOUT, **settings: str) -> tuple[Background, str]:
    """`prefect server start` on a free port, with extra server settings; returns once /api/health answers."""
    port = free_port()
    api_url = f"http://127.0.0.1:{port}/api"
    server = Background(
        [*prefect_command(), "server", "start", "--host", "127.0.0.1", "--port", str(port)],
        prefect_env(home, None, **settings),
        home / "server.log",
    )

    def healthy() -> bool | None:
        try:
            with urllib.request.urlopen(f"{api_url}/health", timeout=5) as response:
                return True if response.status == 200 else None
        except OSError:
            return None

    try:
        wait_for("the Prefect server to answer /api/health", healthy, timeout, alive=server)
    except BaseException:
        server.stop()
        raise
    return server, api_url
