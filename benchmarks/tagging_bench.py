"""Topic tagging speed on a generated corpus, in-process: how long `tag_many` takes per text.

    python benchmarks/corpus.py /tmp/c10k --entries 10000 --seed 2026
    python benchmarks/tagging_bench.py /tmp/c10k [--taxonomy schemas/topics.toml] [--runs 5]

Every line of the corpus's dumps longer than 40 characters is a text (as an
entry's body is). The best of --runs timings is printed, after a warm-up, so
that a busy machine disturbs the number less.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from dumpflow import topics
from schemas import TOPICS_FILE


def corpus_texts(corpus: Path) -> list[str]:
    return [
        line
        for path in sorted((corpus / "dumps").rglob("*"))
        if path.is_file()
        for line in path.read_text(encoding="utf-8", errors="replace").splitlines()
        if len(line) > 40
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", type=Path, help="a folder written by benchmarks/corpus.py")
    parser.add_argument("--taxonomy", type=Path, default=TOPICS_FILE)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    texts = corpus_texts(args.corpus)
    taxonomy = topics.load_taxonomy(args.taxonomy)
    topics.tag_many(texts[:200], taxonomy)
    timings = []
    for _ in range(args.runs):
        start = time.perf_counter()
        tags = topics.tag_many(texts, taxonomy)
        timings.append(time.perf_counter() - start)
    best = min(timings)
    print(f"{'texts':>8} {'chars':>10} {'terms':>6} {'forms':>6} {'best ms':>8} {'us/text':>8} {'tags':>7}")
    print(
        f"{len(texts):>8} {sum(map(len, texts)):>10} {len(taxonomy.weights):>6} {len(taxonomy.forms):>6} "
        f"{best * 1000:>8.0f} {best / len(texts) * 1e6:>8.1f} {sum(map(len, tags)):>7}"
    )


if __name__ == "__main__":
    main()
