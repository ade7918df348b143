"""A small dump against a large warehouse: `dedup.match_dumps` seconds, two checkouts side by side.

    python benchmarks/incremental_bench.py WAREHOUSE DUMP_DIR --old CHECKOUT --new CHECKOUT [--rounds 3] [--workdir DIR]

WAREHOUSE is a warehouse file the old checkout can read (e.g. the one
`dedup_bench.py --incremental` left in its workdir); DUMP_DIR holds the one
small dump (`benchmarks/corpus.py`'s incremental dump). Each checkout first
upgrades its own copy of the warehouse (timed: for a newer schema, that is
the migration's cost); then every trial copies that master to a fresh file
and runs a child process with that checkout on the path that times
`match_dumps` three times: the first call (what `dedup_bench.py` reports),
then the best of the other two (warm). Trials alternate old/new, both with
the file in the page cache as the copy left it ("cached") and with its pages
dropped from the cache first (posix_fadvise DONTNEED on that file only:
"cold"). The table prints medians over rounds (wall seconds, and the first
call's CPU seconds, which other jobs on a shared machine disturb less) and
whether both sides gave the same sightings.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

CHILD = """
import json, sys, time
from pathlib import Path
from dumpflow import clean, config, dedup, read
from dumpflow import warehouse as wh
dump_path = next(Path(sys.argv[2]).glob("*.txt"))
cleaned = clean.clean_dump(read.read_dump(read.identify(dump_path), config.max_bytes()))
con = wh.connect(Path(sys.argv[1]), read_only=True)
times, cpu, answer = [], [], None
for _ in range(3):
    started, started_cpu = time.perf_counter(), time.process_time()
    out = dedup.match_dumps([cleaned], wh.WarehouseSource(con))
    times.append(time.perf_counter() - started)
    cpu.append(time.process_time() - started_cpu)
    answer = [(s.position, s.article_id, s.kind, round(s.similarity, 6)) for d in out for s in d.sightings]
con.close()
print(json.dumps({"times": times, "cpu": cpu, "answer": answer}))
"""


def siblings(path: Path) -> list[Path]:
    """The file and what lives beside it under its name (write-ahead log, sorted key runs)."""
    return [path, path.with_name(path.name + ".wal"), path.with_name(path.name + ".keys")]


def remove(path: Path) -> None:
    for p in siblings(path):
        if p.is_dir():
            shutil.rmtree(p)
        else:
            p.unlink(missing_ok=True)


def copy(src: Path, dst: Path) -> None:
    remove(dst)
    for s, d in zip(siblings(src), siblings(dst), strict=True):
        if s.is_dir():
            shutil.copytree(s, d)
        elif s.exists():
            shutil.copyfile(s, d)


def drop_cache(path: Path) -> None:
    """Evict this copy's pages from the OS page cache (its files only, nothing else on the machine)."""
    files = [p for s in siblings(path) for p in ([*s.iterdir()] if s.is_dir() else [s]) if p.is_file()]
    for f in files:
        fd = os.open(f, os.O_RDONLY)
        try:
            os.fsync(fd)
            os.posix_fadvise(fd, 0, 0, os.POSIX_FADV_DONTNEED)
        finally:
            os.close(fd)


def env_for(checkout: Path) -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = str(checkout)
    env.pop("DUMPFLOW_WAREHOUSE", None)
    return env


def upgrade(checkout: Path, path: Path) -> float:
    code = "import sys; from pathlib import Path; from dumpflow import warehouse; warehouse.upgrade(Path(sys.argv[1]))"
    started = time.perf_counter()
    subprocess.run([sys.executable, "-c", code, str(path)], env=env_for(checkout), check=True, cwd=checkout)
    return time.perf_counter() - started


def trial(checkout: Path, master: Path, trial_path: Path, dump_dir: Path, cold: bool) -> dict:
    copy(master, trial_path)
    if cold:
        drop_cache(trial_path)
    run = subprocess.run(
        [sys.executable, "-c", CHILD, str(trial_path), str(dump_dir)],
        env=env_for(checkout),
        capture_output=True,
        text=True,
        cwd=checkout,
    )
    if run.returncode:
        raise SystemExit(f"trial with {checkout} failed:\n{run.stderr[-2000:]}")
    return json.loads(run.stdout.strip().splitlines()[-1])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("warehouse", type=Path)
    parser.add_argument("dump_dir", type=Path)
    parser.add_argument("--old", type=Path, required=True, help="checkout of the code before")
    parser.add_argument("--new", type=Path, required=True, help="checkout of the code after")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--workdir", type=Path, default=Path("bench-out/incremental-bench"))
    args = parser.parse_args(argv)
    work = args.workdir.resolve()
    work.mkdir(parents=True, exist_ok=True)
    sides = {"old": args.old.resolve(), "new": args.new.resolve()}
    masters = {name: work / f"master-{name}.duckdb" for name in sides}
    for name, checkout in sides.items():
        copy(args.warehouse.resolve(), masters[name])
        print(f"{name}: upgrade of its copy {upgrade(checkout, masters[name]):.1f} s ({checkout})", flush=True)
    results: dict[tuple[str, bool], list[dict]] = {}
    for n in range(args.rounds):
        order = list(sides) if n % 2 == 0 else list(reversed(sides))
        for cold in (False, True):
            for name in order:
                r = trial(sides[name], masters[name], work / "trial.duckdb", args.dump_dir.resolve(), cold)
                results.setdefault((name, cold), []).append(r)
                state = "cold" if cold else "cached"
                print(f"round {n + 1} {name} {state}: " + ", ".join(f"{t:.3f}" for t in r["times"]), flush=True)
    remove(work / "trial.duckdb")
    print()
    print("| file | checkout | first call s | its CPU s | warm call s | rounds |")
    print("|---|---|---:|---:|---:|---:|")
    for cold in (False, True):
        for name in sides:
            rs = results[(name, cold)]
            first = statistics.median(r["times"][0] for r in rs)
            first_cpu = statistics.median(r["cpu"][0] for r in rs)
            warm = statistics.median(min(r["times"][1:]) for r in rs)
            state = "cold" if cold else "cached"
            print(f"| {state} | {name} | {first:.3f} | {first_cpu:.3f} | {warm:.3f} | {len(rs)} |")
    answers = {name: results[(name, False)][0]["answer"] for name in sides}
    print(f"same sightings (position, article, kind, similarity): {answers['old'] == answers['new']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
