"""The nightly refresh: the `ingest` flow as the Prefect deployment `ingest/nightly`.

Two ways to run it, one definition: `dumpflow serve` serves it from a
long-running process (`serve_nightly`), and `prefect deploy` (prefect.yaml)
registers it for a process work pool with `nightly` as its entrypoint. Both run
the flow object `nightly`, so a run retries the same way whichever started it.

Why these settings:
- Concurrency limit 1 with ENQUEUE: a run triggered while another is writing
  (by hand, or a night after a very long run) waits for it instead of being
  dropped; it then loads only what arrived meanwhile, which is cheap. The
  flow's own writer lock still guards the file against any other writer
  (`dumpflow ingest` by hand).
- Flow retries: the I/O tasks retry within seconds; a whole-run retry, minutes
  later, covers what outlasts them (another ingest holding the warehouse past
  DUMPFLOW_LOCK_TIMEOUT, a disk or mount briefly gone). A retry is safe: a dump
  is committed whole or not at all, and loaded dumps are skipped. `dumpflow
  ingest` keeps the plain flow, which fails at once for a person at a terminal.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from prefect.client.schemas.objects import ConcurrencyLimitConfig, ConcurrencyLimitStrategy
from prefect.client.schemas.schedules import CronSchedule
from prefect.schedules import Cron, Schedule
from pydantic import ValidationError

from flows.ingest import ingest

DEPLOYMENT_NAME = "nightly"
DEFAULT_CRON = "0 2 * * *"
DEFAULT_TIMEZONE = "UTC"
RETRIES = 2
RETRY_DELAY_SECONDS = 600
CONCURRENCY = ConcurrencyLimitConfig(limit=1, collision_strategy=ConcurrencyLimitStrategy.ENQUEUE)
DESCRIPTION = "Nightly refresh: ingest the dumps not loaded yet into the DuckDB catalogue."

nightly = ingest.with_options(retries=RETRIES, retry_delay_seconds=RETRY_DELAY_SECONDS)


def schedule(cron: str = DEFAULT_CRON, timezone: str = DEFAULT_TIMEZONE) -> Schedule:
    """The cron schedule; a bad expression or time zone raises ValueError here, before any server is contacted."""
    try:
        CronSchedule(cron=cron, timezone=timezone)  # Cron() itself checks nothing
    except ValidationError as exc:
        raise ValueError("; ".join(e["msg"].removeprefix("Value error, ") for e in exc.errors())) from None
    return Cron(cron, timezone=timezone)


def parameters(paths: Sequence[str | Path], warehouse_file: str | Path) -> dict[str, Any]:
    """Run parameters with absolute paths: runs start in whatever directory the runner or worker uses."""
    return {
        "paths": [str(Path(p).resolve()) for p in paths],
        "warehouse_file": str(Path(warehouse_file).resolve()),
    }


def serve_nightly(
    paths: Sequence[str | Path],
    warehouse_file: str | Path,
    cron: str = DEFAULT_CRON,
    timezone: str = DEFAULT_TIMEZONE,
    retries: int = RETRIES,
    retry_delay_seconds: float = RETRY_DELAY_SECONDS,
) -> None:
    """Create or update `ingest/nightly` and run its scheduled runs until interrupted.

    Blocks. On Ctrl-C or SIGTERM Prefect pauses the schedule, so runs do not
    pile up with no process to take them; serving again resumes it.
    """
    flow = nightly.with_options(retries=retries, retry_delay_seconds=retry_delay_seconds)
    flow.serve(
        name=DEPLOYMENT_NAME,
        schedule=schedule(cron, timezone),
        global_limit=CONCURRENCY,
        parameters=parameters(paths, warehouse_file),
        description=DESCRIPTION,
        tags=["dumpflow"],
    )
