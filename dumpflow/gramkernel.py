"""The near-repeat score of `similarity.py`, compiled with numba: one call per candidate pair.

Repeat detection spends most of its verify time in `misses_exceed`, a Python
loop that searches the longer key for each of the shorter key's 3-grams. Here
the same two steps run over arrays of code points in one compiled call: a
hash table of the longer key's grams (with where each first occurs) is built
once, then answers both "does this gram occur at all" (the early rejection)
and "where does it first occur" (the aligned score).

A gram is packed exactly into an int64 (three code points of 21 bits), so
unlike `GramIndex`'s 64-bit polynomial hash it cannot collide: the score is
`aligned_containment`'s, without its ~2**-64 odds of a false hit.

This module imports numba, which costs ~0.2 s (~0.6 s with loading the cached kernel):
`dedup` loads it only once a process has verified enough pairs for that to pay
(see `similarity.JIT_AFTER_PAIRS`).
"""

from __future__ import annotations

from functools import lru_cache

import numba
import numpy as np

from dumpflow import similarity

# "Certainly below the threshold": `misses_exceed` would have said True.
REJECTED = -1.0
_EMPTY = np.int64(-1)
_FIB = np.uint64(0x9E3779B97F4A7C15)
# Whether the kernel's machine code is kept on disk (False: compiled on every start).
CACHED = False


def _jit(fn):  # type: ignore[no-untyped-def]
    """Compile with an on-disk cache where numba finds a writable place for one.

    numba keeps its cache beside the source (`__pycache__`) or in the user's
    cache directory; in a read-only install with neither writable, asking for
    a cache fails at decoration, and then the kernel is compiled on every
    start (about a second) rather than not at all.
    """
    global CACHED
    try:
        compiled = numba.njit(cache=True, nogil=True)(fn)
    except RuntimeError:  # "cannot cache function ...: no locator available"
        CACHED = False
        return numba.njit(cache=False, nogil=True)(fn)
    CACHED = True
    return compiled


@numba.njit(inline="always")
def _gram(cps: np.ndarray, i: int) -> np.int64:
    n = cps.size
    a = np.int64(cps[i])
    b = np.int64(cps[i + 1]) if i + 1 < n else np.int64(0)  # a short key's one gram is zero-padded,
    c = np.int64(cps[i + 2]) if i + 2 < n else np.int64(0)  # as `similarity.grams` pads it
    return (a << 42) | (b << 21) | c


@numba.njit(inline="always")
def _slot(gram: np.int64, bits: int) -> np.int64:
    return np.int64((np.uint64(gram) * _FIB) >> np.uint64(64 - bits))


@numba.njit(inline="always")
def _probe(table: np.ndarray, gram: np.int64, bits: int) -> np.int64:
    """The gram's slot in an open-addressing table of 2**bits slots: where it is, or the empty slot it would take."""
    mask = np.int64((1 << bits) - 1)
    s = _slot(gram, bits)
    while table[s] != _EMPTY and table[s] != gram:
        s = (s + 1) & mask
    return s


_window_slack = numba.njit(inline="always")(similarity.window_slack)


@numba.njit(inline="always")
def _bits_for(count: int) -> int:
    bits = 4
    while (1 << bits) < 2 * count:
        bits += 1
    return bits


@numba.njit(inline="always")
def _gram_count(length: int) -> int:
    """How many grams `similarity.grams` gives a key of this length (one padded gram if it is short)."""
    if length == 0:
        return 0
    return max(1, length - 2)


@numba.njit(inline="always")
def _index_longer(longer: np.ndarray, lkeys: np.ndarray, lfirst: np.ndarray, lbits: int) -> int:
    """Fill the first 2**lbits slots of `lkeys` (empty on entry) with the longer key's grams and
    `lfirst` with where each first occurs; the number of grams."""
    m = _gram_count(longer.size)
    for j in range(m):
        g = _gram(longer, j)
        s = _probe(lkeys, g, lbits)
        if lkeys[s] == _EMPTY:
            lkeys[s] = g
            lfirst[s] = j
    return m


