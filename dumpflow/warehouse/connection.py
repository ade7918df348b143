"""Opening the warehouse: connections, the file lock, and handing the file over between processes.

Every other module of the package goes through here to get a connection, so
how long a process waits, what a user-typed query may touch (LOCKED_CONFIG)
and when an ingest lets a reader in are decided in one place.
"""

from __future__ import annotations

import datetime as dt
import fcntl
import os
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager, suppress
from pathlib import Path

import duckdb
import pyarrow as pa

from dumpflow import config

LOCKED_MESSAGES = ("Could not set lock", "Conflicting lock", "database is locked")

# A connection that runs SQL someone typed: DuckDB itself refuses every file,
# URL, extension install or load, and SET cannot undo it (lock_configuration,
# set last by `connect`, after the progress bar is turned off: DuckDB draws
# it on stdout, in the middle of a piped CSV, and takes it only per
# connection). Such a connection cannot write files either, so query results
# leave it as Arrow (lossless, so a JSON or UUID column stays one) and are
# written elsewhere (dumpflow/results.py).
LOCKED_CONFIG: dict[str, str | bool] = {
    "enable_external_access": False,
    "autoinstall_known_extensions": False,
    "autoload_known_extensions": False,
    "arrow_lossless_conversion": True,
}


# A join whose small side has at most this many rows is also applied as a
# filter inside the scan of the large table (DuckDB's default: 50). Repeat
# detection looks up a few dozen to a few thousand ids or hashes at a time;
# as a plain hash join, DuckDB read every stored body and key to find the 74
# articles of a 12-entry dump (0.13 s warm, 1.1 s cold at 1M articles); as a
# filter it reads the ids first and the rest of the matching rows only
# (0.015 s, 0.07 s cold). Larger lookups (a bulk batch) stay hash joins.
PUSHED_JOIN_ROWS = 4096


class WarehouseBusy(RuntimeError):
    """Another process holds the warehouse for longer than we are willing to wait."""


def utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


def _is_lock_error(exc: Exception) -> bool:
    return any(text in str(exc) for text in LOCKED_MESSAGES)


def connect(
    path: Path, read_only: bool = False, wait_seconds: float = 30.0, locked: bool = False
) -> duckdb.DuckDBPyConnection:
    """Open the warehouse, waiting while another process holds its file lock.

    locked=True applies LOCKED_CONFIG: for connections that run SQL a user typed.
    """
    deadline = time.monotonic() + wait_seconds
    settings: dict[str, str | bool | int] = {
        "memory_limit": config.duckdb_memory(),
        "dynamic_or_filter_threshold": PUSHED_JOIN_ROWS,
        **(LOCKED_CONFIG if locked else {}),
    }
    while True:
        try:
            con = duckdb.connect(str(path), read_only=read_only, config=settings)
            if locked:
                con.execute("SET enable_progress_bar = false")
                con.execute("SET lock_configuration = true")
            return con
        except duckdb.IOException as exc:
            if not _is_lock_error(exc) or time.monotonic() >= deadline:
                if _is_lock_error(exc):
                    raise WarehouseBusy(
                        f"the warehouse {path} is in use by another process (an ingest?); waited {wait_seconds:.0f}s"
                    ) from exc
                raise
            ask_writer_to_yield(path)
            time.sleep(0.2)


def wanted_file(path: Path) -> Path:
    """Touched by a process waiting for the warehouse; an ingest lets go when it sees it (`Writer`)."""
    return path.with_name(path.name + ".wanted")


def ask_writer_to_yield(path: Path) -> None:
    with suppress(OSError):  # a read-only directory: the writer lets go on its schedule anyway
        wanted_file(path).touch()


@contextmanager
def session(path: Path, read_only: bool = False) -> Iterator[duckdb.DuckDBPyConnection]:
    con = connect(path, read_only=read_only)
    try:
        yield con
    finally:
        con.close()


