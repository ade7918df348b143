"""The load stage alone (and the checkpoint that ends a run), old code against new, side by side.

    python benchmarks/corpus.py bench-out/c20k --entries 20000 --seed 2026
    git worktree add --detach ../dumpflow-base main        # the code to compare against
    python benchmarks/load_bench.py bench-out/c20k --compare ../dumpflow-base --rounds 3

What is loaded is what an ingest of the corpus into an empty warehouse loads:
every batch of the flow (its batch size) read, cleaned, matched against a
warehouse holding the batches before it, and annotated (language and topics),
computed once in this process and kept in `--cache` (default
`bench-out/load-<corpus name>.pkl`). Each timing runs in a fresh process
with PYTHONPATH set to one checkout, this one and `--compare` alternating
round after round, and loads every batch into a fresh warehouse through the
flow's `warehouse.Writer` (one connection, its checkpoint threshold), as the
ingest does; then closes it, which checkpoints the file.

Columns (seconds, medians of the rounds): `load` wall and `load cpu` (all
threads: DuckDB compresses on several) of the `load_dumps` calls, `main cpu`
the calling thread's share of that CPU (building the columns in Python and
Arrow, and handing statements over; DuckDB's own work runs mostly on its
threads), `ckpt` the final close, `total` the two, and `rss` the child's peak RSS in MB (it holds
the unpickled batches too). With `--compare`, every table of the two
checkouts' warehouses is compared ORDER BY ALL (timestamps and run ids
replaced by their rank: they are the clock's, not the data's); any difference
is printed and the exit status is 1. `--profile FILE` writes a cProfile of
one child's loads (this checkout) instead of timing.
"""

from __future__ import annotations

import argparse
import cProfile
import json
import pickle
import resource
import statistics
import sys
import tempfile
import time
from pathlib import Path

try:
    from benchmarks import drive
except ImportError:  # run as a script, maybe as a child with another checkout on PYTHONPATH
    import drive  # type: ignore[no-redef]

HERE = Path(__file__).resolve().parent.parent
COLUMNS = ("load", "load cpu", "main cpu", "ckpt", "total", "rss")


def make_batches(corpus: Path, cache: Path) -> int:
    """Write the annotated batches an ingest of `corpus` loads, in order, to `cache`; their entry count."""
    from dumpflow import config, dedup, enrich, warehouse
    from dumpflow.runtime import paused_gc

    groups = drive.cleaned_batches(corpus)
    out = []
    with tempfile.TemporaryDirectory(prefix="load-bench-make-") as tmp:
        db = Path(tmp) / "w.duckdb"
        warehouse.ensure(db)
        writer = warehouse.Writer(db, config.hold_seconds())
        try:
            for group in groups:
                with writer.connection() as con, paused_gc():
                    matched = dedup.match_dumps(group, warehouse.WarehouseSource(con))
                    annotated = enrich.annotate(matched)
                    warehouse.load_dumps(con, annotated, "load-bench")
                out.append(annotated)
        finally:
            writer.close()
    cache.parent.mkdir(parents=True, exist_ok=True)
    cache.write_bytes(pickle.dumps(out, protocol=5))
    return sum(len(d.sightings) for group in out for d in group)


def _child(cache: Path, db: Path, profile: Path | None) -> None:
    """Load every cached batch into a fresh warehouse at `db` as the flow does; print one JSON line of seconds."""
    import gc

    from dumpflow import config, warehouse
    from dumpflow.runtime import paused_gc

    groups = pickle.loads(cache.read_bytes())
    gc.collect()
    gc.freeze()  # the batches were made by earlier stages: the flow's collector has frozen them (paused_gc)
    warehouse.ensure(db)
    writer = warehouse.Writer(db, config.hold_seconds())
    profiler = (
        cProfile.Profile(time.thread_time) if profile else None
    )  # this thread's CPU: not other jobs, not DuckDB's threads
    with writer.connection() as con:
        warehouse.start_run(con, "load-bench")
    wall = cpu = main = 0.0
    for group in groups:
        with writer.connection() as con, paused_gc():  # as flows/ingest.py's load_batch
            start, start_cpu, start_main = time.perf_counter(), time.process_time(), time.thread_time()
            if profiler:
                profiler.enable()
            warehouse.record_rejections(con, [], "load-bench")
            warehouse.load_dumps(con, group, "load-bench")
            if profiler:
                profiler.disable()
            wall += time.perf_counter() - start
            cpu += time.process_time() - start_cpu
            main += time.thread_time() - start_main
    with writer.connection() as con:
        warehouse.finish_run(con, "load-bench", "completed", {})
    start = time.perf_counter()
    writer.close()
    ckpt = time.perf_counter() - start
    if profiler and profile:
        profiler.dump_stats(profile)
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"load": wall, "load cpu": cpu, "main cpu": main, "ckpt": ckpt, "total": wall + ckpt, "rss": rss}))


