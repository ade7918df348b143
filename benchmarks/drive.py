"""What the benchmark drivers share: a corpus read as the flow reads it, and checkouts run side by side.

match_bench, annotate_bench and ab_bench each time one engine stage on a
corpus written by benchmarks/corpus.py, and the last two compare this checkout
with another one. They used to carry their own copies of reading and cleaning
the dumps and of running a child with another checkout's code; a change to
how the flow reads (limits, batches) or to how a child is timed now happens
once, here.

Engine modules are imported inside the functions: annotate_bench runs itself
as a child with PYTHONPATH set to another checkout, which must still be able
to import this module whatever that checkout's engine looks like.
"""

from __future__ import annotations

import os
import subprocess
import tempfile
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from schemas.records import CleanDump, DumpFile


def dumps_dir(corpus: Path) -> Path:
    """Where a corpus keeps its dumps: `<corpus>/dumps` as corpus.py writes it, else the folder itself (raw/)."""
    return corpus / "dumps" if (corpus / "dumps").is_dir() else corpus


def cleaned_batches(corpus: Path) -> list[list[CleanDump]]:
    """The corpus read, cleaned and cut into the ingest flow's batches (its configured batch size)."""
    from dumpflow import config
    from flows.ingest import batches  # imports Prefect: only for the drivers that cut batches

    return [_cleaned(group) for group in batches(new_dumps(corpus), config.batch_bytes(None))]


def cleaned_dumps(corpus: Path) -> list[CleanDump]:
    """Every dump of the corpus read and cleaned, in the flow's order, as one list."""
    return _cleaned(new_dumps(corpus))


def new_dumps(corpus: Path) -> list[DumpFile]:
    """The corpus's dumps as the flow lists them (hashed and stat-stamped), in the flow's order."""
    from dumpflow import read

    new, _, _ = read.identify_all(read.discover([dumps_dir(corpus)]))
    return new


def _cleaned(dumps: Sequence[DumpFile]) -> list[CleanDump]:
    """Read and clean each dump with the flow's file size limit; a rejected one (none is expected
    in a generated corpus) is left out."""
    from dumpflow import clean, config, read

    limit = config.max_bytes(None)
    out = []
    for dump in dumps:
        parsed = read.read_dump(dump, limit)
        result = parsed if isinstance(parsed, read.Rejection) else clean.clean_or_reject(parsed)
        if not isinstance(result, read.Rejection):
            out.append(result)
    return out


@dataclass(frozen=True)
class Timed:
    wall: float
    cpu: float  # user + system of the child and what it waited for
    stdout: str


def run_in(checkout: Path, cmd: Sequence[str], env: dict[str, str] | None = None, what: str = "benchmark") -> Timed:
    """Run a child with `checkout`'s code (its cwd and PYTHONPATH): wall and CPU seconds, stdout.

    Output goes to files, not pipes, so a chatty child never stalls on a full
    pipe while it is timed. A failing child stops the benchmark with its stderr.
    """
    child_env = {**(os.environ if env is None else env), "PYTHONPATH": str(checkout)}
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        started = time.perf_counter()
        proc = subprocess.Popen(list(cmd), stdout=out, stderr=err, env=child_env, cwd=checkout)
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - started
        out.seek(0)
        err.seek(0)
        stdout, stderr = out.read().decode(errors="replace"), err.read().decode(errors="replace")
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"{what}: {' '.join(cmd)} failed in {checkout}:\n{stderr[-2000:]}")
    return Timed(wall, usage.ru_utime + usage.ru_stime, stdout)


def alternating(sides: Sequence[str], rounds: int) -> Iterator[tuple[int, str]]:
    """(round, side) for every round, the sides' order flipped every other round.

    On a shared machine a time is only worth its ratio to another taken beside
    it; flipping the order keeps whichever side runs first (colder caches, a
    quieter or busier moment) from always being the same one.
    """
    for r in range(rounds):
        for side in sides if r % 2 == 0 else list(reversed(sides)):
            yield r, side
