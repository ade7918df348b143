"""What reading each dump once saves: the reader with the stat stamps `identify` recorded vs without them.

    python benchmarks/corpus.py bench-out/c20k --entries 20000 --seed 2026
    python benchmarks/read_once_bench.py bench-out/c20k --rounds 7

One process, one corpus listing; each round reads every dump twice
(`read.read_dump`), once with the records as listed (stamped: bytes not hashed
again) and once with their stamps removed (every dump hashed again, as the
reader did before issue 14), the order flipping every round. CPU seconds
(time.process_time), medians. The corpus must be older than read.RACY_NS,
else its files are not stamped and both sides hash; the count is printed.
"""

from __future__ import annotations

import argparse
import statistics
import time
from pathlib import Path

from benchmarks.drive import new_dumps
from dumpflow import read


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument(
        "corpus_dir", type=Path, help="a directory written by benchmarks/corpus.py, or a folder of dumps such as raw/"
    )
    parser.add_argument("--rounds", type=int, default=7)
    args = parser.parse_args(argv)
    found = new_dumps(args.corpus_dir)
    sides = {"stamped": found, "unstamped": [d.model_copy(update={"stamp": None}) for d in found]}
    times: dict[str, list[float]] = {side: [] for side in sides}
    for r in range(args.rounds):
        for side in sorted(sides, reverse=bool(r % 2)):
            t0 = time.process_time()
            for dump in sides[side]:
                read.read_dump(dump, 1 << 40)
            times[side].append(time.process_time() - t0)
    stamped = sum(d.stamp is not None for d in found)
    megabytes = sum(d.size_bytes for d in found) / 1e6
    print(f"{len(found)} dumps, {megabytes:.1f} MB, {stamped} stamped; read stage CPU s, median of {args.rounds}")
    old, new = statistics.median(times["unstamped"]), statistics.median(times["stamped"])
    print(f"{'hashed again (before)':<24}{old:8.3f}")
    print(f"{'read once (stamped)':<24}{new:8.3f}")
    print(f"{'speed-up':<24}{old / new:7.2f}x")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
