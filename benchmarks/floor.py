"""What any ingest of a corpus costs before doing any of dumpflow's work, on this machine.

    python benchmarks/floor.py CORPUS_DIR [--repeat 3] [--baseline-wall SECONDS]

Issue #3 asks for end-to-end ingest at 10x the datasketch baseline's
entries/s, so the whole ingest must fit in a tenth of the baseline's wall
time. This measures three costs that every ingest on this stack pays however
its text steps are written, so the README can say how much of that budget is
left for cleaning, language, topics, repeat detection and the other tables:

1. `dumpflow ingest` of an empty directory, as a child process against a
   running Prefect server: interpreter, imports, one flow run and its
   bookkeeping, no dumps (and, as part of it, a child process that only
   imports the flow module: Prefect's import alone);
2. reading every dump, SHA-256 of its bytes (the dump id), UTF-8 decoding
   and splitting into lines, in this process;
3. writing every line once, (dump id, position, text), into one DuckDB table
   without indexes, in one Arrow insert, then closing the file. DuckDB's
   string compression (dictionary + FSST, chosen at checkpoint) is most of
   that time, so it is timed with it and without it, and the floor takes the
   cheaper of the two: no loader can write less than the uncompressed lines.

Each is the median of `--repeat` rounds. `--baseline-wall` (the baseline's
end-to-end seconds from `dedup_bench.py` on the same corpus) adds the budget
line.
"""

from __future__ import annotations

import argparse
import hashlib
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path

import duckdb
import pyarrow as pa

try:
    from benchmarks.dedup_bench import child_env, dumpflow_cmd, machine, prefect_server, run_measured
except ModuleNotFoundError:  # run as a script: python benchmarks/floor.py
    from dedup_bench import child_env, dumpflow_cmd, machine, prefect_server, run_measured  # type: ignore[no-redef]


def read_lines(dumps: Path) -> tuple[list[str], list[int], list[str]]:
    """(dump id, position, line) for every non-blank line of every dump, in name order."""
    ids: list[str] = []
    positions: list[int] = []
    lines: list[str] = []
    for path in sorted(dumps.glob("*.txt")):
        data = path.read_bytes()
        dump_id = hashlib.sha256(data).hexdigest()
        kept = [line for line in data.decode("utf-8").splitlines() if line.strip()]
        ids.extend([dump_id] * len(kept))
        positions.extend(range(len(kept)))
        lines.extend(kept)
    return ids, positions, lines


def write_lines(path: Path, ids: list[str], positions: list[int], lines: list[str], compress: bool = True) -> None:
    con = duckdb.connect(str(path))
    if not compress:
        con.execute("SET force_compression = 'uncompressed'")
    con.execute("CREATE TABLE lines (dump_id VARCHAR, position INTEGER, raw_text VARCHAR)")
    con.register("_rows", pa.table({"dump_id": ids, "position": positions, "raw_text": lines}))
    con.execute("INSERT INTO lines SELECT * FROM _rows")
    con.close()


def median_seconds(rounds: int, fn: Callable[[], object]) -> float:
    times = []
    for _ in range(rounds):
        started = time.perf_counter()
        fn()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus_dir", type=Path, help="a directory written by benchmarks/corpus.py")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--baseline-wall", type=float, help="the baseline's end-to-end seconds on this corpus")
    args = parser.parse_args(argv)
    dumps = args.corpus_dir / "dumps"
    with tempfile.TemporaryDirectory(prefix="dumpflow-floor-") as tmp:
        work = Path(tmp)
        empty = work / "empty"
        empty.mkdir()
        env = child_env()
        with prefect_server(work, env) as url:
            env["PREFECT_API_URL"] = url

            def empty_ingest() -> None:
                warehouse = work / "empty.duckdb"
                warehouse.unlink(missing_ok=True)
                cmd = dumpflow_cmd("ingest", str(empty), "--warehouse", str(warehouse))
                run_measured(cmd, env, work, "empty-ingest").check("dumpflow ingest of an empty directory")

            startup = median_seconds(args.repeat, empty_ingest)

            def import_flow() -> None:
                cmd = [sys.executable, "-c", "import flows.ingest"]
                run_measured(cmd, env, work, "import-flow").check("importing the flow module")

            importing = median_seconds(args.repeat, import_flow)
        ids, positions, lines = read_lines(dumps)
        reading = median_seconds(args.repeat, lambda: read_lines(dumps))
        target = work / "lines.duckdb"

        def write(compress: bool) -> None:
            target.unlink(missing_ok=True)
            write_lines(target, ids, positions, lines, compress)

        compressed = median_seconds(args.repeat, lambda: write(True))
        writing = median_seconds(args.repeat, lambda: write(False))
    n_dumps = len(set(ids))
    print("\n".join(machine()))
    print(f"corpus: {args.corpus_dir} ({n_dumps} dumps, {len(lines)} non-blank lines), medians of {args.repeat}\n")
    print("| fixed cost | seconds |")
    print("|---|---:|")
    print(f"| `dumpflow ingest` of an empty directory (running Prefect server) | {startup:.2f} |")
    print(f"| (of which: a process that only imports the flow module, Prefect included) | ({importing:.2f}) |")
    print(f"| read, SHA-256, decode and split every dump | {reading:.2f} |")
    print(f"| write every line once into one DuckDB table (no index, no compression), close | {writing:.2f} |")
    print(f"| (the same write with DuckDB's default string compression) | ({compressed:.2f}) |")
    total = startup + reading + writing
    print(f"| **together** | **{total:.2f}** |")
    if args.baseline_wall:
        budget = args.baseline_wall / 10
        head = f"\n10x the baseline ({args.baseline_wall:.2f} s end to end) leaves {budget:.2f} s for all of it; "
        if total >= budget:
            print(head + f"these costs alone exceed it by {total - budget:.2f} s.")
        else:
            print(
                head + f"these costs take {total:.2f} s of it, leaving {budget - total:.2f} s "
                f"({(budget - total) / max(len(lines), 1) * 1e6:.1f} us per line) for cleaning, language, topics, "
                "repeat detection and the other tables."
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
