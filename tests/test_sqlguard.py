"""`dumpflow query`'s walls: sqlguard refuses side effects in one line, and DuckDB's locked config refuses files."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from dumpflow import warehouse
from dumpflow.cli import main
from tests.warehouse_copies import upgraded_copy


@pytest.fixture
def db(tmp_path: Path) -> Path:
    return upgraded_copy(tmp_path / "wh")


@pytest.mark.parametrize(
    ("sql", "kind", "creates"),
    [
        ("COPY articles TO '{out}/leak.csv'", "COPY", "leak.csv"),
        ("COPY (SELECT body FROM articles) TO '{out}/leak.parquet' (FORMAT parquet)", "COPY", "leak.parquet"),
        ("EXPORT DATABASE '{out}/dumpdir'", "EXPORT", "dumpdir"),
        ("ATTACH '{out}/other.duckdb' AS other", "ATTACH", "other.duckdb"),
        ("SELECT 1; ATTACH '{out}/other.duckdb' AS other", "ATTACH", "other.duckdb"),
        ("EXPLAIN ANALYZE COPY articles TO '{out}/leak.csv'", "EXPLAIN COPY", "leak.csv"),
        ("INSTALL httpfs", "LOAD", None),
        ("LOAD httpfs", "LOAD", None),
        ("SET enable_external_access = false", "SET", None),
        ("CALL checkpoint()", "CALL", None),
        ("PRAGMA enable_profiling", "PRAGMA", None),
    ],
)
def test_statements_with_side_effects_are_refused(
    db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], sql: str, kind: str, creates: str | None
) -> None:
    out = tmp_path / "out"
    out.mkdir()
    before = db.read_bytes()
    assert main(["query", sql.format(out=out), "--warehouse", str(db)]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"dumpflow: refused: {kind} statements") and err.count("\n") == 1
    assert list(out.iterdir()) == []
    assert db.read_bytes() == before
    if creates:
        assert not (out / creates).exists()


@pytest.mark.parametrize(
    "sql",
    [
        "DESCRIBE articles",
        "SHOW TABLES",
        "SUMMARIZE dumps",
        "FROM articles SELECT count(*)",
        "EXPLAIN SELECT * FROM articles",
        "EXPLAIN ANALYZE SELECT count(*) FROM sightings",
        "WITH x AS (SELECT 1 AS a) SELECT * FROM x",
    ],
)
def test_reading_statements_run(db: Path, capsys: pytest.CaptureFixture[str], sql: str) -> None:
    assert main(["query", sql, "--warehouse", str(db), "--format", "csv"]) == 0
    assert capsys.readouterr().out


@pytest.mark.parametrize(
    "sql",
    [
        "SELECT * FROM read_csv('/etc/passwd')",
        "SELECT * FROM 'https://example.com/data.parquet'",
        "SELECT * FROM read_json('http://127.0.0.1:9/x.json')",
        "SELECT * FROM glob('/etc/*')",
        "SELECT * FROM read_parquet('{parquet}')",
    ],
)
def test_files_and_urls_are_refused_by_duckdb(
    db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], sql: str
) -> None:
    """External access is off in DuckDB itself: even an export of this warehouse cannot be read back here."""
    parquet = tmp_path / "articles.parquet"
    duckdb.connect().execute("COPY (SELECT 1 AS a) TO ? (FORMAT parquet)", [str(parquet)])
    assert main(["query", sql.format(parquet=parquet), "--warehouse", str(db)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("dumpflow: SQL error: Permission Error:")
    assert "disabled by configuration" in err
    assert "httpfs" not in err  # no attempt to install or load an extension for the URL


def test_set_cannot_undo_the_lock(db: Path) -> None:
    """The guard refuses SET before DuckDB sees it; without the guard DuckDB refuses it too."""
    con = warehouse.connect(db, read_only=True, locked=True)
    try:
        settings = dict(
            con.execute(
                "SELECT name, value FROM duckdb_settings() WHERE name IN "
                "('enable_external_access', 'autoinstall_known_extensions', 'autoload_known_extensions', "
                "'lock_configuration', 'enable_progress_bar')"
            ).fetchall()
        )
        assert settings == {
            "enable_external_access": "false",
            "autoinstall_known_extensions": "false",
            "autoload_known_extensions": "false",
            "lock_configuration": "true",
            "enable_progress_bar": "false",  # DuckDB draws it on stdout, into a piped CSV
        }
        for sql in [
            "SET enable_external_access = true",
            "RESET enable_external_access",
            "SET lock_configuration = false",
            "SET autoinstall_known_extensions = true",
        ]:
            with pytest.raises(duckdb.InvalidInputException, match="the configuration has been locked"):
                con.execute(sql)
        with pytest.raises(duckdb.PermissionException):
            con.execute("SELECT * FROM read_csv('/etc/passwd')")
    finally:
        con.close()


def test_the_other_readers_still_open_unlocked(db: Path, tmp_path: Path) -> None:
    """Export writes files from its read-only connection, so only `query` gets the locked one."""
    assert main(["export", str(tmp_path / "export"), "--warehouse", str(db)]) == 0
    assert (tmp_path / "export" / "dumps" / "data_0.parquet").is_file()


def test_parse_error_keeps_duckdbs_pointer(db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["query", "SELEC oops", "--warehouse", str(db)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("dumpflow: SQL error: Parser Error:")
    assert "LINE 1: SELEC oops" in err and "^" in err
