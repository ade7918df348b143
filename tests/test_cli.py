"""The dumpflow command: query formats, read-only access, exit codes, status."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
import time
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


def test_a_path_that_does_not_exist_is_a_usage_error_that_writes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "wh" / "w.duckdb"
    assert main(["ingest", str(tmp_path / "nonexistent"), "--warehouse", str(db)]) == 2
    err = capsys.readouterr().err
    assert err == f"dumpflow: no such file or folder: {tmp_path / 'nonexistent'}\n"
    assert not db.parent.exists()  # no warehouse, no lock file, no rejected row


def test_an_empty_folder_says_so_and_creates_nothing(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    empty = tmp_path / "landing"
    (empty / "sub").mkdir(parents=True)
    (empty / ".hidden").write_text("skipped, like every hidden file", encoding="utf-8")
    db = tmp_path / "wh" / "w.duckdb"
    assert main(["ingest", str(empty), "--warehouse", str(db)]) == 0
    assert capsys.readouterr().err == f"dumpflow: no dump files under {empty}; nothing to do\n"
    assert not db.parent.exists()
    assert main(["ingest", str(empty), "--warehouse", str(db), "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["status"] == "no_files"


def test_an_empty_folder_adds_no_run_to_an_existing_warehouse(
    loaded_db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    runs = scalar(loaded_db, "select count(*) from runs")
    assert main(["ingest", str(tmp_path), "--warehouse", str(loaded_db)]) == 0
    assert scalar(loaded_db, "select count(*) from runs") == runs


def test_status_json_has_stable_keys(loaded_db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["status", "--json", "--warehouse", str(loaded_db)]) == 0
    data = json.loads(capsys.readouterr().out)
    assert set(data) == {"version", "warehouse", "schema_version", "tables", "runs", "rejected"}
    assert data["tables"]["articles"] == 45 and data["tables"]["sightings"] == 58
    assert data["runs"][0]["status"] == "completed" and data["runs"][0]["n_new_articles"] == 45
    assert set(data["runs"][0]) == {
        "run_id", "started_at", "finished_at", "status", "n_files", "n_loaded", "n_already_loaded",
        "n_rejected", "n_entries", "n_new_articles", "n_repeats", "error",
    }  # fmt: skip


def test_ingest_json_summary_and_no_progress_off_a_terminal(
    seeds_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], prefect_server: None
) -> None:
    """Under pytest stderr is not a terminal: the bar must not be drawn, and stdout is only the JSON."""
    (seeds_dir / "empty.txt").write_bytes(b"")
    db = tmp_path / "w.duckdb"
    started = time.time()
    assert main(["ingest", str(seeds_dir), "--warehouse", str(db), "--json"]) == 0
    captured = capsys.readouterr()
    data = json.loads(captured.out)
    assert data["status"] == "completed" and data["warehouse"] == str(db)
    assert (data["files_seen"], data["files_new"], data["files_rejected"], data["entries"]) == (6, 5, 1, 58)
    assert data["rejections"] == [
        {"source_name": "empty.txt", "source_path": str(seeds_dir / "empty.txt"), "reason": "empty file"}
    ]
    assert data["batches"] == data["batches_loaded"] == 1
    # The closing checkpoint is timed with the run, and the clock readings around the flow are in order.
    assert list(data["stage_seconds"]) == ["prepare", "dedup", "annotate", "load", "checkpoint"]
    times = data["timeline"]
    assert times["flow_seconds"] == data["seconds"]
    assert started < times["flow_called"] < times["flow_began"]
    assert times["flow_began"] + times["flow_seconds"] <= times["flow_returned"] < time.time()
    assert "files" not in captured.err and "\r" not in captured.err and "\x1b" not in captured.err


def test_forget_then_reingest_restores_the_same_warehouse(
    seeds_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], prefect_server: None
) -> None:
    from tests.builders import snapshot
    from tests.invariants import assert_consistent

    db = tmp_path / "w.duckdb"
    ingest(paths=[str(seeds_dir)], warehouse_file=str(db))
    before = snapshot(db)
    last = sorted(seeds_dir.iterdir())[-1]
    assert main(["forget", str(last), "--warehouse", str(db)]) == 0
    out = capsys.readouterr().out
    assert out.startswith(f"forgot {last.name} (") and "note:" not in out  # its repeats were exact: nothing kept
    assert_consistent(db)
    after = snapshot(db)
    assert scalar(db, "select count(*) from dumps where source_name = ?", [last.name]) == 0
    assert len(after["sightings"]) == len(before["sightings"]) - 12
    assert len(after["articles"]) == len(before["articles"]) - 9  # the 9 only it sighted
    assert main(["forget", str(last), "--warehouse", str(db)]) == 2  # gone: unknown now
    assert "no dump" in capsys.readouterr().err
    summary = ingest(paths=[str(last)], warehouse_file=str(db))
    assert summary.files_new == 1
    assert_consistent(db)
    assert snapshot(db) == before


def test_forget_a_dump_others_repeat_keeps_their_articles(
    seeds_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], prefect_server: None
) -> None:
    """The first seed introduced articles later dumps repeat: they stay, pointing at dumps that still exist."""
    from tests.invariants import assert_consistent

    db = tmp_path / "w.duckdb"
    ingest(paths=[str(seeds_dir)], warehouse_file=str(db))
    first = sorted(seeds_dir.iterdir())[0]
    dump_id = scalar(db, "select dump_id from dumps where source_name = ?", [first.name])
    shared = scalar(
        db,
        "select count(distinct article_id) from sightings where dump_id = ? and article_id in "
        "(select article_id from sightings where dump_id <> ?)",
        [dump_id, dump_id],
    )
    assert shared > 0
    assert main(["forget", dump_id[:12], "--warehouse", str(db)]) == 0
    out = capsys.readouterr().out
    assert f"{shared} kept (sighted elsewhere)" in out and "note:" in out
    assert_consistent(db)
    assert scalar(db, "select count(*) from articles where ? in (first_dump_id, last_dump_id)", [dump_id]) == 0
    assert scalar(db, "select count(*) from merges where dump_id = ?", [dump_id]) == 0


def test_forget_removes_a_rejected_row_and_refuses_unknown_dumps(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], prefect_server: None
) -> None:
    landing = tmp_path / "landing"
    landing.mkdir()
    (landing / "scan.txt").write_bytes(b"%PDF-1.4\n" + bytes(range(256)))
    db = tmp_path / "w.duckdb"
    ingest(paths=[str(landing)], warehouse_file=str(db))
    assert scalar(db, "select count(*) from dumps where status = 'rejected'") == 1
    assert main(["forget", "scan.txt", "--warehouse", str(db)]) == 0
    assert "(" in capsys.readouterr().out
    assert scalar(db, "select count(*) from dumps") == 0
    for unknown in ("scan.txt", "0" * 64, "abc"):
        assert main(["forget", unknown, "--warehouse", str(db)]) == 2
        err = capsys.readouterr().err
        assert err.startswith("dumpflow: no dump in") and err.count("\n") == 1
    assert main(["forget", "x", "--warehouse", str(tmp_path / "none.duckdb")]) == 2
    assert not (tmp_path / "none.duckdb").exists()


def test_a_busy_warehouse_is_a_failure_not_a_usage_error(
    loaded_db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Exit 1 (try again later), like a busy ingest; 2 stays for what the user must change."""
    holder = subprocess.Popen(
        [sys.executable, "-c", "import duckdb, sys, time; c = duckdb.connect(sys.argv[1]); print(1, flush=True); "
         "time.sleep(60)", str(loaded_db)],
        stdout=subprocess.PIPE, text=True,
    )  # fmt: skip
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "1"
        assert main(["status", "--wait", "0.5", "--warehouse", str(loaded_db)]) == 1
    finally:
        holder.kill()
        holder.wait()
    err = capsys.readouterr().err
    assert "in use by another process" in err and err.count("\n") == 1
