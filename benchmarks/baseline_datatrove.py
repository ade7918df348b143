"""The second reference: datatrove's MinHash deduplication, its four stages, on the same entries.

    python benchmarks/baseline_datatrove.py DUMPS_DIR [--labels OUT.csv] [--workdir DIR]
        [--buckets 18 --hashes-per-bucket 6] [--tasks 2 --workers 2]

What a datatrove user runs to deduplicate a corpus, as its README shows:
MinhashDedupSignature -> MinhashDedupBuckets -> MinhashDedupCluster ->
MinhashDedupFilter, each stage a LocalPipelineExecutor, the stages talking
through files. The entries are the datasketch baseline's (same reader, same
header/pagination/`...` rules, imported from it), so the two references differ
only in the method.

Character 5-grams, not words: datatrove shingles the output of a
`WordTokenizer`, and `MinhashDedupSignature(language=...)` accepts a tokenizer
instance in place of a language code (`load_word_tokenizer` returns it as is,
"for custom tokenizers"). `CharacterTokenizer` makes every non-space character
a token, so `MinhashConfig(n_grams=5)` hashes character 5-grams of datatrove's
normalised text (lower case, numbers to 0, punctuation removed: its defaults,
kept). Its word tokenizer for Chinese (spaCy `zh`) is not installed here, and
the excerpts have no spaces to split on, so word shingles would make one token
of a whole clause.

Hashing: `HashConfig(hash_fc="sha1")`, 64-bit. datatrove's default is xxhash,
an optional dependency that is not installed; sha1 is its built-in fallback.

Buckets x hashes per bucket: 18 x 6 (108 hashes; two documents share a
bucket with probability 1-(1-s^6)^18, 50% at Jaccard s of about 0.58), the best
pairwise F1 of a sweep on a 5,000-entry corpus (seed 7, not the benchmarked
seed): 6 hashes a bucket with 16-20 buckets is a plateau (F1 0.924-0.926);
fewer hashes a bucket let series intros chain clusters (20 x 4: precision
0.58), more lose re-cut copies (14 x 8, datatrove's default: recall 0.80).
The sweep is in benchmarks/README.md; --buckets/--hashes-per-bucket rerun
any point of it.

Labels: the cluster ids of datatrove's stage 3 (`save_cluster_id=True`,
`NNNNNN.clusters` = (document index, cluster id) per stage-1 task), joined to
entries through the stage-4 output, where every document (kept, or removed
into the exclusion writer) carries its task and index; an entry in no cluster
is its own. Stage 4 also attaches the id it loaded (`minhash_cluster_id`) and
the two must agree. Work files go in a temporary directory under --workdir,
removed at the end unless --keep-work.
"""

from __future__ import annotations

import argparse
import csv
import json
import resource
import shutil
import sys
import tempfile
import time
from collections.abc import Iterator, Sequence
from pathlib import Path

import numpy as np
from datatrove.data import Document, DocumentsPipeline
from datatrove.executor import LocalPipelineExecutor
from datatrove.pipeline.base import PipelineStep
from datatrove.pipeline.dedup.minhash import (
    MinhashConfig,
    MinhashDedupBuckets,
    MinhashDedupCluster,
    MinhashDedupFilter,
    MinhashDedupSignature,
)
from datatrove.pipeline.writers import JsonlWriter
from datatrove.utils.hashing import HashConfig
from datatrove.utils.word_tokenizers import WordTokenizer

try:
    from benchmarks import baseline_datasketch
except ModuleNotFoundError:  # run as a script: python benchmarks/baseline_datatrove.py
    import baseline_datasketch  # type: ignore[no-redef]

SHINGLE = 5
BUCKETS = 18
HASHES_PER_BUCKET = 6
TASKS = 2  # the benchmark machine has 2 cores
WORKERS = 2
STAGES = ("signature", "buckets", "cluster", "filter")


class CharacterTokenizer(WordTokenizer):
    """Every non-space character is a token, so datatrove's word n-grams become character n-grams."""

    def word_tokenize(self, text: str) -> list[str]:
        return [c for c in text if not c.isspace()]

    def sent_tokenize(self, text: str) -> list[str]:
        return [text]

    def span_tokenize(self, text: str) -> list[tuple[int, int]]:
        return [(0, len(text))]


