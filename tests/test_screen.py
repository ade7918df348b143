"""Bulk screening of candidate pairs (similarity.screen_pairs, dedup.screened_pairs): same decisions as one by one."""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from dumpflow import minhash
from dumpflow.dedup import MIN_PREFIX, NEAR_THRESHOLD, verify
from dumpflow.normalize import match_key
from dumpflow.pairs import joined_pairs, screened_pairs
from dumpflow.signals import Known, batch_signals
from dumpflow.similarity import misses_exceed, screen_pairs
from tests.builders import cleaned, transmission
from tests.test_dedup import OVERVIEW_A, OVERVIEW_B, SERIES_A, SERIES_B, SIGLIP

ALPHABET = "的一是不了人我在有他这为之大来以个中上们到说国和地abcde"
INSERTED = SIGLIP[:60] + " 更新:本文已补充实验部分的代码链接与复现说明,欢迎指正。 " + SIGLIP[60:]


def tricky_pairs() -> list[tuple[str, str]]:
    """(shorter, longer) keys of the cases repeat detection must tell apart."""
    siglip = match_key(SIGLIP)
    pairs = [
        (match_key(SIGLIP[:90]), siglip),  # retruncated: a cut of the same article
        (match_key(SIGLIP[:120]), match_key(SIGLIP[:150])),  # two cuts
        (match_key(SIGLIP.replace("广泛应用", "普遍应用")), siglip),  # edited
        (siglip, match_key(INSERTED)),  # a line inserted into the longer copy
        (match_key(SIGLIP[:100].replace("优化", "改进")), siglip),  # edited and cut
        (match_key(SERIES_A), match_key(SERIES_B)),  # series intro, then another article
        (match_key(SERIES_B), match_key(SERIES_A)),
        (match_key(OVERVIEW_B), match_key(OVERVIEW_A)),  # short excerpts sharing a first word
        (match_key(OVERVIEW_A[:45]), match_key(OVERVIEW_B)),
        (match_key(SERIES_A), siglip),  # unrelated
    ]
    return [(s, lg) if len(s) <= len(lg) else (lg, s) for s, lg in pairs]


def screen(pairs: list[tuple[str, str]], threshold: float = NEAR_THRESHOLD) -> list[bool]:
    keys = list(dict.fromkeys(k for pair in pairs for k in pair))
    at = {k: i for i, k in enumerate(keys)}
    shorter = np.array([at[s] for s, _ in pairs], dtype=np.int64)
    longer = np.array([at[lg] for _, lg in pairs], dtype=np.int64)
    return screen_pairs(keys, shorter, longer, threshold).tolist()


def test_screen_agrees_with_misses_exceed_on_the_tricky_pairs() -> None:
    pairs = tricky_pairs()
    one_by_one = [misses_exceed(s, lg, NEAR_THRESHOLD) for s, lg in pairs]
    assert screen(pairs) == one_by_one
    # Cuts, edits and the inserted line are kept; different articles are ruled out.
    assert one_by_one == [False, False, False, False, False, True, True, True, True, True]


@settings(max_examples=200, deadline=None)
@given(
    cases=st.lists(
        st.tuples(
            st.text(alphabet=ALPHABET, min_size=3, max_size=200),
            st.text(alphabet=ALPHABET, max_size=200),
            st.lists(st.tuples(st.integers(min_value=0, max_value=399), st.sampled_from("的一是xyz")), max_size=40),
            st.booleans(),
        ),
        min_size=1,
        max_size=12,
    ),
    threshold=st.sampled_from([0.5, 0.8, 0.9, 1.0]),
)
def test_screen_says_below_only_when_misses_exceed_does(
    cases: list[tuple[str, str, list[tuple[int, str]], bool]], threshold: float
) -> None:
    """Many pairs at once, some sharing keys: "below" must never be said where one-by-one would not."""
    pairs = []
    for text, other, edits, unrelated in cases:
        chars = list(text)
        for at, char in edits:
            chars[at % len(chars)] = char
        shorter = "".join(chars)
        longer = other + text if unrelated else text + other
        pairs.append((shorter, longer) if len(shorter) <= len(longer) else (longer, shorter))
    for (s, lg), below in zip(pairs, screen(pairs, threshold), strict=True):
        if below:
            assert misses_exceed(s, lg, threshold)


def test_screen_of_no_pairs_is_empty() -> None:
    empty = np.zeros(0, dtype=np.int64)
    assert screen_pairs(["abc"], empty, empty, NEAR_THRESHOLD).size == 0


def test_screened_pairs_joins_a_batch_on_its_signals() -> None:
    """Two members of a series share their opening windows: the join proposes the pair and the screen rules
    it out; a cut of an article shares them too but is never reported as unlike."""
    keys = [match_key(SERIES_A), match_key(SERIES_B), match_key(SIGLIP), match_key(SIGLIP[:120])]
    entries = cleaned("001.txt", transmission(SERIES_A, SERIES_B, SIGLIP, SIGLIP[:120] + "...")).entries
    sigs = dict(zip(keys, batch_signals(keys, minhash.sketches(keys)), strict=True))
    found = screened_pairs(keys, entries, sigs, {}, {}, MIN_PREFIX, NEAR_THRESHOLD)
    assert found == {(keys[0], keys[1])} or found == {(keys[1], keys[0])}


def test_screened_pairs_reaches_stored_articles() -> None:
    """A stored article that shares a signal with a new key is paired with it through the postings."""
    new, stored = match_key(SERIES_B), match_key(SERIES_A)
    entries = cleaned("001.txt", transmission(SERIES_B)).entries
    state = Known("stored-a", SERIES_A, stored, False, None, None, None, None)
    signals = batch_signals([new, stored])
    postings = {h: {"stored-a"} for h in signals[1]}
    found = screened_pairs([new], entries, {new: signals[0]}, postings, {"stored-a": state}, MIN_PREFIX, NEAR_THRESHOLD)
    assert found and found <= {(new, stored), (stored, new)}


def test_verify_decides_the_same_with_and_without_the_screen() -> None:
    pairs = tricky_pairs()
    below = {(s, lg) for (s, lg), b in zip(pairs, screen(pairs), strict=True) if b}
    assert below  # the screen has something to say on these
    for s, lg in pairs:
        for truncated in (False, True):
            state = Known("a", lg, lg, False, None, None, None, None)
            assert verify(s, truncated, state, False, below) == verify(s, truncated, state, False)


def test_joined_pairs_pairs_nodes_sharing_a_hash_once_and_skips_templates() -> None:
    hashes = np.array([7, 7, 7, 9, 9, 5, 8, 8, 8, 8], dtype=np.uint64)
    nodes = np.array([0, 1, 2, 0, 1, 3, 4, 5, 6, 7], dtype=np.int64)
    pairs = joined_pairs(hashes, nodes, group=3).tolist()
    # 0-1 share two hashes but come once; the group of four (hash 8) is a template at group=3.
    assert pairs == [[0, 1], [0, 2], [1, 2]]
    assert len(joined_pairs(hashes, nodes, group=4)) == 3 + 6
    assert joined_pairs(np.array([1], dtype=np.uint64), np.array([0], dtype=np.int64)).shape == (0, 2)
