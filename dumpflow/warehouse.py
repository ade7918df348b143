"""The only module that talks to DuckDB.

Readers open short-lived connections; an ingest writes through one `Writer`
connection that it hands over when a query in another process asks for the
file, so queries get in during a long ingest. Loads go through Arrow
(executemany is ~100x slower here) inside one transaction per group of whole
dumps: a dump's rows are all committed or none are.
"""

from __future__ import annotations

import datetime as dt
import fcntl
import os
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from itertools import chain
from operator import attrgetter
from pathlib import Path

import duckdb
import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from dumpflow import config, minhash
from dumpflow.dedup import Known, batch_signals, url_signal
from dumpflow.progress import SILENT, Progress
from dumpflow.urlkey import url_key
from schemas import SQL_DIR
from schemas.records import AnnotatedDump, Article, ArticleState, LoadResult, Rejection, RetagResult, TopicTag

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


class WarehouseBusy(RuntimeError):
    """Another process holds the warehouse for longer than we are willing to wait."""


def utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


def migrations(sql_dir: Path | None = None) -> list[tuple[int, str, str]]:
    """(version, name, sql) for every file in schemas/sql (or sql_dir, for tests), in order."""
    out = []
    for path in sorted((sql_dir or SQL_DIR).glob("[0-9][0-9][0-9][0-9]_*.sql")):
        out.append((int(path.name[:4]), path.stem, path.read_text(encoding="utf-8")))
    return out


def _is_lock_error(exc: Exception) -> bool:
    return any(text in str(exc) for text in LOCKED_MESSAGES)


def connect(
    path: Path, read_only: bool = False, wait_seconds: float = 30.0, locked: bool = False
) -> duckdb.DuckDBPyConnection:
    """Open the warehouse, waiting while another process holds its file lock.

    locked=True applies LOCKED_CONFIG: for connections that run SQL a user typed.
    """
    deadline = time.monotonic() + wait_seconds
    settings: dict[str, str | bool] = {"memory_limit": config.duckdb_memory(), **(LOCKED_CONFIG if locked else {})}
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
    meantime, and it checkpoints (rewrites the file's indexes: ~0.5 s at 100k
    articles, 3.7 s at 1M) when the last connection closes. Opening a
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


def migrate(con: duckdb.DuckDBPyConnection, sql_dir: Path | None = None) -> list[int]:
    """Apply every pending migration, with their ledger rows, in one transaction.

    One transaction for all of them, not one each: a warehouse two versions
    behind that crashed between two commits was left at a version no release
    ever shipped. Now an upgrade lands whole or not at all.
    """
    con.execute(
        "CREATE TABLE IF NOT EXISTS schema_migrations ("
        "version INTEGER PRIMARY KEY, name VARCHAR NOT NULL, applied_at TIMESTAMP NOT NULL)"
    )
    done = {row[0] for row in con.execute("SELECT version FROM schema_migrations").fetchall()}
    pending = [(version, name, sql) for version, name, sql in migrations(sql_dir) if version not in done]
    if not pending:
        return []
    con.execute("BEGIN TRANSACTION")
    try:
        for version, name, sql in pending:
            con.execute(sql)
            if (backfill := BACKFILLS.get(name)) is not None:
                backfill(con)
            con.execute("INSERT INTO schema_migrations VALUES (?, ?, ?)", [version, name, utcnow()])
        con.execute("COMMIT")
    except Exception:
        con.execute("ROLLBACK")
        raise
    return [version for version, _, _ in pending]


def _backfill_url_keys(con: duckdb.DuckDBPyConnection) -> None:
    """0004: articles stored with a url before addresses were keys get their url_key, indexed.

    The canonical form is Python (dumpflow.urlkey), so it cannot be written
    in the migration's SQL; it runs in the migration's transaction. Only
    articles from HTML dumps have a url, so this touches few rows. Where an
    older ingest made two articles of one post (its card and its page), the
    first seen keeps the address: one article per key, and the other stays
    as it was (sightings are never moved between articles).
    """
    rows = con.execute(
        "SELECT article_id, url FROM articles WHERE url IS NOT NULL ORDER BY first_seen, article_id"
    ).fetchall()
    owners: dict[str, str] = {}
    for article_id, url in rows:
        if (key := url_key(url)) is not None:
            owners.setdefault(key, article_id)
    if owners:
        keys = pa.table({"article_id": list(owners.values()), "url_key": list(owners)})
        with registered(con, "_url_keys", keys):
            con.execute(
                "UPDATE articles SET url_key = u.url_key FROM _url_keys u WHERE articles.article_id = u.article_id"
            )
        _index_addresses(con, list(owners.items()))


