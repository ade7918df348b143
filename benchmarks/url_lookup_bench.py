"""How long repeat detection's lookup by address takes on a large warehouse.

    python benchmarks/url_lookup_bench.py [--articles 1000000] [--repeat 5] [--workdir DIR]

Builds a warehouse (the real schema, through `warehouse.ensure`) holding
`--articles` articles, half of them with a canonical address (HTML posts),
then times `WarehouseSource.url_owners` -- what one ingest batch asks -- for
batches of addresses of which half are stored, without and then with an ART
index on articles.url_key. Prints a table of median milliseconds. The
addresses are generated from a counter, so every run builds the same file.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path

import pyarrow as pa

from dumpflow import warehouse
from dumpflow.warehouse import WarehouseSource

BATCHES = (100, 1_000, 10_000)


def build(path: Path, n: int) -> None:
    warehouse.ensure(path)
    ids = [f"{i:016x}" for i in range(n)]
    keys = [f"blog{i % 997}.example.org/{2000 + i % 25}/{i:08d}/post-{i}" if i % 2 == 0 else None for i in range(n)]
    now = warehouse.utcnow()
    table = pa.table(
        {
            "article_id": ids,
            "body": [f"body {i}" for i in range(n)],
            "lang": ["en"] * n,
            "lang_confidence": [1.0] * n,
            "lang_method": ["script"] * n,
            "is_truncated": [False] * n,
            "n_chars": [6] * n,
            "first_seen": pa.array([now] * n, type=pa.timestamp("us")),
            "last_seen": pa.array([now] * n, type=pa.timestamp("us")),
            "first_dump_id": ["d"] * n,
            "last_dump_id": ["d"] * n,
            "match_key": ids,
            "url_key": keys,
        }
    )
    with warehouse.session(path) as con, warehouse.registered(con, "_rows", table):
        names = ", ".join(table.column_names)
        con.execute(f"INSERT INTO articles ({names}) SELECT {names} FROM _rows")


def wanted(n_articles: int, size: int) -> list[str]:
    """`size` addresses: every other one stored (even counters), the rest not."""
    step = max(2, n_articles // size)
    stored = [f"blog{i % 997}.example.org/{2000 + i % 25}/{i:08d}/post-{i}" for i in range(0, n_articles, step)]
    return [k for pair in zip(stored, (k.replace("post-", "missing-") for k in stored), strict=True) for k in pair][
        :size
    ]


def time_lookups(path: Path, n_articles: int, repeat: int) -> dict[int, tuple[float, int]]:
    out = {}
    with warehouse.session(path, read_only=True) as con:
        source = WarehouseSource(con)
        for size in BATCHES:
            keys = wanted(n_articles, size)
            times, found = [], 0
            for _ in range(repeat):
                start = time.perf_counter()
                found = len(source.url_owners(keys))
                times.append((time.perf_counter() - start) * 1000)
            out[size] = (statistics.median(times), found)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--workdir", type=Path, default=None)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(dir=args.workdir) as tmp:
        path = Path(tmp) / "urls.duckdb"
        start = time.perf_counter()
        build(path, args.articles)
        print(f"built {args.articles:,} articles in {time.perf_counter() - start:.1f} s")
        plain = time_lookups(path, args.articles, args.repeat)
        with warehouse.session(path) as con:
            con.execute("CREATE INDEX articles_url_key ON articles (url_key)")
        indexed = time_lookups(path, args.articles, args.repeat)
    print("\n| addresses asked | found | column scan (ms) | with ART index (ms) |\n|---|---|---|---|")
    for size in BATCHES:
        print(f"| {size:,} | {plain[size][1]:,} | {plain[size][0]:.1f} | {indexed[size][0]:.1f} |")


if __name__ == "__main__":
    main()
