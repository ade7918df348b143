"""`dumpflow serve` against a real Prefect server: the nightly deployment end to end.

One server and one `dumpflow serve` process for the module (starting them is
most of the cost). Runs are triggered through the API, as the scheduler would,
and executed by the served process; results are read back from the API and
from the DuckDB file. Tests share the raw folder and warehouse, so each one
drops its own files and checks differences, not totals.
"""

from __future__ import annotations

import random
import shutil
import subprocess
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from uuid import UUID

import pytest
import yaml
from prefect.client.orchestration import SyncPrefectClient, get_client
from prefect.client.schemas.filters import ArtifactFilter, ArtifactFilterFlowRunId
from prefect.client.schemas.objects import ConcurrencyLimitStrategy, FlowRun
from prefect.client.schemas.responses import DeploymentResponse
from prefect.exceptions import ObjectNotFound
from prefect.flows import load_flow_from_entrypoint
from prefect.settings import PREFECT_API_URL, temporary_settings

from dumpflow import config, read, warehouse
from flows import deploy
from tests.conftest import ROOT, SEEDS
from tests.processes import Background, dumpflow_command, prefect_command, prefect_env, start_server, wait_for

RUN_TIMEOUT = 240.0  # a flow run spawns a Python process that imports Prefect: slow on a busy machine
LOCK_TIMEOUT = 3  # DUMPFLOW_LOCK_TIMEOUT in the served process: how long a run waits for a held warehouse
RETRY_DELAY = 8  # --retry-delay: long enough for a test to see AwaitingRetry between attempts
TABLES = ("dumps", "sightings", "articles", "article_topics", "merges", "dropped_lines", "match_keys")


@dataclass
class Served:
    api_url: str
    raw: Path
    db: Path
    deployment: DeploymentResponse  # as `dumpflow serve` created it
    process: Background
    client: SyncPrefectClient

    @property
    def deployment_id(self) -> UUID:
        return self.deployment.id


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    home = tmp_path_factory.mktemp("prefect-home")
    work = tmp_path_factory.mktemp("serve")
    # Not work/raw: that is where the default (raw/, from serve's working directory) would point, so a serve
    # that ignored its path argument would pass test_serve_creates_the_nightly_deployment.
    raw, db = work / "landing", work / "warehouse" / "nightly.duckdb"
    raw.mkdir()
    warehouse.ensure(db)  # so every test can snapshot it, whichever runs first
    # A queued run asks for the deployment's slot again after 3 s, not the default 30 s.
    server, api_url = start_server(home, PREFECT_SERVER_DEPLOYMENTS_CONCURRENCY_SLOT_WAIT_SECONDS="3")
    serve: Background | None = None
    try:
        env = prefect_env(
            home,
            api_url,
            PREFECT_RUNNER_POLL_FREQUENCY="2",  # pick up triggered runs in 2 s, not 10
            DUMPFLOW_LOCK_TIMEOUT=str(LOCK_TIMEOUT),
        )
        argv = [*dumpflow_command(), "serve", str(raw), "--warehouse", str(db)]
        argv += ["--cron", "0 3 * * *", "--timezone", "Europe/Berlin", "--retries", "1"]
        argv += ["--retry-delay", str(RETRY_DELAY)]
        serve = Background(argv, env, work / "serve.log", cwd=work)
        with temporary_settings(updates={PREFECT_API_URL: api_url}), get_client(sync_client=True) as client:

            def deployment() -> DeploymentResponse | None:
                try:
                    return client.read_deployment_by_name("ingest/nightly")
                except ObjectNotFound:
                    return None

            found = wait_for("dumpflow serve to create ingest/nightly", deployment, 120, alive=serve)
            yield Served(api_url, raw, db, found, serve, client)
    finally:
        if serve is not None:
            serve.stop()
        server.stop()


@pytest.fixture
def client(served: Served) -> SyncPrefectClient:
    return served.client


def trigger(client: SyncPrefectClient, served: Served) -> UUID:
    return client.create_flow_run_from_deployment(served.deployment_id).id


def wait_final(client: SyncPrefectClient, served: Served, run_id: UUID) -> FlowRun:
    def final() -> FlowRun | None:
        run = client.read_flow_run(run_id)
        return run if run.state is not None and run.state.is_final() else None

    try:
        return wait_for(f"flow run {run_id} to finish", final, RUN_TIMEOUT, alive=served.process)
    except AssertionError as exc:
        raise AssertionError(f"{exc}\n--- dumpflow serve output ---\n{served.process.output()}") from None


def run_once(client: SyncPrefectClient, served: Served) -> FlowRun:
    return wait_final(client, served, trigger(client, served))


def drop(served: Served, seed: Path) -> str:
    """Copy a seed dump into the watched folder; returns its dump id."""
    target = served.raw / seed.name
    shutil.copy(seed, target)
    return read.sha256_file(target)


