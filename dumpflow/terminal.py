"""The progress bar the CLI draws on a terminal (rich), and nothing anywhere else.

Drawn on stderr, and only when stderr is a terminal: stdout stays the
command's result (a summary, JSON), and a pipe, a CI log or a cron mail gets
no escape codes or carriage returns. The engine never sees rich; it reports
through `dumpflow.progress.Progress`, which `Bar` implements.
"""

from __future__ import annotations

import sys
import time
from contextlib import AbstractContextManager, nullcontext
from typing import TextIO

from dumpflow.progress import SILENT, Progress


class Bar:
    """label, bar, done/total unit, entries and rate, time left."""

    def __init__(self, stream: TextIO) -> None:
        from rich.console import Console
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

        self._bar = Progress(
            TextColumn("{task.description}"),
            BarColumn(),
            MofNCompleteColumn(),
            TextColumn("{task.fields[unit]}"),
            TextColumn("{task.fields[detail]}"),
            TimeRemainingColumn(),
            console=Console(file=stream),
        )
        self._task = self._bar.add_task("starting", total=None, unit="", detail="")
        self._started = time.monotonic()
        self._entries = 0
        self._done = 0
        self._unit = ""

    def __enter__(self) -> Bar:
        self._bar.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._bar.stop()

    def start(self, label: str, total: int, unit: str) -> None:
        self._started, self._entries, self._done, self._unit = time.monotonic(), 0, 0, unit
        self._bar.reset(self._task, total=total, description=label, unit=unit, detail="")

    def advance(self, done: int, entries: int = 0) -> None:
        self._done += done
        self._entries += entries
        seconds = max(time.monotonic() - self._started, 1e-6)
        if self._entries:
            detail = f"{self._entries:,} entries  {self._entries / seconds:,.0f}/s"
        else:
            detail = f"{self._done / seconds:,.1f} {self._unit}/s"
        self._bar.update(self._task, advance=done, detail=detail)


def progress_display(quiet: bool, stream: TextIO | None = None) -> AbstractContextManager[Progress]:
    """A bar on `stream` (stderr) when it is a terminal and not --quiet; otherwise a listener that draws nothing."""
    stream = stream or sys.stderr
    if quiet or not stream.isatty():
        return nullcontext(SILENT)
    return Bar(stream)
