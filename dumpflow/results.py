"""Query results in DuckDB's own forms: its box renderer for the terminal, its CSV, JSON and Parquet writers.

DuckDB already knows how to print every type it has (intervals, lists,
structs, maps, CJK text, NULL); a formatter of our own got some of them wrong.

The query runs on a locked connection that cannot touch files
(warehouse.LOCKED_CONFIG), so it cannot COPY its result anywhere. The result
therefore streams out as Arrow into a second, in-memory connection that sees
only that stream and runs one fixed COPY statement; the SQL a user typed never
runs there. Output for stdout goes through a temporary file, because DuckDB
writes files, not Python streams.
"""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
from pathlib import Path

import duckdb

FORMATS = ("table", "csv", "json", "parquet")
NEEDS_FILE = ("parquet",)

# COPY options per format: constants of this module, never user input.
_COPY_OPTIONS = {
    "csv": "FORMAT csv, HEADER true",
    "json": "FORMAT json, ARRAY true",
    "parquet": "FORMAT parquet",
}
_NESTED = {"LIST", "STRUCT", "MAP", "ARRAY", "UNION"}


def show(rel: duckdb.DuckDBPyRelation, max_width: int | None, max_rows: int) -> None:
    """DuckDB's box rendering on stdout: long results show their first and last rows, wide cells are cut."""
    rel.show(max_width=max_width, max_rows=max_rows, null_value="NULL")


def _quoted(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _select(writer: duckdb.DuckDBPyConnection, fmt: str) -> str:
    """What to COPY: in CSV a nested value becomes JSON text, which any reader can parse back.

    DuckDB's own text for a struct ({'x': 1, 'y': é}) leaves strings unquoted.
    """
    result = writer.sql("FROM result")
    nested = [name for name, kind in zip(result.columns, result.types, strict=True) if str(kind.id).upper() in _NESTED]
    if fmt != "csv" or not nested:
        return "FROM result"
    replaced = ", ".join(f"to_json({_quoted(name)})::VARCHAR AS {_quoted(name)}" for name in nested)
    return f"SELECT * REPLACE ({replaced}) FROM result"


def _copy(rel: duckdb.DuckDBPyRelation, fmt: str, path: Path) -> None:
    writer = duckdb.connect(config={"autoinstall_known_extensions": False, "autoload_known_extensions": False})
    try:
        writer.execute("SET enable_progress_bar = false")  # it would draw on stdout, into the CSV
        writer.register("result", rel.to_arrow_reader())
        writer.execute(f"COPY ({_select(writer, fmt)}) TO ? ({_COPY_OPTIONS[fmt]})", [str(path)])
    finally:
        writer.close()


def write_file(rel: duckdb.DuckDBPyRelation, fmt: str, target: Path) -> None:
    """Write the result to target, replacing it only once the whole file is written."""
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, name = tempfile.mkstemp(prefix=f".{target.name}-", suffix=".part", dir=target.parent)
    os.close(fd)
    staging = Path(name)
    try:
        _copy(rel, fmt, staging)
        os.replace(staging, target)
    except BaseException:
        staging.unlink(missing_ok=True)
        raise


def write_stdout(rel: duckdb.DuckDBPyRelation, fmt: str) -> None:
    """CSV or JSON on stdout, byte for byte what DuckDB wrote."""
    with tempfile.TemporaryDirectory(prefix="dumpflow-query-") as tmp:
        path = Path(tmp) / f"result.{fmt}"
        _copy(rel, fmt, path)
        sys.stdout.flush()
        binary = getattr(sys.stdout, "buffer", None)  # None when stdout was swapped for a text-only stream
        if binary is not None:
            with path.open("rb") as src:
                shutil.copyfileobj(src, binary)
        else:
            with path.open(encoding="utf-8", newline="") as text:
                shutil.copyfileobj(text, sys.stdout)
        sys.stdout.flush()
