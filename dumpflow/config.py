"""Every setting the project reads from the environment, read here and only here."""

from __future__ import annotations

import os
from pathlib import Path

DEFAULT_WAREHOUSE = Path("warehouse") / "dumpflow.duckdb"
DEFAULT_RAW = Path("raw")
DEFAULT_MAX_BYTES = 64 * 1024 * 1024
DEFAULT_BATCH_BYTES = 4 * 1024 * 1024

# Prefect defaults that make an unconfigured machine work offline: no telemetry
# (there is no network) and a start-up timeout long enough for the very first
# ephemeral server, which creates its database and can take over 30 s here.
PREFECT_DEFAULTS = {
    "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
    "PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS": "180",
}


def warehouse_path(explicit: str | os.PathLike[str] | None = None) -> Path:
    """The warehouse file: an explicit path wins, then DUMPFLOW_WAREHOUSE, then the default."""
    if explicit:
        return Path(explicit)
    env = os.environ.get("DUMPFLOW_WAREHOUSE")
    return Path(env) if env else DEFAULT_WAREHOUSE


def max_bytes(explicit: int | None = None) -> int:
    if explicit is not None:
        return explicit
    env = os.environ.get("DUMPFLOW_MAX_BYTES")
    return int(env) if env else DEFAULT_MAX_BYTES


def duckdb_memory() -> str:
    """DuckDB's memory limit per connection; its default (80% of RAM) would let the
    buffer cache alone grow past the 2 GB a 1M-entry ingest is allowed."""
    return os.environ.get("DUMPFLOW_DUCKDB_MEMORY", "1GB")


def batch_bytes(explicit: int | None = None) -> int:
    """Input bytes per batch (one load transaction): smaller means less memory and less work redone after a crash."""
    if explicit is not None:
        return explicit
    env = os.environ.get("DUMPFLOW_BATCH_BYTES")
    return int(env) if env else DEFAULT_BATCH_BYTES


def lock_timeout_seconds() -> float:
    """How long a writer waits for another ingest to finish before giving up."""
    return float(os.environ.get("DUMPFLOW_LOCK_TIMEOUT", "600"))


def hold_seconds() -> float:
    """The longest an ingest keeps its warehouse connection when no query asks for it.

    Every close checkpoints the file (rewrites its indexes: ~0.5 s at 100k
    articles, 3.7 s at 1M), so it is not done after every step; a query that
    is waiting gets the file after the current step (warehouse.Writer). This
    bounds the write-ahead log that a crash leaves to replay.
    """
    return float(os.environ.get("DUMPFLOW_HOLD_SECONDS", "120"))


def dask_connect_timeout() -> float:
    """Seconds to wait for a Dask scheduler (and its first worker) before the run fails.

    Dask's own default is 30 s per attempt; an address with nothing behind it
    should fail in seconds, not look like a hang.
    """
    return float(os.environ.get("DUMPFLOW_DASK_CONNECT_TIMEOUT", "10"))


def apply_prefect_defaults() -> None:
    """Set Prefect's offline-friendly defaults unless the user set them already."""
    for name, value in PREFECT_DEFAULTS.items():
        os.environ.setdefault(name, value)
