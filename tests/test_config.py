"""Settings: every DUMPFLOW_* variable read and validated in dumpflow/config.py, and actually used.

Each setting has a test here or in test_flow.py that fails when the code
ignores it (the default would give another outcome).
"""

from __future__ import annotations

import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from dumpflow import __version__, cli, config, warehouse
from tests.conftest import ROOT


@pytest.mark.parametrize(
    ("text", "expected"),
    [("64MB", 64_000_000), ("64MiB", 64 * 2**20), ("1GB", 10**9), ("512k", 512_000), ("4096", 4096), ("2 KiB", 2048)],
)
def test_sizes_accept_bytes_and_units(text: str, expected: int, monkeypatch: pytest.MonkeyPatch) -> None:
    for name, read in [("DUMPFLOW_MAX_BYTES", config.max_bytes), ("DUMPFLOW_BATCH_BYTES", config.batch_bytes)]:
        monkeypatch.setenv(name, text)
        assert read() == expected
    assert config.parse_size(text) == expected


def test_explicit_values_win_over_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DUMPFLOW_MAX_BYTES", "1KB")
    monkeypatch.setenv("DUMPFLOW_WAREHOUSE", "/elsewhere/w.duckdb")
    assert config.max_bytes(5) == 5
    assert config.warehouse_path("here.duckdb") == Path("here.duckdb")
    assert config.warehouse_path() == Path("/elsewhere/w.duckdb")


def test_unset_and_empty_variables_give_the_defaults(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("WAREHOUSE", "MAX_BYTES", "BATCH_BYTES", "DUCKDB_MEMORY", "LOCK_TIMEOUT", "HOLD_SECONDS"):
        monkeypatch.setenv(f"DUMPFLOW_{name}", "")
    s = config.settings()
    assert (s.warehouse, s.max_bytes, s.batch_bytes) == (
        config.DEFAULT_WAREHOUSE,
        config.DEFAULT_MAX_BYTES,
        config.DEFAULT_BATCH_BYTES,
    )
    assert (s.lock_timeout, s.hold_seconds, config.duckdb_memory()) == (600.0, 120.0, "1000000000B")


@pytest.mark.parametrize(
    ("name", "value", "expected"),
    [
        ("DUMPFLOW_MAX_BYTES", "64XB", "expected bytes or a number with KB/MB/GB/KiB/MiB/GiB"),
        ("DUMPFLOW_BATCH_BYTES", "-1", "expected bytes or a number with KB/MB/GB/KiB/MiB/GiB"),
        ("DUMPFLOW_DUCKDB_MEMORY", "lots", "expected bytes or a number with KB/MB/GB/KiB/MiB/GiB"),
        ("DUMPFLOW_LOCK_TIMEOUT", "soon", "expected seconds, a number >= 0"),
        ("DUMPFLOW_HOLD_SECONDS", "0", "expected seconds, a number > 0"),
        ("DUMPFLOW_DASK_CONNECT_TIMEOUT", "never", "expected seconds, a number > 0"),
    ],
)
def test_a_bad_value_is_one_line_naming_the_variable_and_exit_2(
    name: str, value: str, expected: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv(name, value)
    with pytest.raises(config.SettingError, match=f"^{name}='{value}' is not"):
        config.settings()
    assert cli.main(["status", "--warehouse", "/nonexistent/w.duckdb"]) == cli.EXIT_USAGE
    err = capsys.readouterr().err
    assert err.startswith(f"dumpflow: {name}='{value}' is not") and expected in err and err.count("\n") == 1


def test_a_bad_size_on_the_command_line_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_:
        cli.main(["ingest", "--max-bytes", "64XB", "/nonexistent"])
    assert exit_.value.code == cli.EXIT_USAGE
    assert "'64XB' is not a size" in capsys.readouterr().err


def test_duckdb_memory_is_applied_to_every_connection(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DUMPFLOW_DUCKDB_MEMORY", "256MiB")
    con = warehouse.connect(tmp_path / "w.duckdb")
    try:
        limit = con.execute("SELECT current_setting('memory_limit')").fetchone()[0]
    finally:
        con.close()
    assert limit == "256.0 MiB"  # DuckDB's own rendering; the default would say 953.6 MiB (1GB)


def test_lock_timeout_is_how_long_a_writer_waits(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """The lock is released after 6 s: with the setting (1 s) forget gives up first; ignored (600 s) it succeeds."""
    db = tmp_path / "w.duckdb"
    warehouse.ensure(db)
    monkeypatch.setenv("DUMPFLOW_LOCK_TIMEOUT", "1")
    held, release = threading.Event(), threading.Event()

    def hold() -> None:
        with warehouse.writer_lock(db, timeout=5):
            held.set()
            release.wait(6)

    holder = threading.Thread(target=hold)
    holder.start()
    try:
        held.wait(5)
        started = time.monotonic()
        code = cli.main(["forget", "0" * 64, "--warehouse", str(db)])
        elapsed = time.monotonic() - started
    finally:
        release.set()
        holder.join()
    assert code == cli.EXIT_FAILED and 1 <= elapsed < 5
    assert "waited 1s" in capsys.readouterr().err


def test_version() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "dumpflow", "--version"], cwd=ROOT, capture_output=True, text=True, timeout=60
    )
    assert (done.returncode, done.stdout.strip()) == (0, f"dumpflow {__version__}")
