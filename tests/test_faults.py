"""Crash safety and concurrency with real processes: kill -9, two ingests, queries during an ingest.

One Prefect server serves the module; every ingest is `python -m dumpflow
ingest` on 48 generated dumps in batches of ~4 KiB (about 20 load
transactions), so kills land before, between and inside transactions. Kill
points are real time, as fractions of an uninterrupted run's duration: no
test hook pauses the pipeline. After each scenario `dumpflow check`'s
invariants must hold and every content table must equal the clean run's.
"""

from __future__ import annotations

import fcntl
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import duckdb
import pytest

from dumpflow.warehouse import writer_lock
from tests.builders import snapshot
from tests.fault_processes import Dumpflow, prefect_server, stop
from tests.generated import landing_zone
from tests.invariants import assert_consistent

BATCH = {"DUMPFLOW_BATCH_BYTES": "4096"}
N_DUMPS = 48
N_LOADED = N_DUMPS - 2  # the landing zone holds two files that are rejected


@pytest.fixture(scope="module")
def lab(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Dumpflow, Path]]:
    root = tmp_path_factory.mktemp("faults")
    home = root / "prefect"
    home.mkdir()
    landing_zone(root / "raw", n_dumps=N_DUMPS)
    with prefect_server(home) as url:
        yield Dumpflow(url, home), root / "raw"


@pytest.fixture(scope="module")
def reference(lab: tuple[Dumpflow, Path], tmp_path_factory: pytest.TempPathFactory) -> tuple[dict, float]:
    """The clean, uninterrupted run: its content tables and its wall time."""
    dumpflow, raw = lab
    db = tmp_path_factory.mktemp("reference") / "clean.duckdb"
    started = time.monotonic()
    done = dumpflow.run("ingest", str(raw), "--warehouse", str(db), cwd=db.parent, **BATCH)
    elapsed = time.monotonic() - started
    assert done.returncode == 0, done.stderr[-3000:]
    assert f"new: {N_DUMPS}" in done.stdout and f"rejected: {N_DUMPS - N_LOADED}" in done.stdout
    assert_consistent(db)
    return snapshot(db), elapsed


def rows(db: Path, sql: str) -> list[tuple]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.execute(sql).fetchall()
    finally:
        con.close()


def lock_is_free(db: Path) -> bool:
    """Whether nobody holds the writer lock (flock taken and released at once)."""
    with open(db.with_name(db.name + ".lock"), "a+") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return False
        fcntl.flock(handle, fcntl.LOCK_UN)
        return True


KILL_AT = (0.3, 0.45, 0.6, 0.75, 0.9)
# On a loaded machine a run starts slower than the reference did and every kill above can land before the
# first batch commits; then later kill points are tried, until one lands mid-ingest or the ingest outruns them.
LATER_KILLS = (1.1, 1.3, 1.6, 2.0, 2.5, 3.0)


def kill_points(outcomes: list[tuple[float, int | None, int, int]]) -> Iterator[float]:
    """The fixed kill points, then later ones while no kill has yet landed with some dumps loaded."""
    yield from KILL_AT
    for fraction in LATER_KILLS:
        landed_mid = any(0 < loaded < N_LOADED for _, _, loaded, _ in outcomes)
        outran = outcomes[-1][1] == 0  # the last ingest finished before its kill
        if landed_mid or outran:
            return
        yield fraction


def test_kill_9_at_any_moment_then_rerun_equals_an_uninterrupted_run(
    lab: tuple[Dumpflow, Path], reference: tuple[dict, float], tmp_path: Path
) -> None:
    dumpflow, raw = lab
    expected, wall = reference
    raw_before = {p.name: p.read_bytes() for p in raw.iterdir()}
    outcomes = []
    for i, fraction in enumerate(kill_points(outcomes)):
        db = tmp_path / f"killed-{i}" / "w.duckdb"
        db.parent.mkdir()
        proc = dumpflow.start("ingest", str(raw), "--warehouse", str(db), cwd=db.parent, **BATCH)
        dumpflow.kill_after(proc, wall * fraction)
        loaded = running = completed = 0  # completed: the ingest may finish before a late kill lands
        if db.exists():
            assert_consistent(db)  # the killed state itself is consistent, before any repair
            loaded = rows(db, "select count(*) from dumps where status = 'loaded'")[0][0]
            running = rows(db, "select count(*) from runs where status = 'running'")[0][0]
            completed = rows(db, "select count(*) from runs where status = 'completed'")[0][0]
            assert db.with_name("w.duckdb.lock").exists()
            assert lock_is_free(db)  # the fcntl lock died with the process; the file stays behind
        outcomes.append((fraction, proc.returncode, loaded, running))
        # The stale lock file must not make the next ingest wait: 5 s is far less than a run.
        done = dumpflow.run(
            "ingest", str(raw), "--warehouse", str(db), cwd=db.parent, DUMPFLOW_LOCK_TIMEOUT="5", **BATCH
        )
        assert done.returncode == 0, (outcomes[-1], done.stderr[-3000:])
        assert f"already loaded: {loaded}" in done.stdout
        assert_consistent(db)
        assert snapshot(db) == expected, outcomes[-1]
        statuses = [r[0] for r in rows(db, "select status from runs order by started_at")]
        assert sorted(statuses) == sorted(["interrupted"] * running + ["completed"] * (completed + 1)), (
            outcomes[-1],
            statuses,
        )
    # Real timing on a loaded machine: the kills must have landed mid-ingest at least once,
    # with some dumps loaded and some not, and after the run was recorded as running.
    assert any(0 < loaded < N_LOADED for _, _, loaded, _ in outcomes), outcomes
    assert any(running for *_, running in outcomes), outcomes
    assert {p.name: p.read_bytes() for p in raw.iterdir()} == raw_before  # input is only ever read


