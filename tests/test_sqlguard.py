"""dumpflow/sqlguard.py through `dumpflow query`: reads run, side effects are refused in one line."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

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


def test_reading_an_exported_parquet_file_still_works(
    db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    parquet = tmp_path / "articles.parquet"
    con = duckdb.connect(str(db), read_only=True)
    con.execute(f"COPY (SELECT article_id FROM articles) TO '{parquet}' (FORMAT parquet)")
    con.close()
    assert (
        main(
            ["query", f"SELECT count(*) AS n FROM read_parquet('{parquet}')", "--warehouse", str(db), "--format", "csv"]
        )
        == 0
    )
    assert capsys.readouterr().out.splitlines() == ["n", "45"]


def test_parse_error_is_one_line(db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["query", "SELEC oops", "--warehouse", str(db)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("dumpflow: SQL error:") and err.count("\n") == 1