# Python steps of a migration, run right after its SQL in the same transaction (by migration name).
BACKFILLS: dict[str, Callable[[duckdb.DuckDBPyConnection], None]] = {"0004_dates_and_urls": _backfill_url_keys}


def schema_version(con: duckdb.DuckDBPyConnection) -> int:
    try:
        row = con.execute("SELECT max(version) FROM schema_migrations").fetchone()
    except duckdb.CatalogException:
        return 0
    return int(row[0] or 0) if row else 0


def pending_versions(con: duckdb.DuckDBPyConnection, sql_dir: Path | None = None) -> list[int]:
    """Migrations this code has that the warehouse has not applied (a set, not max: 0002 may land after 0003)."""
    try:
        done = {row[0] for row in con.execute("SELECT version FROM schema_migrations").fetchall()}
    except duckdb.CatalogException:
        done = set()
    return [version for version, _, _ in migrations(sql_dir) if version not in done]


def upgrade(path: Path, sql_dir: Path | None = None) -> list[int]:
    """Bring an existing warehouse made by an older dumpflow up to date, in place.

    Readers call this before opening read-only, so `status`, `query`, `export`
    and `report` work on an old file. It looks first on a read-only connection
    and takes the write lock only when something is pending, so an up-to-date
    warehouse is never opened for writing by a reader.
    """
    with session(path, read_only=True) as con:
        if not pending_versions(con, sql_dir):
            return []
    with session(path) as con:
        return migrate(con, sql_dir)


def ensure(path: Path) -> None:
    """Create the warehouse file and bring its schema up to date.

    A new warehouse is built under a staging name and renamed into place
    once its schema is committed and the file closed: DuckDB writes the file
    as soon as it is opened, so a crash while the migrations ran used to
    leave a warehouse with part of its schema, which `dumpflow check`
    rightly reports. Now a crash leaves no warehouse, and the next run starts
    over (a leftover staging file is discarded).
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    if path.exists():
        with session(path) as con:
            migrate(con)
        return
    staging = path.with_name(path.name + ".creating")
    for leftover in (staging, staging.with_name(staging.name + ".wal")):
        leftover.unlink(missing_ok=True)
    with session(staging) as con:
        migrate(con)
    os.replace(staging, path)


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


# --- runs -------------------------------------------------------------------


def start_run(con: duckdb.DuckDBPyConnection, run_id: str) -> None:
    # Only one writer runs at a time (writer_lock), so a run still marked
    # running was killed: say so instead of leaving it running forever.
    con.execute("UPDATE runs SET status = 'interrupted' WHERE status = 'running'")
    con.execute(
        "INSERT INTO runs (run_id, started_at, status) VALUES (?, ?, 'running') "
        "ON CONFLICT (run_id) DO UPDATE SET started_at = excluded.started_at, status = 'running'",
        [run_id, utcnow()],
    )


def finish_run(
    con: duckdb.DuckDBPyConnection, run_id: str, status: str, counts: dict[str, int], error: str | None = None
) -> None:
    con.execute(
        "UPDATE runs SET finished_at = ?, status = ?, n_files = ?, n_loaded = ?, n_already_loaded = ?, "
        "n_rejected = ?, n_entries = ?, n_new_articles = ?, n_repeats = ?, error = ? WHERE run_id = ?",
        [
            utcnow(),
            status,
            counts.get("files_seen", 0),
            counts.get("files_new", 0),
            counts.get("files_already_loaded", 0),
            counts.get("files_rejected", 0),
            counts.get("entries", 0),
            counts.get("new_articles", 0),
            counts.get("repeats_merged", 0),
            error,
            run_id,
        ],
    )


# --- reads used by the pipeline --------------------------------------------


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


def loaded_dump_ids(con: duckdb.DuckDBPyConnection, dump_ids: Sequence[str]) -> set[str]:
    with registered(con, "_ids", id_table(dump_ids)):
        rows = con.execute(
            "SELECT dump_id FROM dumps WHERE status = 'loaded' AND dump_id IN (SELECT value FROM _ids)"
        ).fetchall()
    return {row[0] for row in rows}


class WarehouseSource:
    """Repeat-detection candidates straight from the warehouse's index tables."""

    def __init__(self, con: duckdb.DuckDBPyConnection) -> None:
        self.con = con

    def lookup(self, hashes: Sequence[int], max_posting: int | None = None) -> list[tuple[int, str | None]]:
        """Stored (hash, article_id) pairs; a hash shared by more than max_posting
        distinct articles comes back once, as (hash, None) (see dedup.MAX_POSTING).

        Results come back as Arrow columns: the join takes ~35 ms for a batch,
        turning 100k+ rows into Python tuples (fetchall) took 3x that.
        """
        if not hashes:
            return []
        limit = max_posting if max_posting is not None else 2**62
        with self._registered("_wanted_hashes", pa.table({"hash": pa.array(hashes, type=pa.uint64())})) as cur:
            table = cur.sql(
                "WITH hits AS (SELECT DISTINCT m.hash, m.article_id FROM match_keys m "
                "SEMI JOIN _wanted_hashes w ON m.hash = w.hash), "
                "sizes AS (SELECT hash, count(*) AS n FROM hits GROUP BY hash) "
                "SELECT DISTINCT h.hash, CASE WHEN s.n > $limit THEN NULL ELSE h.article_id END AS article_id "
                "FROM hits h JOIN sizes s USING (hash)",
                params={"limit": limit},
            ).to_arrow_table()
        return list(zip(table.column("hash").to_pylist(), table.column("article_id").to_pylist(), strict=True))

    def states(self, article_ids: Sequence[str]) -> list[Known]:
        if not article_ids:
            return []
        with self._registered("_ids", id_table(article_ids)) as cur:
            table = cur.sql(
                "SELECT article_id, body, match_key, is_truncated, title, url, url_key, "
                "CAST(published AS VARCHAR) AS published FROM articles "
                "WHERE article_id IN (SELECT value FROM _ids) ORDER BY article_id"
            ).to_arrow_table()
        columns = [table.column(name).to_pylist() for name in table.column_names]
        return list(map(Known._make, zip(*columns, strict=True)))

    @contextmanager
    def _registered(self, name: str, table: pa.Table) -> Iterator[duckdb.DuckDBPyConnection]:
        """A cursor (its own connection to the same database) that sees `table` as `name`.

        On a cursor, a result left unfetched on the shared connection by
        someone else cannot block the registration.
        """
        cursor = self.con.cursor()
        try:
            with registered(cursor, name, table):
                yield cursor
        finally:
            cursor.close()

    def existing_ids(self, article_ids: Sequence[str]) -> set[str]:
        if not article_ids:
            return set()
        with self._registered("_ids", id_table(article_ids)) as cur:
            rows = cur.execute(
                "SELECT article_id FROM articles WHERE article_id IN (SELECT value FROM _ids)"
            ).fetchall()
        return {row[0] for row in rows}