@numba.njit(inline="always")
def _against(
    shorter: np.ndarray, lkeys: np.ndarray, lfirst: np.ndarray, lbits: int, m: int, seen: np.ndarray, threshold: float
) -> float:
    """The score of `shorter` against a longer key indexed by `_index_longer`; `seen` is scratch space
    of at least 2**bits slots for the shorter key's grams (any content: it is cleared here)."""
    ns = _gram_count(shorter.size)
    sbits = _bits_for(ns)
    size = 1 << sbits
    seen[:size] = _EMPTY

    # misses_exceed: distinct grams of the shorter key absent from the longer one, from the end.
    n = shorter.size - 2
    if n > 0:
        budget = n * (1.0 - threshold) + 1e-6
        absent = 0
        for i in range(n - 1, -1, -1):
            g = _gram(shorter, i)
            s = _probe(lkeys, g, lbits)
            if lkeys[s] == g:
                continue
            t = _probe(seen, g, sbits)
            if seen[t] == _EMPTY:
                seen[t] = g
                absent += 1
                if absent > budget:
                    return REJECTED
        seen[:size] = _EMPTY

    # aligned_containment: each distinct gram of the shorter key, by its first
    # position, hits when the longer key's first occurrence is within the slack.
    if ns == 0 or m == 0:
        return 0.0
    slack = _window_slack(shorter.size)
    unique = 0
    hits = 0
    for i in range(ns):
        g = _gram(shorter, i)
        t = _probe(seen, g, sbits)
        if seen[t] == g:
            continue
        seen[t] = g
        unique += 1
        s = _probe(lkeys, g, lbits)
        if lkeys[s] == g and abs(lfirst[s] - i) <= slack:
            hits += 1
    return hits / unique


@_jit
def near_score(shorter: np.ndarray, longer: np.ndarray, threshold: float) -> float:
    """`REJECTED` when `misses_exceed(shorter, longer, threshold)`, else `aligned_containment` of the two.

    `shorter` and `longer` are the keys' code points (uint32).
    """
    lbits = _bits_for(_gram_count(longer.size))
    lkeys = np.full(1 << lbits, _EMPTY, dtype=np.int64)
    lfirst = np.empty(1 << lbits, dtype=np.int64)
    m = _index_longer(longer, lkeys, lfirst, lbits)
    seen = np.empty(1 << _bits_for(_gram_count(shorter.size)), dtype=np.int64)
    return _against(shorter, lkeys, lfirst, lbits, m, seen, threshold)


@lru_cache(maxsize=16384)
def code_points(key: str) -> np.ndarray:
    """The key as the array `near_score` takes, remembered as `similarity.gram_index` is:
    a stored article comes up as a candidate batch after batch (4 bytes a character)."""
    return np.frombuffer(key.encode("utf-32-le"), dtype="<u4")


def score(shorter: str, longer: str, threshold: float) -> float | None:
    """None when `misses_exceed`, else `aligned_containment`: `similarity.near_score`, compiled."""
    result = near_score(code_points(shorter), code_points(longer), threshold)
    return None if result == REJECTED else result


@_jit
def near_scores(
    flat: np.ndarray, starts: np.ndarray, shorter: np.ndarray, longer: np.ndarray, threshold: float
) -> np.ndarray:
    """`near_score` of many pairs in one call: pair p is key `shorter[p]` against key `longer[p]`,
    key k being `flat[starts[k]:starts[k + 1]]` (every key's code points, concatenated).

    Pairs come sorted by their longer key, so each longer key is indexed once
    for all the keys scored against it, in tables allocated once for the call.
    One call per batch instead of one per pair: a compiled function's per-call
    cost (checking its arguments' types) was as large as the scoring itself.
    """
    out = np.empty(shorter.size, dtype=np.float64)
    widest = 0
    for k in range(starts.size - 1):
        widest = max(widest, starts[k + 1] - starts[k])
    slots = 1 << _bits_for(_gram_count(widest))
    lkeys = np.full(slots, _EMPTY, dtype=np.int64)
    lfirst = np.empty(slots, dtype=np.int64)
    seen = np.empty(slots, dtype=np.int64)
    current, lbits, m = -1, 0, 0
    for p in range(shorter.size):
        b = longer[p]
        if b != current:
            key = flat[starts[b] : starts[b + 1]]
            lkeys[: 1 << lbits] = _EMPTY
            lbits = _bits_for(_gram_count(key.size))
            m = _index_longer(key, lkeys, lfirst, lbits)
            current = b
        a = shorter[p]
        out[p] = _against(flat[starts[a] : starts[a + 1]], lkeys, lfirst, lbits, m, seen, threshold)
    return out


def scores(keys: list[str], shorter: np.ndarray, longer: np.ndarray, threshold: float) -> list[float | None]:
    """`score` of the pairs (keys[shorter[p]], keys[longer[p]]): None when rejected."""
    lengths = np.fromiter(map(len, keys), dtype=np.int64, count=len(keys))
    starts = np.zeros(len(keys) + 1, dtype=np.int64)
    np.cumsum(lengths, out=starts[1:])
    flat = np.frombuffer("".join(keys).encode("utf-32-le"), dtype="<u4")
    order = np.argsort(longer, kind="stable")
    found = np.empty(shorter.size, dtype=np.float64)
    found[order] = near_scores(flat, starts, shorter[order].astype(np.int64), longer[order].astype(np.int64), threshold)
    return [None if s == REJECTED else s for s in found.tolist()]
