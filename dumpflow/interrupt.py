"""Ctrl-C and SIGTERM as a request to stop between transactions, not an exception anywhere.

Python's default turns SIGINT into KeyboardInterrupt wherever the main thread
happens to be, and DuckDB turns it into `duckdb.InterruptException`, which is
an ordinary `Exception`: inside a task with retries Prefect retried it, and
the ingest carried on. Prefect 3 treats SIGTERM in a flow run as a crash
(its flow engine installs a handler raising `TerminationSignal`, then
re-kills the process), which prints a traceback and exits by signal.

Under `graceful()` both signals only set a flag. The ingest loop looks at it
before each batch, so the batch being loaded commits (or rolls back) whole
and then the run stops and says so. A second signal means "now": it raises
KeyboardInterrupt at once (every load is one transaction, so even that never
leaves half a dump).
"""

from __future__ import annotations

import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from types import FrameType

SIGNALS = (signal.SIGINT, signal.SIGTERM)

_requested = threading.Event()
_active = threading.Event()
_received: list[str] = []


def _handler(signum: int, frame: FrameType | None) -> None:
    if _requested.is_set():
        raise KeyboardInterrupt
    _received.append(signal.Signals(signum).name)
    _requested.set()


def requested() -> bool:
    """Whether a stop was asked for since `graceful()` began."""
    return _requested.is_set()


def is_interruption(exc: BaseException | None) -> bool:
    """Whether an error is a stop asked for by a person: Ctrl-C as Python or as DuckDB reports it.

    DuckDB turns a KeyboardInterrupt raised during a query into
    `duckdb.InterruptException`, an ordinary `Exception`; anything that
    retries on exceptions must not retry that.
    """
    import duckdb

    return isinstance(exc, KeyboardInterrupt | duckdb.InterruptException)


def signal_name() -> str | None:
    return _received[0] if _received else None


@contextmanager
def graceful() -> Iterator[None]:
    """Within this block (main thread only), SIGINT and SIGTERM ask for a stop instead of raising."""
    _requested.clear()
    _received.clear()
    if threading.current_thread() is not threading.main_thread():
        yield  # only the main thread may set handlers; the signals keep their usual meaning
        return
    previous = {sig: signal.getsignal(sig) for sig in SIGNALS}
    for sig in SIGNALS:
        signal.signal(sig, _handler)
    _active.set()
    try:
        yield
    finally:
        _active.clear()
        for sig, handler in previous.items():
            signal.signal(sig, handler)


def rearm() -> None:
    """Take the signals back inside a flow run, when a caller asked for graceful stops.

    Prefect's flow engine installs its own SIGTERM handler for the run; a
    flow started under `graceful()` wants ours. Prefect puts the caller's
    handler (ours) back when the run ends. Outside `graceful()` (a deployment
    run, a test) this does nothing, so Prefect's cancellation works as usual.
    """
    if _active.is_set():
        with suppress(ValueError):  # not the main thread: leave the signals alone
            for sig in SIGNALS:
                signal.signal(sig, _handler)
