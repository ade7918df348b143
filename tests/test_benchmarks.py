"""The benchmark harness: corpus generator, scorer and baseline (fast; no timing)."""

from __future__ import annotations

import csv
import itertools
import json
from collections import Counter, defaultdict
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from benchmarks import baseline_datasketch, corpus, scoring

ENTRIES = 400


def _read_rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def _shared_opening(texts: list[str]) -> int:
    n = 0
    while all(len(t) > n for t in texts) and len({t[n] for t in texts}) == 1:
        n += 1
    return n


def _tree_bytes(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def made(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("corpus")
    corpus.write_corpus(out, ENTRIES, 11, 0.3, corpus.DEFAULT_SEED_DIR)
    return out


def _lines(made: Path) -> dict[tuple[str, int], str]:
    return {
        (path.name, position): line
        for path in sorted((made / "dumps").glob("*.txt"))
        for position, line in enumerate(corpus.dump_lines(path))
    }


def test_same_arguments_give_byte_identical_files(made: Path, tmp_path: Path) -> None:
    corpus.write_corpus(tmp_path, ENTRIES, 11, 0.3, corpus.DEFAULT_SEED_DIR)
    assert _tree_bytes(tmp_path) == _tree_bytes(made)


def test_another_seed_gives_another_corpus(made: Path, tmp_path: Path) -> None:
    corpus.write_corpus(tmp_path, ENTRIES, 12, 0.3, corpus.DEFAULT_SEED_DIR)
    ours = {p.read_bytes() for p in (made / "dumps").glob("*.txt")}
    theirs = {p.read_bytes() for p in (tmp_path / "dumps").glob("*.txt")}
    assert not ours & theirs


def test_dumps_have_the_seed_layout(made: Path) -> None:
    paths = sorted((made / "dumps").glob("*.txt"))
    assert len(paths) == -(-ENTRIES // corpus.ENTRIES_PER_DUMP)
    for path in paths:
        text = path.read_text(encoding="utf-8")
        assert text.startswith("INCOMING TRANSMISSION\n\nLATEST UPDATES\n")
        assert not text.endswith("\n")
        n = len(corpus.dump_lines(path))
        assert n == corpus.ENTRIES_PER_DUMP or path == paths[-1]
    lines = _lines(made).values()
    assert sum(line.endswith("...") for line in lines) > 0.9 * len(lines)
    assert all(len(line.removesuffix("...")) >= corpus.MIN_CUT for line in lines)


def test_truth_covers_every_entry_with_the_advertised_shares(made: Path) -> None:
    truth = {(r["source_name"], int(r["position"])): r["article"] for r in _read_rows(made / "truth.csv")}
    kinds = Counter(r["kind"] for r in _read_rows(made / "kinds.csv"))
    assert set(truth) == set(_lines(made))
    repeats = ENTRIES - kinds["new"]
    assert repeats == round((ENTRIES - 1) * 0.3)
    assert kinds["new"] == len(set(truth.values()))
    for kind, share in corpus.REPEAT_KINDS.items():
        assert abs(kinds[kind] - share * repeats) <= 1, kind


def test_repeats_point_at_earlier_articles(made: Path) -> None:
    rows = _read_rows(made / "kinds.csv")
    truth = _read_rows(made / "truth.csv")
    seen: set[str] = set()
    for row, t in zip(rows, truth, strict=True):
        assert (row["kind"] == "new") == (t["article"] not in seen)
        seen.add(t["article"])


def test_series_members_share_a_long_opening_and_are_cut_past_it(made: Path) -> None:
    lines = _lines(made)
    first = {
        t["article"]: lines[(t["source_name"], int(t["position"]))]
        for t, k in zip(_read_rows(made / "truth.csv"), _read_rows(made / "kinds.csv"), strict=True)
        if k["kind"] == "new"
    }
    groups: dict[str, list[str]] = defaultdict(list)
    for row in _read_rows(made / "traps.csv"):
        if row["trap"] == "series_intro":
            groups[row["group"]].append(row["article"])
    assert groups
    for members in groups.values():
        assert len(set(members)) >= 2
        bodies = [first[a].removesuffix("...") for a in members]
        shared = _shared_opening(bodies)
        assert shared >= 100
        assert all(len(body) >= max(shared, 100) + 50 for body in bodies)
        assert len(set(bodies)) == len(bodies)


def test_section_word_traps_open_with_their_word(made: Path) -> None:
    lines = _lines(made)
    truth = _read_rows(made / "truth.csv")
    where = {t["article"]: (t["source_name"], int(t["position"])) for t in reversed(truth)}
    rows = [r for r in _read_rows(made / "traps.csv") if r["trap"] == "section_word"]
    assert rows
    for row in rows:
        assert lines[where[row["article"]]].startswith(row["group"].removeprefix("section-") + " ")


def test_incremental_dump_repeats_known_articles(made: Path, tmp_path: Path) -> None:
    rows = corpus.incremental_dump(made, tmp_path)
    known = {r["article"] for r in _read_rows(made / "truth.csv")}
    assert len(rows) == corpus.ENTRIES_PER_DUMP
    assert all((kind == "new") != (article in known) for _, _, article, kind in rows)
    (dump,) = (tmp_path / "dumps").glob("*.txt")
    assert dump.name > max(p.name for p in (made / "dumps").glob("*.txt"))  # ingested after the corpus


# --- scoring ----------------------------------------------------------------------


def test_truth_scores_one(made: Path) -> None:
    truth = scoring.read_labels(made / "truth.csv", "article")
    s = scoring.score(truth, truth)
    assert (s.precision, s.recall, s.f1) == (1.0, 1.0, 1.0)


def test_hand_computed_example() -> None:
    truth = {("d", 0): "a", ("d", 1): "a", ("d", 2): "a", ("d", 3): "b", ("d", 4): "b"}
    pred = {("d", 0): "x", ("d", 1): "x", ("d", 2): "y", ("d", 3): "y", ("d", 4): "y"}
    # cells (a,x)=2 (a,y)=1 (b,y)=2 -> TP 1+0+1; predicted pairs 1+3; true pairs 3+1
    s = scoring.score(truth, pred)
    assert (s.tp, s.predicted_pairs, s.true_pairs) == (2, 4, 4)
    assert (s.precision, s.recall, s.f1) == (0.5, 0.5, 0.5)


def test_a_missing_prediction_loses_its_pairs() -> None:
    truth = {("d", 0): "a", ("d", 1): "a"}
    s = scoring.score(truth, {("d", 0): "x", ("e", 0): "x"})
    assert (s.tp, s.recall, s.missing, s.extra) == (0, 0.0, 1, 1)


@given(st.lists(st.tuples(st.integers(0, 4), st.integers(0, 4)), min_size=1, max_size=30))
def test_contingency_counts_equal_pair_enumeration(labels: list[tuple[int, int]]) -> None:
    truth = {("d", i): str(t) for i, (t, _) in enumerate(labels)}
    pred = {("d", i): str(p) for i, (_, p) in enumerate(labels)}
    s = scoring.score(truth, pred)
    both = [(truth[a] == truth[b], pred[a] == pred[b]) for a, b in itertools.combinations(truth, 2)]
    assert s.tp == sum(t and p for t, p in both)
    assert s.true_pairs == sum(t for t, _ in both)
    assert s.predicted_pairs == sum(p for _, p in both)


def test_kind_recall_and_trap_pairs() -> None:
    truth = {("d", 0): "a", ("d", 1): "b", ("d", 2): "a", ("d", 3): "b"}
    kinds = {("d", 0): "new", ("d", 1): "new", ("d", 2): "edited", ("d", 3): "exact"}
    pred = {("d", 0): "x", ("d", 1): "x", ("d", 2): "x", ("d", 3): "y"}
    assert scoring.kind_recall(truth, kinds, pred) == {"edited": (1, 1), "exact": (0, 1)}
    traps = [("a", "series_intro", "g"), ("b", "series_intro", "g")]
    # together in x: d0, d1, d2 -> 3 pairs, of which (d0, d2) is one article
    assert scoring.trap_false_pairs(truth, traps, pred) == {"series_intro": (2, 4)}


# --- the baseline -------------------------------------------------------------------


def test_baseline_finds_an_exact_repeat_and_skips_chrome(tmp_path: Path) -> None:
    source = corpus.TextSource.from_seeds(corpus.DEFAULT_SEED_DIR)
    draw = corpus.Draw("baseline-test")
    one, two, three = (source.compose(draw, 200)[:200] + "..." for _ in range(3))
    (tmp_path / "000_a.txt").write_bytes(corpus.dump_bytes([one, two], "1 2"))
    (tmp_path / "001_b.txt").write_bytes(corpus.dump_bytes([three, one], None))
    labels = baseline_datasketch.cluster(tmp_path)
    assert set(labels) == {("000_a.txt", 0), ("000_a.txt", 1), ("001_b.txt", 0), ("001_b.txt", 1)}
    assert labels[("001_b.txt", 1)] == labels[("000_a.txt", 0)]
    assert len({labels[("000_a.txt", 0)], labels[("000_a.txt", 1)], labels[("001_b.txt", 0)]}) == 3


# --- the datatrove baseline ---------------------------------------------------------


def _copies_in_two_dumps(dumps: Path) -> tuple[str, str, str]:
    source = corpus.TextSource.from_seeds(corpus.DEFAULT_SEED_DIR)
    draw = corpus.Draw("baseline-test")
    one, two, three = (source.compose(draw, 200)[:200] + "..." for _ in range(3))
    dumps.mkdir()
    (dumps / "000_a.txt").write_bytes(corpus.dump_bytes([one, two], "1 2"))
    (dumps / "001_b.txt").write_bytes(corpus.dump_bytes([three, one], None))
    return one, two, three


def test_datatrove_baseline_groups_a_copy_across_tasks(tmp_path: Path) -> None:
    """The copy's first sighting is its cluster's root in task 0, which stage 4 leaves without a cluster id
    (no removals in that task): the label must still come from stage 3's cluster files."""
    from benchmarks import baseline_datatrove

    _copies_in_two_dumps(tmp_path / "dumps")
    labels, seconds = baseline_datatrove.cluster(tmp_path / "dumps", tmp_path / "work", tasks=2, workers=1)
    assert set(labels) == {("000_a.txt", 0), ("000_a.txt", 1), ("001_b.txt", 0), ("001_b.txt", 1)}
    assert labels[("001_b.txt", 1)] == labels[("000_a.txt", 0)]
    assert len({labels[("000_a.txt", 0)], labels[("000_a.txt", 1)], labels[("001_b.txt", 0)]}) == 3
    assert list(seconds) == ["signature", "buckets", "cluster", "filter", "labels"]
    assert not list((tmp_path / "work").iterdir())  # its work directory is removed


def test_datatrove_shingles_are_character_5_grams() -> None:
    from benchmarks import baseline_datatrove

    step = baseline_datatrove.MinhashDedupSignature(
        "unused-sigs", baseline_datatrove.minhash_config(), language=baseline_datatrove.CharacterTokenizer()
    )
    assert step.get_shingles("注意力 机制").size == 1  # 5 characters once the space is gone
    assert step.get_shingles("注意力机制的训练").size == 4
    assert step.get_shingles("Attention").size == 5


def test_datatrove_baseline_cli_labels_every_entry(made: Path, tmp_path: Path) -> None:
    """The script as the benchmark runs it: worker processes, every entry labelled, exact repeats grouped."""
    import subprocess
    import sys

    labels_csv = tmp_path / "labels.csv"
    script = Path(__file__).resolve().parent.parent / "benchmarks" / "baseline_datatrove.py"
    out = subprocess.run(
        [sys.executable, str(script), str(made / "dumps"), "--labels", str(labels_csv), "--workdir", str(tmp_path)],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    truth = scoring.read_labels(made / "truth.csv", "article")
    labels = scoring.read_labels(labels_csv, "label")
    assert set(labels) == set(truth)
    assert f"entries: {ENTRIES}" in out and "peak_rss_mb: " in out
    kinds = scoring.read_labels(made / "kinds.csv", "kind")
    found, total = scoring.kind_recall(truth, kinds, labels)["exact"]
    assert found == total > 0
    assert scoring.score(truth, labels).f1 > 0.8


def test_scoring_cli_scores_a_labels_file(made: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    labels = tmp_path / "labels.csv"
    rows = _read_rows(made / "truth.csv")
    labels.write_text(
        "source_name,position,label\n" + "".join(f"{r['source_name']},{r['position']},x\n" for r in rows),
        encoding="utf-8",
    )
    assert scoring.main([str(made), str(labels)]) == 0
    truth = scoring.read_labels(made / "truth.csv", "article")
    expected = scoring.score(truth, {k: "x" for k in truth})
    assert f"precision: {expected.precision:.4f}  recall: 1.0000" in capsys.readouterr().out


# --- the runner's output reading -------------------------------------------------------


def test_stage_seconds_from_the_summary_line() -> None:
    from benchmarks import dedup_bench

    out = "entries: 9\nseconds: 32.13  (prepare 5.94, dedup 13.42, annotate 4.73, load 6.62)\nrunner: thread\n"
    assert dedup_bench.stage_seconds(out) == {"prepare": 5.94, "dedup": 13.42, "annotate": 4.73, "load": 6.62}
    assert dedup_bench.stage_seconds("seconds: 3.0\n") == {}
    assert dedup_bench.format_stage_seconds({}).startswith("n/a")
    assert dedup_bench.format_stage_seconds({"a": 1.0, "b": 3.0}) == "a 1.00 s (25%), b 3.00 s (75%)"


def test_incremental_split_accounts_for_the_whole_wall_time() -> None:
    """Process start, Prefect's start and finish, the flow's code and the exit add up to the wall time."""
    from benchmarks import dedup_bench

    run = dedup_bench.Run(0, "", "", wall=10.0, peak_rss_mb=1, tree_rss_mb=1, started_at=100.0, ended_at=110.0)
    summary = {
        "stage_seconds": {"prepare": 0.5, "dedup": 0.25, "load": 0.25},
        "timeline": {"flow_called": 104.0, "flow_began": 106.0, "flow_seconds": 1.5, "flow_returned": 108.0},
    }
    first, second = dedup_bench.incremental_split(run, summary)
    assert first == (
        "wall time split (10.00 s): process start + imports 4.00 s, Prefect flow start 2.00 s, "
        "flow's own code 1.50 s, Prefect flow finish 0.50 s, output + process exit 2.00 s"
    )
    assert "stages 1.00 s (prepare 0.50, dedup 0.25, load 0.25), the rest 0.50 s" in second
    assert dedup_bench.incremental_split(run, {})[0].endswith("n/a (no `timeline` in the ingest's --json)")
    assert dedup_bench.ingest_json("not json\n") == {}


def test_floor_reads_every_line_and_writes_each_once(made: Path, tmp_path: Path) -> None:
    import duckdb

    from benchmarks import floor

    dumps = sorted((made / "dumps").glob("*.txt"))
    ids, positions, lines = floor.read_lines(made / "dumps")
    assert len(set(ids)) == len(dumps)
    assert set(_lines(made).values()) <= set(lines)  # every excerpt is among the lines read
    floor.write_lines(tmp_path / "lines.duckdb", ids, positions, lines)
    con = duckdb.connect(str(tmp_path / "lines.duckdb"), read_only=True)
    assert con.execute("select count(*), count(distinct dump_id) from lines").fetchone() == (len(lines), len(dumps))
    con.close()


def test_floor_writes_the_uncompressed_lines_when_asked(made: Path, tmp_path: Path) -> None:
    """The floor times the uncompressed write as the least a loader can write; it must be uncompressed."""
    import duckdb

    from benchmarks import floor

    ids, positions, lines = floor.read_lines(made / "dumps")
    for compress in (True, False):
        path = tmp_path / f"lines-{compress}.duckdb"
        floor.write_lines(path, ids, positions, lines, compress=compress)
        con = duckdb.connect(str(path), read_only=True)
        methods = {
            row[0]
            for row in con.execute(
                "select distinct compression from pragma_storage_info('lines') where segment_type <> 'VALIDITY'"
            ).fetchall()
        }
        assert con.execute("select count(*) from lines").fetchone() == (len(lines),)
        con.close()
        assert (methods == {"Uncompressed"}) is not compress, methods


def test_listing_bench_scores_a_tiny_fixture_dir(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from benchmarks import listing_bench

    excerpt = "An excerpt long enough to be one, about sparse attention and the memory it saves us."
    cards = "".join(
        f'<article class="post"><h2><a href="/p/{i}/">Post {i}</a></h2><p>Posted on 2024-03-0{i + 1}</p>'
        f"<p>{excerpt} {i}</p></article>"
        for i in range(3)
    )
    theme = tmp_path / "tiny"
    theme.mkdir()
    (theme / "index.html").write_text(f"<html><body><main>{cards}</main></body></html>", encoding="utf-8")
    truth = {
        "theme": "tiny",
        "page_kind": "listing",
        "lang": "en",
        "source": "hand-written",
        "entries": [
            {
                "title": f"Post {i}",
                "url": f"/p/{i}/",
                "date": f"2024-03-0{i + 1}",
                "excerpt_start": excerpt[:40],
                "excerpt_end": None,
            }
            for i in range(2)
        ]
        + [{"title": "Missing post", "url": "/p/9/", "date": None, "excerpt_start": None, "excerpt_end": None}],
        "furniture": ["Posted on"],
    }
    (theme / "index.json").write_text(json.dumps(truth), encoding="utf-8")
    (theme / "404.html").write_text("<html><body><h1>Not found</h1></body></html>", encoding="utf-8")
    (theme / "404.json").write_text(json.dumps({**truth, "page_kind": "reject", "entries": []}), encoding="utf-8")
    assert listing_bench.main([str(tmp_path)]) == 0
    out = capsys.readouterr().out
    rows = {
        line.split("|")[1].strip(): [c.strip() for c in line.split("|")[2:-1]]
        for line in out.splitlines()
        if line.startswith("| ") and not line.startswith("| kind")
    }
    # 2 of 3 truth cards found, 2 of 3 returned cards match; dates right on both; the 404 rejected.
    assert rows["listing"][:6] == ["1", "0.667", "0.667", "1.000", "1.000", "1.000"]
    assert rows["reject"][6:] == ["0", "0", "0", "0"]
    assert rows["total"][0] == "2"


def test_targets_compare_dumpflow_with_both_references() -> None:
    from benchmarks import dedup_bench

    def row(role: str, wall: float, tp: int) -> tuple[dedup_bench.Result, scoring.Score]:
        run = dedup_bench.Run(0, "", "", wall, 900.0, 1200.0)
        return dedup_bench.Result(role, role, run, None, "", {}), scoring.Score(tp, 1000, 1000, 100_000, 0, 0)

    rows = {"dumpflow": row("dumpflow", 10.0, 996), "datasketch": row("datasketch", 70.0, 900)}
    rows["datatrove"] = row("datatrove", 9.0, 990)
    lines = dedup_bench.targets(100_000, rows, (0.3, "match_dumps, first call"))
    text = "\n".join(lines)
    assert "datasketch baseline's (same run): met (7.00x)" in text
    assert "F1 >= 0.995: met (0.9960)" in text
    assert "ahead of datatrove on entries/s and F1: NOT met (10,000 vs 11,111 entries/s" in text
    assert ">= 5,000 entries/s end to end: met (10,000 entries/s)" in text
    assert "peak RSS <= 2 GB: met (900 MB largest process, 1,200 MB tree)" in text
    assert "dedup <= 0.5 s: met (0.300 s, match_dumps, first call)" in text
    del rows["datatrove"], rows["datasketch"]
    text = "\n".join(dedup_bench.targets(100_000, rows, None))
    assert "(same run): n/a" in text and "n/a (--skip-datatrove)" in text and "dedup <= 0.5 s: n/a" in text


def test_annotate_bench_times_two_checkouts_and_checks_they_agree(made: Path, tmp_path: Path) -> None:
    """The harness of benchmarks/annotate_bench.py, this checkout against itself (no timing asserted)."""
    import shutil
    import subprocess
    import sys

    made = Path(shutil.copytree(made / "dumps", tmp_path / "corpus" / "dumps")).parent  # it keeps a file there
    root = Path(__file__).resolve().parent.parent
    script = root / "benchmarks" / "annotate_bench.py"
    args = [
        sys.executable,
        str(script),
        str(made),
        "--compare",
        str(root),
        "--rounds",
        "1",
        "--repeat",
        "1",
        "--batches",
        "2",
    ]
    run = subprocess.run(args, capture_output=True, text=True, timeout=600, check=False)
    assert run.returncode == 0, run.stderr
    assert "seeds: annotations identical" in run.stdout and "tricky: annotations identical" in run.stdout
    assert "annotations identical; CPU seconds" in run.stdout and "speed-up (compare / this)" in run.stdout
    assert (made / "annotate-matched.pkl").is_file()  # kept for the next run


def test_annotate_bench_tricky_texts_are_the_same_every_run() -> None:
    from benchmarks import annotate_bench

    texts = annotate_bench.tricky_texts()
    assert texts == annotate_bench.tricky_texts() and len(texts) > 3000
    assert any("ZeRO" in t for t in texts) and any("多模态" in t for t in texts)


def test_drive_reads_the_corpus_as_the_flow_batches_it(made: Path) -> None:
    """match_bench's batches and annotate_bench's one list are the same cleaned dumps, every entry of the corpus."""
    from benchmarks import drive

    batches = drive.cleaned_batches(made)
    flat = drive.cleaned_dumps(made)
    assert [d for group in batches for d in group] == flat
    assert sum(len(d.entries) for d in flat) == ENTRIES
    assert drive.cleaned_dumps(made / "dumps") == flat  # a folder of dumps (raw/) reads the same


def test_drive_alternates_the_order_and_stops_on_a_failing_child(tmp_path: Path) -> None:
    import sys

    from benchmarks import drive

    order = list(drive.alternating(["base", "new"], 3))
    assert order == [(0, "base"), (0, "new"), (1, "new"), (1, "base"), (2, "base"), (2, "new")]
    code = "import os, sys; print(os.getcwd(), os.environ['PYTHONPATH']); sys.exit(sys.argv[1] == 'fail')"
    timed = drive.run_in(tmp_path, [sys.executable, "-c", code, "ok"])
    assert timed.stdout.split() == [str(tmp_path), str(tmp_path)] and timed.wall > 0
    with pytest.raises(SystemExit, match="failed in"):
        drive.run_in(tmp_path, [sys.executable, "-c", code, "fail"])


def test_prepare_bench_times_two_checkouts_and_checks_they_agree(made: Path) -> None:
    """The harness of benchmarks/prepare_bench.py, this checkout against itself (no timing asserted)."""
    import subprocess
    import sys

    root = Path(__file__).resolve().parent.parent
    script = root / "benchmarks" / "prepare_bench.py"
    args = [sys.executable, str(script), str(made), "--compare", str(root), "--rounds", "1", "--repeat", "1"]
    run = subprocess.run(args, capture_output=True, text=True, timeout=600, check=False)
    assert run.returncode == 0, run.stderr
    assert "speed-up (compare / this)" in run.stdout and "prepared dumps identical" in run.stdout
    assert "round 1 compare:" in run.stdout and "round 1    this:" in run.stdout
