"""How long finding articles by address takes on a large warehouse, three ways.

    python benchmarks/url_lookup_bench.py [--articles 1000000] [--repeat 5] [--workdir DIR]

Builds a warehouse (the real schema, through `warehouse.ensure`) holding
`--articles` articles, half of them with a canonical address (HTML posts),
and match_keys as an ingest leaves it: 13 text signals per article plus one
address signal (signals.url_signal) per addressed article. A batch of HTML
entries asks for its entries' text signals and their addresses (half of
them stored); times, per batch:
- text only: `WarehouseSource.lookup` of the text signals (what a batch
  without addresses costs: the floor);
- match_keys: one lookup of text and address signals together -- what
  dumpflow does;
- + url_key scan: the text lookup, then a join on articles.url_key;
- + url_key ART: the same after CREATE INDEX on articles.url_key.
Prints a table of median milliseconds. Everything is generated from a
seeded counter, so every run builds the same file.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pyarrow as pa

from dumpflow import warehouse
from dumpflow.dedup import MAX_POSTING
from dumpflow.signals import url_signal
from dumpflow.warehouse import WarehouseSource

BATCHES = (100, 1_000, 10_000)
TEXT_SIGNALS = 13


def address(i: int) -> str:
    return f"blog{i % 997}.example.org/{2000 + i % 25}/{i:08d}/post-{i}"


def build(path: Path, n: int) -> None:
    warehouse.ensure(path)
    ids = [f"{i:016x}" for i in range(n)]
    keys = [address(i) if i % 2 == 0 else None for i in range(n)]
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
    rng = np.random.default_rng(2026)
    text_hashes = rng.integers(0, 2**63, size=n * TEXT_SIGNALS, dtype=np.uint64)
    addressed = [i for i in range(n) if keys[i] is not None]
    signals = pa.table(
        {
            "hash": pa.array(
                np.concatenate([text_hashes, np.array([url_signal(address(i)) for i in addressed], dtype=np.uint64)]),
                type=pa.uint64(),
            ),
            "article_id": pa.array(np.repeat(ids, TEXT_SIGNALS).tolist() + [ids[i] for i in addressed]),
        }
    )
    with warehouse.session(path) as con:
        for name, data in (("articles", table), ("match_keys", signals)):
            with warehouse.registered(con, "_rows", data):
                names = ", ".join(data.column_names)
                con.execute(f"INSERT INTO {name} ({names}) SELECT {names} FROM _rows")


def wanted(n_articles: int, size: int) -> list[str]:
    """`size` addresses: every other one stored (even counters), the rest not."""
    step = max(2, n_articles // size) // 2 * 2
    stored = [address(i) for i in range(0, n_articles, step)]
    return [k for pair in zip(stored, (k.replace("post-", "missing-") for k in stored), strict=True) for k in pair][
        :size
    ]


def scan(source: WarehouseSource, keys: list[str], text: list[int]) -> int:
    source.lookup(text, MAX_POSTING)
    with source._registered("_urls", warehouse.id_table(keys)) as cur:
        return len(cur.execute("SELECT article_id FROM articles WHERE url_key IN (SELECT value FROM _urls)").fetchall())


def together(source: WarehouseSource, keys: list[str], text: list[int]) -> int:
    wanted = {url_signal(k) for k in keys}
    return sum(h in wanted for h, _ in source.lookup(text + sorted(wanted), MAX_POSTING))


def text_only(source: WarehouseSource, keys: list[str], text: list[int]) -> int:
    source.lookup(text, MAX_POSTING)
    return -1


def time_lookups(path: Path, n_articles: int, repeat: int, how: Callable[..., int]) -> dict[int, tuple[float, int]]:
    out = {}
    with warehouse.session(path, read_only=True) as con:
        source = WarehouseSource(con)
        hashes = con.execute("SELECT hash FROM match_keys ORDER BY rowid LIMIT ?", [max(BATCHES) * 13]).fetchall()
        for size in BATCHES:
            keys = wanted(n_articles, size)
            text = [row[0] for row in hashes[: size * TEXT_SIGNALS]]
            times, found = [], 0
            for _ in range(repeat):
                start = time.perf_counter()
                found = how(source, keys, text)
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
        results = {"text only": time_lookups(path, args.articles, args.repeat, text_only)}
        results["match_keys"] = time_lookups(path, args.articles, args.repeat, together)
        results["+ url_key scan"] = time_lookups(path, args.articles, args.repeat, scan)
        with warehouse.session(path) as con:
            con.execute("CREATE INDEX articles_url_key ON articles (url_key)")
        results["+ url_key ART"] = time_lookups(path, args.articles, args.repeat, scan)
    print(f"\nmedian ms per batch lookup, {args.articles:,} articles")
    print("| entries in batch | addresses found | " + " | ".join(results) + " |")
    print("|---" * (len(results) + 2) + "|")
    for size in BATCHES:
        found = results["match_keys"][size][1]
        assert found == results["+ url_key scan"][size][1] == results["+ url_key ART"][size][1]
        cells = " | ".join(f"{r[size][0]:.1f}" for r in results.values())
        print(f"| {size:,} | {found:,} | {cells} |")


if __name__ == "__main__":
    main()
