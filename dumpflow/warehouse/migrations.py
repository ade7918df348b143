"""The schema: numbered SQL migrations, their ledger, and the Python backfills some of them need.

Apart from loading: a warehouse is created or upgraded once, loads happen
every run. `ensure` and `upgrade` are the only ways a file gets its schema,
and both apply the pending migrations in one transaction, so no other code
can leave a half-migrated warehouse.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import duckdb
import pyarrow as pa

from dumpflow.urlkey import url_key
from dumpflow.warehouse import keyruns
from dumpflow.warehouse.connection import registered, session, utcnow
from dumpflow.warehouse.load import index_addresses
from schemas import SQL_DIR


def migrations(sql_dir: Path | None = None) -> list[tuple[int, str, str]]:
    """(version, name, sql) for every file in schemas/sql (or sql_dir, for tests), in order."""
    out = []
    for path in sorted((sql_dir or SQL_DIR).glob("[0-9][0-9][0-9][0-9]_*.sql")):
        out.append((int(path.name[:4]), path.stem, path.read_text(encoding="utf-8")))
    return out


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
        index_addresses(con, list(owners.items()))


# Python steps of a migration, run right after its SQL in the same transaction (by migration name).
BACKFILLS: dict[str, Callable[[duckdb.DuckDBPyConnection], None]] = {
    "0004_dates_and_urls": _backfill_url_keys,
    "0007_match_key_runs": keyruns.rebuild,  # the runs of what match_keys already holds
}


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
