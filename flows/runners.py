"""Task runners: where the CPU-heavy stages of a run execute.

`thread` is Prefect's default (everything in this process). `dask` runs the
read, clean and language/topic stages in dask.distributed worker processes:
a local cluster by default, or an existing cluster by address. Repeat
detection and loading always run in the flow's process, one writer.
"""

from __future__ import annotations

import os

from prefect import Flow

RUNNERS = ("thread", "dask")


def default_workers() -> int:
    return max(1, os.cpu_count() or 1)


def with_runner(flow: Flow, runner: str, workers: int | None = None, address: str | None = None) -> tuple[Flow, int]:
    """The flow bound to the chosen task runner, and how many ways to split its CPU stages."""
    if runner == "thread":
        return flow, 1
    if runner != "dask":
        raise ValueError(f"unknown runner {runner!r}; choose one of {', '.join(RUNNERS)}")
    from prefect_dask import DaskTaskRunner

    n = workers or default_workers()
    if address:
        task_runner = DaskTaskRunner(address=address)
    else:
        task_runner = DaskTaskRunner(
            cluster_kwargs={"n_workers": n, "threads_per_worker": 1, "processes": True, "dashboard_address": None}
        )
    return flow.with_options(task_runner=task_runner), n
