"""A batch's likely pairs (dumpflow/candidates.py) and their scores computed ahead (NearScorer.prime).

The join is checked against a plain Python reading of its rule, the bulk
kernel against the one-pair scorer, and the walk with scores computed ahead
against the walk without them, decision by decision, on the trap corpus.
"""

from __future__ import annotations

import itertools
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from benchmarks import match_bench
from dumpflow import candidates, gramkernel, similarity
from dumpflow.dedup import MIN_PREFIX, NEAR_THRESHOLD, EmptySource, match_dumps
from dumpflow.signals import Known

ROOT = Path(__file__).resolve().parent.parent
KEY = st.text(alphabet="的一是ab😀", min_size=0, max_size=60)


def reference_pairs(
    batch_keys: list[str],
    batch_signals: list[list[int]],
    truncated: set[str],
    postings: dict[int, set[str]],
    states: dict[str, Known],
    min_prefix: int,
    threshold: float,
) -> set[tuple[str, str]]:
    """The join's rule, pair by pair: keys sharing a signal (2..MAX_GROUP keys on it), the later one
    met as the entry, oriented as verify orients them, minus the pairs verify settles without a score."""
    rank = {key: i + 1 for i, key in enumerate(batch_keys)}
    cut = {key: key in truncated for key in batch_keys}
    members: dict[int, set[str]] = {}
    for key, sigs in zip(batch_keys, batch_signals, strict=True):
        for h in sigs:
            members.setdefault(h, set()).add(key)
    for h, posting in postings.items():
        for article_id in posting:
            state = states[article_id]
            if state.key:
                rank.setdefault(state.key, 0)
                cut[state.key] = cut.get(state.key, False) or state.is_truncated
                members.setdefault(h, set()).add(state.key)
    out = set()
    for group in members.values():
        if not 2 <= len(group) <= candidates.MAX_GROUP:
            continue
        for x, y in itertools.combinations(group, 2):
            entry, other = (x, y) if rank[x] > rank[y] else (y, x)
            if rank[entry] == 0:
                continue
            short, long_ = (entry, other) if len(entry) <= len(other) else (other, entry)
            if len(short) < min_prefix or (not cut[short] and len(short) / len(long_) < threshold):
                continue
            out.add((short, long_))
    return out


def joined(pairs: candidates.Pairs) -> set[tuple[str, str]]:
    got = [(pairs.keys[s], pairs.keys[lo]) for s, lo in zip(pairs.shorter.tolist(), pairs.longer.tolist(), strict=True)]
    assert len(got) == len(set(got))  # each pair once
    return set(got)


@settings(max_examples=300, deadline=None)
@given(
    batch=st.lists(st.tuples(KEY, st.lists(st.integers(0, 7), max_size=4), st.booleans()), max_size=12),
    stored=st.lists(st.tuples(KEY, st.lists(st.integers(0, 7), max_size=4), st.booleans()), max_size=8),
    min_prefix=st.sampled_from([0, 3, 20]),
)
def test_the_join_proposes_exactly_the_pairs_its_rule_names(
    batch: list[tuple[str, list[int], bool]], stored: list[tuple[str, list[int], bool]], min_prefix: int
) -> None:
    """Few signals (0..7) so keys collide often; keys repeated between the batch and the store, empty
    stored keys (title-only articles), cut and whole keys, lengths on both sides of the ratio."""
    seen: dict[str, tuple[list[int], bool]] = {}
    for key, sigs, cut in batch:
        seen.setdefault(key, (sigs, cut))
    batch_keys = list(seen)
    batch_signals = [sorted(set(seen[k][0])) for k in batch_keys]
    truncated = {k for k in batch_keys if seen[k][1]}
    postings: dict[int, set[str]] = {}
    states: dict[str, Known] = {}
    for n, (key, sigs, cut) in enumerate(stored):
        article_id = f"a{n}"
        states[article_id] = Known(article_id, key, key, cut, None, None, None, None)
        for h in sigs:
            postings.setdefault(h, set()).add(article_id)
    args = (batch_keys, batch_signals, truncated, postings, states, min_prefix, NEAR_THRESHOLD)
    assert joined(candidates.batch_pairs(*args)) == reference_pairs(*args)


def test_a_signal_shared_by_too_many_keys_pairs_none_of_them() -> None:
    keys = [f"{i:03d}" + "的" * 50 for i in range(candidates.MAX_GROUP + 1)]
    over = candidates.batch_pairs(keys, [[1]] * len(keys), set(), {}, {}, MIN_PREFIX, NEAR_THRESHOLD)
    assert len(over) == 0
    under = candidates.batch_pairs(keys[:-1], [[1]] * (len(keys) - 1), set(), {}, {}, MIN_PREFIX, NEAR_THRESHOLD)
    assert len(under) == candidates.MAX_GROUP * (candidates.MAX_GROUP - 1) // 2