# --- loading ----------------------------------------------------------------


def record_rejections(con: duckdb.DuckDBPyConnection, rejections: Sequence[Rejection], run_id: str) -> None:
    """Record rejected files; a file loaded earlier is never downgraded to rejected."""
    now = utcnow()
    _forget_unreadable(con, [rej.source_path for rej in rejections if not rej.reason.startswith("unreadable")])
    for rej in rejections:
        if rej.dump_id is None:
            continue  # no identity to record; the run summary lists it
        con.execute(
            "INSERT INTO dumps (dump_id, source_name, source_path, format, status, reason, n_entries, "
            "size_bytes, ingested_at, run_id) VALUES (?, ?, ?, NULL, 'rejected', ?, 0, ?, ?, ?) "
            "ON CONFLICT (dump_id) DO UPDATE SET reason = excluded.reason, source_name = excluded.source_name, "
            "source_path = excluded.source_path, ingested_at = excluded.ingested_at, run_id = excluded.run_id "
            "WHERE dumps.status = 'rejected'",
            [rej.dump_id, rej.source_name, rej.source_path, rej.reason, rej.size_bytes, now, run_id],
        )


def _forget_unreadable(con: duckdb.DuckDBPyConnection, paths: Sequence[str]) -> None:
    """Drop the 'unreadable' rows of files that could be read this time (read.unreadable_id)."""
    if paths:
        with registered(con, "_paths", id_table(paths)):
            con.execute(
                "DELETE FROM dumps WHERE status = 'rejected' AND starts_with(dump_id, 'unreadable:') "
                "AND source_path IN (SELECT value FROM _paths)"
            )


_SIGHTING_FIELDS = ("position", "line_no", "article_id", "raw_text", "kind", "similarity", "url", "published")


