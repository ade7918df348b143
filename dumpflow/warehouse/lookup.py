"""What repeat detection and the loader ask of stored data: loaded dumps and the repeat-detection index.

Reads only. `WarehouseSource` is the warehouse side of dedup's
`CandidateSource`; it hands back the plain `signals.Known` tuples, so the
warehouse never needs dedup itself.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager

import duckdb
import pyarrow as pa

from dumpflow.signals import Known
from dumpflow.warehouse import keyruns
from dumpflow.warehouse.connection import id_table, registered


def loaded_dump_ids(con: duckdb.DuckDBPyConnection, dump_ids: Sequence[str]) -> set[str]:
    with registered(con, "_ids", id_table(dump_ids)):
        rows = con.execute(
            "SELECT dump_id FROM dumps WHERE status = 'loaded' AND dump_id IN (SELECT value FROM _ids)"
        ).fetchall()
    return {row[0] for row in rows}


# Lookups of at most this many hashes (a small ingest's) binary-search the sorted runs of match_keys
# (keyruns.py) instead of scanning the table; a bulk batch asks for 100k+ and scans it once.
RUN_LOOKUP_MAX = 4096


def _capped(found: set[tuple[int, str]], limit: int) -> list[tuple[int, str | None]]:
    """The lookup's answer from runs: a hash of more than `limit` distinct articles comes back once, as None."""
    by_hash: dict[int, list[str]] = {}
    for h, article_id in found:
        by_hash.setdefault(h, []).append(article_id)
    out: list[tuple[int, str | None]] = []
    for h, ids in by_hash.items():
        out.extend([(h, None)] if len(ids) > limit else [(h, article_id) for article_id in ids])
    return out


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
        if len(hashes) <= RUN_LOOKUP_MAX:
            cursor = self.con.cursor()
            try:
                found = keyruns.lookup(cursor, hashes)
            finally:
                cursor.close()
            if found is not None:
                return _capped(found, limit)
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
