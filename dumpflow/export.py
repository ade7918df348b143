"""Copy the content tables out of the warehouse as Parquet or CSV files.

The layout is what Spark, Trino and DuckDB read as tables without a catalogue:
one folder per table, articles hive-partitioned by the day they were first
seen (`articles/first_seen_date=YYYY-MM-DD/data_0.parquet`). Files are written
through DuckDB's relation API, so paths never end up inside SQL text, and from
a read-only connection, so an export can run beside readers of the warehouse.
The export is built in a sibling temporary folder and renamed into place: a
failed export leaves no half-written folder behind.
"""

from __future__ import annotations

import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

import duckdb

from dumpflow.progress import SILENT, Progress

FORMATS = ("parquet", "csv")
PARTITION_COLUMN = "first_seen_date"

# Table -> the ORDER BY that makes its files byte-for-byte repeatable. The
# names are constants of this module, never user input.
TABLES: dict[str, str] = {
    "articles": "article_id",
    "sightings": "dump_id, position",
    "dumps": "ingested_at, source_name, dump_id",
    "article_topics": "article_id, topic",
    "merges": "dump_id, position",
}


class ExportError(RuntimeError):
    """The export cannot start: the message says what to change."""


@dataclass(frozen=True)
class ExportResult:
    directory: Path
    rows: dict[str, int]
    files: list[Path]


def _relation(con: duckdb.DuckDBPyConnection, table: str, fmt: str) -> duckdb.DuckDBPyRelation:
    order = TABLES[table]
    if table == "articles" and fmt == "parquet":
        return con.sql(f"SELECT *, first_seen::DATE AS {PARTITION_COLUMN} FROM articles ORDER BY {order}")
    if table == "article_topics" and fmt == "csv":
        # DuckDB prints a list as [a, b], which is ambiguous when evidence
        # holds a comma; JSON is not, and every CSV consumer can parse it.
        return con.sql(f"SELECT * REPLACE (to_json(evidence)::VARCHAR AS evidence) FROM {table} ORDER BY {order}")
    return con.sql(f"SELECT * FROM {table} ORDER BY {order}")


def _check_target(target: Path, overwrite: bool) -> None:
    if target.exists() and not target.is_dir():
        raise ExportError(f"{target} exists and is not a directory")
    if target.is_dir() and any(target.iterdir()) and not overwrite:
        raise ExportError(f"{target} exists and is not empty; choose another directory or pass --overwrite")


def export(
    con: duckdb.DuckDBPyConnection,
    target: Path,
    fmt: str = "parquet",
    overwrite: bool = False,
    progress: Progress = SILENT,
) -> ExportResult:
    """Write every content table under target; an existing non-empty target needs overwrite=True.

    `progress` hears one step per table written.
    """
    if fmt not in FORMATS:
        raise ExportError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")
    _check_target(target, overwrite)
    target.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{target.name}-", dir=target.parent))
    try:
        rows: dict[str, int] = {}
        progress.start("export", len(TABLES), "tables")
        for table in TABLES:
            rel = _relation(con, table, fmt)
            rows[table] = int(con.execute(f"SELECT count(*) FROM {table}").fetchall()[0][0])
            if fmt == "csv":
                rel.write_csv(str(staging / f"{table}.csv"), header=True)
            elif table == "articles":
                # An empty warehouse has no partition to write; an empty folder
                # still tells the reader the table exists.
                if rows[table]:
                    rel.write_parquet(str(staging / table), partition_by=[PARTITION_COLUMN])
                else:
                    (staging / table).mkdir()
            else:
                (staging / table).mkdir()
                rel.write_parquet(str(staging / table / "data_0.parquet"))
            progress.advance(1)
        if target.exists():
            shutil.rmtree(target)
        staging.rename(target)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    files = sorted(p.relative_to(target) for p in target.rglob("*") if p.is_file())
    return ExportResult(directory=target, rows=rows, files=files)
