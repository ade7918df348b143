"""`dumpflow ingest --runner dask` through the real CLI: every flag has to change what runs.

The cluster tests start a real `dask scheduler` and `dask worker` on localhost
(or let the CLI start a local cluster) and check from the scheduler what ran
there; a flag that is parsed and ignored makes them fail.
"""

from __future__ import annotations

import re
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

import pytest

from dumpflow.cli import main
from tests.bounded import bounded
from tests.builders import snapshot, transmission, write
from tests.conftest import ROOT, SEEDS
from tests.invariants import assert_consistent
from tests.processes import Background, free_port, prefect_env, wait_for

if TYPE_CHECKING:
    from distributed import Scheduler

T = TypeVar("T")

DASK = str(Path(sys.executable).with_name("dask"))  # the `dask` command distributed installs
CONNECT_TIMEOUT = "3"  # seconds; the failing cases wait this long, not Dask's 30 s
START_TIMEOUT = 90.0  # a scheduler or worker start on the loaded 2-core machine, worst case


@dataclass
class Cluster:
    """A `dask scheduler` on localhost and the workers a test adds; the fixture stops them all."""

    address: str
    home: Path
    processes: list[Background]

    def add_worker(self, nthreads: int) -> None:
        """A `dask worker` process that can import dumpflow (PYTHONPATH), registered before this returns."""
        worker = Background(
            [DASK, "worker", self.address, "--nworkers", "1", "--nthreads", str(nthreads), "--no-dashboard"],
            {**prefect_env(self.home, None), "PYTHONPATH": str(ROOT)},
            self.home / f"worker{len(self.processes)}.log",
            cwd=self.home,  # not the test's working directory: relative paths must still be read right
        )
        self.processes.append(worker)
        wait_for("the dask worker to register", lambda: self.on_scheduler(_n_workers) or None, START_TIMEOUT, worker)

    def on_scheduler(self, fn: Callable[..., T]) -> T:
        """fn(dask_scheduler=...) run inside the scheduler process, through a client of our own."""
        import distributed

        with distributed.Client(self.address, timeout=10, set_as_default=False) as client:
            return client.run_on_scheduler(fn)


def _n_workers(dask_scheduler: Scheduler) -> int:
    return len(dask_scheduler.workers)


def _finished_by_stage(dask_scheduler: Scheduler) -> dict[str, int]:
    """How many tasks of each kind reached memory on this scheduler, from its transition log."""
    from dask.utils import key_split

    counts: dict[str, int] = {}
    for key, _start, finish, *_ in dask_scheduler.transition_log:
        if finish == "memory":
            counts[key_split(key)] = counts.get(key_split(key), 0) + 1
    return counts


@pytest.fixture
def cluster(tmp_path: Path) -> Iterator[Cluster]:
    home = tmp_path / "dask-home"
    home.mkdir()
    port = free_port()
    scheduler = Background(
        [DASK, "scheduler", "--host", "127.0.0.1", "--port", str(port), "--no-dashboard"],
        prefect_env(home, None),
        home / "scheduler.log",
        cwd=home,
    )
    made = Cluster(f"tcp://127.0.0.1:{port}", home, [scheduler])
    try:
        wait_for("the dask scheduler to listen", lambda: _listening(port) or None, START_TIMEOUT, scheduler)
        yield made
    finally:
        for proc in reversed(made.processes):
            proc.stop()


def _listening(port: int) -> bool:
    import socket

    with socket.socket() as sock:
        sock.settimeout(1)
        return sock.connect_ex(("127.0.0.1", port)) == 0