def _columns(records: Sequence[object], fields: Sequence[str]) -> list[tuple]:
    """The records' fields as columns, in one C-level pass.

    attrgetter + zip(*) instead of one list comprehension per field: each
    comprehension walks 100k records again (~0.7 us per record here, most of
    it fetching the scattered objects), and a load builds some thirty columns.
    """
    if len(fields) < 2:  # attrgetter of one name gives bare values, not 1-tuples
        return [tuple(map(attrgetter(*fields), records))]
    if not records:
        return [() for _ in fields]
    return list(zip(*map(attrgetter(*fields), records), strict=True))


def _dates(values: Sequence[str | None]) -> pa.Array:
    """YYYY-MM-DD strings (records.IsoDate, already checked) as a DATE column, parsed by Arrow in one pass."""
    return pa.array(values, type=pa.string()).cast(pa.date32())


def _repeated(values: pa.Array, counts: Sequence[int]) -> pa.Array:
    """values[i] repeated counts[i] times (a dump's id on each of its rows)."""
    return values.take(pa.array(np.repeat(np.arange(len(values)), counts), type=pa.int64()))


def _insert(con: duckdb.DuckDBPyConnection, table: str, columns: dict[str, pa.Array] | pa.Table) -> None:
    data = columns if isinstance(columns, pa.Table) else pa.table(columns)
    if data.num_rows == 0:
        return
    names = ", ".join(data.column_names)
    with registered(con, "_batch", data):
        con.execute(f"INSERT INTO {table} ({names}) SELECT {names} FROM _batch")


def load_dumps(con: duckdb.DuckDBPyConnection, dumps: Sequence[AnnotatedDump], run_id: str) -> list[LoadResult]:
    """Load whole dumps in one transaction; dumps already loaded are skipped.

    Callers pass dumps in the order repeat detection saw them. If the group
    fails, it is retried one dump per transaction, so one bad dump cannot keep
    the others out and none is ever half-loaded.
    """
    try:
        return _load_group(con, dumps, run_id)
    except duckdb.InterruptException:
        raise  # Ctrl-C during the load: stop, do not retry dump by dump
    except duckdb.Error:
        if len(dumps) == 1:
            raise
    return [result for dump in dumps for result in _load_group(con, [dump], run_id)]


def _load_group(con: duckdb.DuckDBPyConnection, dumps: Sequence[AnnotatedDump], run_id: str) -> list[LoadResult]:
    now = utcnow()
    con.execute("BEGIN TRANSACTION")
    try:
        already = loaded_dump_ids(con, [d.dump.dump_id for d in dumps])
        results: list[LoadResult] = []
        fresh = [d for d in dumps if d.dump.dump_id not in already]
        for d in dumps:
            if d.dump.dump_id in already:
                results.append(
                    LoadResult(
                        dump_id=d.dump.dump_id,
                        source_name=d.dump.source_name,
                        status="already_loaded",
                        n_entries=0,
                        n_new_articles=0,
                        n_repeats=0,
                    )
                )
        _write(con, fresh, run_id, now, results)
        con.execute("COMMIT")
    except Exception:
        con.execute("ROLLBACK")
        raise
    return results


