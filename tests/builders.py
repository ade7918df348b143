"""Small builders for records and dump files used across the unit tests."""

from __future__ import annotations

import hashlib
from pathlib import Path

from dumpflow.clean import clean_dump
from dumpflow.read import parse
from schemas.records import CleanDump, DumpFile, ParsedDump

HEADER = "INCOMING TRANSMISSION\n\nLATEST UPDATES\n"


def transmission(*entries: str, pagination: str = "1 2") -> str:
    """A dump in the seeds' format."""
    body = "".join(e + "\n" for e in entries)
    return HEADER + body + (pagination + "\n" if pagination else "")


def dump_file(name: str, data: bytes, path: str | None = None) -> DumpFile:
    return DumpFile(
        path=path or f"/landing/{name}",
        source_name=name,
        dump_id=hashlib.sha256(data).hexdigest(),
        size_bytes=len(data),
    )


def parsed(name: str, data: bytes, limit: int = 1 << 26) -> ParsedDump:
    result = parse(dump_file(name, data), data, limit)
    assert isinstance(result, ParsedDump), result
    return result


def cleaned(name: str, text: str, encoding: str = "utf-8") -> CleanDump:
    return clean_dump(parsed(name, text.encode(encoding)))


def write(path: Path, text: str, encoding: str = "utf-8", newline: str = "\n") -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(text.replace("\n", newline).encode(encoding))
    return path


# Columns that record when, in which run or in which dump first something
# happened: arrival metadata, not content. Everything else must be identical
# however the dumps arrived.
RUN_METADATA = {"ingested_at", "run_id", "first_seen", "last_seen", "first_dump_id", "last_dump_id"}
CONTENT_TABLES = ("dumps", "sightings", "articles", "article_topics", "merges", "dropped_lines", "match_keys")


def snapshot(db: Path) -> dict[str, list[tuple]]:
    """Every content row of the warehouse, sorted, without run metadata."""
    import duckdb

    con = duckdb.connect(str(db), read_only=True)
    try:
        out = {}
        for table in CONTENT_TABLES:
            cols = [r[0] for r in con.execute(f"DESCRIBE {table}").fetchall() if r[0] not in RUN_METADATA]
            rows = con.execute(f"SELECT {', '.join(cols)} FROM {table}").fetchall()
            out[table] = sorted(rows, key=repr)
        return out
    finally:
        con.close()


def scalar(db: Path, sql: str, params: list | None = None):
    import duckdb

    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.execute(sql, params or []).fetchone()[0]
    finally:
        con.close()


class ProgressLog:
    """A dumpflow.progress listener that remembers what it heard."""

    def __init__(self) -> None:
        self.started: list[tuple[str, int, str]] = []
        self.steps: list[tuple[int, int]] = []

    def start(self, label: str, total: int, unit: str) -> None:
        self.started.append((label, total, unit))

    def advance(self, done: int, entries: int = 0) -> None:
        self.steps.append((done, entries))
