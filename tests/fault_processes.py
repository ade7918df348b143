"""Real `dumpflow` processes for the fault tests: one Prefect server, bounded subprocesses.

A kill -9 needs a real process, and a temporary Prefect server per process
would cost 12–30 s each; one server per test module makes each ingest cost a
second or two. Every process runs in its own session so that a kill reaches
its children, and every helper kills what it started in a finally block.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from pathlib import Path

from tests.conftest import ROOT
from tests.processes import start_server

SERVER_START_SECONDS = 240
PROCESS_SECONDS = 300


def stop(proc: subprocess.Popen[str]) -> None:
    """Kill a process we started, and its children (its own session), and reap it."""
    if proc.poll() is None:
        with suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGKILL)
    with suppress(subprocess.TimeoutExpired, ValueError):
        proc.communicate(timeout=30)


@contextmanager
def prefect_server(home: Path) -> Iterator[str]:
    """A real Prefect server on a free port (tests/processes.py starts and stops it); yields its API URL."""
    server, url = start_server(home, timeout=SERVER_START_SECONDS, PREFECT_UI_ENABLED="false")
    try:
        yield url
    finally:
        server.stop()


@dataclass
class Done:
    returncode: int
    stdout: str
    stderr: str


class Dumpflow:
    """Runs `python -m dumpflow ...` against one Prefect server and one warehouse."""

    def __init__(self, api_url: str, home: Path) -> None:
        self.env = {
            **os.environ,
            "PREFECT_API_URL": api_url,
            "PREFECT_HOME": str(home),
            "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
            "PYTHONPATH": str(ROOT),
        }

    def start(self, *args: str, cwd: Path, **env: str) -> subprocess.Popen[str]:
        return subprocess.Popen(
            [sys.executable, "-m", "dumpflow", *args],
            cwd=cwd,
            env={**self.env, **env},
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            start_new_session=True,
        )

    def run(self, *args: str, cwd: Path, timeout: float = PROCESS_SECONDS, **env: str) -> Done:
        proc = self.start(*args, cwd=cwd, **env)
        try:
            out, err = proc.communicate(timeout=timeout)
            return Done(proc.returncode, out, err)
        finally:
            stop(proc)

    def finish(self, proc: subprocess.Popen[str], timeout: float = PROCESS_SECONDS) -> Done:
        try:
            out, err = proc.communicate(timeout=timeout)
            return Done(proc.returncode, out, err)
        finally:
            stop(proc)

    def kill_after(self, proc: subprocess.Popen[str], seconds: float) -> None:
        """kill -9 the ingest (and its children) after `seconds` of real time, unless it ended first."""
        try:
            proc.wait(timeout=seconds)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
        stop(proc)
