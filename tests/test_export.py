"""`dumpflow export`: read the files back with DuckDB and compare them with the warehouse."""

from __future__ import annotations

import csv
import json
import re
from pathlib import Path

import duckdb
import pyarrow as pa
import pyarrow.dataset as ds
import pyarrow.parquet as pq
import pytest

from dumpflow import cli, export, warehouse
from tests.warehouse_copies import upgraded_copy

COLUMNS = {
    "articles": "article_id, title, body, lang, lang_confidence, lang_method, is_truncated, n_chars, url, "
    "first_seen, last_seen, first_dump_id, last_dump_id, match_key",
    "sightings": "dump_id, position, article_id, raw_text, line_no, kind, similarity",
    "dumps": "dump_id, source_name, source_path, format, status, reason, n_entries, n_new_articles, n_repeats, "
    "n_dropped, encoding, partial_tail, size_bytes, ingested_at, run_id",
    "article_topics": "article_id, topic, score, evidence",
    "merges": "article_id, dump_id, position, kind, similarity",
}


@pytest.fixture
def db(tmp_path: Path) -> Path:
    return upgraded_copy(tmp_path / "wh")


def parquet_glob(out: Path, table: str) -> str:
    return str(out / table / "**" / "*.parquet")


def test_parquet_export_round_trips_every_content_table(db: Path, tmp_path: Path) -> None:
    out = tmp_path / "export"
    assert cli.main(["export", str(out), "--warehouse", str(db)]) == cli.EXIT_OK

    con = duckdb.connect()
    con.execute("ATTACH ? AS wh (READ_ONLY)", [str(db)])
    for table, columns in COLUMNS.items():
        exported = con.execute(
            f"SELECT {columns} FROM read_parquet(?, hive_partitioning = true) ORDER BY ALL",
            [parquet_glob(out, table)],
        ).fetchall()
        original = con.execute(f"SELECT {columns} FROM wh.{table} ORDER BY ALL").fetchall()
        assert len(exported) == len(original) > 0, table
        assert exported == original, table


def test_articles_are_hive_partitioned_by_first_seen_date(db: Path, tmp_path: Path) -> None:
    out = tmp_path / "export"
    assert cli.main(["export", str(out), "--warehouse", str(db)]) == cli.EXIT_OK

    partitions = sorted(p.name for p in (out / "articles").iterdir())
    assert partitions and all(re.fullmatch(r"first_seen_date=\d{4}-\d{2}-\d{2}", name) for name in partitions)
    con = duckdb.connect()
    con.execute("ATTACH ? AS wh (READ_ONLY)", [str(db)])
    by_partition = con.execute(
        "SELECT first_seen_date, count(*) FROM read_parquet(?, hive_partitioning = true) GROUP BY 1 ORDER BY 1",
        [parquet_glob(out, "articles")],
    ).fetchall()
    assert (
        by_partition
        == con.execute("SELECT first_seen::DATE, count(*) FROM wh.articles GROUP BY 1 ORDER BY 1").fetchall()
    )
    kind = con.execute(
        "SELECT DISTINCT typeof(first_seen_date) FROM read_parquet(?, hive_partitioning = true)",
        [parquet_glob(out, "articles")],
    ).fetchall()
    assert kind == [("DATE",)]


def test_export_is_repeatable_byte_for_byte(db: Path, tmp_path: Path) -> None:
    with warehouse.session(db, read_only=True) as con:
        first = export.export(con, tmp_path / "a")
        second = export.export(con, tmp_path / "b")
    assert first.files == second.files
    for name in first.files:
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes(), name


def test_a_non_empty_directory_needs_overwrite(db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "export"
    out.mkdir()
    (out / "keep.txt").write_text("mine", encoding="utf-8")

    assert cli.main(["export", str(out), "--warehouse", str(db)]) == cli.EXIT_USAGE
    assert "not empty" in capsys.readouterr().err
    assert sorted(p.name for p in out.iterdir()) == ["keep.txt"]

    assert cli.main(["export", str(out), "--warehouse", str(db), "--overwrite"]) == cli.EXIT_OK
    assert sorted(p.name for p in out.iterdir()) == sorted(COLUMNS)
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".export-")]  # no staging folder left


def test_an_empty_existing_directory_is_fine(db: Path, tmp_path: Path) -> None:
    out = tmp_path / "export"
    out.mkdir()
    assert cli.main(["export", str(out), "--warehouse", str(db)]) == cli.EXIT_OK
    assert (out / "dumps" / "data_0.parquet").is_file()


def test_csv_export_has_one_file_per_table_with_every_row(db: Path, tmp_path: Path) -> None:
    out = tmp_path / "csv"
    assert cli.main(["export", str(out), "--format", "csv", "--warehouse", str(db)]) == cli.EXIT_OK

    con = duckdb.connect()
    con.execute("ATTACH ? AS wh (READ_ONLY)", [str(db)])
    for table in COLUMNS:
        exported = con.execute("SELECT count(*) FROM read_csv(?, header = true)", [str(out / f"{table}.csv")])
        assert exported.fetchall() == con.execute(f"SELECT count(*) FROM wh.{table}").fetchall(), table
    # Evidence lists go out as JSON, which survives a comma inside an item.
    with (out / "article_topics.csv").open(encoding="utf-8", newline="") as handle:
        exported_topics = sorted(
            (r["article_id"], r["topic"], json.loads(r["evidence"])) for r in csv.DictReader(handle)
        )
    original = con.execute("SELECT article_id, topic, evidence FROM wh.article_topics ORDER BY ALL").fetchall()
    assert exported_topics == sorted((a, t, e) for a, t, e in original)


def test_export_reads_the_warehouse_without_writing_it(db: Path, tmp_path: Path) -> None:
    stamp = db.stat().st_mtime_ns
    assert cli.main(["export", str(tmp_path / "export"), "--warehouse", str(db)]) == cli.EXIT_OK
    assert db.stat().st_mtime_ns == stamp


def test_a_reader_other_than_duckdb_sees_the_same_tables(db: Path, tmp_path: Path) -> None:
    """Spark and Trino read hive folders the way Arrow does, and refuse a partition column repeated in the files."""
    out = tmp_path / "export"
    assert cli.main(["export", str(out), "--warehouse", str(db)]) == cli.EXIT_OK

    articles = ds.dataset(out / "articles", format="parquet", partitioning="hive")
    with warehouse.session(db, read_only=True) as con:
        first_seen_dates = con.execute("SELECT strftime(first_seen, '%Y-%m-%d') FROM articles").fetchall()
        counts = {t: con.execute(f"SELECT count(*) FROM {t}").fetchall()[0][0] for t in COLUMNS}
    table = articles.to_table()
    assert sorted(table.column("first_seen_date").to_pylist()) == sorted(d for (d,) in first_seen_dates)
    for data_file in (out / "articles").rglob("*.parquet"):
        assert export.PARTITION_COLUMN not in pq.read_schema(data_file).names
    for name, expected in counts.items():
        assert ds.dataset(out / name, format="parquet", partitioning="hive").count_rows() == expected, name
    evidence = pq.read_table(out / "article_topics" / "data_0.parquet").schema.field("evidence").type
    assert evidence == pa.list_(pa.string())


def test_export_reports_one_step_per_table(db: Path, tmp_path: Path) -> None:
    from tests.builders import ProgressLog

    heard = ProgressLog()
    with warehouse.session(db, read_only=True) as con:
        export.export(con, tmp_path / "out", progress=heard)
    assert heard.started == [("export", len(export.TABLES), "tables")]
    assert heard.steps == [(1, 0)] * len(export.TABLES)
