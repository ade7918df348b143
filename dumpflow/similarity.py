"""How alike two comparison keys are, allowing for the site's truncation.

Symmetric Jaccard punishes a copy cut to 30% of the article as hard as a
different article. A site cuts from the end, so a shorter copy is compared
with the same-length opening of the longer one (plus slack for inserted
text): its shingles should almost all be there.
"""

from __future__ import annotations

import warnings
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:
    from dumpflow.candidates import Pairs

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


def window_slack(shorter_len: int) -> int:
    """How far a gram of the shorter key may sit from its place in the longer one (also compiled in gramkernel)."""
    return shorter_len // 8 + 8


def window_length(shorter_len: int) -> int:
    return shorter_len + window_slack(shorter_len)


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
    slack = window_slack(shorter.length)
    pos = np.searchsorted(longer.unique, shorter.unique)
    pos[pos == longer.unique.size] = 0
    drift = longer.first[pos] - shorter.first
    hit = (longer.unique[pos] == shorter.unique) & (np.abs(drift) <= slack)
    return float(np.count_nonzero(hit)) / shorter.unique.size


def near_score(shorter: str, longer: str, threshold: float) -> float | None:
    """None when the keys are certainly below `threshold` (`misses_exceed`), else their `aligned_containment`."""
    if misses_exceed(shorter, longer, threshold):
        return None
    return aligned_containment(gram_index(shorter), gram_index(longer))


# Candidate pairs a process scores in Python before it loads the compiled
# kernel, counted over all its batches. Loading it (importing numba, then the
# cached machine code at the first call) costs ~0.6 s of CPU and ~120 MB of
# memory; a pair costs ~28 us in Python and ~4.5 us in the kernel, so it pays
# after ~25k pairs (measurements in docs/verify-kernel.md). But a 20k-entry
# corpus verifies 28.6-29.6k pairs in all (four seeds), too few for the kernel
# to gain anything there, and 100k ~168k in 13 batches of 6-16k, no batch
# large enough on its own. Just above the 20k runs. Since batches score their
# likely pairs ahead (`PRIME_MIN_PAIRS`), 20k and 100k runs load the kernel in
# their first batch and score only the few pairs the join missed one by one;
# this switch is what small batches (an incremental dump) still go by. The seed
# run scores a few dozen.
JIT_AFTER_PAIRS = 32_000

# Pairs this process has scored in Python so far. Batches are matched one after
# another (each against the warehouse the one before loaded), so nothing races
# on it; if something did, a lost count would move the switch, never an answer.
_python_pairs = 0

# A batch whose likely pairs (dumpflow/candidates.py) number at least this many,
# in a process that has not loaded the kernel yet, has them scored in one
# compiled call before its walk (loading the kernel), instead of one by one in
# Python (~25 us a pair); the walk then looks each score up. A 20k or 100k run
# does so in its first batch (~12k pairs) and scores the pairs of later batches
# one by one, compiled. The seed run (58 entries) proposes a few dozen and never
# loads the kernel. Measurements in docs/verify-kernel.md.
PRIME_MIN_PAIRS = 4_000
_UNKNOWN = object()


def python_pairs() -> int:
    """How many pairs this process has scored in Python (the count `NearScorer` switches on)."""
    return _python_pairs


class NearScorer:
    """`near_score` for one batch: in Python until the process has scored `after` pairs, then compiled.

    Both give the same answer (tests/test_gramkernel.py), so where the switch
    falls changes only the time taken. The count is the process's, not the
    batch's: a run's batches are each too small to pay for loading the kernel
    (a 100k run's are 6-16k pairs), and counting per batch either loaded it in
    runs too small to gain from it or never. Once a process has loaded the
    kernel, later batches use it from their first pair.
    """

    def __init__(self, threshold: float, after: int | None = None, prime_after: int | None = None) -> None:
        self.threshold = threshold
        self.after = JIT_AFTER_PAIRS if after is None else after
        self.prime_after = PRIME_MIN_PAIRS if prime_after is None else prime_after
        self.compiled = _loaded_kernel()
        self.known: dict[tuple[str, str], float | None] = {}  # scores computed ahead (`prime`)

    def prime(self, pairs: Pairs) -> int:
        """Score a batch's likely pairs ahead, in one compiled call, loading the kernel; how many were scored.

        Only in place of the Python scorer: for at least `prime_after` pairs
        (loading the kernel costs more than scoring a few thousand in Python),
        and only while the process has not loaded the kernel. Once it has, one
        compiled call per pair the walk asks (~4 us) costs less than the join
        and the bulk call (~5 us a pair, a third of them never asked): at 100k
        priming every batch took 0.6 s more CPU than priming the first.
        Where numba cannot be imported, nothing is scored ahead.
        """
        if not self.wants_pairs() or not len(pairs) or len(pairs) < self.prime_after:
            return 0
        self.compiled = _load_kernel()
        if self.compiled is near_score:
            return 0
        from dumpflow import gramkernel  # loaded already by _load_kernel

        keys = pairs.keys
        found = gramkernel.scores(keys, pairs.shorter, pairs.longer, self.threshold)
        shorter, longer = [keys[i] for i in pairs.shorter.tolist()], [keys[i] for i in pairs.longer.tolist()]
        self.known.update(zip(zip(shorter, longer, strict=True), found, strict=True))
        return len(found)

    def wants_pairs(self) -> bool:
        """Whether `prime` would use a batch's pairs (so the caller can skip finding them)."""
        return self.compiled is None

    def __call__(self, shorter: str, longer: str) -> float | None:
        global _python_pairs
        known = self.known.get((shorter, longer), _UNKNOWN)
        if known is not _UNKNOWN:
            return known  # type: ignore[return-value]
        if self.compiled is None:
            if _python_pairs < self.after:
                _python_pairs += 1
                return near_score(shorter, longer, self.threshold)
            self.compiled = _load_kernel()
        return self.compiled(shorter, longer, self.threshold)


_kernel: list[Callable[[str, str, float], float | None]] = []


def _loaded_kernel() -> Callable[[str, str, float], float | None] | None:
    return _kernel[0] if _kernel else None


def _load_kernel() -> Callable[[str, str, float], float | None]:
    """The compiled scorer; the Python one, with a warning, where numba cannot be imported
    (no wheel for this platform yet): the same answers, only slower."""
    if not _kernel:
        try:
            from dumpflow import gramkernel  # numba: imported only once a process has scored enough pairs to pay for it
        except ImportError as err:
            warnings.warn(f"numba unavailable ({err}): repeat detection verifies pairs in Python", stacklevel=2)
            _kernel.append(near_score)
        else:
            _kernel.append(gramkernel.score)
    return _kernel[0]
