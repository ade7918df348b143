"""Re-tagging every stored article after the taxonomy changed, in one transaction."""

from __future__ import annotations

from collections.abc import Callable
from contextlib import suppress

import duckdb
import pyarrow as pa

from dumpflow.progress import SILENT, Progress
from dumpflow.warehouse.load import replace_topics
from schemas.records import RetagResult, TopicTag

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
                    replace_topics(con, pa.array([a for a, _ in changed], type=pa.string()), [t for _, t in changed])
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