def test_a_pair_is_oriented_as_verify_scores_it() -> None:
    """Equal lengths: the entry (the later key) is the shorter one, as in `verify`; two stored keys never pair."""
    first, later, stored = "的" * 45 + "a", "的" * 45 + "b", "的" * 45 + "c"
    states = {
        "s": Known("s", stored, stored, False, None, None, None, None),
        "t": Known("t", "x", "x", False, *[None] * 4),
    }
    pairs = candidates.batch_pairs([first, later], [[5], [5]], set(), {5: {"s"}}, states, MIN_PREFIX, NEAR_THRESHOLD)
    assert joined(pairs) == {(later, first), (first, stored), (later, stored)}


@settings(max_examples=150, deadline=None)
@given(
    keys=st.lists(st.text(alphabet="ab 的一是😀\x00", max_size=80), min_size=1, max_size=8),
    picks=st.lists(st.tuples(st.integers(0, 7), st.integers(0, 7)), max_size=20),
    threshold=st.sampled_from([0.5, 0.8, 1.0]),
)
def test_the_bulk_kernel_scores_each_pair_as_the_one_pair_scorer(
    keys: list[str], picks: list[tuple[int, int]], threshold: float
) -> None:
    shorter = np.array([a % len(keys) for a, _ in picks], dtype=np.int64)
    longer = np.array([b % len(keys) for _, b in picks], dtype=np.int64)
    expected = [gramkernel.score(keys[a], keys[b], threshold) for a, b in zip(shorter, longer, strict=True)]
    assert gramkernel.scores(keys, shorter, longer, threshold) == expected
    assert all(
        s is None or s == similarity.near_score(keys[a], keys[b], threshold)
        for s, a, b in zip(expected, shorter, longer, strict=True)
    )


def test_a_few_pairs_are_not_worth_loading_the_kernel(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(similarity, "_kernel", [])  # as in a fresh process
    pairs = candidates.Pairs(["的" * 50, "的" * 50 + "a"], np.array([0]), np.array([1]))
    scorer = similarity.NearScorer(NEAR_THRESHOLD, prime_after=2)
    assert scorer.prime(pairs) == 0
    assert scorer.compiled is None and scorer.known == {}
    assert similarity.NearScorer(NEAR_THRESHOLD, prime_after=1).prime(pairs) == 1


def test_once_the_kernel_is_loaded_pairs_are_scored_one_by_one(monkeypatch: pytest.MonkeyPatch) -> None:
    """Compiled calls per pair cost less than the join and the bulk call: a later batch finds no pairs ahead."""
    monkeypatch.setattr(similarity, "_kernel", [])
    pairs = candidates.Pairs(["的" * 50, "的" * 50 + "a"], np.array([0]), np.array([1]))
    first = similarity.NearScorer(NEAR_THRESHOLD, prime_after=1)
    assert first.wants_pairs() and first.prime(pairs) == 1
    later = similarity.NearScorer(NEAR_THRESHOLD, prime_after=1)
    assert not later.wants_pairs() and later.prime(pairs) == 0 and later.known == {}
    assert later(*pairs.keys) == first(*pairs.keys) == similarity.near_score(*pairs.keys, NEAR_THRESHOLD)


@pytest.fixture(scope="module")
def trap_dumps(trap_corpus: Path) -> list:  # type: ignore[type-arg]
    """The trap corpus (conftest) read and cleaned, every batch's dumps in one list."""
    return [d for g in match_bench.prepare(trap_corpus) for d in g]


def test_the_walk_decides_the_same_with_scores_computed_ahead(
    trap_dumps: list, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[type-arg]
    """Decision by decision, and the scores ahead are the ones the walk needed (a wrong orientation or
    a join that misses the batch's own keys would leave it scoring them one by one)."""
    asked: list[bool] = []
    call = similarity.NearScorer.__call__

    def counting(self: similarity.NearScorer, shorter: str, longer: str) -> float | None:
        asked.append((shorter, longer) in self.known)
        return call(self, shorter, longer)

    def decisions() -> list[tuple[str, str, float]]:
        return [
            (s.article_id, s.kind, s.similarity) for m in match_dumps(trap_dumps, EmptySource()) for s in m.sightings
        ]

    monkeypatch.setattr(similarity.NearScorer, "__call__", counting)
    monkeypatch.setattr(similarity, "JIT_AFTER_PAIRS", 10**9)
    monkeypatch.setattr(similarity, "PRIME_MIN_PAIRS", 10**9)
    monkeypatch.setattr(similarity, "_kernel", [])
    one_by_one = decisions()
    assert asked and not any(asked)
    asked.clear()
    monkeypatch.setattr(similarity, "PRIME_MIN_PAIRS", 0)
    ahead = decisions()
    assert ahead == one_by_one
    assert sum(asked) >= 0.95 * len(asked), (sum(asked), len(asked))
    assert {"near", "truncation", "exact"} <= {kind for _, kind, _ in ahead}
