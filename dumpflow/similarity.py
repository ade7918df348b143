"""How alike two comparison keys are, allowing for the site's truncation.

Symmetric Jaccard punishes a copy cut to 30% of the article as hard as a
different article. A site cuts from the end, so a shorter copy is compared
with the same-length opening of the longer one (plus slack for inserted
text): its shingles should almost all be there.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

import numpy as np

SHINGLE = 3
GRAM_CACHE_SIZE = 16384
_P = np.uint64(0x100000001B3)


def shingles(key: str, size: int = SHINGLE) -> set[str]:
    if len(key) <= size:
        return {key} if key else set()
    return {key[i : i + size] for i in range(len(key) - size + 1)}


def prefix_containment(shorter: str, longer: str) -> float:
    """Share of the shorter key's shingles found in the longer key's opening.

    The opening is the shorter key's length plus 1/8 and 8 characters of slack,
    room for an inserted line or a few edits without admitting much more text.
    This is the plain, order-blind definition; repeat detection uses
    `aligned_containment`, which never exceeds it, and tests use it as the
    bound to check against.
    """
    window = longer[: window_length(len(shorter))]
    small = shingles(shorter)
    if not small:
        return 0.0
    return len(small & shingles(window)) / len(small)


def window_length(shorter_len: int) -> int:
    return shorter_len + shorter_len // 8 + 8


def grams(key: str) -> np.ndarray:
    """Positional 64-bit hashes of the key's character 3-grams (polynomial over code points).

    The array form of `shingles`: verifying a candidate becomes a vectorized
    membership test instead of building two Python sets per pair.
    """
    cps = np.frombuffer(key.encode("utf-32-le"), dtype="<u4").astype(np.uint64)
    if 0 < cps.size < SHINGLE:  # one padded gram, as `shingles` keeps a short key whole
        cps = np.pad(cps, (0, SHINGLE - cps.size))
    n = max(0, cps.size - SHINGLE + 1)
    # Array arithmetic wraps modulo 2**64 without a warning (only numpy scalars
    # warn), so no errstate block: entering one costs more than the hashing.
    return (cps[:n] * _P + cps[1 : n + 1]) * _P + cps[2 : n + 2]


@dataclass(frozen=True)
class GramIndex:
    """A key's distinct 3-gram hashes, sorted, with where each first occurs."""

    length: int
    unique: np.ndarray
    first: np.ndarray

    @classmethod
    def of(cls, key: str) -> GramIndex:
        # np.unique(return_index=True) by hand: a stable sort keeps, for each
        # gram, its first position first; np.unique's wrapper costs as much
        # again on arrays this small.
        h = grams(key)
        order = np.argsort(h, kind="stable")
        ordered = h[order]
        keep = np.empty(ordered.size, dtype=bool)
        keep[:1] = True
        np.not_equal(ordered[1:], ordered[:-1], out=keep[1:])
        return cls(len(key), ordered[keep], order[keep])


@lru_cache(maxsize=GRAM_CACHE_SIZE)
def gram_index(key: str) -> GramIndex:
    """`GramIndex.of`, remembered: the same stored articles come up as candidates
    batch after batch (a series' members share their opening), and on the
    100k benchmark 54% of the indexes computed were recomputations. Bounded,
    ~3 KB per entry, so memory does not grow with the catalogue.
    """
    return GramIndex.of(key)