def summary_artifact(client: SyncPrefectClient, run_id: UUID) -> str:
    """The run's markdown summary, as the UI shows it next to the run."""
    found = client.read_artifacts(artifact_filter=ArtifactFilter(flow_run_id=ArtifactFilterFlowRunId(any_=[run_id])))
    assert [(a.key, a.type) for a in found] == [("ingest-summary", "markdown")]
    return str(found[0].data)


def counts(db: Path) -> dict[str, int]:
    with warehouse.session(db, read_only=True) as con:
        return {t: con.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in TABLES}


def dump_rows(db: Path) -> dict[str, tuple[str, str | None]]:
    with warehouse.session(db, read_only=True) as con:
        return {d: (s, r) for d, s, r in con.execute("SELECT dump_id, status, reason FROM dumps").fetchall()}


def run_row(db: Path, run_id: UUID) -> dict[str, object] | None:
    with warehouse.session(db, read_only=True) as con:
        cursor = con.execute("SELECT * FROM runs WHERE run_id = ?", [str(run_id)])
        names = [d[0] for d in cursor.description]
        row = cursor.fetchone()
    return None if row is None else dict(zip(names, row, strict=True))


def test_serve_creates_the_nightly_deployment(served: Served) -> None:
    dep = served.deployment
    assert [(s.schedule.cron, s.schedule.timezone, s.active) for s in dep.schedules] == [
        ("0 3 * * *", "Europe/Berlin", True)
    ]
    assert not dep.paused
    assert dep.global_concurrency_limit is not None and dep.global_concurrency_limit.limit == 1
    assert dep.concurrency_options.collision_strategy == ConcurrencyLimitStrategy.ENQUEUE
    assert dep.parameters == {"paths": [str(served.raw)], "warehouse_file": str(served.db)}


def test_a_run_loads_a_new_dump_and_the_next_adds_nothing(client: SyncPrefectClient, served: Served) -> None:
    dump_id = drop(served, SEEDS[0])
    first = run_once(client, served)
    assert first.state.is_completed(), first.state.message
    assert dump_rows(served.db)[dump_id] == ("loaded", None)
    before = counts(served.db)
    assert before["articles"] > 0

    second = run_once(client, served)
    assert second.state.is_completed(), second.state.message
    assert counts(served.db) == before
    row = run_row(served.db, second.id)
    assert row is not None
    assert (row["status"], row["n_loaded"], row["n_already_loaded"]) == ("completed", 0, 1)

    summaries = [summary_artifact(client, run.id) for run in (first, second)]
    assert "| new files loaded | 1 |" in summaries[0]
    assert "| new files loaded | 0 |" in summaries[1] and "| already loaded | 1 |" in summaries[1]


def test_broken_files_are_rejected_and_the_run_completes(client: SyncPrefectClient, served: Served) -> None:
    good = drop(served, SEEDS[1])
    (served.raw / "empty.txt").write_bytes(b"")
    junk = random.Random(7).randbytes(4096)
    (served.raw / "junk.txt").write_bytes(junk)

    run = run_once(client, served)

    assert run.state.is_completed(), run.state.message
    rows = dump_rows(served.db)
    assert rows[good] == ("loaded", None)
    assert rows[read.sha256_file(served.raw / "empty.txt")] == ("rejected", "empty file")
    status, reason = rows[read.sha256_file(served.raw / "junk.txt")]
    assert status == "rejected" and reason and reason.startswith("binary file")
    row = run_row(served.db, run.id)
    assert row is not None and row["n_rejected"] == 2


def test_runs_never_overlap(client: SyncPrefectClient, served: Served) -> None:
    """Two runs at once: the second queues for the deployment's single slot instead of running alongside."""
    drop(served, SEEDS[4])
    first, second = trigger(client, served), trigger(client, served)
    runs = sorted((wait_final(client, served, r) for r in (first, second)), key=lambda r: r.start_time)
    assert all(r.state.is_completed() for r in runs), [r.state for r in runs]
    assert runs[0].end_time <= runs[1].start_time
    waited = {s.name for r in (first, second) for s in client.read_flow_run_states(r)}
    assert "AwaitingConcurrencySlot" in waited


def test_a_failed_run_changes_nothing_and_says_why(client: SyncPrefectClient, served: Served) -> None:
    pending = drop(served, SEEDS[2])
    before = counts(served.db)
    with warehouse.writer_lock(served.db, timeout=0):  # "another ingest" holds the warehouse throughout
        run = run_once(client, served)
    assert run.state.is_failed()
    assert run.run_count == 2, "the run should have been retried once before failing"
    assert "WarehouseBusy" in run.state.message and "another ingest is writing" in run.state.message
    assert counts(served.db) == before
    assert pending not in dump_rows(served.db)
    assert run_row(served.db, run.id) is None  # it never got the writer lock, so it wrote nothing at all


def test_a_transient_failure_is_retried(client: SyncPrefectClient, served: Served) -> None:
    dump_id = drop(served, SEEDS[3])
    with warehouse.writer_lock(served.db, timeout=0):
        run_id = trigger(client, served)

        def awaiting_retry() -> bool | None:
            state = client.read_flow_run(run_id).state
            assert state is not None and not state.is_final(), f"finished before its retry: {state}"
            return True if state.name == "AwaitingRetry" else None

        wait_for("the first attempt to fail and await its retry", awaiting_retry, RUN_TIMEOUT, alive=served.process)
    run = wait_final(client, served, run_id)
    assert run.state.is_completed(), run.state.message
    assert run.run_count == 2
    assert dump_rows(served.db)[dump_id] == ("loaded", None)


