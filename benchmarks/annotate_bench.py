"""The annotate stage alone (language + topics of a batch's distinct texts), old code against new, side by side.

    python benchmarks/corpus.py bench-out/c20k --entries 20000 --seed 2026
    git worktree add --detach ../dumpflow-base main        # the code to compare against
    python benchmarks/annotate_bench.py bench-out/c20k --compare ../dumpflow-base --rounds 5

The texts are what an ingest of the corpus into an empty warehouse annotates
in one batch: every dump read, cleaned and matched (dumpflow.dedup with an
empty catalogue); the matched dumps are computed once and kept in
`<corpus>/annotate-matched.pkl`. The seed dumps (raw/, only read) and a set
of tricky texts (every form of every term, case and width variants, weak
terms, CJK, kana, Hangul, Cyrillic) are annotated too, for the equality
check only.

Every timing runs in a fresh process with PYTHONPATH set to one checkout,
this one and `--compare` alternating round after round, so that a busy
machine slows both alike; the table shows medians. Columns: `stage` is what
the flow's annotate step runs (distinct texts, analyse, assemble); `cold` the
first `enrich.analyse` of a process (lookup tables and taxonomy built,
langdetect loaded when a text needs it); `analyse` a warm one, split into
`pack` (NFKC, code point arrays), `language`, `topics` and `records` (the
rest); `assemble` the stage outside analyse. Times are CPU seconds of the
process (time.process_time), which other jobs on a shared machine disturb
less than wall time; the stage is single-threaded, so on an idle machine the
two agree. A checkout whose annotations differ from the other's on any text
is reported, and the exit status is 1.
"""

from __future__ import annotations

import argparse
import json
import pickle
import statistics
import sys
import tempfile
import time
from pathlib import Path

try:
    from benchmarks import drive
except ImportError:  # run as a script, maybe as a child with another checkout (without drive.py) on PYTHONPATH
    import drive  # type: ignore[no-redef]

HERE = Path(__file__).resolve().parent.parent
# CPU seconds of the process: on a machine other jobs share, the time the
# scheduler gives them instead does not count against either checkout.
clock = time.process_time
PHASES = ("stage", "cold", "analyse", "pack", "language", "topics", "records", "assemble")


def matched_dumps(corpus: Path, cache: bool = True) -> list:
    """The matched dumps of an ingest of the whole corpus as one batch into an empty warehouse (kept in the corpus)."""
    kept = corpus / "annotate-matched.pkl"
    if cache and kept.exists():
        return pickle.loads(kept.read_bytes())
    from dumpflow import dedup

    cleaned = drive.cleaned_dumps(corpus)
    matched = dedup.match_dumps(cleaned, dedup.EmptySource())
    if cache:
        kept.write_bytes(pickle.dumps(matched, protocol=5))
    return matched


def tricky_texts() -> list[str]:
    """Texts built to hit the rules' edges: every form of every term, in several spellings, scripts and contexts."""
    import random

    from dumpflow import topics

    tax = topics.load_taxonomy()
    rnd = random.Random(14)
    shown = sorted(tax.display.values())
    pieces = [
        *shown,
        *sorted(tax.forms),
        *(t.upper() for t in shown[::2]),
        *(t.replace(" ", "-") for t in shown if " " in t),
        *(t.replace(" ", "") for t in shown if " " in t),
        *("Ｃｌｉｐ", "ＬＬＭｓ", "NICE", "nice", "ZeRO", "zero", "ß", "ẞ", "İ", "K", "ﬁne-tuning", "𝐂𝐋𝐈𝐏"),
        *("这是", "模型", "的", "。", "，", "、", "這個", "模型們", "です", "モデル", "한국어", "모델", "Привет"),
        *(" ", "  ", "-", "\t", "\n", "\u3000", "x", "7", "s", "es", "ed", "ing", "é", "\u0301", "…", "ｶﾞ"),
        *("the", "of", "a", "and", "model", "learning", "we", "propose", "results", "data"),
    ]
    texts = ["", " ", "，。", "1234", "NICE", "ZeRO", "nice work", "ZeRO-3 offload", "hello world"]
    texts += ["".join(rnd.choice(pieces) for _ in range(rnd.randint(1, 60))) for _ in range(3000)]
    texts += ["".join(rnd.choice(pieces) for _ in range(rnd.randint(200, 900))) for _ in range(40)]
    return texts


