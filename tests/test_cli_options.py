"""Every option of `dumpflow` changes what its command does, and a test proves it for each one.

An option that parses and does nothing is a defect. INVENTORY names, for each
(command, option) of `dumpflow.cli.build_parser()`, the tests that fail when
the option is ignored. Each entry was checked by resetting that one option to
its default right after parsing and watching the named tests fail
(docs/cli-options.md). The guard tests below fail when the parser gains an
option without an entry, or an entry names a test that no longer exists. The
option tests no other file had live here too.
"""

from __future__ import annotations

import argparse
import ast
import json
import os
import re
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from dumpflow import cli, warehouse
from dumpflow.cli import build_parser, main
from tests.conftest import ROOT
from tests.terminal import on_a_terminal
from tests.warehouse_copies import upgraded_copy, v1_copy

TOP = "dumpflow"  # the command column for options of `dumpflow` itself

# (command, longest option string, or the dest of a positional) -> "file::test function", every one of which
# fails when that option is ignored.
INVENTORY: dict[tuple[str, str], list[str]] = {
    (TOP, "--version"): ["test_config.py::test_version"],
    ("ingest", "paths"): ["test_cli.py::test_ingest_json_summary_and_no_progress_off_a_terminal"],
    ("ingest", "--warehouse"): ["test_cli.py::test_ingest_json_summary_and_no_progress_off_a_terminal"],
    ("ingest", "--max-bytes"): ["test_cli_options.py::test_ingest_max_bytes_rejects_larger_files"],
    ("ingest", "--quiet"): ["test_interrupt.py::test_the_progress_bar_is_drawn_on_a_terminal_and_not_under_quiet"],
    ("ingest", "--json"): [
        "test_cli.py::test_ingest_json_summary_and_no_progress_off_a_terminal",
        "test_cli.py::test_an_empty_folder_says_so_and_creates_nothing",
    ],
    ("ingest", "--runner"): [
        "test_dask_cli.py::test_flags_that_do_not_fit_are_a_usage_error",
        "test_dask_cli.py::test_an_address_where_nothing_listens_fails_fast_and_records_nothing",
        "test_dask_cli.py::test_local_cluster_has_the_workers_asked_for_and_gives_the_same_warehouse",
    ],
    ("ingest", "--workers"): [
        "test_dask_cli.py::test_flags_that_do_not_fit_are_a_usage_error",
        "test_dask_cli.py::test_local_cluster_has_the_workers_asked_for_and_gives_the_same_warehouse",
    ],
    ("ingest", "--dask-address"): [
        "test_dask_cli.py::test_flags_that_do_not_fit_are_a_usage_error",
        "test_dask_cli.py::test_an_address_where_nothing_listens_fails_fast_and_records_nothing",
        "test_dask_cli.py::test_address_runs_the_stages_on_that_cluster",
    ],
    ("serve", "paths"): ["test_serve.py::test_serve_creates_the_nightly_deployment"],
    ("serve", "--warehouse"): ["test_serve.py::test_serve_creates_the_nightly_deployment"],
    ("serve", "--cron"): ["test_serve.py::test_serve_creates_the_nightly_deployment"],
    ("serve", "--timezone"): [
        "test_serve.py::test_serve_creates_the_nightly_deployment",
        "test_serve.py::test_serve_rejects_a_bad_time_zone_before_contacting_the_server",
    ],
    ("serve", "--retries"): ["test_serve.py::test_a_failed_run_changes_nothing_and_says_why"],
    ("serve", "--retry-delay"): ["test_serve.py::test_a_transient_failure_is_retried"],
    ("query", "sql"): ["test_cli.py::test_query_csv_and_json_agree"],
    ("query", "--warehouse"): ["test_cli_options.py::test_the_warehouse_option_wins_over_the_environment"],
    ("query", "--param"): ["test_results.py::test_param_values_are_bound"],
    ("query", "--format"): ["test_cli.py::test_query_csv_and_json_agree"],
    ("query", "--out"): ["test_results.py::test_out_writes_the_same_bytes_as_stdout"],
    ("query", "--max-width"): ["test_results.py::test_max_width_bounds_the_table"],
    ("query", "--max-rows"): ["test_results.py::test_max_rows_shows_the_first_and_last_rows"],
    ("query", "--wait"): ["test_cli_options.py::test_wait_is_how_long_a_reader_waits_for_a_busy_warehouse"],
    ("status", "--warehouse"): ["test_cli_options.py::test_the_warehouse_option_wins_over_the_environment"],
    ("status", "--runs"): ["test_cli_options.py::test_status_runs_is_how_many_runs_are_shown"],
    ("status", "--wait"): ["test_cli_options.py::test_wait_is_how_long_a_reader_waits_for_a_busy_warehouse"],
    ("status", "--json"): ["test_cli.py::test_status_json_has_stable_keys"],
    ("export", "directory"): ["test_export.py::test_parquet_export_round_trips_every_content_table"],
    ("export", "--format"): ["test_export.py::test_csv_export_has_one_file_per_table_with_every_row"],
    ("export", "--overwrite"): ["test_export.py::test_a_non_empty_directory_needs_overwrite"],
    ("export", "--warehouse"): ["test_cli_options.py::test_the_warehouse_option_wins_over_the_environment"],
    ("export", "--quiet"): ["test_cli_options.py::test_quiet_hides_the_bar_and_the_upgrade_note"],
    ("export", "--wait"): ["test_cli_options.py::test_wait_is_how_long_a_reader_waits_for_a_busy_warehouse"],
    ("report", "--out"): ["test_report.py::test_report_command_writes_the_file"],
    ("report", "--warehouse"): ["test_cli_options.py::test_the_warehouse_option_wins_over_the_environment"],
    ("report", "--wait"): ["test_cli_options.py::test_wait_is_how_long_a_reader_waits_for_a_busy_warehouse"],
    ("retag", "--warehouse"): ["test_cli_options.py::test_the_warehouse_option_wins_over_the_environment"],
    ("retag", "--quiet"): ["test_cli_options.py::test_quiet_hides_the_bar_and_the_upgrade_note"],
    ("forget", "dump"): ["test_cli.py::test_forget_removes_a_rejected_row_and_refuses_unknown_dumps"],
    ("forget", "--warehouse"): ["test_cli_options.py::test_the_warehouse_option_wins_over_the_environment"],
    ("check", "--warehouse"): ["test_cli_options.py::test_the_warehouse_option_wins_over_the_environment"],
    ("check", "--wait"): ["test_cli_options.py::test_wait_is_how_long_a_reader_waits_for_a_busy_warehouse"],
}