def _write(
    con: duckdb.DuckDBPyConnection,
    dumps: Sequence[AnnotatedDump],
    run_id: str,
    now: dt.datetime,
    results: list[LoadResult],
) -> None:
    """Every row of these dumps, one bulk insert per table (columns built in one pass each)."""
    if not dumps:
        return
    dump_ids = pa.array([d.dump.dump_id for d in dumps], type=pa.string())
    paths = [d.dump.path for d in dumps]
    sightings = [s for d in dumps for s in d.sightings]
    position, line_no, article_id, raw_text, kind, similarity, url, published = _columns(sightings, _SIGHTING_FIELDS)
    sight: dict[str, pa.Array] = {
        "dump_id": _repeated(dump_ids, [len(d.sightings) for d in dumps]),
        "position": pa.array(position, type=pa.int32()),
        "article_id": pa.array(article_id, type=pa.string()),
        "raw_text": pa.array(raw_text, type=pa.string()),
        "line_no": pa.array(line_no, type=pa.int32()),
        "kind": pa.array(kind, type=pa.string()),
        "similarity": pa.array(similarity, type=pa.float64()),
        "url": pa.array(url, type=pa.string()),
        "published": _dates(published),
    }
    lines = [line for d in dumps for line in d.dropped]
    dropped_line_no, dropped_text, dropped_reason = _columns(lines, ("line_no", "raw_text", "reason"))
    dropped = {
        "dump_id": _repeated(dump_ids, [len(d.dropped) for d in dumps]),
        "line_no": pa.array(dropped_line_no, type=pa.int32()),
        "raw_text": pa.array(dropped_text, type=pa.string()),
        "reason": pa.array(dropped_reason, type=pa.string()),
    }
    first_dump: dict[str, str] = {}  # article -> the dump of its `new` sighting
    counts: list[tuple[AnnotatedDump, int]] = []  # (dump, its new articles)
    for d in dumps:
        dump_id, n_new = d.dump.dump_id, 0
        for s in d.sightings:
            if s.kind == "new":
                first_dump.setdefault(s.article_id, dump_id)
                n_new += 1
        counts.append((d, n_new))
    # The article's state after the last dump of the group that changed it.
    latest: dict[str, tuple[AnnotatedDump, Article]] = {}
    versions: list[ArticleState] = []  # states carrying versions first seen here (new_keys)
    for d in dumps:
        for art in d.articles:
            latest[art.state.article_id] = (d, art)
            versions.append(art.state)
    for d, n_new in counts:
        results.append(
            LoadResult(
                dump_id=d.dump.dump_id,
                source_name=d.dump.source_name,
                status="loaded",
                n_entries=len(d.sightings),
                n_new_articles=n_new,
                n_repeats=len(d.sightings) - n_new,
            )
        )
    dump_rows = {
        "dump_id": dump_ids,
        "source_name": pa.array([d.dump.source_name for d in dumps], type=pa.string()),
        "source_path": pa.array(paths, type=pa.string()),
        "format": pa.array([d.format for d in dumps], type=pa.string()),
        "status": pa.array(["loaded"] * len(dumps), type=pa.string()),
        "reason": pa.nulls(len(dumps), type=pa.string()),
        "n_entries": pa.array([len(d.sightings) for d in dumps], type=pa.int64()),
        "n_new_articles": pa.array([n for _, n in counts], type=pa.int64()),
        "n_repeats": pa.array([len(d.sightings) - n for d, n in counts], type=pa.int64()),
        "n_dropped": pa.array([len(d.dropped) for d in dumps], type=pa.int64()),
        "encoding": pa.array([d.encoding for d in dumps], type=pa.string()),
        "partial_tail": pa.array([d.partial_tail for d in dumps], type=pa.bool_()),
        "size_bytes": pa.array([d.dump.size_bytes for d in dumps], type=pa.int64()),
        "ingested_at": pa.array([now] * len(dumps), type=pa.timestamp("us")),
        "run_id": pa.array([run_id] * len(dumps), type=pa.string()),
    }
    with registered(con, "_ids", id_table(dump_ids)):
        con.execute("DELETE FROM dumps WHERE status = 'rejected' AND dump_id IN (SELECT value FROM _ids)")
    _forget_unreadable(con, paths)
    _insert(con, "dumps", dump_rows)
    _insert(con, "sightings", sight)
    repeat = pa.array([i for i, k in enumerate(kind) if k != "new"], type=pa.int64())
    merges = {k: sight[k].take(repeat) for k in ("article_id", "dump_id", "position", "kind", "similarity")}
    _insert(con, "merges", merges)
    _insert(con, "dropped_lines", dropped)
    _insert_versions(con, versions)
    _upsert_articles(con, latest, first_dump, now)


def _insert_versions(con: duckdb.DuckDBPyConnection, states: Sequence[ArticleState]) -> None:
    """Index every new version: its signals for lookups, its sketch for re-banding later.

    Only new versions are hashed (by repeat detection, which hands its hashes
    over on the state; here only when a state comes without them); what is
    stored is never recomputed, which keeps an incremental run proportional
    to the new dump.
    """
    _index_addresses(con, [(state.url_key, state.article_id) for state in states if state.url_key_is_new])
    owners: list[str] = []
    keys: list[str] = []
    sigs: list[list[int]] = []
    sketches: list[list[int]] = []
    for state in states:
        if not state.new_keys:
            continue
        owners.extend([state.article_id] * len(state.new_keys))
        keys.extend(state.new_keys)
        if state.new_key_signals and state.new_key_sketches:
            sigs.extend(state.new_key_signals)
            sketches.extend(state.new_key_sketches)
        else:
            sketch = minhash.sketches(state.new_keys)
            sigs.extend(batch_signals(state.new_keys, sketch))
            sketches.extend(sketch.tolist())
    if not keys:
        return
    owner_ids = pa.array(owners, type=pa.string())
    _insert(
        con,
        "match_keys",
        {
            "hash": pa.array(np.fromiter(chain.from_iterable(sigs), dtype=np.uint64), type=pa.uint64()),
            "article_id": _repeated(owner_ids, [len(row) for row in sigs]),
        },
    )
    _insert(
        con,
        "signatures",
        {
            "article_id": owner_ids,
            "key_hash": pa.array([row[0] for row in sigs], type=pa.uint64()),  # the exact signal comes first
            "n_key": pa.array([len(k) for k in keys], type=pa.int32()),
            "sketch": pa.array(sketches, type=pa.list_(pa.uint32())),
        },
    )


