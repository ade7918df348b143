"""Main-text quality of dumpflow's article-page path against trafilatura on real pages.

Usage: python benchmarks/article_extraction.py DATA_DIR

DATA_DIR holds `ground-truth.json` (key -> {"articleBody", "url"}) and
`html/<key>.html.gz`, as in scrapinghub/article-extraction-benchmark. Each
page goes through the code ingest uses (HTML reader forced to article mode,
then `clean_dump`) and the stored body is scored with that benchmark's
method: 4-token shingles over `\\w+` tokens as a multiset, TP/FP/FN
normalised per page, precision and recall averaged over pages, F1 the
harmonic mean of the two averages. trafilatura's default `extract()` runs in
the same process as the reference.
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import re
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import trafilatura

from dumpflow import html
from dumpflow.clean import clean_dump
from schemas.records import DumpFile, ParsedDump, Rejection

_TOKEN = re.compile(r"\w+")
SHINGLE = 4


def shingles(text: str) -> Counter[tuple[str, ...]]:
    tokens = _TOKEN.findall(text)
    if len(tokens) < SHINGLE:
        return Counter([tuple(tokens)]) if tokens else Counter()
    return Counter(tuple(tokens[i : i + SHINGLE]) for i in range(len(tokens) - SHINGLE + 1))


@dataclass(frozen=True)
class Score:
    f1: float
    precision: float
    recall: float
    pages_per_second: float


def score(predictions: dict[str, str], truth: dict[str, str], seconds: float) -> Score:
    precisions: list[float] = []
    recalls: list[float] = []
    for key, expected in truth.items():
        got, want = shingles(predictions.get(key, "")), shingles(expected)
        tp = sum((got & want).values())
        fp, fn = sum(got.values()) - tp, sum(want.values()) - tp
        total = tp + fp + fn
        if total == 0:
            continue
        tp_n, fp_n, fn_n = tp / total, fp / total, fn / total
        if tp_n + fp_n > 0:
            precisions.append(tp_n / (tp_n + fp_n))
        if tp_n + fn_n > 0:
            recalls.append(tp_n / (tp_n + fn_n))
    p = sum(precisions) / len(precisions) if precisions else 0.0
    r = sum(recalls) / len(recalls) if recalls else 0.0
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    return Score(f1=f1, precision=p, recall=r, pages_per_second=len(truth) / seconds if seconds else 0.0)


def dumpflow_body(key: str, data: bytes) -> str:
    """The body ingest would store for this page read as an article page."""
    dump = DumpFile(
        path=f"{key}.html",
        source_name=f"{key}.html",
        dump_id=hashlib.sha256(data).hexdigest(),
        size_bytes=len(data),
    )

    def reject(reason: str) -> Rejection:
        return Rejection(source_path=dump.path, source_name=dump.source_name, dump_id=dump.dump_id, reason=reason)

    parsed = html.parse_html(dump, data, reject, mode="article")
    if not isinstance(parsed, ParsedDump):
        return ""
    cleaned = clean_dump(parsed)
    return cleaned.entries[0].body if cleaned.entries else ""


def trafilatura_body(key: str, data: bytes) -> str:
    return trafilatura.extract(data) or ""


def run(extract: Callable[[str, bytes], str], pages: dict[str, bytes], truth: dict[str, str]) -> Score:
    started = time.perf_counter()
    predictions = {key: extract(key, data) for key, data in pages.items()}
    return score(predictions, truth, time.perf_counter() - started)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("data_dir", type=Path)
    args = parser.parse_args()
    ground_truth = json.loads((args.data_dir / "ground-truth.json").read_text(encoding="utf-8"))
    truth = {key: ground_truth[key]["articleBody"] for key in sorted(ground_truth)}
    pages = {key: gzip.decompress((args.data_dir / "html" / f"{key}.html.gz").read_bytes()) for key in truth}
    rows = [
        ("dumpflow (article mode)", run(dumpflow_body, pages, truth)),
        (f"trafilatura {trafilatura.__version__} extract()", run(trafilatura_body, pages, truth)),
    ]
    print(f"{len(pages)} pages from {args.data_dir}")
    print(f"| {'extractor':<32} | {'F1':>6} | {'precision':>9} | {'recall':>6} | {'pages/s':>7} |")
    print(f"|{'-' * 34}|{'-' * 8}|{'-' * 11}|{'-' * 8}|{'-' * 9}|")
    for name, s in rows:
        print(f"| {name:<32} | {s.f1:6.4f} | {s.precision:9.4f} | {s.recall:6.4f} | {s.pages_per_second:7.1f} |")


if __name__ == "__main__":
    main()