def parser_options() -> set[tuple[str, str]]:
    """Every (command, option) the parser accepts: options by their longest spelling, positionals by dest."""
    parser = build_parser()
    found = set()
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, sub in action.choices.items():
                for sub_action in sub._actions:
                    if not isinstance(sub_action, argparse._HelpAction):
                        found.add((name, max(sub_action.option_strings, key=len, default=sub_action.dest)))
        elif not isinstance(action, argparse._HelpAction):
            found.add((TOP, max(action.option_strings, key=len)))
    return found


def test_every_option_has_an_inventory_entry() -> None:
    """A new option needs a test that fails when it is ignored, named here; a removed one leaves no stale entry."""
    options = parser_options()
    assert sorted(options - INVENTORY.keys()) == [], "options without a test in INVENTORY"
    assert sorted(INVENTORY.keys() - options) == [], "INVENTORY entries for options the parser no longer has"
    assert all(INVENTORY.values())


def test_every_inventory_test_exists() -> None:
    defined: dict[str, set[str]] = {}
    missing = []
    for key, tests in sorted(INVENTORY.items()):
        for test in tests:
            file, _, function = test.partition("::")
            if file not in defined:
                path = ROOT / "tests" / file
                tree = ast.parse(path.read_text(encoding="utf-8")) if path.is_file() else ast.Module(body=[])
                defined[file] = {node.name for node in tree.body if isinstance(node, ast.FunctionDef)}
            if not (file.startswith("test_") and function.startswith("test_") and function in defined[file]):
                missing.append(f"{key}: {test}")
    assert missing == []


# --- the option tests no other file had ---------------------------------------------------------------


@pytest.fixture
def db(tmp_path: Path) -> Path:
    return upgraded_copy(tmp_path / "wh")


FIRST_DUMP = "000_9a7e15dbf89b9081.txt"


