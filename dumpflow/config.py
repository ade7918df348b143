"""Every setting the project reads from the environment, read and validated here and only here.

One pydantic-settings model holds every `DUMPFLOW_*` variable, so a bad value
is caught once, up front, with a message naming the variable and the form it
expects (`SettingError`), instead of as a traceback from wherever the value
was first used. Sizes are pydantic's `ByteSize`, which parses the units DuckDB
itself uses for memory: KB/MB/GB are powers of 1000, KiB/MiB/GiB of 1024.

The environment is read on each call, not cached: tests and `dumpflow serve`
change it between runs, and a read costs microseconds next to a DuckDB open.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Annotated

from pydantic import ByteSize, Field, TypeAdapter, ValidationError
from pydantic_settings import BaseSettings, SettingsConfigDict

DEFAULT_WAREHOUSE = Path("warehouse") / "dumpflow.duckdb"
DEFAULT_RAW = Path("raw")
DEFAULT_MAX_BYTES = 64 * 1024 * 1024
DEFAULT_BATCH_BYTES = 4 * 1024 * 1024

# Prefect defaults that make an unconfigured machine work offline: no telemetry
# (there is no network), neither the server's nor the client's (whose first
# run on a terminal also prints a notice over the progress bar), and a
# start-up timeout long enough for the very first ephemeral server, which
# creates its database and can take over 30 s here.
PREFECT_DEFAULTS = {
    "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
    "DO_NOT_TRACK": "1",
    "PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS": "180",
}

ENV_PREFIX = "DUMPFLOW_"
SIZE_FORM = "bytes or a number with KB/MB/GB/KiB/MiB/GiB"
Size = Annotated[ByteSize, Field(gt=0)]


class Settings(BaseSettings):
    """The `DUMPFLOW_*` environment; field name = variable name without the prefix, lower case."""

    model_config = SettingsConfigDict(env_prefix=ENV_PREFIX, env_ignore_empty=True, extra="ignore")

    warehouse: Path = Field(DEFAULT_WAREHOUSE, description="the DuckDB file")
    max_bytes: Size = Field(ByteSize(DEFAULT_MAX_BYTES), description="larger files are rejected")
    batch_bytes: Size = Field(
        ByteSize(DEFAULT_BATCH_BYTES),
        description="input bytes per batch (one load transaction): smaller means less memory and less redone "
        "after a crash",
    )
    # DuckDB's default (80% of RAM) would let the buffer cache alone grow past
    # the 2 GB a 1M-entry ingest is allowed.
    duckdb_memory: Size = Field(ByteSize(10**9), description="DuckDB's memory limit per connection")
    lock_timeout: float = Field(600.0, ge=0, description="seconds a writer waits for another ingest to finish")
    # Every close checkpoints the file (rewrites its indexes: ~0.5 s at 100k
    # articles, 3.7 s at 1M), so it is not done after every step; a query that
    # is waiting gets the file after the current step (warehouse.Writer). This
    # bounds the write-ahead log that a crash leaves to replay.
    hold_seconds: float = Field(
        120.0, gt=0, description="longest an ingest keeps its warehouse connection when no query asks for it"
    )
    # Dask's own default is 30 s per attempt; an address with nothing behind it
    # should fail in seconds, not look like a hang.
    dask_connect_timeout: float = Field(
        10.0, gt=0, description="seconds to wait for a Dask scheduler and its first worker before giving up"
    )


# What each kind of field accepts, for the error message.
_EXPECTED = {
    "max_bytes": (SIZE_FORM, "a size"),
    "batch_bytes": (SIZE_FORM, "a size"),
    "duckdb_memory": (SIZE_FORM, "a size"),
    "lock_timeout": ("seconds, a number >= 0", "a number of seconds"),
    "hold_seconds": ("seconds, a number > 0", "a number of seconds"),
    "dask_connect_timeout": ("seconds, a number > 0", "a number of seconds"),
    "warehouse": ("a file path", "a path"),
}


class SettingError(ValueError):
    """A DUMPFLOW_* variable holds a value of the wrong form; the message names it and the form expected."""


def settings() -> Settings:
    """The validated settings from the environment, or a SettingError naming the first bad variable."""
    try:
        return Settings()
    except ValidationError as exc:
        error = exc.errors()[0]
        field = str(error["loc"][0]) if error["loc"] else ""
        name = ENV_PREFIX + field.upper()
        expected, noun = _EXPECTED.get(field, ("a valid value", "valid"))
        value = os.environ.get(name, error.get("input"))
        raise SettingError(f"{name}={value!r} is not {noun}; expected {expected}") from None


def parse_size(text: str) -> int:
    """A size given on the command line, in the same forms as the DUMPFLOW_* sizes."""
    try:
        return int(TypeAdapter(Size).validate_python(text))
    except ValidationError:
        raise ValueError(f"{text!r} is not a size; expected {SIZE_FORM}") from None


def warehouse_path(explicit: str | os.PathLike[str] | None = None) -> Path:
    """The warehouse file: an explicit path wins, then DUMPFLOW_WAREHOUSE, then the default."""
    return Path(explicit) if explicit else settings().warehouse


def max_bytes(explicit: int | None = None) -> int:
    return explicit if explicit is not None else int(settings().max_bytes)


def batch_bytes(explicit: int | None = None) -> int:
    return explicit if explicit is not None else int(settings().batch_bytes)


def duckdb_memory() -> str:
    """DuckDB's memory_limit, in the byte form it parses whatever unit the user wrote."""
    return f"{int(settings().duckdb_memory)}B"


def lock_timeout_seconds() -> float:
    return settings().lock_timeout


def hold_seconds() -> float:
    return settings().hold_seconds


def dask_connect_timeout() -> float:
    """Seconds to wait for a Dask scheduler (and its first worker) before the run fails."""
    return settings().dask_connect_timeout


def apply_prefect_defaults() -> None:
    """Set Prefect's offline-friendly defaults unless the user set them already."""
    for name, value in PREFECT_DEFAULTS.items():
        os.environ.setdefault(name, value)
