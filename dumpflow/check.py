"""The warehouse's invariants, checked after the fact.

Loads are atomic per dump, so these should always hold; `dumpflow check` is how
a person (or a test, after every fault scenario) confirms it instead of
trusting it: after a killed ingest, a disk-full, a hand edit or a bad restore.
Every check is one SQL query returning the offending rows, run on a read-only
connection, so checking can never repair or damage what it inspects. No
Prefect: it must work when the orchestrator is down.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import duckdb

from dumpflow import warehouse


@dataclass(frozen=True)
class Check:
    name: str
    sql: str  # returns one row per violation; the first column names it


@dataclass(frozen=True)
class Failure:
    check: str
    count: int
    examples: list[str]

    def line(self) -> str:
        return f"{self.check}: {self.count} row(s), e.g. {', '.join(self.examples)}"


_COUNTS = """
WITH s AS (
    SELECT dump_id, count(*) AS n, count(*) FILTER (WHERE kind = 'new') AS n_new,
           count(*) FILTER (WHERE kind <> 'new') AS n_rep
    FROM sightings GROUP BY dump_id
), dl AS (SELECT dump_id, count(*) AS n FROM dropped_lines GROUP BY dump_id)
SELECT d.dump_id || ' (' || d.source_name || ')'
FROM dumps d LEFT JOIN s USING (dump_id) LEFT JOIN dl USING (dump_id)
WHERE d.status = 'loaded' AND (
    d.n_entries <> coalesce(s.n, 0) OR d.n_new_articles <> coalesce(s.n_new, 0)
    OR d.n_repeats <> coalesce(s.n_rep, 0) OR d.n_dropped <> coalesce(dl.n, 0))
