"""Ctrl-C, SIGTERM and the progress bar, on real `dumpflow ingest` processes.

One Prefect server serves the module (tests/fault_processes.py). Signals go
to the ingest's whole process group, as a terminal's Ctrl-C does, once the
warehouse shows a first batch loaded (polled read-only, which makes the
writer hand the file over between steps, as any query would).
"""

from __future__ import annotations

import os
import re
import signal
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from dumpflow import read, warehouse
from flows.ingest import batches
from tests.builders import snapshot
from tests.fault_processes import Dumpflow, prefect_server, stop
from tests.generated import landing_zone
from tests.invariants import assert_consistent
from tests.terminal import on_a_terminal

N_DUMPS = 100
BATCH = {"DUMPFLOW_BATCH_BYTES": "4096"}  # ~2 dumps a batch: some 50 load transactions
ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")
INTERRUPTED = re.compile(r"^dumpflow: interrupted; (\d+) of (\d+) batches loaded, run it again to continue$")


@pytest.fixture(scope="module")
def lab(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Dumpflow, Path, str]]:
    root = tmp_path_factory.mktemp("interrupt")
    home = root / "prefect"
    home.mkdir()
    landing_zone(root / "raw", n_dumps=N_DUMPS)
    with prefect_server(home) as url:
        yield Dumpflow(url, home), root / "raw", url


@pytest.fixture(scope="module")
def reference(lab: tuple[Dumpflow, Path, str], tmp_path_factory: pytest.TempPathFactory) -> dict:
    dumpflow, raw, _ = lab
    db = tmp_path_factory.mktemp("reference") / "clean.duckdb"
    done = dumpflow.run("ingest", str(raw), "--warehouse", str(db), cwd=db.parent, **BATCH)
    assert done.returncode == 0, done.stderr[-3000:]
    assert done.stderr == ""  # not a terminal: no bar; Prefect's console shows errors only
    return snapshot(db)


def loaded_dumps(db: Path) -> int:
    if not db.exists():
        return 0
    try:
        con = warehouse.connect(db, read_only=True, wait_seconds=30)
    except warehouse.WarehouseBusy:
        return 0
    try:
        return int(con.execute("select count(*) from dumps where status = 'loaded'").fetchone()[0])
    finally:
        con.close()


def task_run_counts(api_url: str, flow_run_id: str) -> list[tuple[str, int, str]]:
    """(name, run_count, state) of every task run of the flow run, from the Prefect server."""
    from prefect.client.orchestration import get_client
    from prefect.client.schemas.filters import FlowRunFilter, FlowRunFilterId
    from prefect.settings import PREFECT_API_URL, temporary_settings

    with temporary_settings({PREFECT_API_URL: api_url}), get_client(sync_client=True) as client:
        runs = client.read_task_runs(flow_run_filter=FlowRunFilter(id=FlowRunFilterId(any_=[flow_run_id])))
    return [(r.name, r.run_count, r.state_name or "") for r in runs]


@pytest.mark.parametrize("sig", [signal.SIGINT, signal.SIGTERM], ids=["SIGINT", "SIGTERM"])
def test_a_signal_stops_after_the_current_batch_and_a_rerun_finishes_the_job(
    lab: tuple[Dumpflow, Path, str], reference: dict, tmp_path: Path, sig: signal.Signals
) -> None:
    dumpflow, raw, api_url = lab
    db = tmp_path / "w.duckdb"
    proc = dumpflow.start("ingest", str(raw), "--warehouse", str(db), cwd=tmp_path, **BATCH)
    try:
        deadline = time.monotonic() + 180
        while loaded_dumps(db) == 0:
            assert proc.poll() is None, proc.communicate()[1][-3000:]
            assert time.monotonic() < deadline, "no batch was loaded in 180 s"
            time.sleep(0.1)
        os.killpg(proc.pid, sig)
        out, err = proc.communicate(timeout=120)
    finally:
        stop(proc)
    assert proc.returncode == 130, (out, err)
    lines = err.strip().splitlines()
    assert 1 <= len(lines) <= 3 and "Traceback" not in err, err
    match = INTERRUPTED.match(lines[-1])
    assert match, err
    done, total = int(match[1]), int(match[2])
    assert 1 <= done < total
    assert_consistent(db)
    status, run_id = rows(db, "select status, run_id from runs")[0]
    assert status == "interrupted"
    assert 0 < loaded_dumps(db) < N_DUMPS
    # Exactly the dumps of the first `done` batches are in (loaded or rejected): whole batches, as reported.
    new, _, _ = read.identify_all(read.discover([raw]))
    groups = batches(new, int(BATCH["DUMPFLOW_BATCH_BYTES"]))
    assert len(groups) == total
    assert {r[0] for r in rows(db, "select dump_id from dumps")} == {d.dump_id for g in groups[:done] for d in g}
    # Whatever the signal hit, no task ran twice (a retry) and none crashed.
    tasks = task_run_counts(api_url, run_id)
    assert tasks and all(count == 1 and state == "Completed" for _, count, state in tasks), tasks
    assert {f"load-batch-{n}" for n in range(1, done + 1)} <= {name for name, _, _ in tasks}

    again = dumpflow.run("ingest", str(raw), "--warehouse", str(db), cwd=tmp_path, **BATCH)
    assert again.returncode == 0, again.stderr[-3000:]
    assert_consistent(db)
    assert snapshot(db) == reference
    assert [r[0] for r in rows(db, "select status from runs order by started_at")] == ["interrupted", "completed"]


def rows(db: Path, sql: str) -> list[tuple]:
    con = warehouse.connect(db, read_only=True)
    try:
        return con.execute(sql).fetchall()
    finally:
        con.close()


def run_on_a_terminal(dumpflow: Dumpflow, *args: str, cwd: Path, **env: str) -> tuple[int, str, str]:
    """Run dumpflow with stderr on a pseudo-terminal (stdout a pipe); returns (exit code, stdout, terminal text)."""
    return on_a_terminal(args, cwd, {**dumpflow.env, **env})


def test_the_progress_bar_is_drawn_on_a_terminal_and_not_under_quiet(
    lab: tuple[Dumpflow, Path, str], tmp_path: Path
) -> None:
    dumpflow, _, _ = lab
    raw = landing_zone(tmp_path / "raw", n_dumps=12)
    code, out, screen = run_on_a_terminal(
        dumpflow, "ingest", str(raw), "--warehouse", str(tmp_path / "w.duckdb"), cwd=tmp_path, **BATCH
    )
    assert code == 0, screen[-3000:]
    assert "files seen: 14  new: 12" in out and "\x1b" not in out  # the result on stdout, no escape codes
    text = ANSI.sub("", screen)
    # The bar's last frame: every file done (the 2 bad files are read, then rejected), the entries,
    # a rate, and the time left; and frames before it.
    assert re.search(r"ingest \S+ 14/14 files \d+ entries +\d+/s 0:00:00", text), text[-2000:]
    assert re.search(r"ingest \S+ +([1-9]|1[0-3])/14 files \d+ entries +\d+/s \d:\d\d:\d\d", text), text[-3000:]

    code, out, screen = run_on_a_terminal(
        dumpflow, "ingest", str(raw), "--warehouse", str(tmp_path / "q.duckdb"), "--quiet", cwd=tmp_path, **BATCH
    )
    assert code == 0 and "new: 12" in out
    assert screen == "", screen[-2000:]