def _index_addresses(con: duckdb.DuckDBPyConnection, owners: Sequence[tuple[str | None, str]]) -> None:
    """match_keys rows for canonical addresses given to articles (dedup.url_signal), once per article."""
    pairs = [(url_signal(key), article_id) for key, article_id in owners if key is not None]
    if pairs:
        _insert(
            con,
            "match_keys",
            {
                "hash": pa.array([h for h, _ in pairs], type=pa.uint64()),
                "article_id": pa.array([a for _, a in pairs], type=pa.string()),
            },
        )


def _upsert_articles(
    con: duckdb.DuckDBPyConnection,
    latest: dict[str, tuple[AnnotatedDump, Article]],
    first_dump: dict[str, str],
    now: dt.datetime,
) -> None:
    ids = sorted(latest)
    rows = [latest[article_id] for article_id in ids]
    last_dump = [d.dump.dump_id for d, _ in rows]
    states, languages, topics = _columns([art for _, art in rows], ("state", "language", "topics"))
    title, body, is_truncated, url, key, url_keys, published = _columns(
        states, ("title", "body", "is_truncated", "url", "key", "url_key", "published")
    )
    lang, confidence, method = _columns(languages, ("lang", "confidence", "method"))
    n = len(ids)
    article_ids = pa.array(ids, type=pa.string())
    arrays = {
        "article_id": article_ids,
        "title": pa.array(title, type=pa.string()),
        "body": pa.array(body, type=pa.string()),
        "lang": pa.array(lang, type=pa.string()),
        "lang_confidence": pa.array(confidence, type=pa.float64()),
        "lang_method": pa.array(method, type=pa.string()),
        "is_truncated": pa.array(is_truncated, type=pa.bool_()),
        "n_chars": pa.array(list(map(len, body)), type=pa.int64()),
        "url": pa.array(url, type=pa.string()),
        "first_seen": pa.array([now] * n, type=pa.timestamp("us")),
        "last_seen": pa.array([now] * n, type=pa.timestamp("us")),
        "first_dump_id": pa.array(list(map(first_dump.get, ids, last_dump)), type=pa.string()),
        "last_dump_id": pa.array(last_dump, type=pa.string()),
        "match_key": pa.array(key, type=pa.string()),
        "published": _dates(published),
        "url_key": pa.array(url_keys, type=pa.string()),
    }
    # An article with a `new` sighting in this group is not stored yet (repeat
    # detection gave it an id no stored article has): a plain insert. The rest
    # are updated in place; an upsert (ON CONFLICT) of all of them was slower.
    fresh = pa.array([article_id in first_dump for article_id in ids], type=pa.bool_())
    table = pa.table(arrays)
    _insert(con, "articles", table.filter(fresh))
    known = table.filter(pc.invert(fresh))
    if known.num_rows:
        with registered(con, "_known", known):
            con.execute(
                "UPDATE articles SET title = k.title, body = k.body, lang = k.lang, "
                "lang_confidence = k.lang_confidence, lang_method = k.lang_method, is_truncated = k.is_truncated, "
                "n_chars = k.n_chars, url = k.url, last_seen = k.last_seen, last_dump_id = k.last_dump_id, "
                "match_key = k.match_key, published = k.published, url_key = k.url_key "
                "FROM _known k WHERE articles.article_id = k.article_id"
            )
    _replace_topics(con, article_ids, topics)


def _replace_topics(
    con: duckdb.DuckDBPyConnection, article_ids: pa.Array, topics: Sequence[Sequence[TopicTag]]
) -> None:
    """The topics of these articles, replaced by `topics` (one list per article, in the same order)."""
    with registered(con, "_changed", id_table(article_ids)):
        con.execute("DELETE FROM article_topics WHERE article_id IN (SELECT value FROM _changed)")
    tags = list(chain.from_iterable(topics))
    topic, score, evidence = _columns(tags, ("topic", "score", "evidence"))
    _insert(
        con,
        "article_topics",
        {
            "article_id": _repeated(article_ids, list(map(len, topics))),
            "topic": pa.array(topic, type=pa.string()),
            "score": pa.array(score, type=pa.float64()),
            "evidence": pa.array(evidence, type=pa.list_(pa.string())),
        },
    )


