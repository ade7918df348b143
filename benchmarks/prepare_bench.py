"""The prepare stage alone (read + clean every dump), old code against new, side by side.

    python benchmarks/corpus.py bench-out/c20k --entries 20000 --seed 2026
    git worktree add --detach ../dumpflow-base main        # the code to compare against
    python benchmarks/prepare_bench.py bench-out/c20k --compare ../dumpflow-base --rounds 5

Each round runs this checkout and `--compare` in fresh processes (the order
flips every round). A child reads and cleans every dump of the corpus
`--repeat` times, as the flow's prepare task does (`read.read_dump`, then
`clean.clean_or_reject`, the garbage collector paused), and reports its best
CPU seconds (time.process_time: on a shared machine other jobs disturb it
less than wall time) for reading, cleaning and both. The table gives medians
over the rounds and the ratio. The two checkouts' prepared dumps must be
equal record for record (compared as a digest of their fields); when they
are not, the exit status is 1.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import pickle
import statistics
import sys
import time
from pathlib import Path

try:
    from benchmarks import drive
except ImportError:  # run as a script, maybe as a child with another checkout on PYTHONPATH
    import drive  # type: ignore[no-redef]

HERE = Path(__file__).resolve().parent.parent
PHASES = ("read", "clean", "prepare")


def _child(corpus: Path, repeat: int) -> None:
    """Time this checkout's read and clean over the corpus; print one JSON line."""
    import gc

    from dumpflow import clean, read

    found, _, _ = read.identify_all(read.discover([corpus / "dumps"]))
    best = dict.fromkeys(PHASES, float("inf"))
    gc.disable()  # as the flow runs the stage (dumpflow.runtime.paused_gc)
    for _ in range(repeat):
        t0 = time.process_time()
        parsed = [read.read_dump(dump, 1 << 40) for dump in found]
        t1 = time.process_time()
        prepared = [p if not hasattr(p, "entries") else clean.clean_or_reject(p) for p in parsed]
        t2 = time.process_time()
        for phase, seconds in zip(PHASES, (t1 - t0, t2 - t1, t2 - t0), strict=True):
            best[phase] = min(best[phase], seconds)
    # Without the dump's stat stamp (issue 14), which older checkouts do not record: the output compared is the
    # prepared entries, and the stamp is the same files' stat on both sides anyway.
    fields = [p.model_dump(exclude={"dump": {"stamp"}}) for p in prepared]
    digest = hashlib.sha256(pickle.dumps(fields, protocol=5)).hexdigest()
    print(json.dumps({**best, "digest": digest, "dumps": len(prepared)}))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("corpus_dir", type=Path, help="a directory written by benchmarks/corpus.py")
    parser.add_argument("--compare", type=Path, required=True, help="the other checkout (e.g. a worktree at main)")
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--repeat", type=int, default=3, help="passes per child; its best one counts")
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    corpus = args.corpus_dir.resolve()
    if args.child:
        _child(corpus, args.repeat)
        return 0
    sides = {"compare": args.compare.resolve(), "this": HERE}
    got: dict[str, list[dict]] = {side: [] for side in sides}
    for r, side in drive.alternating(list(sides), args.rounds):
        cmd = [sys.executable, str(Path(__file__).resolve()), str(corpus), "--compare", ".", "--child"]
        timed = drive.run_in(sides[side], [*cmd, "--repeat", str(args.repeat)], what="prepare_bench")
        row = json.loads(timed.stdout.strip().splitlines()[-1])
        got[side].append(row)
        print(f"round {r + 1} {side:>7}: " + "  ".join(f"{p} {row[p]:6.3f} s" for p in PHASES), flush=True)
    digests = {row["digest"] for rows in got.values() for row in rows}
    title = f"CPU s, median of {args.rounds}"
    print(f"\n{title:<22} {'compare':>8} {'this':>8} {'speed-up (compare / this)':>26}")
    for phase in PHASES:
        old = statistics.median(row[phase] for row in got["compare"])
        new = statistics.median(row[phase] for row in got["this"])
        print(f"{phase:<22} {old:>8.3f} {new:>8.3f} {old / new:>25.2f}x")
    dumps = got["this"][0]["dumps"]
    if len(digests) != 1:
        print(f"prepared dumps DIFFER between the checkouts ({dumps} dumps)")
        return 1
    print(f"prepared dumps identical ({dumps} dumps)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