class Writer:
    """The ingest's one writing connection, handed over when a reader asks for the file.

    DuckDB lets one process open a file for writing and no one else in the
    meantime, and it checkpoints when the last connection closes: the
    logged rows are compressed into the file, and during a bulk ingest each
    checkpoint also costs a fixed ~0.4 s (docs/load.md). Opening a
    connection per step made an ingest spend more time checkpointing than
    loading. So the connection is kept across steps, and released after a
    step when a process waiting for the file has said so (`connect` touches
    `wanted_file`), or at the latest every `hold_seconds`, which bounds the
    write-ahead log a crash leaves to replay. After a release the writer
    pauses longer than a waiting reader's poll interval, so the reader gets in.
    """

    READER_GAP_SECONDS = 0.3
    # DuckDB keeps what it has not checkpointed in memory: on the 1M-entry
    # benchmark the ingest's RSS rose by ~1.4 MB per MB of write-ahead log
    # (1.1 -> 1.7 GB at a 440 MB log). Its default (16 MB) checkpointed after
    # nearly every batch; 128 MB keeps the log, and that memory, bounded.
    CHECKPOINT_THRESHOLD = "128MB"

    def __init__(self, path: Path, hold_seconds: float) -> None:
        self.path = path
        self.hold_seconds = hold_seconds
        self._con: duckdb.DuckDBPyConnection | None = None
        self._opened = 0.0
        self._opened_wall = 0.0

    @contextmanager
    def connection(self) -> Iterator[duckdb.DuckDBPyConnection]:
        if self._con is None:
            self._con = connect(self.path)
            self._con.execute(f"SET checkpoint_threshold = '{self.CHECKPOINT_THRESHOLD}'")
            self._opened = time.monotonic()
            self._opened_wall = time.time()
        try:
            yield self._con
        except BaseException:
            self.close()  # a retried step starts from a fresh connection
            raise
        if self._release_due():
            self.close()
            time.sleep(self.READER_GAP_SECONDS)

    def _release_due(self) -> bool:
        if time.monotonic() - self._opened >= self.hold_seconds:
            return True
        try:
            return wanted_file(self.path).stat().st_mtime >= self._opened_wall
        except OSError:
            return False

    def close(self) -> None:
        if self._con is not None:
            con, self._con = self._con, None
            con.close()


@contextmanager
def writer_lock(path: Path, timeout: float) -> Iterator[None]:
    """One ingest at a time per warehouse; a second one waits, then gives up clearly."""
    path.parent.mkdir(parents=True, exist_ok=True)
    lock_path = path.with_name(path.name + ".lock")
    with open(lock_path, "a+") as handle:
        deadline = time.monotonic() + timeout
        while True:
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    raise WarehouseBusy(
                        f"another ingest is writing to {path}; waited {timeout:.0f}s "
                        "(set DUMPFLOW_LOCK_TIMEOUT to wait longer)"
                    ) from None
                time.sleep(0.25)
        try:
            handle.seek(0)
            handle.truncate()
            handle.write(f"{os.getpid()}\n")
            handle.flush()
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


@contextmanager
def registered(con: duckdb.DuckDBPyConnection, name: str, table: pa.Table) -> Iterator[duckdb.DuckDBPyConnection]:
    """`table` visible to SQL on `con` as `name` while the block runs.

    Every list of ids or hashes goes to DuckDB this way: a registered Arrow
    table is read in place, while a list parameter turns each of 100k Python
    strings into a DuckDB value first (that cost more than the query).
    """
    con.register(name, table)
    try:
        yield con
    finally:
        # In an aborted transaction unregister fails too; the first error is the one to report.
        with suppress(duckdb.Error):
            con.unregister(name)


def id_table(values: Sequence[str] | pa.Array) -> pa.Table:
    """Ids or paths as a one-column table (`value`), to pass through `registered`."""
    return pa.table({"value": values if isinstance(values, pa.Array) else pa.array(values, type=pa.string())})
