"""Moving stored articles to the id repeat detection settled on (`schemas.records.Rekey`).

An article known only by its text gets the id of its address once it has
one, and an address-less article that proves to be the same post as an
article with an address goes under that article (dumpflow/dedup.py,
`Index.settle`). Every row that names the old id follows, in the load's
transaction: set-based statements over the moves, never one per article,
so a crawl that re-keys thousands of text articles costs a few statements.
"""

from __future__ import annotations

from collections.abc import Sequence

import duckdb
import pyarrow as pa

from dumpflow.warehouse import keyruns
from dumpflow.warehouse.connection import registered
from schemas.records import Rekey

# Tables whose rows belong to an article and simply follow it.
FOLLOWERS = ("sightings", "merges", "match_keys", "signatures")


def move_articles(con: duckdb.DuckDBPyConnection, rekeys: Sequence[Rekey]) -> None:
    """Put every row of each `old_id` under its `article_id`; a move whose old id is not stored is a no-op.

    The article row: when the target is not stored yet, the old row is
    renamed (the earliest seen, if several go there), so it keeps its first
    sighting; otherwise the target keeps its row and takes the earliest
    first_seen, and the old row goes. Topics of the old id go: the load
    replaces the target's from its new text. Called before the load's own
    inserts, which then see the target as a stored article.
    """
    moves = sorted({(r.old_id, r.article_id) for r in rekeys if r.old_id != r.article_id})
    if not moves:
        return
    table = pa.table({"old_id": [old for old, _ in moves], "article_id": [new for _, new in moves]})
    with registered(con, "_moves", table):
        con.execute(
            "UPDATE articles SET article_id = r.article_id FROM ("
            "SELECT m.article_id, arg_min(m.old_id, (a.first_seen, m.old_id)) AS old_id "
            "FROM _moves m JOIN articles a ON a.article_id = m.old_id "
            "WHERE m.article_id NOT IN (SELECT article_id FROM articles) GROUP BY m.article_id) r "
            "WHERE articles.article_id = r.old_id"
        )
        con.execute(
            "UPDATE articles SET first_seen = e.first_seen, first_dump_id = e.first_dump_id FROM ("
            "SELECT m.article_id, min(o.first_seen) AS first_seen, "
            "arg_min(o.first_dump_id, (o.first_seen, o.first_dump_id)) AS first_dump_id "
            "FROM _moves m JOIN articles o ON o.article_id = m.old_id GROUP BY m.article_id) e "
            "WHERE articles.article_id = e.article_id AND e.first_seen < articles.first_seen"
        )
        con.execute("DELETE FROM articles WHERE article_id IN (SELECT old_id FROM _moves)")
        con.execute("DELETE FROM article_topics WHERE article_id IN (SELECT old_id FROM _moves)")
        for name in FOLLOWERS:
            con.execute(f"UPDATE {name} SET article_id = m.article_id FROM _moves m WHERE {name}.article_id = m.old_id")
    keyruns.record_moves(con, moves)  # match_keys rows already in sorted runs follow when read