def table_rows(db: Path) -> dict[str, list[tuple]]:
    """Every table's rows ORDER BY ALL, with what the clock decides replaced by its rank.

    TIMESTAMP columns become their dense rank in the column, and a run id the
    rank of its run's start (ids are random; the order runs started in is not).
    """
    import duckdb

    con = duckdb.connect(str(db), read_only=True)
    try:
        tables = [r[0] for r in con.execute("SELECT table_name FROM duckdb_tables() ORDER BY table_name").fetchall()]
        out = {}
        for table in tables:
            cols = con.execute(
                "SELECT column_name, data_type FROM duckdb_columns() WHERE table_name = ? ORDER BY column_index",
                [table],
            ).fetchall()
            exprs = []
            for name, kind in cols:
                if name == "run_id":
                    exprs.append(
                        "(SELECT r.rank FROM (SELECT run_id, dense_rank() OVER (ORDER BY started_at) AS rank "
                        "FROM runs) r WHERE r.run_id = t.run_id) AS run_id"
                    )
                elif kind.startswith("TIMESTAMP"):
                    exprs.append(f"dense_rank() OVER (ORDER BY {name}) AS {name}")
                else:
                    exprs.append(name)
            out[table] = con.execute(f"SELECT {', '.join(exprs)} FROM {table} t ORDER BY ALL").fetchall()
        return out
    finally:
        con.close()


def differences(a: dict[str, list[tuple]], b: dict[str, list[tuple]]) -> list[str]:
    """What differs between two `table_rows` results, one line per table (empty: identical)."""
    found = []
    for table in sorted(set(a) | set(b)):
        if table not in a or table not in b:
            found.append(f"{table}: only in {'the first' if table in a else 'the second'}")
        elif a[table] != b[table]:
            diff = sum(1 for x, y in zip(a[table], b[table], strict=False) if x != y)
            found.append(f"{table}: {len(a[table])} vs {len(b[table])} rows, {diff} differ in order")
    return found


def _run_child(checkout: Path, cache: Path, db: Path, profile: Path | None = None) -> dict[str, float]:
    for p in db.parent.glob(db.name + "*"):
        p.unlink()
    cmd = [sys.executable, str(Path(__file__).resolve()), "--child", str(cache), "--db", str(db)]
    if profile:
        cmd += ["--profile", str(profile)]
    out = drive.run_in(checkout, cmd, what="load_bench").stdout
    return json.loads(out.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", type=Path, nargs="?", help="a folder written by benchmarks/corpus.py")
    parser.add_argument("--compare", type=Path, help="another checkout (e.g. main) to time and check against")
    parser.add_argument("--rounds", type=int, default=3, help="processes per checkout, alternating")
    parser.add_argument("--cache", type=Path, help="where the annotated batches are kept (made when missing)")
    parser.add_argument("--profile", type=Path, help="write a cProfile of this checkout's loads here; no timing")
    parser.add_argument("--child", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--db", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        _child(args.child, args.db, args.profile)
        return
    if args.corpus is None:
        parser.error("the corpus folder is required")
    sys.path.insert(0, str(HERE))
    cache = (args.cache or HERE / "bench-out" / f"load-{args.corpus.resolve().name}.pkl").resolve()
    if not cache.exists():
        print(f"making the annotated batches of {args.corpus} into {cache} ...", flush=True)
        print(f"{make_batches(args.corpus, cache)} entries", flush=True)
    checkouts = {"this": HERE} | ({"compare": args.compare.resolve()} if args.compare else {})
    results: dict[str, list[dict[str, float]]] = {label: [] for label in checkouts}
    different = False
    with tempfile.TemporaryDirectory(prefix="load-bench-") as tmp:
        if args.profile:
            print(json.dumps(_run_child(HERE, cache, Path(tmp) / "w.duckdb", args.profile.resolve())))
            return
        rows: dict[str, dict[str, list[tuple]]] = {}
        for round_, label in drive.alternating(list(checkouts), args.rounds):
            db = Path(tmp) / f"{label}.duckdb"
            got = _run_child(checkouts[label], cache, db)
            results[label].append(got)
            print(f"round {round_ + 1} {label:>7}: " + " ".join(f"{k} {got[k]:.2f}" for k in COLUMNS), flush=True)
            if round_ == 0:
                rows[label] = table_rows(db)
        if args.compare:
            diff = differences(rows["this"], rows["compare"])
            different = bool(diff)
            print("warehouses: " + ("identical, every table ORDER BY ALL" if not diff else "DIFFERENT"))
            for line in diff:
                print("  " + line)
    print(f"\nmedians of {args.rounds} (seconds; rss MB)")
    print(f"{'checkout':>9} " + " ".join(f"{c:>9}" for c in COLUMNS))
    med = {label: {c: statistics.median(r[c] for r in runs) for c in COLUMNS} for label, runs in results.items()}
    for label, values in med.items():
        print(f"{label:>9} " + " ".join(f"{values[c]:>9.2f}" for c in COLUMNS))
    if args.compare:
        print(
            "speed-up (compare / this): "
            + ", ".join(f"{c} {med['compare'][c] / med['this'][c]:.2f}x" for c in ("load", "ckpt", "total"))
        )
    sys.exit(1 if different else 0)


if __name__ == "__main__":
    main()