# --- re-tagging ---------------------------------------------------------------

RETAG_CHUNK = 20_000


def retag_topics(
    con: duckdb.DuckDBPyConnection,
    tag: Callable[[list[str]], list[list[TopicTag]]],
    chunk: int = RETAG_CHUNK,
    progress: Progress = SILENT,
) -> RetagResult:
    """Tag every stored article again from its body (a title-only one from its title), in one transaction.

    An ingest tags only the articles its dumps sight, so after the taxonomy
    changes the catalogue would mix tags from both versions. This streams the
    articles with their stored tags, `chunk` at a time (memory stays bounded
    at a million articles), and rewrites the topics of those whose tags
    differ. One transaction: readers see the old tags or the new ones, never
    a mix, and an interrupted re-tag leaves the old ones. The stream is read
    on a cursor, whose snapshot is taken before the first rewrite.
    """
    n_articles = n_changed = n_before = n_after = 0
    con.execute("BEGIN TRANSACTION")
    try:
        # fetchall: a result left unfinished (fetchone) blocks the next statement on this connection.
        total = con.execute("SELECT count(*) FROM articles").fetchall()[0][0]
        progress.start("retag", int(total), "articles")
        with con.cursor() as reader:
            batches = reader.sql(
                "WITH t AS (SELECT article_id, list({'topic': topic, 'score': score, 'evidence': evidence}) AS tags "
                "FROM article_topics "
                "GROUP BY article_id) "
                # What enrich.analysed_text analyses: the title of an article that has no body yet.
                "SELECT a.article_id, CASE WHEN a.body = '' THEN coalesce(a.title, '') ELSE a.body END AS body, "
                "coalesce(t.tags, []) AS tags "
                "FROM articles a LEFT JOIN t USING (article_id)"
            ).to_arrow_reader(chunk)
            for batch in batches:
                ids, bodies, stored = (batch.column(name).to_pylist() for name in ("article_id", "body", "tags"))
                new = tag(bodies)
                changed = [
                    (article_id, tags)
                    for article_id, tags, old in zip(ids, new, stored, strict=True)
                    if sorted((t.topic, t.score, tuple(t.evidence)) for t in tags)
                    != sorted((o["topic"], o["score"], tuple(o["evidence"])) for o in old)
                ]
                if changed:
                    _replace_topics(con, pa.array([a for a, _ in changed], type=pa.string()), [t for _, t in changed])
                n_articles += len(ids)
                n_changed += len(changed)
                n_before += sum(map(len, stored))
                n_after += sum(map(len, new))
                progress.advance(len(ids))
        con.execute("COMMIT")
    except BaseException:
        with suppress(duckdb.Error):
            con.execute("ROLLBACK")
        raise
    return RetagResult(n_articles=n_articles, n_changed=n_changed, n_tags_before=n_before, n_tags_after=n_after)


# =============================================================================
# --- forgetting a dump (`dumpflow forget`) -----------------------------------
# Self-contained on purpose: it uses only `registered`/`id_table` above and
# plain SQL, so it moves as one piece when this module is split by job.


@dataclass(frozen=True)
class ForgetResult:
    """What `forget_dump` removed, and what it kept that the dump had touched."""

    dump_id: str
    source_name: str
    status: str  # the dump's status before: loaded | rejected
    n_sightings: int
    n_dropped_lines: int
    n_merges: int
    n_articles_removed: int  # sighted only in this dump: gone, with their topics and index entries
    n_articles_kept: int  # sighted elsewhere too: kept, with their other sightings
    n_articles_kept_with_its_text: int  # kept articles whose text or versions this dump may have supplied


def matching_dumps(con: duckdb.DuckDBPyConnection, ref: str) -> list[tuple[str, str]]:
    """(dump_id, source_name) of the dumps `ref` names: a dump id, a prefix of 8+ characters, a name or a path."""
    return [
        (row[0], row[1])
        for row in con.execute(
            "SELECT dump_id, source_name FROM dumps WHERE dump_id = $ref "
            "OR (length($ref) >= 8 AND starts_with(dump_id, $ref)) OR source_name = $ref OR source_path = $ref "
            "ORDER BY dump_id",
            {"ref": ref},
        ).fetchall()
    ]


