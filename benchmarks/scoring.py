"""Pairwise precision/recall/F1 of a clustering against the corpus truth.

A pair of entries is "together" when they are sightings of one article. The
counts come from the contingency table of (true article, predicted cluster):
TP = sum of C(n, 2) over its cells, predicted pairs = sum of C(n, 2) over
predicted clusters, true pairs = the same over articles. That is O(entries);
enumerating pairs would be O(cluster size squared) and is never needed.
"""

from __future__ import annotations

import argparse
import csv
import sys
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

Key = tuple[str, int]  # (source_name, position)


def pairs(n: int) -> int:
    return n * (n - 1) // 2


@dataclass(frozen=True)
class Score:
    tp: int
    predicted_pairs: int
    true_pairs: int
    entries: int
    missing: int  # entries in the truth with no prediction (scored as singletons)
    extra: int  # predictions for entries the truth does not have (ignored)

    @property
    def precision(self) -> float:
        return self.tp / self.predicted_pairs if self.predicted_pairs else 1.0

    @property
    def recall(self) -> float:
        return self.tp / self.true_pairs if self.true_pairs else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def _aligned(truth: Mapping[Key, str], predicted: Mapping[Key, str]) -> dict[Key, str]:
    """Predictions for exactly the truth's entries; a missing one is its own cluster.

    A system that drops an entry must lose its pairs, not have them skipped.
    """
    return {key: predicted.get(key, f"\0missing:{key[0]}:{key[1]}") for key in truth}


def score(truth: Mapping[Key, str], predicted: Mapping[Key, str]) -> Score:
    pred = _aligned(truth, predicted)
    cells = Counter((truth[k], pred[k]) for k in truth)
    return Score(
        tp=sum(pairs(n) for n in cells.values()),
        predicted_pairs=sum(pairs(n) for n in Counter(pred.values()).values()),
        true_pairs=sum(pairs(n) for n in Counter(truth.values()).values()),
        entries=len(truth),
        missing=sum(1 for k in truth if k not in predicted),
        extra=sum(1 for k in predicted if k not in truth),
    )


def kind_recall(
    truth: Mapping[Key, str], kinds: Mapping[Key, str], predicted: Mapping[Key, str]
) -> dict[str, tuple[int, int]]:
    """(found, total) per repeat kind: a repeat is found when it joins its article's first sighting."""
    pred = _aligned(truth, predicted)
    first = {truth[k]: k for k, kind in kinds.items() if kind == "new"}
    out: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for key, kind in kinds.items():
        if kind == "new" or truth[key] not in first:
            continue
        out[kind][1] += 1
        out[kind][0] += pred[key] == pred[first[truth[key]]]
    return {kind: (found, total) for kind, (found, total) in out.items()}


def trap_false_pairs(
    truth: Mapping[Key, str], traps: Iterable[tuple[str, str, str]], predicted: Mapping[Key, str]
) -> dict[str, tuple[int, int]]:
    """(wrongly merged pairs, entries) per trap: pairs of different articles of one trap group put together."""
    pred = _aligned(truth, predicted)
    groups: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for article, trap, group in traps:
        groups[article].append((trap, group))
    together: Counter[tuple[str, str, str]] = Counter()
    same_article: Counter[tuple[str, str, str, str]] = Counter()
    entries: Counter[str] = Counter()
    for key, article in truth.items():
        for trap, group in groups.get(article, ()):
            together[(trap, group, pred[key])] += 1
            same_article[(trap, group, pred[key], article)] += 1
            entries[trap] += 1
    wrong: Counter[str] = Counter()
    for (trap, _, _), n in together.items():
        wrong[trap] += pairs(n)
    for (trap, _, _, _), n in same_article.items():
        wrong[trap] -= pairs(n)
    return {trap: (wrong[trap], entries[trap]) for trap in sorted(entries)}


def read_labels(path: Path, label_column: str) -> dict[Key, str]:
    """{(source_name, position): label} from a CSV with those two columns and `label_column`."""
    with path.open(encoding="utf-8", newline="") as handle:
        return {(row["source_name"], int(row["position"])): row[label_column] for row in csv.DictReader(handle)}


def read_traps(path: Path) -> list[tuple[str, str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return [(row["article"], row["trap"], row["group"]) for row in csv.DictReader(handle)]


def main(argv: Sequence[str] | None = None) -> int:
    """`python benchmarks/scoring.py CORPUS_DIR LABELS.csv`: P/R/F1 of one labels file, for threshold sweeps."""
    parser = argparse.ArgumentParser(description=main.__doc__)
    parser.add_argument("corpus_dir", type=Path)
    parser.add_argument("labels", type=Path, help="a CSV with source_name, position, label (what --labels writes)")
    args = parser.parse_args(argv)
    s = score(read_labels(args.corpus_dir / "truth.csv", "article"), read_labels(args.labels, "label"))
    print(f"precision: {s.precision:.4f}  recall: {s.recall:.4f}  F1: {s.f1:.4f}  missing: {s.missing}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