def misses_exceed(shorter: str, longer: str, threshold: float) -> bool:
    """True when `aligned_containment` of the two keys is certainly below `threshold`.

    Most candidates a real catalogue proposes are different articles that
    share an opening (a series intro, a common first clause), and building
    two gram indexes to score each one was most of repeat detection's time.
    This walks the shorter key's 3-grams from the end, where such texts
    differ, and counts the distinct ones that do not occur in the longer key
    at all: each is a miss for `aligned_containment` wherever it stands.
    There are at most len - 2 distinct grams, so once these exceed
    (1 - threshold) of that, the score cannot reach the threshold. It only
    ever says "certainly below"; anything else is scored in full, so
    decisions are as before (the full score compares 64-bit hashes of
    3-grams, so a hash collision could make it find a gram this calls
    absent: odds of about 2**-64 per pair of grams).
    """
    n = len(shorter) - SHINGLE + 1
    if n <= 0:
        return False
    budget = n * (1.0 - threshold) + 1e-6  # margin: rounding may only make this more cautious
    absent: set[str] = set()
    for i in range(n - 1, -1, -1):
        gram = shorter[i : i + SHINGLE]
        if gram not in longer and gram not in absent:
            absent.add(gram)
            if len(absent) > budget:
                return True
    return False


def aligned_containment(shorter: GramIndex, longer: GramIndex) -> float:
    """Share of the shorter key's 3-grams found in the longer one *at about the same place*.

    Plain containment is blind to order: two different articles recombining
    the same sentences in another order score as high as an edited copy.
    A copy that was edited, cut, or had a line inserted keeps its text in
    place, shifted by at most the inserted length; so a shared 3-gram counts
    only when its first occurrence in the longer key lies within the same
    slack as `prefix_containment`'s window (length/8 + 8) of its position in
    the shorter one. Never above `prefix_containment`; equal to it for a copy
    that is only cut.
    """
    if shorter.unique.size == 0 or longer.unique.size == 0:
        return 0.0
    slack = window_length(shorter.length) - shorter.length
    pos = np.searchsorted(longer.unique, shorter.unique)
    pos[pos == longer.unique.size] = 0
    drift = longer.first[pos] - shorter.first
    hit = (longer.unique[pos] == shorter.unique) & (np.abs(drift) <= slack)
    return float(np.count_nonzero(hit)) / shorter.unique.size


# --- the same test for many pairs at once ------------------------------------------------

# Gram positions of the shorter key checked per pair by `screen_pairs`, beyond the miss budget:
# a different article misses nearly every gram of its tail, so budget + 1 of them usually
# decide, and a few more absorb the odd gram the two texts share.
SCREEN_EXTRA = 32
# Slots per item in `screen_pairs`' hash tables: ~12% of slots set, so few absent grams look present.
BITMAP_LOAD = 8
# Slots per pair for counting its distinct absent grams (at most budget + 1 + SCREEN_EXTRA of them).
PAIR_SLOTS = 256
_SALT = np.uint64(0x9E3779B97F4A7C15)
_M1 = np.uint64(0xBF58476D1CE4E5B9)
_M2 = np.uint64(0x94D049BB133111EB)


def _mix(x: np.ndarray) -> np.ndarray:
    x = (x ^ (x >> np.uint64(30))) * _M1
    x = (x ^ (x >> np.uint64(27))) * _M2
    return x ^ (x >> np.uint64(31))


