"""The dumpflow command: query formats, read-only access, exit codes, status."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from dumpflow.cli import main
from flows.ingest import ingest
from tests.builders import scalar
from tests.conftest import ROOT


@pytest.fixture(scope="module")
def loaded_db(tmp_path_factory: pytest.TempPathFactory, prefect_server: None) -> Path:
    from tests.conftest import SEEDS

    db = tmp_path_factory.mktemp("cli") / "cli.duckdb"
    ingest(paths=[str(p) for p in SEEDS], warehouse_file=str(db))
    return db


def test_query_table(loaded_db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    sql = "select topic, count(*) as n from article_topics group by 1 order by 2 desc, 1"
    assert main(["query", sql, "--warehouse", str(loaded_db)]) == 0
    out = capsys.readouterr().out
    body = [line for line in out.splitlines() if line.startswith("│ ")][2:]  # after the names and the types
    assert len(body) == 16 and body[0].startswith("│ self-supervised")


def test_query_csv_and_json_agree(loaded_db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    sql = "select article_id, lang, n_chars from articles order by article_id"
    assert main(["query", sql, "--format", "csv", "--warehouse", str(loaded_db)]) == 0
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert main(["query", sql, "--format", "json", "--warehouse", str(loaded_db)]) == 0
    data = json.loads(capsys.readouterr().out)
    assert len(rows) == len(data) == 45
    assert [r["article_id"] for r in rows] == [d["article_id"] for d in data]
    assert all(int(r["n_chars"]) == d["n_chars"] for r, d in zip(rows, data, strict=True))


def test_query_cannot_change_the_warehouse(loaded_db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    for sql in ["delete from articles", "drop table sightings", "insert into runs (run_id) values ('x')"]:
        assert main(["query", sql, "--warehouse", str(loaded_db)]) == 2
        err = capsys.readouterr().err
        # Refused before it reaches DuckDB (dumpflow/sqlguard.py); the read-only connection would refuse it too.
        assert err.startswith("dumpflow: refused:") and err.count("\n") == 1
    assert scalar(loaded_db, "select count(*) from articles") == 45


def test_sql_error_is_duckdbs_whole_text_and_exit_2(loaded_db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["query", "select nope from articles", "--warehouse", str(loaded_db)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("dumpflow: SQL error: Binder Error:") and "nope" in err
    assert "Candidate bindings" in err and "Traceback" not in err


def test_missing_warehouse_is_a_clear_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["query", "select 1", "--warehouse", str(tmp_path / "none.duckdb")]) == 2
    assert "no warehouse at" in capsys.readouterr().err
    assert not (tmp_path / "none.duckdb").exists()


def test_status_shows_counts_and_runs(loaded_db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["status", "--warehouse", str(loaded_db)]) == 0
    out = capsys.readouterr().out
    assert "schema version" in out
    assert "│ articles       │   45 │" in out or "│ articles       │ 45   │" in out
    assert "completed" in out


def test_warehouse_env_variable_is_the_default(
    loaded_db: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("DUMPFLOW_WAREHOUSE", str(loaded_db))
    assert main(["query", "select count(*) from sightings", "--format", "csv"]) == 0
    assert capsys.readouterr().out.splitlines()[1] == "58"


def test_console_script_end_to_end(tmp_path: Path) -> None:
    """`python -m dumpflow ingest` on a fresh machine: its own temporary Prefect server."""
    env = {**os.environ, "DUMPFLOW_WAREHOUSE": str(tmp_path / "w.duckdb")}
    env.pop("PREFECT_API_URL", None)
    done = subprocess.run(
        [sys.executable, "-m", "dumpflow", "ingest", str(ROOT / "raw")],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert "files seen: 5  new: 5  already loaded: 0  rejected: 0" in done.stdout
    assert "entries: 58  new articles: 45  repeats merged: 13" in done.stdout
    assert scalar(tmp_path / "w.duckdb", "select count(*) from articles") == 45


def test_closed_pipe_is_not_a_traceback(loaded_db: Path) -> None:
    """`dumpflow query ... | head -1`: the reader leaves early; no traceback, exit 0."""
    query = "select * from range(2000000)"
    cmd = f"{sys.executable} -m dumpflow query '{query}' --format csv --warehouse {loaded_db} | head -1"
    done = subprocess.run(["bash", "-o", "pipefail", "-c", cmd], capture_output=True, text=True, timeout=120)
    assert done.stdout == "range\n"
    assert "Traceback" not in done.stderr and "BrokenPipe" not in done.stderr
    assert done.returncode == 0