def test_second_ingest_waits_for_the_first_and_nothing_loads_twice(
    lab: tuple[Dumpflow, Path], reference: tuple[dict, float], tmp_path: Path
) -> None:
    dumpflow, raw = lab
    db = tmp_path / "w.duckdb"
    first = dumpflow.start("ingest", str(raw), "--warehouse", str(db), cwd=tmp_path, **BATCH)
    second = None
    try:
        wait_for_lock(db, first)
        second = dumpflow.start("ingest", str(raw), "--warehouse", str(db), cwd=tmp_path, **BATCH)
        a, b = dumpflow.finish(first), dumpflow.finish(second)
    finally:
        stop(first)
        if second is not None:
            stop(second)
    assert (a.returncode, b.returncode) == (0, 0), (a.stderr[-2000:], b.stderr[-2000:])
    assert f"new: {N_DUMPS}  already loaded: 0" in a.stdout
    assert f"new: 0  already loaded: {N_DUMPS}" in b.stdout
    assert_consistent(db)
    assert snapshot(db) == reference[0]


def test_second_ingest_gives_up_with_a_clear_message_after_the_lock_timeout(
    lab: tuple[Dumpflow, Path], tmp_path: Path
) -> None:
    """The lock is held by this test process through the same writer_lock an ingest takes.

    A real first ingest would race the second's Prefect start-up on a loaded
    machine; holding the lock here makes "the other writer is still busy" a
    fact instead of a timing guess. (Waiting for a real first ingest is the
    test above.)
    """
    dumpflow, raw = lab
    db = tmp_path / "w.duckdb"
    with writer_lock(db, timeout=5):
        second = dumpflow.run(
            "ingest", str(raw), "--warehouse", str(db), cwd=tmp_path, DUMPFLOW_LOCK_TIMEOUT="1", **BATCH
        )
    assert second.returncode == 1
    last = second.stderr.strip().splitlines()[-1]
    assert last.startswith("dumpflow: another ingest is writing to") and "DUMPFLOW_LOCK_TIMEOUT" in last
    # Above it, Prefect logs the failed flow run with its traceback (the run is recorded as failed there).
    assert not db.exists()  # it gave up before touching the warehouse
    after = dumpflow.run("ingest", str(raw), "--warehouse", str(db), cwd=tmp_path, DUMPFLOW_LOCK_TIMEOUT="5", **BATCH)
    assert after.returncode == 0, after.stderr[-2000:]
    assert_consistent(db)


def test_queries_during_an_ingest_answer_or_say_why_in_one_line(
    lab: tuple[Dumpflow, Path], reference: tuple[dict, float], tmp_path: Path
) -> None:
    """`dumpflow check` as the query: a reader sees whole dumps only, never a half-loaded one."""
    dumpflow, raw = lab
    db = tmp_path / "w.duckdb"
    ingest = dumpflow.start("ingest", str(raw), "--warehouse", str(db), cwd=tmp_path, **BATCH)
    answers = []
    try:
        wait_for_lock(db, ingest)
        while ingest.poll() is None:
            done = dumpflow.run("check", "--warehouse", str(db), "--wait", "30", cwd=tmp_path, timeout=120)
            count = dumpflow.run(
                "query", "select count(*) from dumps where status = 'loaded'", "--format", "csv",
                "--warehouse", str(db), "--wait", "30", cwd=tmp_path, timeout=120,
            )  # fmt: skip
            answers.append((done, count))
            time.sleep(0.3)
        finished = dumpflow.finish(ingest)
    finally:
        stop(ingest)
    assert finished.returncode == 0, finished.stderr[-2000:]
    assert answers, "the ingest ended before any query ran"
    loaded_counts = []
    for done, count in answers:
        for result in (done, count):
            assert "Traceback" not in result.stderr
            assert result.returncode == 0 or (result.stderr.count("\n") == 1 and result.stderr.startswith("dumpflow:"))
        if done.returncode == 0 or done.stdout.startswith("FAILED"):
            assert done.stdout.startswith("OK:"), done.stdout
        if count.returncode == 0:
            loaded_counts.append(int(count.stdout.splitlines()[1]))
    assert loaded_counts == sorted(loaded_counts)  # committed state only ever grows
    assert sum(1 for done, _ in answers if done.returncode == 0) >= 1
    assert_consistent(db)
    assert snapshot(db) == reference[0]


def wait_for_lock(db: Path, proc: subprocess.Popen[str], seconds: float = 120) -> None:
    """Until the ingest holds the writer lock (it is then inside the flow, past Prefect's start-up)."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise AssertionError(f"the ingest ended early: {proc.returncode}")
        if db.with_name(db.name + ".lock").exists() and not lock_is_free(db):
            return
        time.sleep(0.05)
    raise AssertionError("the ingest never took the writer lock")