def _child(batch_file: Path, rounds: int, dump: Path | None, batches: int) -> None:
    """Time this checkout's annotate stage, batch after batch; print one JSON line of median seconds per phase."""
    import gc

    from dumpflow import enrich, topics

    items = pickle.loads(batch_file.read_bytes())
    size = -(-len(items) // max(1, batches))
    groups = [items[i : i + size] for i in range(0, len(items), size)]
    gc.disable()  # as the flow runs the stage (dumpflow.runtime.paused_gc)
    taxonomy = topics.load_taxonomy()
    notes: list = []
    start = clock()
    for group in groups:
        notes += enrich.analyse(_texts(group), taxonomy)
    seconds: dict[str, list[float]] = {"cold": [clock() - start]}
    for _ in range(rounds):
        total: dict[str, float] = {}
        for group in groups:
            for phase, value in _phases(group, taxonomy).items():
                total[phase] = total.get(phase, 0.0) + value
        for phase, value in total.items():
            seconds.setdefault(phase, []).append(value)
    if dump is not None:
        dump.write_bytes(pickle.dumps([note.model_dump() for note in notes], protocol=5))
    print(json.dumps({phase: statistics.median(values) for phase, values in seconds.items()}))


def _texts(group: list) -> list[str]:
    from dumpflow import enrich

    return group if not group or isinstance(group[0], str) else enrich.distinct_texts(group)


def _phases(group: list, taxonomy: object) -> dict[str, float]:
    """One batch through the stage, then through its parts again: seconds per phase."""
    from dumpflow import codepoints, enrich, language, topics

    matched = None if not group or isinstance(group[0], str) else group
    t0 = clock()
    texts = _texts(group)
    t1 = clock()
    notes = enrich.analyse(texts, taxonomy)
    t2 = clock()
    if matched is not None:
        enrich.assemble(matched, texts, notes)
    t3 = clock()
    normal, packed = codepoints.pack_nfkc(texts)
    t4 = clock()
    language.detect_packed(normal, packed)
    t5 = clock()
    topics.tag_packed(normal, packed, taxonomy)
    t6 = clock()
    return {
        "stage": t3 - t0,
        "analyse": t2 - t1,
        "pack": t4 - t3,
        "language": t5 - t4,
        "topics": t6 - t5,
        "records": (t2 - t1) - (t6 - t3),
        "assemble": (t3 - t2) + (t1 - t0),
    }


def _run_child(checkout: Path, batch_file: Path, rounds: int, dump: Path | None, batches: int = 1) -> dict[str, float]:
    cmd = [sys.executable, str(Path(__file__).resolve()), "--child", str(batch_file), "--repeat", str(rounds)]
    cmd += ["--batches", str(batches)]
    if dump is not None:
        cmd += ["--dump", str(dump)]
    out = drive.run_in(checkout, cmd, what="annotate_bench").stdout
    return json.loads(out.strip().splitlines()[-1])


def _same(dumps: dict[str, Path]) -> bool:
    return len({path.read_bytes() for path in dumps.values()}) == 1


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", type=Path, nargs="?", help="a folder written by benchmarks/corpus.py")
    parser.add_argument("--compare", type=Path, help="another checkout (e.g. main) to time and check against")
    parser.add_argument("--rounds", type=int, default=5, help="processes per checkout, alternating")
    parser.add_argument("--repeat", type=int, default=3, help="warm timings per process (median)")
    parser.add_argument(
        "--batches",
        type=int,
        default=1,
        help="consecutive batches of dumps annotated one after the other, as the flow does",
    )
    parser.add_argument("--child", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--dump", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        _child(args.child, args.repeat, args.dump, args.batches)
        return
    if args.corpus is None:
        parser.error("the corpus folder is required")
    sys.path.insert(0, str(HERE))
    checkouts = {"this": HERE} | ({"compare": args.compare.resolve()} if args.compare else {})
    matched = matched_dumps(args.corpus)
    batches = {"corpus": matched, "seeds": matched_dumps(HERE / "raw", cache=False), "tricky": tricky_texts()}
    different = False
    with tempfile.TemporaryDirectory() as tmp:
        files = {name: Path(tmp, f"{name}.pkl") for name in batches}
        for name, batch in batches.items():
            files[name].write_bytes(pickle.dumps(batch, protocol=5))
        for name in ("seeds", "tricky"):
            dumps = {label: Path(tmp, f"{name}-{label}.pkl") for label in checkouts}
            for label, checkout in checkouts.items():
                _run_child(checkout, files[name], 0, dumps[label])
            different |= not _same(dumps)
            print(f"{name}: annotations {'identical' if _same(dumps) else 'DIFFERENT'} across checkouts")
        results: dict[str, list[dict[str, float]]] = {label: [] for label in checkouts}
        dumps = {label: Path(tmp, f"corpus-{label}.pkl") for label in checkouts}
        for round_, label in drive.alternating(list(checkouts), args.rounds):
            dump = dumps[label] if round_ == 0 else None
            results[label].append(_run_child(checkouts[label], files["corpus"], args.repeat, dump, args.batches))
        same = _same(dumps)
        different |= not same
    from dumpflow import enrich

    texts = enrich.distinct_texts(matched)
    states = sum(len(dump.articles) for dump in matched)
    print(
        f"corpus: {states} article states, {len(texts)} distinct texts, {sum(map(len, texts))} characters; "
        f"in {args.batches} batch(es); annotations {'identical' if same else 'DIFFERENT'}; "
        f"CPU seconds, medians of {args.rounds} processes"
    )
    print(f"{'checkout':>9} " + " ".join(f"{p:>9}" for p in PHASES) + f" {'texts/s':>9}")
    for label, runs in results.items():
        med = {p: statistics.median(r[p] for r in runs) for p in PHASES}
        print(f"{label:>9} " + " ".join(f"{med[p]:>9.3f}" for p in PHASES) + f" {len(texts) / med['analyse']:>9.0f}")
    if args.compare:
        base, mine = results["compare"], results["this"]
        ratios = [statistics.median(b[p] for b in base) / statistics.median(m[p] for m in mine) for p in PHASES[:3]]
        print("speed-up (compare / this): " + ", ".join(f"{p} {r:.2f}x" for p, r in zip(PHASES, ratios, strict=False)))
    sys.exit(1 if different else 0)


if __name__ == "__main__":
    main()
