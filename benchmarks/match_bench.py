"""Repeat detection (the match stage) alone, in process, against a real DuckDB warehouse.

    python benchmarks/match_bench.py CORPUS_DIR [--repeat N] [--assignments OUT.csv] [--profile OUT.prof]

CORPUS_DIR is what benchmarks/corpus.py wrote. The dumps are read and cleaned
first, untimed, and cut into the ingest flow's batches; then each batch is
matched (`dedup.match_dumps` with a `WarehouseSource`, timed) and loaded into a
fresh warehouse file (untimed), as flows/ingest.py does (the garbage collector paused
during matching, as there), so every
batch after the first is matched against a warehouse of real size. Language
and topics are not analysed: every article gets the same placeholder
annotation, which nothing in repeat detection reads.

The table gives the stage's wall seconds, CPU seconds (all threads; less
skewed than wall time by other jobs on a shared machine) and entries/s per repeat, their median,
the per-phase breakdown when the engine reports one (`match_dumps(...,
phases=...)`: sketch, lookup, pairs, verify, merge), and P/R/F1 against the corpus
truth. `--assignments` writes (source_name, position, article_id) of every
entry, to compare two versions of the engine decision by decision. The script
only uses the engine's public step functions, so it also runs against an older
checkout (PYTHONPATH=that checkout), which reports no phases.
"""

from __future__ import annotations

import argparse
import cProfile
import csv
import inspect
import statistics
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

from dumpflow import config, dedup, enrich, warehouse
from dumpflow.runtime import paused_gc
from schemas.records import Annotation, CleanDump, LanguageGuess

try:
    from benchmarks import scoring
    from benchmarks.drive import cleaned_batches as prepare  # the name tests and older scripts know
except ModuleNotFoundError:  # run as a script: python benchmarks/match_bench.py
    import scoring  # type: ignore[no-redef]
    from drive import cleaned_batches as prepare  # type: ignore[no-redef]

PLACEHOLDER = Annotation(language=LanguageGuess(lang="und", confidence=0.0, method="none"), topics=[])


def run_once(
    groups: Sequence[Sequence[CleanDump]], db: Path, profiler: cProfile.Profile | None
) -> tuple[float, float, dict[str, float], dict[scoring.Key, str]]:
    """Match and load every batch into a new warehouse: match wall and CPU seconds, phase seconds, assignments."""
    warehouse.ensure(db)
    writer = warehouse.Writer(db, config.hold_seconds())
    phased = "phases" in inspect.signature(dedup.match_dumps).parameters
    phases: dict[str, float] = {}
    assigned: dict[scoring.Key, str] = {}
    seconds = cpu = 0.0
    try:
        with writer.connection() as con:
            warehouse.start_run(con, "match-bench")
        for group in groups:
            with writer.connection() as con, paused_gc():  # as flows/ingest.py's match_batch
                source = warehouse.WarehouseSource(con)
                kwargs = {"phases": phases} if phased else {}
                start, start_cpu = time.perf_counter(), time.process_time()
                if profiler:
                    profiler.enable()
                matched = dedup.match_dumps(group, source, **kwargs)
                if profiler:
                    profiler.disable()
                seconds += time.perf_counter() - start
                cpu += time.process_time() - start_cpu
            for dump in matched:
                for s in dump.sightings:
                    assigned[(dump.dump.source_name, s.position)] = s.article_id
            texts = enrich.distinct_texts(matched)
            annotated = enrich.assemble(matched, texts, [PLACEHOLDER] * len(texts))
            with writer.connection() as con:
                warehouse.load_dumps(con, annotated, "match-bench")
    finally:
        writer.close()
    return seconds, cpu, phases, assigned


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("corpus_dir", type=Path)
    parser.add_argument("--repeat", type=int, default=1, help="runs, each into a fresh warehouse (default 1)")
    parser.add_argument("--assignments", type=Path, help="write source_name,position,article_id of every entry")
    parser.add_argument("--profile", type=Path, help="cProfile the match calls of the first run into this file")
    args = parser.parse_args(argv)
    if not (args.corpus_dir / "dumps").is_dir():
        parser.error(f"{args.corpus_dir} has no dumps/: make one with benchmarks/corpus.py")
    groups = prepare(args.corpus_dir)
    entries = sum(len(d.entries) for g in groups for d in g)
    truth_file = args.corpus_dir / "truth.csv"
    truth = scoring.read_labels(truth_file, "article") if truth_file.is_file() else None
    print(f"corpus: {args.corpus_dir} ({entries} entries, {sum(map(len, groups))} dumps, {len(groups)} batches)")
    print(f"{'run':>4} {'match s':>8} {'cpu s':>7} {'entries/s':>10}  phases (s)")
    runs: list[float] = []
    cpus: list[float] = []
    assigned: dict[scoring.Key, str] = {}
    for i in range(args.repeat):
        profiler = cProfile.Profile() if args.profile and i == 0 else None
        with tempfile.TemporaryDirectory(prefix="match-bench-") as tmp:
            seconds, cpu, phases, assigned = run_once(groups, Path(tmp) / "w.duckdb", profiler)
        if profiler:
            profiler.dump_stats(args.profile)
        runs.append(seconds)
        cpus.append(cpu)
        breakdown = ", ".join(f"{k} {v:.2f}" for k, v in phases.items()) or "n/a (engine reports none)"
        print(f"{i + 1:>4} {seconds:>8.2f} {cpu:>7.2f} {entries / seconds:>10,.0f}  {breakdown}")
    median = statistics.median(runs)
    print(f"{'med':>4} {median:>8.2f} {statistics.median(cpus):>7.2f} {entries / median:>10,.0f}")
    if truth is not None:
        s = scoring.score(truth, assigned)
        print(f"P {s.precision:.4f}  R {s.recall:.4f}  F1 {s.f1:.4f}")
    if args.assignments:
        with args.assignments.open("w", newline="") as f:
            out = csv.writer(f)
            out.writerow(["source_name", "position", "article_id"])
            out.writerows((k[0], k[1], v) for k, v in sorted(assigned.items()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
