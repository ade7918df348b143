"""Schema migrations: old warehouses upgrade in place, and a failing migration leaves no trace."""

from __future__ import annotations

import shutil
from pathlib import Path

import duckdb
import pytest

from dumpflow import cli, warehouse
from schemas import SQL_DIR
from tests.warehouse_copies import table_columns, table_rows, upgraded_copy, v1_copy

VIEWS = ("article_overview", "topic_counts", "topic_trend", "dump_quality", "repeat_groups")


def latest_version() -> int:
    return max(version for version, _, _ in warehouse.migrations())


def ledger(path: Path) -> list[int]:
    with warehouse.session(path, read_only=True) as con:
        return [row[0] for row in con.execute("SELECT version FROM schema_migrations ORDER BY version").fetchall()]


def test_fixture_is_a_schema_1_warehouse_with_the_seeds(tmp_path: Path) -> None:
    path = v1_copy(tmp_path)
    assert ledger(path) == [1]
    with warehouse.session(path, read_only=True) as con:
        assert con.execute("SELECT count(*) FROM articles").fetchall() == [(45,)]
        assert con.execute("SELECT count(*) FROM sightings").fetchall() == [(58,)]
        views = con.execute("SELECT view_name FROM duckdb_views() WHERE NOT internal").fetchall()
    assert views == []


