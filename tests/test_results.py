"""dumpflow/results.py through `dumpflow query`: DuckDB's own renderer and writers, bound parameters, full errors."""

from __future__ import annotations

import contextlib
import csv
import io
import json
from pathlib import Path

import duckdb
import pytest

from dumpflow.cli import main
from tests.warehouse_copies import upgraded_copy

# One row of every kind the old hand-made formatter got wrong or never saw.
KINDS = (
    "SELECT INTERVAL 3 DAY + INTERVAL 4 HOUR AS wait, [1, 2, 3] AS ids, ['a,b', 'c\"d'] AS words, "
    "{'k': 'é', 'n': [1, NULL]} AS rec, TIMESTAMP '2024-02-29 13:14:15' AS seen, NULL::INTEGER AS nothing, "
    "'中文 «quotes», \"and\" commas' AS text"
)


@pytest.fixture
def db(tmp_path: Path) -> Path:
    return upgraded_copy(tmp_path / "wh")


def query(db: Path, *args: str) -> list[str]:
    return ["query", *args, "--warehouse", str(db)]


def test_json_writes_intervals_lists_structs_and_nulls(db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(query(db, KINDS, "--format", "json")) == 0
    (row,) = json.loads(capsys.readouterr().out)
    assert row == {
        "wait": "3 days 04:00:00",
        "ids": [1, 2, 3],
        "words": ["a,b", 'c"d'],
        "rec": {"k": "é", "n": [1, None]},
        "seen": "2024-02-29 13:14:15",
        "nothing": None,
        "text": '中文 «quotes», "and" commas',
    }


def test_csv_writes_nested_values_as_json_not_python_reprs(db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(query(db, KINDS, "--format", "csv")) == 0
    (row,) = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert json.loads(row["ids"]) == [1, 2, 3]
    assert json.loads(row["words"]) == ["a,b", 'c"d']
    assert json.loads(row["rec"]) == {"k": "é", "n": [1, None]}
    assert row["wait"] == "3 days 04:00:00"
    assert row["seen"] == "2024-02-29 13:14:15"
    assert row["nothing"] == ""
    assert row["text"] == '中文 «quotes», "and" commas'


def test_table_is_duckdbs_box_rendering(db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(query(db, KINDS, "--max-width", "300")) == 0
    out = capsys.readouterr().out
    header = next(line for line in out.splitlines() if "wait" in line)
    assert header.startswith("│") and "ids" in header and "text" in header
    assert "3 days 04:00:00" in out and "NULL" in out and "中文" in out
    assert "interval" in out and "struct(" in out  # DuckDB prints the column types under the names


def test_max_rows_shows_the_first_and_last_rows(db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    sql = "SELECT range AS n FROM range(1000)"
    assert main(query(db, sql, "--max-rows", "6")) == 0
    numbers = {int(cell) for line in capsys.readouterr().out.splitlines() if (cell := line.strip("│ ")).isdigit()}
    assert numbers == {0, 1, 2, 997, 998, 999}


def test_max_width_bounds_the_table(db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    sql = "SELECT body FROM articles ORDER BY n_chars DESC LIMIT 3"
    assert main(query(db, sql, "--max-width", "200")) == 0
    wide = max(len(line) for line in capsys.readouterr().out.splitlines())
    assert main(query(db, sql, "--max-width", "90")) == 0
    narrow = max(len(line) for line in capsys.readouterr().out.splitlines())
    assert 150 < wide <= 200 and narrow <= 90


def test_parquet_needs_out_and_round_trips(db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(query(db, KINDS, "--format", "parquet")) == 2
    assert "--out" in capsys.readouterr().err
    target = tmp_path / "out" / "kinds.parquet"
    assert main(query(db, KINDS, "--format", "parquet", "--out", str(target))) == 0
    assert capsys.readouterr().out == ""
    con = duckdb.connect()
    expected = con.sql(KINDS).fetchall()
    assert con.sql("FROM read_parquet(?)", params=[str(target)]).fetchall() == expected
    assert [p.name for p in target.parent.iterdir()] == ["kinds.parquet"]  # no staging file left


@pytest.mark.parametrize("fmt", ["csv", "json"])
def test_out_writes_the_same_bytes_as_stdout(
    db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], fmt: str
) -> None:
    assert main(query(db, KINDS, "--format", fmt)) == 0
    printed = capsys.readouterr().out
    target = tmp_path / f"kinds.{fmt}"
    assert main(query(db, KINDS, "--format", fmt, "--out", str(target))) == 0
    assert target.read_text(encoding="utf-8") == printed


def test_table_with_out_is_a_usage_error(db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(query(db, "SELECT 1", "--out", str(tmp_path / "x.txt"))) == 2
    assert "terminal" in capsys.readouterr().err
    assert not (tmp_path / "x.txt").exists()


def test_a_failed_write_keeps_the_old_file(db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "kept.csv"
    target.write_text("old\n", encoding="utf-8")
    failing = "SELECT (CASE WHEN range < 5000 THEN '1' ELSE 'x' END)::INTEGER AS n FROM range(10000)"
    assert main(query(db, failing, "--format", "csv", "--out", str(target))) == 2
    assert "Could not convert string 'x'" in capsys.readouterr().err
    assert target.read_text(encoding="utf-8") == "old\n"
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".kept")] == []


def test_param_values_are_bound(db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    sql = "SELECT count(*) AS n FROM article_topics WHERE topic = ?"
    counts = {}
    for topic in ("self-supervised", "multimodal", "no-such-topic"):
        assert main(query(db, sql, "--param", topic, "--format", "csv")) == 0
        counts[topic] = int(capsys.readouterr().out.splitlines()[1])
    assert counts == {"self-supervised": 6, "multimodal": 4, "no-such-topic": 0}
    assert main(query(db, "SELECT $2 || '-' || $1 AS joined", "--param", "a", "--param", "b", "--format", "csv")) == 0
    assert capsys.readouterr().out.splitlines() == ["joined", "b-a"]


def test_a_param_cannot_inject_sql(db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    hostile = "multimodal' OR '1'='1"
    sql = "SELECT count(*) AS n FROM article_topics WHERE topic = ?"
    assert main(query(db, sql, "--param", hostile, "--format", "csv")) == 0
    assert capsys.readouterr().out.splitlines() == ["n", "0"]
    statement = "x'; DROP TABLE articles; --"
    assert main(query(db, "SELECT ? AS v", "--param", statement, "--format", "json")) == 0
    assert json.loads(capsys.readouterr().out) == [{"v": statement}]
    assert main(query(db, "SELECT count(*) AS n FROM articles", "--format", "csv")) == 0
    assert capsys.readouterr().out.splitlines() == ["n", "45"]


def test_a_missing_or_extra_param_is_duckdbs_error(db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(query(db, "SELECT ? AS v")) == 2
    assert "Values were not provided for the following parameters" in capsys.readouterr().err
    assert main(query(db, "SELECT 1 AS v", "--param", "x")) == 2
    assert "count mismatch" in capsys.readouterr().err


def test_sql_errors_keep_duckdbs_hints(db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(query(db, "SELECT * FROM article")) == 2
    err = capsys.readouterr().err
    assert err.startswith("dumpflow: SQL error: Catalog Error:") and 'Did you mean "articles"' in err
    assert "Traceback" not in err
    assert main(query(db, "SELECT tittle FROM articles")) == 2
    err = capsys.readouterr().err
    assert "tittle" in err and '"title"' in err  # DuckDB's candidate bindings


def test_a_runtime_error_while_streaming_is_reported(db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    failing = "SELECT (CASE WHEN range < 5000 THEN '1' ELSE 'x' END)::INTEGER AS n FROM range(10000)"
    assert main(query(db, failing, "--format", "json")) == 2
    err = capsys.readouterr().err
    assert err.startswith("dumpflow: SQL error:") and "Traceback" not in err


def test_stdout_without_a_byte_buffer_gets_the_same_text(db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Python code that swaps stdout for a StringIO (a notebook, contextlib.redirect_stdout) still gets the rows."""
    assert main(query(db, KINDS, "--format", "csv")) == 0
    expected = capsys.readouterr().out
    swapped = io.StringIO()
    with contextlib.redirect_stdout(swapped):
        assert main(query(db, KINDS, "--format", "csv")) == 0
    assert swapped.getvalue() == expected


def test_an_unwritable_out_is_one_line_and_exit_1(db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder", encoding="utf-8")
    assert main(query(db, "SELECT 1 AS n", "--format", "csv", "--out", str(blocker / "x.csv"))) == 1
    err = capsys.readouterr().err
    assert err.startswith(f"dumpflow: cannot write {blocker / 'x.csv'}:") and err.count("\n") == 1
    assert blocker.read_text(encoding="utf-8") == "not a folder"
