"""A dumpflow command run with its stderr on a pseudo-terminal, as a user at a shell sees it.

The progress bar and the notes are drawn only on a terminal, so the tests that
show them (and show --quiet hiding them) need a real one; a pipe would prove
nothing.
"""

from __future__ import annotations

import os
import pty
import select
import subprocess
import sys
import time
from collections.abc import Mapping, Sequence
from pathlib import Path

from tests.fault_processes import stop


def on_a_terminal(
    argv: Sequence[str], cwd: Path, env: Mapping[str, str], columns: int = 160, timeout: float = 300
) -> tuple[int, str, str]:
    """`python -m dumpflow ARGV` with stderr on a pseudo-terminal and stdout a pipe: (exit code, stdout, screen).

    The terminal is read while the command runs: a full pseudo-terminal buffer
    would block the child's writes and the test would hang instead of failing.
    """
    terminal, child = pty.openpty()
    proc = subprocess.Popen(
        [sys.executable, "-m", "dumpflow", *argv],
        cwd=cwd,
        env={**env, "COLUMNS": str(columns), "TERM": "xterm-256color"},
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=child,
        text=True,
        start_new_session=True,
    )
    os.close(child)
    chunks: list[bytes] = []
    try:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if select.select([terminal], [], [], 1)[0]:
                try:
                    data = os.read(terminal, 65536)
                except OSError:  # EIO: the child closed its side
                    break
                if not data:
                    break
                chunks.append(data)
            elif proc.poll() is not None:
                break
        out, _ = proc.communicate(timeout=60)
    finally:
        stop(proc)
        os.close(terminal)
    return proc.returncode, out, b"".join(chunks).decode("utf-8", "replace")
