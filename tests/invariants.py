"""`assert_consistent(db)`: the fault tests' closing check, through `dumpflow check`'s engine."""

from __future__ import annotations

from pathlib import Path

import duckdb

from dumpflow.check import run_checks


def assert_consistent(db: Path) -> None:
    con = duckdb.connect(str(db), read_only=True)
    try:
        failures = run_checks(con)
    finally:
        con.close()
    assert not failures, "\n".join(f.line() for f in failures)