def shard(paths: Sequence[Path], rank: int, world_size: int) -> Sequence[Path]:
    """Task `rank`'s consecutive run of dumps: every task sees the same split, stage 1 and stage 4 alike."""
    n = len(paths)
    return paths[rank * n // world_size : (rank + 1) * n // world_size]


class DumpEntries(PipelineStep):
    """The reader: the datasketch baseline's entries of this task's dumps, as datatrove Documents.

    Each document carries where it came from (source_name, position) and
    where it sits in its task's stream (rank, index): the index is the
    document id datatrove's signature and cluster stages write.
    """

    name = "dump entries"
    type = "📖 - READER"

    def __init__(self, dumps_dir: Path) -> None:
        super().__init__()
        self.dumps_dir = Path(dumps_dir)

    def run(self, data: DocumentsPipeline = None, rank: int = 0, world_size: int = 1) -> Iterator[Document]:
        paths = shard(baseline_datasketch.dump_paths(self.dumps_dir), rank, world_size)
        index = 0
        for path in paths:
            for source_name, position, text in baseline_datasketch.read_dump_entries(path):
                self.stat_update("documents")
                meta = {"source_name": source_name, "position": position, "rank": rank, "index": index}
                yield Document(text=text, id=f"{source_name}:{position}", metadata=meta)
                index += 1


def minhash_config(buckets: int = BUCKETS, hashes_per_bucket: int = HASHES_PER_BUCKET) -> MinhashConfig:
    return MinhashConfig(
        n_grams=SHINGLE,
        num_buckets=buckets,
        hashes_per_bucket=hashes_per_bucket,
        hash_config=HashConfig(precision=64, hash_fc="sha1"),
    )


def run_pipeline(
    dumps_dir: Path, work: Path, config: MinhashConfig, tasks: int = TASKS, workers: int = WORKERS
) -> dict[str, float]:
    """datatrove's four MinHash stages, one executor each, run in order; seconds per stage.

    Stage 4 must run as many tasks as stage 1: its task `rank` reads the
    removal and cluster files of stage 1's task `rank`.
    """
    sigs, dups, clusters = work / "signatures", work / "buckets", work / "clusters"
    stages = [
        LocalPipelineExecutor(
            pipeline=[DumpEntries(dumps_dir), MinhashDedupSignature(str(sigs), config, language=CharacterTokenizer())],
            tasks=tasks,
            workers=workers,
            logging_dir=str(work / "logs" / "signature"),
        ),
        LocalPipelineExecutor(
            pipeline=[MinhashDedupBuckets(str(sigs), str(dups), config=config)],
            tasks=config.num_buckets,
            workers=workers,
            logging_dir=str(work / "logs" / "buckets"),
        ),
        LocalPipelineExecutor(
            pipeline=[MinhashDedupCluster(str(dups), str(clusters), config=config, save_cluster_id=True)],
            tasks=1,
            logging_dir=str(work / "logs" / "cluster"),
        ),
        LocalPipelineExecutor(
            pipeline=[
                DumpEntries(dumps_dir),
                MinhashDedupFilter(
                    str(clusters),
                    exclusion_writer=JsonlWriter(str(work / "removed"), compression=None),
                    load_cluster_ids=True,
                ),
                JsonlWriter(str(work / "kept"), compression=None),
            ],
            tasks=tasks,
            workers=workers,
            logging_dir=str(work / "logs" / "filter"),
        ),
    ]
    seconds: dict[str, float] = {}
    for name, stage in zip(STAGES, stages, strict=True):
        started = time.perf_counter()
        stage.run()
        seconds[name] = time.perf_counter() - started
    return seconds


def read_cluster_ids(clusters_dir: Path) -> dict[tuple[int, int], int]:
    """{(stage-1 task, document index): cluster id} from stage 3's `NNNNNN.clusters` files."""
    out: dict[tuple[int, int], int] = {}
    for path in sorted(clusters_dir.glob("*.clusters")):
        pairs = np.fromfile(path, dtype="<u4").reshape(-1, 2)
        rank = int(path.stem)
        out.update(((rank, int(doc)), int(cid)) for doc, cid in pairs)
    return out


def labels_from_output(work: Path) -> dict[tuple[str, int], str]:
    """Every entry's cluster label, from stage 3's clusters and stage 4's kept and removed documents.

    Raises if stage 4 attached a cluster id that disagrees with stage 3's
    files, or if an entry comes out twice: the join would then be wrong.
    """
    cluster_of = read_cluster_ids(work / "clusters")
    labels: dict[tuple[str, int], str] = {}
    for path in sorted((work / "kept").glob("*.jsonl")) + sorted((work / "removed").glob("*.jsonl")):
        with path.open(encoding="utf-8") as handle:
            for line in handle:
                meta = json.loads(line)["metadata"]
                key = (meta["source_name"], int(meta["position"]))
                cid = cluster_of.get((int(meta["rank"]), int(meta["index"])))
                loaded = meta.get("minhash_cluster_id")  # absent when stage 4 found no removals for its task
                if loaded is not None and loaded != (-1 if cid is None else cid):
                    raise ValueError(f"{key}: stage 4 loaded cluster {loaded}, stage 3 wrote {cid}")
                if key in labels:
                    raise ValueError(f"{key}: came out of stage 4 twice")
                labels[key] = f"cluster-{cid}" if cid is not None else f"{key[0]}:{key[1]}"
    return labels


def cluster(
    dumps_dir: Path,
    workdir: Path | None = None,
    buckets: int = BUCKETS,
    hashes_per_bucket: int = HASHES_PER_BUCKET,
    tasks: int = TASKS,
    workers: int = WORKERS,
    keep_work: bool = False,
) -> tuple[dict[tuple[str, int], str], dict[str, float]]:
    """The predicted cluster label of every (source_name, position), and seconds per stage (+ reading labels)."""
    if workdir is not None:
        workdir.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix="datatrove-", dir=workdir))
    try:
        seconds = run_pipeline(dumps_dir.resolve(), work, minhash_config(buckets, hashes_per_bucket), tasks, workers)
        started = time.perf_counter()
        labels = labels_from_output(work)
        seconds["labels"] = time.perf_counter() - started
        return labels, seconds
    finally:
        if not keep_work:
            shutil.rmtree(work, ignore_errors=True)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("dumps_dir", type=Path)
    parser.add_argument("--labels", type=Path, help="write source_name,position,label here")
    parser.add_argument("--workdir", type=Path, help="parent of the temporary work directory (default: system temp)")
    parser.add_argument("--keep-work", action="store_true", help="keep datatrove's signatures, buckets and outputs")
    parser.add_argument("--buckets", type=int, default=BUCKETS)
    parser.add_argument("--hashes-per-bucket", type=int, default=HASHES_PER_BUCKET)
    parser.add_argument("--tasks", type=int, default=TASKS, help="tasks of stages 1 and 4")
    parser.add_argument("--workers", type=int, default=WORKERS, help="processes running tasks at once")
    args = parser.parse_args(argv)
    if not args.dumps_dir.is_dir():
        parser.error(f"{args.dumps_dir} is not a directory")
    started = time.perf_counter()
    labels, stage_seconds = cluster(
        args.dumps_dir, args.workdir, args.buckets, args.hashes_per_bucket, args.tasks, args.workers, args.keep_work
    )
    seconds = time.perf_counter() - started
    if args.labels:
        with args.labels.open("w", encoding="utf-8", newline="") as handle:
            writer = csv.writer(handle, lineterminator="\n")
            writer.writerow(["source_name", "position", "label"])
            writer.writerows((s, p, label) for (s, p), label in sorted(labels.items()))
    # The stages' worker processes are children of a forkserver, not of this
    # process: the benchmark's sampled tree RSS is the number that covers them.
    peak_mb = max(resource.getrusage(who).ru_maxrss for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN))
    print(f"entries: {len(labels)}")
    print(f"clusters: {len(set(labels.values()))}")
    print(f"config: {SHINGLE}-char shingles, {args.buckets} buckets x {args.hashes_per_bucket} hashes")
    print(f"seconds: {seconds:.3f}  ({', '.join(f'{name} {sec:.2f}' for name, sec in stage_seconds.items())})")
    print(f"peak_rss_mb: {peak_mb / 1024:.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