def test_status_upgrades_an_old_warehouse_in_place_without_losing_rows(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = v1_copy(tmp_path)
    columns = table_columns(path)
    before = table_rows(path, columns)

    assert cli.main(["status", "--warehouse", str(path)]) == cli.EXIT_OK

    out = capsys.readouterr()
    assert f"(schema version {latest_version()})" in out.out
    assert "upgraded" in out.err
    assert ledger(path) == [version for version, _, _ in warehouse.migrations()]
    assert table_rows(path, columns) == before
    with warehouse.session(path, read_only=True) as con:
        for view in VIEWS:
            assert con.execute(f"SELECT count(*) FROM {view}").fetchall()[0][0] > 0, view
        assert con.execute("SELECT count(*) FROM article_overview").fetchall() == [(45,)]


def test_an_up_to_date_warehouse_is_left_alone(tmp_path: Path) -> None:
    path = upgraded_copy(tmp_path)
    stamp = path.stat().st_mtime_ns
    assert warehouse.upgrade(path) == []
    assert path.stat().st_mtime_ns == stamp


def sql_dir_with(tmp_path: Path, extra: dict[str, str]) -> Path:
    sql_dir = tmp_path / "sql"
    sql_dir.mkdir()
    shutil.copy(SQL_DIR / "0001_initial.sql", sql_dir / "0001_initial.sql")
    for name, text in extra.items():
        (sql_dir / name).write_text(text, encoding="utf-8")
    return sql_dir


BROKEN = """
CREATE TABLE half_done (x INTEGER);
ALTER TABLE articles ADD COLUMN half_done_flag BOOLEAN;
SELECT * FROM no_such_table;
"""


def test_a_failing_migration_rolls_back_its_ddl_and_its_ledger_row(tmp_path: Path) -> None:
    path = v1_copy(tmp_path / "wh")
    before = table_rows(path)
    sql_dir = sql_dir_with(tmp_path, {"0002_broken.sql": BROKEN})

    with pytest.raises(duckdb.CatalogException, match="no_such_table"), warehouse.session(path) as con:
        warehouse.migrate(con, sql_dir)

    assert ledger(path) == [1]
    with warehouse.session(path, read_only=True) as con:
        assert warehouse.schema_version(con) == 1
        tables = {row[0] for row in con.execute("SELECT table_name FROM duckdb_tables()").fetchall()}
        cursor = con.execute("SELECT column_name FROM duckdb_columns() WHERE table_name = ?", ["articles"])
        columns = {row[0] for row in cursor.fetchall()}
    assert "half_done" not in tables
    assert "half_done_flag" not in columns
    assert table_rows(path) == before

    # Fixed, the same migration then applies cleanly.
    (sql_dir / "0002_broken.sql").write_text("CREATE TABLE half_done (x INTEGER);", encoding="utf-8")
    assert warehouse.upgrade(path, sql_dir) == [2]
    assert ledger(path) == [1, 2]


def test_a_migration_numbered_below_the_latest_applied_one_still_runs(tmp_path: Path) -> None:
    """0002 (MinHash) may land after 0003 (views) was applied somewhere: the ledger is a set, not a high-water mark."""
    path = v1_copy(tmp_path / "wh")
    sql_dir = sql_dir_with(tmp_path, {"0003_later.sql": "CREATE TABLE three (x INTEGER);"})
    assert warehouse.upgrade(path, sql_dir) == [3]
    (sql_dir / "0002_earlier.sql").write_text("CREATE TABLE two (x INTEGER);", encoding="utf-8")
    assert warehouse.upgrade(path, sql_dir) == [2]
    assert ledger(path) == [1, 2, 3]


def test_pending_migrations_land_together_or_not_at_all(tmp_path: Path) -> None:
    """A warehouse two versions behind must not stop at a version between them when the second one fails."""
    path = v1_copy(tmp_path / "wh")
    before = table_rows(path)
    sql_dir = sql_dir_with(tmp_path, {"0002_good.sql": "CREATE TABLE two (x INTEGER);", "0003_broken.sql": BROKEN})

    with pytest.raises(duckdb.CatalogException, match="no_such_table"):
        warehouse.upgrade(path, sql_dir)

    assert ledger(path) == [1]
    with warehouse.session(path, read_only=True) as con:
        tables = {row[0] for row in con.execute("SELECT table_name FROM duckdb_tables()").fetchall()}
    assert not {"two", "half_done"} & tables
    assert table_rows(path) == before

    (sql_dir / "0003_broken.sql").write_text("CREATE TABLE three (x INTEGER);", encoding="utf-8")
    assert warehouse.upgrade(path, sql_dir) == [2, 3]
    assert ledger(path) == [1, 2, 3]


def test_upgrade_leaves_dates_and_addresses_empty_on_old_rows_and_allows_url_merges(tmp_path: Path) -> None:
    """0004 adds dates and addresses: rows loaded before it get NULLs, and kind 'url' becomes a legal repeat.

    (That the old rows, kinds included, come through unchanged is test_status_upgrades_... above.)
    """
    path = v1_copy(tmp_path)
    with warehouse.session(path) as con, pytest.raises(duckdb.ConstraintException):
        con.execute("UPDATE merges SET kind = 'url' WHERE position = (SELECT min(position) FROM merges)")

    warehouse.upgrade(path)

    with warehouse.session(path, read_only=True) as con:
        nulls = con.execute(
            "SELECT count(*), count(published), count(url_key) FROM articles "
            "UNION ALL SELECT count(*), count(published), count(url) FROM sightings"
        ).fetchall()
    assert nulls == [(45, 0, 0), (58, 0, 0)]
    with warehouse.session(path) as con:
        con.execute("UPDATE merges SET kind = 'url' WHERE position = (SELECT min(position) FROM merges)")
        con.execute("UPDATE sightings SET kind = 'url' WHERE kind = 'exact'")
        with pytest.raises(duckdb.ConstraintException):
            con.execute("UPDATE sightings SET kind = 'guess' WHERE kind = 'url'")
        # The views of 0003 still answer over the rebuilt tables.
        url_groups = con.execute("SELECT count(*) FROM repeat_groups WHERE list_contains(merge_kinds, 'url')")
        assert url_groups.fetchall()[0][0] > 0


def test_a_failing_backfill_rolls_back_the_whole_upgrade(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """0004's Python step runs in its transaction: if it fails, the rebuilt tables and new columns are undone."""
    path = v1_copy(tmp_path)
    before = table_rows(path)

    def broken(con: duckdb.DuckDBPyConnection) -> None:
        con.execute("UPDATE articles SET url_key = 'half done'")
        raise RuntimeError("backfill failed")

    monkeypatch.setitem(warehouse.BACKFILLS, "0004_dates_and_urls", broken)
    with pytest.raises(RuntimeError, match="backfill failed"):
        warehouse.upgrade(path)

    assert ledger(path) == [1]
    columns = table_columns(path)
    assert "url_key" not in columns["articles"] and "url" not in columns["sightings"]
    assert table_rows(path) == before
    monkeypatch.undo()
    warehouse.upgrade(path)
    assert ledger(path) == [version for version, _, _ in warehouse.migrations()]
