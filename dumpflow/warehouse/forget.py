"""Forgetting a dump (`dumpflow forget`): the dump and what only it contributed, in one transaction.

Self-contained on purpose: plain SQL over the tables plus `registered` and
`id_table`, so it does not depend on how loads are built; the one exception
is telling the sorted runs of match_keys (keyruns.py) which rows went.
"""

from __future__ import annotations

from contextlib import suppress
from dataclasses import dataclass

import duckdb

from dumpflow.warehouse import keyruns
from dumpflow.warehouse.connection import id_table, registered


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
                deleted = con.execute(f"DELETE FROM {table} WHERE article_id IN (SELECT value FROM _gone)").fetchall()
                if table == "match_keys":  # rows already in sorted runs are dropped when read
                    keyruns.record_moves(con, [(article_id, None) for article_id in only_here])
                    keyruns.record_deleted(con, int(deleted[0][0]) if deleted else 0)
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
