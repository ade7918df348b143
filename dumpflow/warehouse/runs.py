"""The `runs` ledger: one row per ingest, opened when it starts and closed with its counts."""

from __future__ import annotations

import duckdb

from dumpflow.warehouse.connection import utcnow


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