@pytest.mark.parametrize(
    ("argv", "says"),
    [
        (["query", "select count(*) as n from articles", "--format", "csv"], "n\n45\n"),
        (["status"], "(schema version"),
        (["export", "{tmp}/export"], "exported to"),
        (["report", "--out", "{tmp}/report.html"], "report: "),
        (["retag"], "articles: 45"),
        (["forget", FIRST_DUMP], f"forgot {FIRST_DUMP}"),
        (["check"], "OK"),
    ],
    ids=lambda v: v[0] if isinstance(v, list) else None,
)
def test_the_warehouse_option_wins_over_the_environment(
    argv: list[str],
    says: str,
    db: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """DUMPFLOW_WAREHOUSE names a file that does not exist: a command that ignored --warehouse would say so."""
    elsewhere = tmp_path / "elsewhere" / "w.duckdb"
    monkeypatch.setenv("DUMPFLOW_WAREHOUSE", str(elsewhere))
    assert main([arg.format(tmp=tmp_path) for arg in argv] + ["--warehouse", str(db)]) == cli.EXIT_OK
    assert says in capsys.readouterr().out
    assert not elsewhere.parent.exists()


@pytest.fixture
def held(db: Path) -> Iterator[Path]:
    """The warehouse with another process holding DuckDB's write lock on it, as an ingest does."""
    holder = subprocess.Popen(
        [sys.executable, "-c", "import duckdb, sys, time; c = duckdb.connect(sys.argv[1]); print(1, flush=True); "
         "time.sleep(120)", str(db)],
        stdout=subprocess.PIPE, text=True,
    )  # fmt: skip
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "1"
        yield db
    finally:
        holder.kill()
        holder.wait()


@pytest.mark.parametrize(
    "argv",
    [["query", "select 1"], ["status"], ["export", "{tmp}/export"], ["report", "--out", "{tmp}/r.html"], ["check"]],
    ids=lambda v: v[0],
)
def test_wait_is_how_long_a_reader_waits_for_a_busy_warehouse(
    argv: list[str], held: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """--wait 1 gives up after about a second; ignored, the reader would wait the default 30 s."""
    started = time.monotonic()
    code = main([arg.format(tmp=tmp_path) for arg in argv] + ["--wait", "1", "--warehouse", str(held)])
    elapsed = time.monotonic() - started
    err = capsys.readouterr().err
    assert code == cli.EXIT_FAILED
    assert "in use by another process" in err and "waited 1s" in err and err.count("\n") == 1, err
    assert elapsed < 15, f"{elapsed:.0f} s"


def test_status_runs_is_how_many_runs_are_shown(db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with warehouse.session(db) as con:
        for day in (1, 2, 3):
            con.execute(
                "INSERT INTO runs (run_id, started_at, status) VALUES (?, ?, 'completed')",
                [f"run-day-{day}", f"2030-01-0{day} 00:00:00"],
            )
    assert main(["status", "--runs", "2", "--json", "--warehouse", str(db)]) == 0
    assert [run["run_id"] for run in json.loads(capsys.readouterr().out)["runs"]] == ["run-day-3", "run-day-2"]
    assert main(["status", "--runs", "1", "--warehouse", str(db)]) == 0
    out = capsys.readouterr().out
    assert "run-day-3" in out and "run-day-2" not in out


def test_ingest_max_bytes_rejects_larger_files(
    seeds_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], prefect_server: None
) -> None:
    """Two seeds are over 10,000 bytes, the other three under; the default cap (64 MiB) would take them all."""
    big = sorted(p.name for p in seeds_dir.iterdir() if p.stat().st_size > 10_000)
    assert len(big) == 2
    db = tmp_path / "w.duckdb"
    assert main(["ingest", str(seeds_dir), "--warehouse", str(db), "--max-bytes", "10KB", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert (data["files_new"], data["files_rejected"]) == (3, 2)
    rejected = sorted((r["source_name"], r["reason"].split(":")[0]) for r in data["rejections"])
    assert rejected == [(name, "too large") for name in big]
    assert all("over the cap of 10000" in r["reason"] for r in data["rejections"])


ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")


def on_a_terminal_plain(argv: list[str], cwd: Path) -> tuple[int, str]:
    """`python -m dumpflow ...` with stderr on a pseudo-terminal; (exit code, what the terminal got, colours removed)."""
    code, _, screen = on_a_terminal(argv, cwd, {**os.environ, "PYTHONPATH": str(ROOT)}, columns=120, timeout=120)
    return code, ANSI.sub("", screen)


@pytest.mark.parametrize(
    ("argv", "bar"), [(["export", "out"], "5/5 tables"), (["retag"], "45/45 articles")], ids=["export", "retag"]
)
def test_quiet_hides_the_bar_and_the_upgrade_note(argv: list[str], bar: str, tmp_path: Path) -> None:
    """On a terminal, an old warehouse: the note and the bar without --quiet, nothing at all with it."""
    loud = v1_copy(tmp_path / "loud")
    code, screen = on_a_terminal_plain([*argv, "--warehouse", str(loud)], cwd=loud.parent)
    assert code == 0, screen
    assert f"dumpflow: upgraded {loud} with migrations" in screen and bar in screen, screen
    quiet = v1_copy(tmp_path / "quiet")
    code, screen = on_a_terminal_plain([*argv, "--warehouse", str(quiet), "--quiet"], cwd=quiet.parent)
    assert code == 0 and screen == "", screen
    with warehouse.session(quiet, read_only=True) as con:
        assert warehouse.pending_versions(con) == []  # upgraded all the same, only silently