def test_serve_needs_a_server(tmp_path: Path) -> None:
    started = time.monotonic()
    result = subprocess.run(
        [*dumpflow_command(), "serve", str(tmp_path)],
        env=prefect_env(tmp_path / "home", None),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode != 0
    assert result.stderr.strip().startswith("dumpflow: PREFECT_API_URL is not set"), result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert time.monotonic() - started < 60, "it must not have started a temporary server"


def test_serve_rejects_a_bad_time_zone_before_contacting_the_server(tmp_path: Path) -> None:
    result = subprocess.run(
        [*dumpflow_command(), "serve", str(tmp_path), "--timezone", "Mars/Olympus"],
        env=prefect_env(tmp_path / "home", "http://127.0.0.1:9/api"),  # nothing listens on port 9
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 2
    assert "Invalid timezone" in result.stderr and "Mars/Olympus" in result.stderr


def test_prefect_yaml_declares_the_served_deployment() -> None:
    spec = yaml.safe_load((ROOT / "prefect.yaml").read_text(encoding="utf-8"))
    [dep] = spec["deployments"]
    assert dep["name"] == deploy.DEPLOYMENT_NAME
    assert dep["schedules"] == [{"cron": deploy.DEFAULT_CRON, "timezone": deploy.DEFAULT_TIMEZONE, "active": True}]
    assert dep["concurrency_limit"] == {
        "limit": deploy.CONCURRENCY.limit,
        "collision_strategy": deploy.CONCURRENCY.collision_strategy.value,
    }
    assert dep["parameters"] == {"paths": [str(config.DEFAULT_RAW)], "warehouse_file": str(config.DEFAULT_WAREHOUSE)}
    assert dep["work_pool"]["name"] == "dumpflow"
    path, attr = dep["entrypoint"].split(":")
    flow = load_flow_from_entrypoint(f"{ROOT / path}:{attr}")
    assert (flow.name, flow.retries, flow.retry_delay_seconds) == ("ingest", deploy.RETRIES, deploy.RETRY_DELAY_SECONDS)


def test_prefect_deploy_runs_it_on_a_process_work_pool(
    client: SyncPrefectClient, served: Served, tmp_path: Path
) -> None:
    """`prefect deploy --all` from the checkout, then a process worker runs it.

    Last in the module on purpose: it replaces the served ingest/nightly (same
    name), so it stops `dumpflow serve` first to leave the run to the worker.
    """
    served.process.stop()
    env = prefect_env(tmp_path / "home", served.api_url)
    for argv, cwd in (
        ([*prefect_command(), "work-pool", "create", "dumpflow", "--type", "process"], tmp_path),
        ([*prefect_command(), "--no-prompt", "deploy", "--all"], ROOT),
    ):
        done = subprocess.run(argv, env=env, cwd=cwd, capture_output=True, text=True, timeout=180)
        assert done.returncode == 0, f"{argv[1:]} failed:\n{done.stdout}\n{done.stderr}"

    dep = client.read_deployment_by_name("ingest/nightly")
    assert (dep.work_pool_name, dep.entrypoint) == ("dumpflow", "flows/deploy.py:nightly")
    assert dep.pull_steps == [{"prefect.deployments.steps.set_working_directory": {"directory": str(ROOT)}}]
    assert [(s.schedule.cron, s.schedule.timezone) for s in dep.schedules] == [("0 2 * * *", "UTC")]
    assert dep.global_concurrency_limit is not None and dep.global_concurrency_limit.limit == 1
    assert dep.concurrency_options.collision_strategy == ConcurrencyLimitStrategy.ENQUEUE

    raw, db = tmp_path / "raw", tmp_path / "pool.duckdb"
    raw.mkdir()
    dump_id = read.sha256_file(shutil.copy(SEEDS[0], raw / SEEDS[0].name))
    run_id = client.create_flow_run_from_deployment(
        dep.id, parameters={"paths": [str(raw)], "warehouse_file": str(db)}
    ).id
    worker = Background(
        [*prefect_command(), "worker", "start", "--pool", "dumpflow", "--run-once"], env, tmp_path / "worker.log"
    )
    try:
        worker.proc.wait(RUN_TIMEOUT)
    except subprocess.TimeoutExpired:
        raise AssertionError(f"the worker did not finish in {RUN_TIMEOUT:.0f}s:\n{worker.output()}") from None
    finally:
        worker.stop()
    run = client.read_flow_run(run_id)
    assert run.state is not None and run.state.is_completed(), worker.output()
    assert run.empirical_policy.retries == deploy.RETRIES  # the entrypoint's flow, with its retries
    assert dump_rows(db)[dump_id] == ("loaded", None)
    summary_artifact(client, run_id)