def forget_dump(con: duckdb.DuckDBPyConnection, dump_id: str) -> ForgetResult | None:
    """Remove one dump and what only it contributed, in one transaction; None if there is no such dump.

    Removed: the dump's row, its sightings, merges and dropped lines, and the
    articles sighted in no other dump (with their topics, match keys and
    signatures). Kept: every article also sighted elsewhere, with its other
    sightings; its first/last dump and first/last seen are recomputed from the
    dumps that still sight it. Not rolled back: what this dump added to a
    kept article's text (a longer body, a new version in the repeat index, the
    language and topics of that body). Re-deriving those would mean replaying
    repeat detection over every other sighting of the article; the counts in
    the result say how many articles that concerns (0 means the forget is exact).
    """
    con.execute("BEGIN TRANSACTION")
    try:
        found = con.execute("SELECT source_name, status FROM dumps WHERE dump_id = ?", [dump_id]).fetchall()
        if not found:
            con.execute("ROLLBACK")
            return None
        source_name, status = found[0]
        touched = con.execute(
            "SELECT s.article_id, "
            "bool_or(s.kind <> 'exact') AS supplied, "
            "EXISTS (SELECT 1 FROM sightings o WHERE o.article_id = s.article_id AND o.dump_id <> $d) AS elsewhere "
            "FROM sightings s WHERE s.dump_id = $d GROUP BY s.article_id ORDER BY s.article_id",
            {"d": dump_id},
        ).fetchall()
        only_here = [article_id for article_id, _, elsewhere in touched if not elsewhere]
        kept = [article_id for article_id, _, elsewhere in touched if elsewhere]
        n_supplied = sum(1 for _, supplied, elsewhere in touched if elsewhere and supplied)
        counts = [
            con.execute(f"SELECT count(*) FROM {table} WHERE dump_id = ?", [dump_id]).fetchall()[0][0]
            for table in ("sightings", "dropped_lines", "merges")
        ]
        for table in ("merges", "sightings", "dropped_lines"):
            con.execute(f"DELETE FROM {table} WHERE dump_id = ?", [dump_id])
        with registered(con, "_gone", id_table(only_here)):
            for table in ("article_topics", "match_keys", "signatures", "articles"):
                con.execute(f"DELETE FROM {table} WHERE article_id IN (SELECT value FROM _gone)")
        con.execute("DELETE FROM dumps WHERE dump_id = ?", [dump_id])
        with registered(con, "_kept", id_table(kept)):
            # The first and last dump that still sight each kept article, in load order
            # (dumps of one load transaction share ingested_at and were loaded in path order).
            con.execute(
                "WITH seen AS (SELECT s.article_id, d.dump_id, d.ingested_at, d.source_path FROM sightings s "
                "JOIN dumps d USING (dump_id) WHERE s.article_id IN (SELECT value FROM _kept)), "
                "ends AS (SELECT article_id, "
                "arg_min(dump_id, (ingested_at, source_path, dump_id)) AS first_dump, min(ingested_at) AS first_at, "
                "arg_max(dump_id, (ingested_at, source_path, dump_id)) AS last_dump, max(ingested_at) AS last_at "
                "FROM seen GROUP BY article_id) "
                "UPDATE articles SET first_dump_id = e.first_dump, first_seen = e.first_at, "
                "last_dump_id = e.last_dump, last_seen = e.last_at FROM ends e "
                "WHERE articles.article_id = e.article_id AND $d IN (articles.first_dump_id, articles.last_dump_id)",
                {"d": dump_id},
            )
            # The publication date is the earliest one a remaining sighting showed (dumpflow check holds it to that).
            con.execute(
                "UPDATE articles SET published = p.published FROM (SELECT article_id, min(published) AS published "
                "FROM sightings WHERE article_id IN (SELECT value FROM _kept) GROUP BY article_id) p "
                "WHERE articles.article_id = p.article_id AND articles.published IS DISTINCT FROM p.published"
            )
        con.execute("COMMIT")
    except BaseException:
        with suppress(duckdb.Error):
            con.execute("ROLLBACK")
        raise
    return ForgetResult(
        dump_id=dump_id,
        source_name=source_name,
        status=status,
        n_sightings=counts[0],
        n_dropped_lines=counts[1],
        n_merges=counts[2],
        n_articles_removed=len(only_here),
        n_articles_kept=len(kept),
        n_articles_kept_with_its_text=n_supplied,
    )