@pytest.fixture
def dask_env(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DUMPFLOW_DASK_CONNECT_TIMEOUT", CONNECT_TIMEOUT)


def ingest(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    """`dumpflow ingest ...` in this process, bounded so a hang is a failure; (exit code, stdout, stderr)."""
    code = bounded(lambda: main(["ingest", *argv]), seconds=180)
    out, err = capsys.readouterr()
    return code, out, err


def runner_line(out: str) -> str:
    return next(line for line in out.splitlines() if line.startswith("runner: "))


# --- usage errors: no Prefect, no cluster, no warehouse -------------------------------


@pytest.mark.parametrize(
    ("flags", "says"),
    [
        (["--workers", "2"], "need --runner dask"),
        (["--dask-address", "tcp://127.0.0.1:8786"], "need --runner dask"),
        (["--runner", "thread", "--workers", "2"], "need --runner dask"),
        (["--runner", "dask", "--workers", "0"], "--workers must be at least 1"),
        (["--runner", "dask", "--workers", "-3"], "--workers must be at least 1"),
        (["--runner", "dask", "--dask-address", "localhost"], "not a Dask scheduler address"),
        (["--runner", "dask", "--dask-address", "tcp://127.0.0.1:99999"], "port out of range"),
        (["--runner", "dask", "--dask-address", "http://x y:1"], "not a Dask scheduler address"),
        (["--runner", "dask", "--workers", "2", "--dask-address", "tcp://127.0.0.1:8786"], "has its own workers"),
    ],
)
def test_flags_that_do_not_fit_are_a_usage_error(
    flags: list[str], says: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "w.duckdb"
    code, out, err = ingest(capsys, str(SEEDS[0]), "--warehouse", str(db), *flags)
    assert code == 2
    assert err.startswith("dumpflow: ") and says in err and err.count("\n") == 1, err
    assert out == ""
    assert not db.exists()


# --- an existing cluster by address ------------------------------------------------


@pytest.mark.usefixtures("prefect_server", "dask_env")
def test_address_runs_the_stages_on_that_cluster(
    cluster: Cluster, seeds_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    dask_db, thread_db = tmp_path / "dask.duckdb", tmp_path / "thread.duckdb"
    # A scheduler without a worker cannot take the work: said at once, nothing written.
    code, _, err = ingest(
        capsys, str(seeds_dir), "--warehouse", str(dask_db), "--runner", "dask", "--dask-address", cluster.address
    )
    assert (code, err.count("\n")) == (1, 1), err
    assert f"cannot use the Dask cluster at {cluster.address}: no worker joined" in err
    assert not dask_db.exists()

    cluster.add_worker(nthreads=2)
    code, out, err = ingest(
        capsys, str(seeds_dir), "--warehouse", str(dask_db), "--runner", "dask", "--dask-address", cluster.address
    )
    assert code == 0, err
    # Read from the scheduler: one worker with two threads, which no flag said.
    assert runner_line(out) == f"runner: dask (1 worker, 2 threads, {cluster.address}; 2 slices per batch)"
    finished = cluster.on_scheduler(_finished_by_stage)
    # 5 seed dumps in one batch, 2 slices: each CPU stage ran twice on this cluster, nothing else did.
    assert finished == {"read_batch": 2, "clean_batch": 2, "annotate_batch": 2}, finished

    code, out, err = ingest(capsys, str(seeds_dir), "--warehouse", str(thread_db))
    assert code == 0, err
    assert runner_line(out) == "runner: thread"
    assert_consistent(dask_db)
    assert snapshot(dask_db) == snapshot(thread_db)


@pytest.mark.usefixtures("dask_env")
def test_an_address_where_nothing_listens_fails_fast_and_records_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "w.duckdb"
    address = f"tcp://127.0.0.1:{free_port()}"
    started = time.monotonic()
    code, out, err = ingest(
        capsys, str(SEEDS[0]), "--warehouse", str(db), "--runner", "dask", "--dask-address", address
    )
    waited = time.monotonic() - started
    assert code == 1
    assert err.startswith(f"dumpflow: cannot use the Dask cluster at {address}: ") and err.count("\n") == 1, err
    assert "Traceback" not in err + out
    assert waited < 60, f"{waited:.0f} s: the connect timeout was not applied"
    assert not db.exists()


@pytest.mark.usefixtures("prefect_server", "dask_env")
def test_the_flow_itself_refuses_an_unreachable_cluster_before_touching_the_warehouse(tmp_path: Path) -> None:
    """The CLI asks first; a flow bound to a dead address by other code fails the same way, writing nothing."""
    from flows.ingest import ingest as ingest_flow
    from flows.runners import RunnerUnavailable, with_runner

    db = tmp_path / "w.duckdb"
    address = f"tcp://127.0.0.1:{free_port()}"
    flow = with_runner(ingest_flow, "dask", address=address)
    with pytest.raises(RunnerUnavailable, match=re.escape(f"cannot use the Dask cluster at {address}: ")):
        bounded(lambda: flow(paths=[str(SEEDS[0])], warehouse_file=str(db)), seconds=120)
    assert not db.exists()


# --- a local cluster of --workers processes ---------------------------------------


@pytest.mark.usefixtures("prefect_server", "dask_env")
def test_local_cluster_of_two_workers_gives_the_same_warehouse(
    seeds_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    extra = tmp_path / "extra"
    seed0 = [line for line in SEEDS[0].read_text(encoding="utf-8").splitlines() if len(line) > 40]
    for i in range(6):  # enough dumps, in several batches, for the CPU stages to be split between workers
        write(
            extra / f"x{i}.txt", transmission(*[e.rstrip(".")[: 70 + 13 * i + j] + "..." for j, e in enumerate(seed0)])
        )
    monkeypatch.setenv("DUMPFLOW_BATCH_BYTES", "20000")
    threads, dask_db = tmp_path / "threads.duckdb", tmp_path / "dask.duckdb"
    assert ingest(capsys, str(seeds_dir), str(extra), "--warehouse", str(threads))[0] == 0
    code, out, err = ingest(
        capsys, str(seeds_dir), str(extra), "--warehouse", str(dask_db), "--runner", "dask", "--workers", "2"
    )
    assert code == 0, err
    assert re.fullmatch(r"runner: dask \(2 workers, tcp://127\.0\.0\.1:\d+; 2 slices per batch\)", runner_line(out))
    assert "files seen: 11  new: 11" in out
    assert_consistent(dask_db)
    assert snapshot(threads) == snapshot(dask_db)


@pytest.mark.usefixtures("prefect_server", "dask_env")
def test_local_cluster_of_one_worker_says_one(
    seeds_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = ingest(
        capsys, str(seeds_dir), "--warehouse", str(tmp_path / "w.duckdb"), "--runner", "dask", "--workers", "1"
    )
    assert code == 0, err
    assert re.fullmatch(r"runner: dask \(1 worker, tcp://127\.0\.0\.1:\d+; 1 slice per batch\)", runner_line(out))
