"""The compiled near-repeat score (dumpflow/gramkernel.py) gives exactly the Python answers.

Repeat detection switches to it in the middle of a batch, so any difference
would make a decision depend on how many pairs came before: the kernel must
reject exactly when `misses_exceed` does and otherwise return
`aligned_containment`'s float, bit for bit.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from hypothesis import example, given, settings
from hypothesis import strategies as st

from benchmarks import match_bench
from dumpflow import gramkernel, similarity
from dumpflow.dedup import EmptySource, match_dumps
from dumpflow.similarity import GramIndex, NearScorer, aligned_containment, misses_exceed

ROOT = Path(__file__).resolve().parent.parent
# Latin, CJK, astral (emoji, a CJK extension B ideograph), NUL (the padding's own
# code point) and a small alphabet, so grams repeat within a key.
TEXT = st.text(alphabet="ab 的一是😀🎉𠀋\x00é", max_size=120)


def python_answer(shorter: str, longer: str, threshold: float) -> float:
    if misses_exceed(shorter, longer, threshold):
        return gramkernel.REJECTED
    return aligned_containment(GramIndex.of(shorter), GramIndex.of(longer))


def kernel_answer(shorter: str, longer: str, threshold: float) -> float:
    return gramkernel.near_score(gramkernel.code_points(shorter), gramkernel.code_points(longer), threshold)


@settings(max_examples=600, deadline=None)
@given(
    text=TEXT,
    other=TEXT,
    cut=st.integers(min_value=0, max_value=130),
    at=st.integers(min_value=0, max_value=130),
    inserted=st.integers(min_value=0, max_value=40),
    threshold=st.sampled_from([0.0, 0.5, 0.8, 0.9, 1.0]),
)
@example(text="", other="", cut=0, at=0, inserted=0, threshold=0.8)
@example(text="a", other="", cut=1, at=0, inserted=0, threshold=0.8)
@example(text="ab", other="ab", cut=2, at=0, inserted=2, threshold=0.8)
@example(text="😀", other="😀\x00\x00", cut=1, at=0, inserted=3, threshold=0.8)
@example(text="ababababab", other="babababa", cut=10, at=3, inserted=7, threshold=0.8)
def test_kernel_scores_exactly_as_python(
    text: str, other: str, cut: int, at: int, inserted: int, threshold: float
) -> None:
    """Random pairs, copies with a cut and an inserted run, unrelated texts: the same float or the same rejection."""
    copy = text[:cut]
    copy = copy[: at % (len(copy) + 1)] + other[:inserted] + copy[at % (len(copy) + 1) :]
    for a, b in ((copy, text), (other, text), (text, text + other)):
        shorter, longer = (a, b) if len(a) <= len(b) else (b, a)
        assert kernel_answer(shorter, longer, threshold) == python_answer(shorter, longer, threshold)


def test_kernel_on_real_texts_with_repeated_and_astral_grams() -> None:
    article = (
        "概述 本文介绍一个比较有意思的高效Transformer工作😀,来自Google的《Transformer Quality in Linear Time》。" * 3
    )
    cases = [
        (article[:60], article),  # a cut copy: every gram in place
        (article[:40] + "插入的一行" + article[40:90], article),  # an inserted line
        ("概述 本文介绍" + "另一篇文章的内容完全不同" * 5, article),  # the same opening, then another article
        (article[::-1][:80], article),  # the same characters, other order
        ("😀" * 50, "😀" * 60),  # one gram, repeated
    ]
    for shorter, longer in cases:
        for threshold in (0.5, 0.8):
            assert kernel_answer(shorter, longer, threshold) == python_answer(shorter, longer, threshold)
    assert kernel_answer(article[:60], article, 0.8) == 1.0
    assert kernel_answer(cases[2][0], article, 0.8) == gramkernel.REJECTED


def test_kernel_counts_a_shifted_gram_up_to_the_slack_and_not_beyond() -> None:
    """An opening moved right by exactly the slack (length/8 + 8) still counts; one more character does not."""
    shorter = "".join(chr(0x4E00 + i) for i in range(80))  # distinct grams; slack 80 // 8 + 8 = 18
    for shift, expected in ((18, 1.0), (19, 0.0)):
        longer = "x" * shift + shorter
        assert python_answer(shorter, longer, 0.8) == expected
        assert kernel_answer(shorter, longer, 0.8) == expected


def test_scorer_switches_to_the_kernel_after_enough_pairs_with_the_same_answers(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(similarity, "_python_pairs", 0)  # as in a fresh process
    monkeypatch.setattr(similarity, "_kernel", [])
    scorer = NearScorer(0.8, after=3)
    shorter, longer = "abcdefghij" * 5, "abcdefghij" * 5 + "xyz"
    answers = [scorer(shorter, longer) for _ in range(3)]
    assert scorer.compiled is None
    assert similarity.python_pairs() == 3
    answers.append(scorer(shorter, longer))
    assert scorer.compiled is not None
    assert similarity.python_pairs() == 3
    assert len(set(answers)) == 1
    assert NearScorer(0.8, after=3).compiled is not None  # a later batch: compiled from its first pair


def test_a_small_run_never_imports_numba_and_a_large_one_does(tmp_path: Path) -> None:
    """The seed run (58 entries) must not pay for importing numba and loading compiled code."""
    code = (
        "import sys\n"
        "from dumpflow.similarity import NearScorer\n"
        "s = NearScorer(0.8, after=10)\n"
        "pair = ('abcdefghij' * 5, 'abcdefghij' * 5 + 'xyz')\n"
        "[s(*pair) for _ in range(10)]\n"
        "assert 'numba' not in sys.modules, 'imported before the switch'\n"
        "s(*pair)\n"
        "assert 'numba' in sys.modules\n"
    )
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    subprocess.run([sys.executable, "-c", code], check=True, env=env, cwd=ROOT)
    seed_run = (
        "import sys\n"
        "from pathlib import Path\n"
        "from benchmarks.match_bench import prepare\n"
        "from dumpflow.dedup import EmptySource, match_dumps\n"
        "groups = prepare(Path(sys.argv[1]))\n"
        "assert sum(len(d.entries) for g in groups for d in g) > 0\n"
        "for g in groups:\n"
        "    match_dumps(g, EmptySource())\n"
        "assert 'numba' not in sys.modules\n"
    )
    (tmp_path / "seed").mkdir()
    (tmp_path / "seed" / "dumps").symlink_to(ROOT / "raw")  # the seed dumps, read in place
    subprocess.run([sys.executable, "-c", seed_run, str(tmp_path / "seed")], check=True, env=env, cwd=ROOT)


def _kernel_in_copy(tmp: Path, env: dict[str, str]) -> str:
    """Import gramkernel from a copy of the package and score one pair: prints CACHED and the score."""
    code = (
        "from dumpflow import gramkernel as g\n"
        "print(g.CACHED, g.score('abcdefghij' * 5, 'abcdefghij' * 5 + 'xyz', 0.8))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], check=True, env={**env, "PYTHONPATH": str(tmp)}, cwd=tmp, capture_output=True
    )
    return done.stdout.decode().strip()


def test_kernel_caches_where_it_can_and_still_runs_where_nothing_is_writable(tmp_path: Path) -> None:
    """A read-only install (no writable __pycache__, cache dir or home): compiled each start, not an error."""
    pkg = tmp_path / "install"
    shutil.copytree(ROOT / "dumpflow", pkg / "dumpflow", ignore=shutil.ignore_patterns("__pycache__"))
    blocker = tmp_path / "a-file"
    blocker.write_text("not a directory")
    env = {k: v for k, v in os.environ.items() if not k.startswith("NUMBA_")}
    # Every place numba could keep a cache lies under a regular file, so none can be
    # created: this holds for root too, whom permission bits would not stop.
    (pkg / "dumpflow" / "__pycache__").write_text("not a directory")
    blocked = {
        **env,
        "HOME": str(blocker / "home"),
        "XDG_CACHE_HOME": str(blocker / "cache"),
        "NUMBA_CACHE_DIR": str(blocker / "numba"),
    }
    assert _kernel_in_copy(pkg, blocked) == "False 1.0"

    (pkg / "dumpflow" / "__pycache__").unlink()  # a writable install: the machine code is kept beside the source
    with tempfile.TemporaryDirectory() as home:
        writable = {**env, "HOME": home, "XDG_CACHE_HOME": home}
        assert _kernel_in_copy(pkg, writable) == "True 1.0"
        assert list((pkg / "dumpflow" / "__pycache__").glob("gramkernel.near_score-*.nbi"))
        assert _kernel_in_copy(pkg, writable) == "True 1.0"  # and loaded from there


def test_match_dumps_decides_the_same_with_the_kernel_from_the_first_pair(trap_corpus: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """The trap corpus end to end."""
    groups = match_bench.prepare(trap_corpus)
    dumps = [d for g in groups for d in g]

    def decisions() -> list[tuple[str, str, float]]:
        return [(s.article_id, s.kind, s.similarity) for m in match_dumps(dumps, EmptySource()) for s in m.sightings]

    monkeypatch.setattr(similarity, "JIT_AFTER_PAIRS", 10**9)
    monkeypatch.setattr(similarity, "PRIME_MIN_PAIRS", 10**9)  # no scores ahead either: every pair in Python
    monkeypatch.setattr(similarity, "_kernel", [])
    python = decisions()
    monkeypatch.setattr(similarity, "JIT_AFTER_PAIRS", 0)
    compiled = decisions()
    assert similarity._loaded_kernel() is not None
    assert compiled == python
    assert {"near", "truncation", "exact"} <= {kind for _, kind, _ in python}


# Matches the corpus in four batches in a fresh process, switching after argv[2]
# pairs; prints, per batch, the pairs it scored in Python and whether numba was
# imported by its end, then every decision.
_BATCHES = """
import json, sys
from pathlib import Path
from benchmarks.match_bench import prepare
from dumpflow import similarity
from dumpflow.dedup import EmptySource, match_dumps
similarity.JIT_AFTER_PAIRS = int(sys.argv[2])
dumps = [d for g in prepare(Path(sys.argv[1])) for d in g]
size = -(-len(dumps) // 4)
batches, decisions, before = [], [], 0
for i in range(0, len(dumps), size):
    matched = match_dumps(dumps[i : i + size], EmptySource())
    decisions += [(s.article_id, s.kind, s.similarity) for m in matched for s in m.sightings]
    batches.append((similarity.python_pairs() - before, 'numba' in sys.modules))
    before = similarity.python_pairs()
print(json.dumps({"batches": batches, "decisions": decisions}))
"""


def _run_in_batches(corpus: Path, after: int) -> tuple[list[tuple[int, bool]], list[list[object]]]:
    done = subprocess.run(
        [sys.executable, "-c", _BATCHES, str(corpus), str(after)],
        check=True,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        cwd=ROOT,
        capture_output=True,
    )
    out = json.loads(done.stdout.decode().strip().splitlines()[-1])
    return [(pairs, imported) for pairs, imported in out["batches"]], out["decisions"]


def test_the_switch_counts_the_pairs_of_the_process_not_of_one_batch(trap_corpus: Path) -> None:
    """Below the process's threshold no batch imports numba; above it, the batch that crosses it does.

    The second threshold is above every batch's own count and below their sum,
    so a scorer counting per batch again would never load the kernel there.
    """
    python, decisions = _run_in_batches(trap_corpus, 10**9)
    pairs = [n for n, _ in python]
    assert len(pairs) == 4 and min(pairs) > 0, pairs
    assert not any(imported for _, imported in python)

    below, below_decisions = _run_in_batches(trap_corpus, sum(pairs))  # the most a run may score without it
    assert below == python
    assert below_decisions == decisions

    after = max(pairs)
    assert after < sum(pairs) - pairs[-1]  # crossed before the last batch, by batches each below it
    above, above_decisions = _run_in_batches(trap_corpus, after)
    crossed = next(i for i in range(4) if sum(pairs[: i + 1]) > after)
    assert [imported for _, imported in above] == [i >= crossed for i in range(4)]
    assert sum(n for n, _ in above) == after  # then every pair, in that batch and later ones, compiled
    assert above_decisions == decisions


def test_without_numba_pairs_are_scored_in_python_with_a_warning() -> None:
    """No numba wheel for the platform: the same answers, slower, and the log says why."""
    code = (
        "import sys, warnings\n"
        "sys.modules['numba'] = None  # makes `import numba` raise ImportError\n"
        "from dumpflow.similarity import NearScorer, near_score\n"
        "pair = ('abcdefghij' * 5 + 'klm', 'abcdefghij' * 5 + 'xyz')\n"
        "with warnings.catch_warnings(record=True) as caught:\n"
        "    warnings.simplefilter('always')\n"
        "    got = NearScorer(0.8, after=0)(*pair)\n"
        "assert got == near_score(*pair, 0.8), got\n"
        "assert any('numba unavailable' in str(w.message) for w in caught), caught\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True, env={**os.environ, "PYTHONPATH": str(ROOT)}, cwd=ROOT)
