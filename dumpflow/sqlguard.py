"""What `dumpflow query` agrees to run: reading statements only.

DuckDB is the wall: the query connection is read-only and locked
(warehouse.LOCKED_CONFIG), so it refuses files, URLs, ATTACH, COPY TO,
EXPORT, INSTALL/LOAD and SET with its own errors. This check comes first and
stays for two reasons: a refused statement gets one plain line naming what
is refused, and statements that DuckDB still runs on a locked read-only
connection (CHECKPOINT, VACUUM, CREATE TEMP TABLE, CALL) are not what a query
tool is for. Statements are parsed first and only SELECT (including
DESCRIBE, SHOW, SUMMARIZE, FROM-first, VALUES) and EXPLAIN of a SELECT run.
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
