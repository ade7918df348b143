"""Task runners: where the CPU-heavy stages of a run execute.

`thread` is Prefect's default (everything in this process). `dask` runs the
read + clean and language/topic stages in dask.distributed worker processes:
a local cluster by default, or an existing cluster by address. Repeat
detection and loading always run in the flow's process, one writer.
"""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

from prefect import Flow
from prefect.context import FlowRunContext

from dumpflow import config
from schemas.records import RunnerInfo

if TYPE_CHECKING:
    import distributed

RUNNERS = ("thread", "dask")

# What distributed's Client accepts for a remote scheduler, port required:
# "tcp://10.0.0.5:8786", "tls://sched.example:8786", "[::1]:8786".
_ADDRESS = re.compile(r"^(?:(?:tcp|tls|ws|wss|ucx)://)?(?:\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9._-]+):(\d{1,5})$")


class RunnerUnavailable(RuntimeError):
    """The Dask cluster the run was bound to cannot be reached or has no workers."""


def default_workers() -> int:
    return max(1, os.cpu_count() or 1)


def address_problem(address: str) -> str | None:
    """Why `address` cannot be a Dask scheduler address, or None when it can."""
    match = _ADDRESS.match(address)
    if match is None:
        return f"not a Dask scheduler address: {address!r} (expected tcp://HOST:PORT)"
    if not 0 < int(match.group(1)) < 65536:
        return f"not a Dask scheduler address: {address!r} (port out of range)"
    return None


def with_runner(flow: Flow, runner: str, workers: int | None = None, address: str | None = None) -> Flow:
    """The flow bound to the chosen task runner.

    How many slices the CPU stages are split into is not decided here: the flow
    reads it from the cluster once connected (see `connect`).
    """
    if runner == "thread":
        return flow
    if runner != "dask":
        raise ValueError(f"unknown runner {runner!r}; choose one of {', '.join(RUNNERS)}")
    if workers is not None and workers < 1:
        raise ValueError(f"workers must be at least 1, not {workers}")
    if workers is not None and address is not None:
        raise ValueError("workers sizes a local cluster; a cluster at an address has its own workers")
    if address is not None and (problem := address_problem(address)):
        raise ValueError(problem)
    from prefect_dask import DaskTaskRunner

    client_kwargs = {"timeout": config.dask_connect_timeout()}
    if address:
        task_runner = DaskTaskRunner(address=address, client_kwargs=client_kwargs)
    else:
        task_runner = DaskTaskRunner(
            cluster_kwargs={
                "n_workers": workers or default_workers(),
                "threads_per_worker": 1,
                "processes": True,
                "dashboard_address": None,
            },
            client_kwargs=client_kwargs,
        )
    return flow.with_options(task_runner=task_runner)


def probe(address: str) -> RunnerInfo:
    """The cluster at `address` as its scheduler describes itself, or RunnerUnavailable.

    The CLI asks before it starts a run, so an address with nothing behind it
    is one line and exit 1, not a failed flow run with Prefect's traceback;
    `connect` checks again inside the run, where the work is submitted.
    """
    import distributed

    timeout = config.dask_connect_timeout()
    with _unavailable(address), distributed.Client(address, timeout=timeout, set_as_default=False) as client:
        return _describe(client, None)


def connect(parallelism: int | None = None) -> RunnerInfo:
    """The current flow run's runner, connected, as its cluster describes itself.

    Prefect-dask opens its client at the first submitted task, which would let a
    bad address fail halfway through a run, or never when no stage is split.
    Connecting here, before the warehouse is touched, fails the run at once and
    gives the worker count and address as the scheduler reports them.
    """
    ctx = FlowRunContext.get()
    runner = ctx.task_runner if ctx else None
    # prefect_dask (and with it distributed, a second of imports) is only loaded
    # when a flow was bound to it, so a runner of that class implies the module.
    dask_runners = sys.modules.get("prefect_dask.task_runners")
    if dask_runners is None or not isinstance(runner, dask_runners.DaskTaskRunner):
        return RunnerInfo(kind="thread", ways=parallelism or 1)
    with _unavailable(runner.address or "a new local cluster"):
        return _describe(runner.client, parallelism)


def _describe(client: distributed.Client, parallelism: int | None) -> RunnerInfo:
    """Workers, threads and address as the scheduler reports them, once at least one worker has joined."""
    client.wait_for_workers(1, timeout=config.dask_connect_timeout())
    info = client.scheduler_info(n_workers=-1)
    workers = info["workers"].values()
    threads = sum(int(w.get("nthreads", 1)) for w in workers)
    ways = parallelism or max(1, threads)
    return RunnerInfo(kind="dask", workers=len(workers), threads=threads, address=info["address"], ways=ways)


@contextmanager
def _unavailable(where: str) -> Iterator[None]:
    """Connection failures and a cluster without workers, as one line that names the address."""
    try:
        yield
    except (OSError, TimeoutError) as exc:
        detail = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        if isinstance(exc, TimeoutError) and "worker" in detail.lower():
            detail = f"no worker joined within {config.dask_connect_timeout():g} s"
        raise RunnerUnavailable(f"cannot use the Dask cluster at {where}: {detail}") from None