def _packed_grams(keys: Sequence[str]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Every key's 3-grams as exact 63-bit codes (three 21-bit code points), keys concatenated.

    Returns the codes, each key's offset into them and its gram count
    (len - 2, at least 0). A code stands for its gram exactly, no hashing.
    """
    lengths = np.fromiter((len(k) for k in keys), dtype=np.int64, count=len(keys))
    cps = np.frombuffer("".join(keys).encode("utf-32-le"), dtype="<u4").astype(np.uint64)
    n = max(0, cps.size - SHINGLE + 1)
    codes = (cps[:n] << np.uint64(42)) | (cps[1 : n + 1] << np.uint64(21)) | cps[2 : n + 2]
    offsets = np.zeros(len(keys), dtype=np.int64)
    np.cumsum(lengths[:-1], out=offsets[1:])
    return codes, offsets, np.maximum(lengths - (SHINGLE - 1), 0)


def _segments(starts: np.ndarray, counts: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Flat indexes of the ranges [start, start + count), and which range each belongs to."""
    total = int(counts.sum())
    owner = np.repeat(np.arange(counts.size), counts)
    first = np.cumsum(counts) - counts
    return starts[owner] + (np.arange(total) - first[owner]), owner


def _bitmap_size(items: int) -> int:
    """A power of two at least BITMAP_LOAD times `items`: about 1/BITMAP_LOAD of its slots end up set."""
    return 1 << max(16, (items * BITMAP_LOAD).bit_length())


def screen_pairs(keys: Sequence[str], shorter: np.ndarray, longer: np.ndarray, threshold: float) -> np.ndarray:
    """`misses_exceed(keys[shorter[i]], keys[longer[i]], threshold)` for many pairs, in one numpy pass.

    Repeat detection proposes ~1.5 candidates per entry, most of them other
    articles that share an opening, and ruling them out one by one in Python
    was the largest part of its time. Here each pair's last budget + 1 +
    SCREEN_EXTRA gram positions of the shorter key are looked up among the
    longer key's grams and the distinct grams absent from it are counted; the
    pair is "certainly below" when they exceed the budget, as in
    `misses_exceed`.

    Both lookups are slot tables indexed by a hash, not sorts (sorting the
    ~1M grams of a batch cost more than the Python loop it replaces):
    - presence: a bitmap of (longer key, gram) hashes, set for every gram of
      every longer key; a clear slot means certainly absent, a set one
      "maybe present", which is counted as present;
    - distinctness: each absent gram claims one of its pair's PAIR_SLOTS
      slots by its hash, and a row counts when it holds its slot; two
      different grams that share a slot count once.
    Every shortcut errs the same way: fewer misses counted, never more. So
    this may say "not certain" where `misses_exceed` would say "below" (the
    caller then scores the pair in full, and decides as before), but it says
    "below" only when `misses_exceed` does. Checking only the tail (a subset
    of the grams) errs the same way.
    """
    if shorter.size == 0:
        return np.zeros(0, dtype=bool)
    # Only the keys the pairs name are unpacked, renumbered in first-use order.
    used = np.flatnonzero(np.bincount(np.concatenate([shorter, longer]), minlength=len(keys)))
    renumber = np.zeros(len(keys), dtype=np.int64)
    renumber[used] = np.arange(used.size)
    shorter, longer = renumber[shorter], renumber[longer]
    codes, offsets, counts = _packed_grams([keys[i] for i in used.tolist()])
    n = counts[shorter]
    budget = n * (1.0 - threshold) + 1e-6
    checked = np.minimum(n, np.floor(budget).astype(np.int64) + 1 + SCREEN_EXTRA)
    rows, pair = _segments(offsets[shorter] + n - checked, checked)
    salt = (np.arange(used.size, dtype=np.uint64) + np.uint64(1)) * _SALT
    wanted = np.flatnonzero(np.bincount(longer, minlength=used.size))
    table_rows, table_key = _segments(offsets[wanted], counts[wanted])
    size = _bitmap_size(table_rows.size)
    mask = np.uint64(size - 1)
    present = np.zeros(size, dtype=bool)
    present[(_mix(codes[table_rows] ^ salt[wanted[table_key]]) & mask).astype(np.int64)] = True
    absent = ~present[(_mix(codes[rows] ^ salt[longer[pair]]) & mask).astype(np.int64)]
    # Each pair has PAIR_SLOTS slots of its own; an absent gram claims one by its hash.
    missed = pair[absent]
    slot = missed * PAIR_SLOTS + (_mix(codes[rows[absent]]) % np.uint64(PAIR_SLOTS)).astype(np.int64)
    claim = np.full(shorter.size * PAIR_SLOTS, -1, dtype=np.int32)
    order = np.arange(slot.size, dtype=np.int32)
    claim[slot] = order
    first = claim[slot] == order
    misses = np.bincount(missed[first], minlength=shorter.size)
    return (misses > budget) & (n > 0)
