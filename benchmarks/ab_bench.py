"""Two checkouts of dumpflow side by side: repeat detection alone and the whole ingest, alternately.

    python benchmarks/corpus.py bench-out/c20k --entries 20000 --seed 2026
    git worktree add --detach ../dumpflow-base main
    python benchmarks/ab_bench.py bench-out/c20k --base ../dumpflow-base --rounds 3

On a shared machine a time is only worth its ratio to another taken beside it:
each round runs the base checkout and this one (the order flips every round),
each in a fresh process, and the table gives medians and base/new ratios of
- match: `benchmarks/match_bench.py` of that checkout, one run (the dedup
  stage alone, in process, against a real warehouse): wall and CPU seconds;
- ingest: `python -m dumpflow ingest` of that checkout into a fresh warehouse,
  against one `prefect server` started for the whole comparison (so Prefect's
  own start-up is not timed): wall and CPU seconds of the process, and the
  flow's own prepare and dedup stage seconds.
A process starts cold every time, so whatever a version pays once per process
(importing a library, loading compiled code) is in its numbers.
"""

from __future__ import annotations

import argparse
import re
import statistics
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path

try:
    from benchmarks.dedup_bench import child_env, prefect_server, stage_seconds
    from benchmarks.drive import alternating, run_in
except ModuleNotFoundError:  # run as a script: python benchmarks/ab_bench.py
    from dedup_bench import child_env, prefect_server, stage_seconds  # type: ignore[no-redef]
    from drive import alternating, run_in  # type: ignore[no-redef]

ROOT = Path(__file__).resolve().parent.parent
_MEDIAN = re.compile(r"^\s*med\s+([0-9.]+)\s+([0-9.]+)", re.MULTILINE)


def match(checkout: Path, corpus: Path, env: dict[str, str]) -> tuple[float, float]:
    """match_bench's stage wall and CPU seconds (one run)."""
    timed = run_in(
        checkout, [sys.executable, str(checkout / "benchmarks" / "match_bench.py"), str(corpus)], env, "ab_bench"
    )
    found = _MEDIAN.search(timed.stdout)
    if not found:
        raise SystemExit(f"ab_bench: no median line from match_bench in {checkout}:\n{timed.stdout}")
    return float(found.group(1)), float(found.group(2))


def ingest(checkout: Path, corpus: Path, env: dict[str, str], work: Path) -> tuple[float, float, float, float]:
    """Ingest wall and CPU seconds, and the flow's own prepare and dedup stage seconds."""
    warehouse = work / "w.duckdb"
    for p in work.glob("w.duckdb*"):
        p.unlink()
    timed = run_in(
        checkout,
        [sys.executable, "-m", "dumpflow", "ingest", str(corpus / "dumps"), "--warehouse", str(warehouse)],
        env,
        "ab_bench",
    )
    stages = stage_seconds(timed.stdout)
    return timed.wall, timed.cpu, stages.get("prepare", float("nan")), stages.get("dedup", float("nan"))


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("corpus_dir", type=Path, help="a directory written by benchmarks/corpus.py")
    parser.add_argument("--base", type=Path, required=True, help="the other checkout (e.g. a worktree at main)")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--skip-ingest", action="store_true", help="time repeat detection alone")
    args = parser.parse_args(argv)
    corpus = args.corpus_dir.resolve()
    sides = {"base": args.base.resolve(), "new": ROOT}
    rows: dict[str, dict[str, list[float]]] = {side: {} for side in sides}
    env = child_env()
    with tempfile.TemporaryDirectory(prefix="ab-bench-") as tmp:
        work = Path(tmp)
        server = prefect_server(work, env) if not args.skip_ingest else None
        url = server.__enter__() if server else ""
        try:
            for r, side in alternating(list(sides), args.rounds):
                got = rows[side]
                wall, cpu = match(sides[side], corpus, env)
                got.setdefault("match wall s", []).append(wall)
                got.setdefault("match cpu s", []).append(cpu)
                line = f"round {r + 1} {side:>4}: match {wall:6.2f} s wall {cpu:6.2f} s cpu"
                if server:
                    i_wall, i_cpu, prepare, dedup = ingest(sides[side], corpus, {**env, "PREFECT_API_URL": url}, work)
                    got.setdefault("ingest wall s", []).append(i_wall)
                    got.setdefault("ingest cpu s", []).append(i_cpu)
                    got.setdefault("ingest prepare s", []).append(prepare)
                    got.setdefault("ingest dedup s", []).append(dedup)
                    line += f" | ingest {i_wall:6.2f} s wall {i_cpu:6.2f} s cpu"
                    line += f", prepare stage {prepare:6.2f} s, dedup stage {dedup:6.2f} s"
                print(line, flush=True)
        finally:
            if server:
                server.__exit__(None, None, None)
    print(f"\n{'median of ' + str(args.rounds):<16} {'base':>8} {'new':>8} {'base/new':>9}")
    for metric, values in rows["base"].items():
        b, n = statistics.median(values), statistics.median(rows["new"][metric])
        print(f"{metric:<16} {b:>8.2f} {n:>8.2f} {b / n:>8.2f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
