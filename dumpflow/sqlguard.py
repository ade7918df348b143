"""What `dumpflow query` agrees to run: reading statements only.

A read-only DuckDB connection already refuses to change the warehouse, but it
still runs statements with side effects elsewhere: COPY ... TO and EXPORT
write files, ATTACH opens (and can write) another database, INSTALL/LOAD fetch
and run extension code, SET changes the session (e.g. lets a later statement
reach the network). A query tool should have none of these, so statements are
parsed first and only SELECT (including DESCRIBE, SHOW, SUMMARIZE, FROM-first,
VALUES) and EXPLAIN of a SELECT are run.

Trade-off: external access stays enabled, so `SELECT * FROM
read_parquet('export/articles/**/*.parquet')` keeps working; turning it off
(enable_external_access=false) would also block reading the export. Reading a
local file is no side effect; writing one is, and that is refused here.
"""

from __future__ import annotations

import re

import duckdb

_ALLOWED = {"SELECT"}
_EXPLAIN = re.compile(r"^\s*EXPLAIN\s+(?:ANALYZE\s+)?", re.IGNORECASE)


def _kind(statement: object) -> str:
    return str(getattr(statement, "type", "")).rsplit(".", 1)[-1]


def refusal(con: duckdb.DuckDBPyConnection, sql: str) -> str | None:
    """Why `sql` will not be run (one line), or None when every statement in it only reads.

    A parse error propagates as duckdb.ParserException, reported like any SQL error.
    """
    for statement in con.extract_statements(sql):
        kind = _kind(statement)
        if kind == "EXPLAIN":
            # EXPLAIN ANALYZE runs its statement: judge what it explains.
            inner = _EXPLAIN.sub("", statement.query, count=1)
            kinds = [_kind(s) for s in con.extract_statements(inner)] if inner != statement.query else []
            if kinds and all(k in _ALLOWED for k in kinds):
                continue
            kind = f"EXPLAIN {kinds[0] if kinds else ''}".strip()
        if kind not in _ALLOWED:
            return (
                f"{kind} statements are not run by `dumpflow query`, which only reads "
                "(SELECT, DESCRIBE, SHOW, SUMMARIZE, EXPLAIN)"
            )
    return None