"""

CHECKS: list[Check] = [
    Check(
        "sightings point to articles",
        "SELECT s.dump_id || '#' || s.position FROM sightings s "
        "LEFT JOIN articles a USING (article_id) WHERE a.article_id IS NULL",
    ),
    Check(
        "sightings and dropped lines belong to loaded dumps",
        "SELECT x.dump_id FROM (SELECT dump_id FROM sightings UNION SELECT dump_id FROM dropped_lines) x "
        "LEFT JOIN dumps d USING (dump_id) WHERE d.status IS DISTINCT FROM 'loaded'",
    ),
    Check("per-dump counts match sightings and dropped lines", _COUNTS),
    Check(
        "every loaded dump has sightings",
        "SELECT d.dump_id || ' (' || d.source_name || ')' FROM dumps d "
        "WHERE d.status = 'loaded' AND NOT EXISTS (SELECT 1 FROM sightings s WHERE s.dump_id = d.dump_id)",
    ),
    Check(
        "rejected dumps have a reason and no entries",
        "SELECT dump_id || ' (' || source_name || ')' FROM dumps WHERE status = 'rejected' "
        "AND (coalesce(trim(reason), '') = '' OR n_entries <> 0)",
    ),
    Check(
        "every article has a sighting",
        "SELECT a.article_id FROM articles a "
        "WHERE NOT EXISTS (SELECT 1 FROM sightings s WHERE s.article_id = a.article_id)",
    ),
    Check(
        "articles' first and last dumps are loaded dumps",
        "SELECT a.article_id FROM articles a WHERE "
        "NOT EXISTS (SELECT 1 FROM dumps d WHERE d.dump_id = a.first_dump_id AND d.status = 'loaded') "
        "OR NOT EXISTS (SELECT 1 FROM dumps d WHERE d.dump_id = a.last_dump_id AND d.status = 'loaded')",
    ),
    Check("n_chars is the body's length", "SELECT article_id FROM articles WHERE n_chars <> length(body)"),
    # Two posts at different addresses may share a text (a template excerpt) or
    # have none yet (title-only, key ''); otherwise one text is one article.
    Check(
        "no two articles share a comparison key",
        "SELECT match_key FROM articles GROUP BY match_key HAVING count(*) > 1 AND count(*) > count(DISTINCT url_key)",
    ),
    Check(
        "no two articles share a canonical address",
        "SELECT url_key FROM articles WHERE url_key IS NOT NULL GROUP BY url_key HAVING count(*) > 1",
    ),
    Check(
        "title-only articles have a canonical address and no key",
        "SELECT article_id FROM articles WHERE body = '' AND (url_key IS NULL OR match_key <> '')",
    ),
    Check(
        "an article's publication date is its sightings' earliest",
        "SELECT a.article_id FROM articles a LEFT JOIN "
        "(SELECT article_id, min(published) AS published FROM sightings GROUP BY article_id) s USING (article_id) "
        "WHERE a.published IS DISTINCT FROM s.published",
    ),
    Check(
        "no orphan topics",
        "SELECT t.article_id || '/' || t.topic FROM article_topics t "
        "LEFT JOIN articles a USING (article_id) WHERE a.article_id IS NULL",
    ),
    Check(
        "no orphan match keys",
        "SELECT DISTINCT m.article_id FROM match_keys m LEFT JOIN articles a USING (article_id) "
        "WHERE a.article_id IS NULL",
    ),
    Check(
        "no orphan signatures",
        "SELECT DISTINCT g.article_id FROM signatures g LEFT JOIN articles a USING (article_id) "
        "WHERE a.article_id IS NULL",
    ),
    Check(
        "every article is indexed for repeat detection",
        "SELECT a.article_id FROM articles a "
        "WHERE NOT EXISTS (SELECT 1 FROM match_keys m WHERE m.article_id = a.article_id)",
    ),
    Check(
        "every merge is a repeat sighting of the same article",
        "SELECT m.dump_id || '#' || m.position FROM merges m LEFT JOIN sightings s USING (dump_id, position) "
        "WHERE s.kind IS NULL OR s.kind = 'new' OR s.kind <> m.kind OR s.article_id <> m.article_id",
    ),
    Check(
        "every repeat sighting has its merge",
        "SELECT s.dump_id || '#' || s.position FROM sightings s LEFT JOIN merges m USING (dump_id, position) "
        "WHERE s.kind <> 'new' AND m.dump_id IS NULL",
    ),
    Check(
        "no duplicate keys",
        "SELECT 'dumps ' || dump_id FROM dumps GROUP BY dump_id HAVING count(*) > 1 "
        "UNION ALL SELECT 'articles ' || article_id FROM articles GROUP BY article_id HAVING count(*) > 1 "
        "UNION ALL SELECT 'sightings ' || dump_id || '#' || position FROM sightings "
        "GROUP BY dump_id, position HAVING count(*) > 1 "
        "UNION ALL SELECT 'merges ' || dump_id || '#' || position FROM merges "
        "GROUP BY dump_id, position HAVING count(*) > 1 "
        "UNION ALL SELECT 'article_topics ' || article_id || '/' || topic FROM article_topics "
        "GROUP BY article_id, topic HAVING count(*) > 1 "
        "UNION ALL SELECT 'dropped_lines ' || dump_id || ':' || line_no FROM dropped_lines "
        "GROUP BY dump_id, line_no HAVING count(*) > 1",
    ),
]

_VIEW = re.compile(r"CREATE\s+(?:OR\s+REPLACE\s+)?VIEW\s+(?:IF\s+NOT\s+EXISTS\s+)?(\w+)", re.IGNORECASE)
MAX_EXAMPLES = 3


def expected_views() -> list[str]:
    """The views the migrations create: the list grows with the migrations, not with this module."""
    return sorted({name for _, _, sql in warehouse.migrations() for name in _VIEW.findall(sql)})


def _views(con: duckdb.DuckDBPyConnection) -> list[Failure]:
    present = {row[0] for row in con.execute("SELECT view_name FROM duckdb_views() WHERE NOT internal").fetchall()}
    missing = [name for name in expected_views() if name not in present]
    broken = []
    for name in expected_views():
        if name in present:
            try:
                con.execute(f'SELECT * FROM "{name}" LIMIT 0').fetchall()
            except duckdb.Error as exc:
                broken.append(f"{name} ({str(exc).splitlines()[0]})")
    out = []
    if missing:
        out.append(Failure("views exist", len(missing), missing[:MAX_EXAMPLES]))
    if broken:
        out.append(Failure("views can be queried", len(broken), broken[:MAX_EXAMPLES]))
    return out


def run_checks(con: duckdb.DuckDBPyConnection) -> list[Failure]:
    """Every invariant that does not hold, with a count and a few offending keys ([] when all hold)."""
    failures: list[Failure] = []
    pending = warehouse.pending_versions(con)
    if pending:
        failures.append(Failure("schema is up to date", len(pending), [f"migration {v:04d} pending" for v in pending]))
        return failures  # the other checks assume the current schema
    for check in CHECKS:
        try:
            rows = con.execute(check.sql).fetchall()
        except duckdb.Error as exc:
            failures.append(Failure(check.name, 1, [f"query failed: {str(exc).splitlines()[0]}"]))
            continue
        if rows:
            failures.append(Failure(check.name, len(rows), [str(r[0]) for r in rows[:MAX_EXAMPLES]]))
    failures.extend(_views(con))
    wrong = warehouse.key_run_disagreements(con)
    if wrong:
        failures.append(Failure("sorted key runs agree with match_keys", len(wrong), wrong[:MAX_EXAMPLES]))
    return failures


def summary_line(con: duckdb.DuckDBPyConnection) -> str:
    """The one line printed when everything holds: what was checked, in numbers."""
    dumps, articles, sightings = con.execute(
        "SELECT (SELECT count(*) FROM dumps), (SELECT count(*) FROM articles), (SELECT count(*) FROM sightings)"
    ).fetchone() or (0, 0, 0)
    n = len(CHECKS) + 3  # + views exist, views can be queried, key runs agree
    return f"OK: {n} checks passed ({dumps} dumps, {articles} articles, {sightings} sightings)"
