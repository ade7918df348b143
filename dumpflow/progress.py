"""How long-running steps say how far they are, without knowing who listens.

The engine and the flow report through this small protocol; the CLI decides
whether anything is drawn (a rich bar on a terminal, nothing in a pipe or
under --quiet). Nothing here imports rich or Prefect.

The flow finds its listener through a context variable rather than a flow
parameter: Prefect serializes every parameter into the run's record, and a
display object has no business there. Prefect runs a sync flow in the
caller's thread and context, so the variable set by the CLI is the one seen.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Protocol


class Progress(Protocol):
    def start(self, label: str, total: int, unit: str) -> None:
        """A new phase of `total` units begins (files for an ingest, tables for an export, articles for a retag)."""
        ...

    def advance(self, done: int, entries: int = 0) -> None:
        """`done` more units finished, carrying `entries` more entries (0 when the phase has no entries)."""
        ...


class Silent:
    """The listener when nobody listens."""

    def start(self, label: str, total: int, unit: str) -> None:
        pass

    def advance(self, done: int, entries: int = 0) -> None:
        pass


SILENT = Silent()
_current: ContextVar[Progress] = ContextVar("dumpflow_progress", default=SILENT)


@contextmanager
def reporting(listener: Progress) -> Iterator[Progress]:
    """`listener` hears the progress of whatever runs in this block (in this thread and context)."""
    token = _current.set(listener)
    try:
        yield listener
    finally:
        _current.reset(token)


def current() -> Progress:
    return _current.get()
