"""`dumpflow ingest --runner dask` through the real CLI: every flag has to change what runs.

The cluster tests start a real `dask scheduler` and `dask worker` on localhost
(or let the CLI start a local cluster) and check from the scheduler what ran
there; a flag that is parsed and ignored makes them fail.
"""

from __future__ import annotations

import contextlib
import io
import re
import shutil
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
CONNECT_TIMEOUT = "2"  # seconds; the failing cases wait this long, not Dask's 30 s
BATCH_BYTES = "40000"  # the corpus below in two batches
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
        # The tests run functions inside it (run_on_scheduler), so it must import this package too.
        {**prefect_env(home, None), "PYTHONPATH": str(ROOT)},
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


ENV = {"DUMPFLOW_DASK_CONNECT_TIMEOUT": CONNECT_TIMEOUT, "DUMPFLOW_BATCH_BYTES": BATCH_BYTES}


@pytest.fixture(autouse=True)
def dask_env(monkeypatch: pytest.MonkeyPatch) -> None:
    for name, value in ENV.items():
        monkeypatch.setenv(name, value)


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The seed dumps and six re-cut copies of one: 11 dumps in several batches, repeats across batches.

    Tests pass it as the relative path `corpus` from its parent directory, as a
    user passes `raw`: Dask workers run elsewhere and must still find the files.
    """
    root = tmp_path_factory.mktemp("dask-corpus") / "corpus"
    root.mkdir()
    for seed in SEEDS:
        shutil.copy(seed, root / seed.name)
    seed0 = [line for line in SEEDS[0].read_text(encoding="utf-8").splitlines() if len(line) > 40]
    for i in range(6):
        write(
            root / f"x{i}.txt", transmission(*[e.rstrip(".")[: 70 + 13 * i + j] + "..." for j, e in enumerate(seed0)])
        )
    return root


@pytest.fixture(scope="module")
def by_threads(corpus: Path, prefect_server: None) -> dict[str, list[tuple]]:
    """The warehouse a default-runner `dumpflow ingest corpus` gives, once for every comparison."""
    db = corpus.parent / "threads.duckdb"
    out = io.StringIO()
    with pytest.MonkeyPatch.context() as mp, contextlib.redirect_stdout(out):
        mp.chdir(corpus.parent)
        for name, value in ENV.items():
            mp.setenv(name, value)
        assert main(["ingest", "corpus", "--warehouse", str(db)]) == 0
    assert runner_line(out.getvalue()) == "runner: thread"
    assert "files seen: 11  new: 11" in out.getvalue()
    return snapshot(db)


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


def test_address_runs_the_stages_on_that_cluster(
    cluster: Cluster,
    corpus: Path,
    by_threads: dict[str, list[tuple]],
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.chdir(corpus.parent)
    db = corpus.parent / "by-address.duckdb"
    argv = ["corpus", "--warehouse", str(db), "--runner", "dask", "--dask-address", cluster.address]
    # A scheduler without a worker cannot take the work: said at once, nothing written.
    code, _, err = ingest(capsys, *argv)
    assert (code, err.count("\n")) == (1, 1), err
    assert f"dumpflow: cannot use the Dask cluster at {cluster.address}: no worker joined" in err
    assert not db.exists()

    cluster.add_worker(nthreads=1)
    code, out, err = ingest(capsys, *argv)
    assert code == 0, err
    assert runner_line(out) == f"runner: dask (1 worker, {cluster.address}; 1 slice per batch)"
    # Two batches of one slice each, every CPU stage on this cluster (even unsplit), and nothing else.
    finished = cluster.on_scheduler(_finished_by_stage)
    assert finished == {"prepare_batch": 2, "annotate_batch": 2}, finished
    assert_consistent(db)
    assert snapshot(db) == by_threads


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


@pytest.mark.usefixtures("prefect_server")
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


@pytest.mark.parametrize("workers", [2, 1])
def test_local_cluster_has_the_workers_asked_for_and_gives_the_same_warehouse(
    workers: int,
    corpus: Path,
    by_threads: dict[str, list[tuple]],
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.chdir(corpus.parent)
    db = corpus.parent / f"local-{workers}.duckdb"
    code, out, err = ingest(capsys, "corpus", "--warehouse", str(db), "--runner", "dask", "--workers", str(workers))
    assert code == 0, err
    # The count is the scheduler's (a cluster that ignored --workers would have one per CPU), the address its own.
    s = "s" if workers > 1 else ""
    expected = rf"runner: dask \({workers} worker{s}, tcp://127\.0\.0\.1:\d+; {workers} slice{s} per batch\)"
    assert re.fullmatch(expected, runner_line(out)), runner_line(out)
    assert_consistent(db)
    assert snapshot(db) == by_threads
