"""A batch's likely candidate pairs, from one vectorized join on signals, to be scored in one compiled call.

Repeat detection walks a batch entry by entry, because each entry may change
what the next one is compared with (a new article, a longer body). Most of
the pairs it verifies are known before the walk, though: an entry against a
stored article that shares a signal, or against an earlier entry of the batch
that does. Those pairs of keys come out of one join (sort all (signal, key)
rows, pair the keys within each signal), and their near scores are computed
in one call over all of them (`gramkernel.scores`); the walk then looks a
pair's score up instead of computing it (`similarity.NearScorer.prime`).

The join is a guess, never a decision: a pair the walk needs and the join did
not propose (an article whose body grew in the batch, a key joined through a
signal capped here) is scored as before, and a pair proposed but never needed
costs only its score. The score of a pair of keys is the same whenever it is
computed, so the walk decides exactly as without the join.
"""

from __future__ import annotations

from collections.abc import Collection, Container, Mapping, Sequence
from dataclasses import dataclass

import numpy as np

from dumpflow.signals import Known

# A signal shared by more keys than this pairs none of them: a template (a
# series intro, a common first clause) that the walk caps too (dedup.MAX_POSTING
# distinct articles), and that would otherwise make the join quadratic.
MAX_GROUP = 64


@dataclass(frozen=True)
class Pairs:
    """Pair p is the key `keys[shorter[p]]` against `keys[longer[p]]`, oriented as `dedup.verify` scores them."""

    keys: list[str]
    shorter: np.ndarray
    longer: np.ndarray

    def __len__(self) -> int:
        return int(self.shorter.size)


def batch_pairs(
    batch_keys: Sequence[str],
    batch_signals: Sequence[Sequence[int]],
    truncated: Container[str],
    postings: Mapping[int, Collection[str]],
    states: Mapping[str, Known],
    min_prefix: int,
    threshold: float,
) -> Pairs:
    """The pairs the walk would likely score: each batch key against the stored keys and the earlier
    batch keys it shares a signal with.

    `batch_keys` are the batch's distinct keys in the order the walk meets them
    and `batch_signals` their signals; `truncated` holds the keys some entry
    shows cut; `postings` are the stored articles the warehouse returned for
    each signal and `states` those articles. Pairs `dedup.verify` settles
    without a score are left out: a shorter key under `min_prefix`, or one
    under `threshold` of the longer key's length that no sighting shows cut.
    """
    node: dict[str, int] = {key: i for i, key in enumerate(batch_keys)}
    keys = list(batch_keys)
    rank = list(range(1, len(keys) + 1))  # when the walk meets the key: 0 for a stored key
    cut = [key in truncated for key in keys]
    article_node: dict[str, int] = {}
    for article_id in {a for posting in postings.values() for a in posting}:
        state = states[article_id]
        if not state.key:  # a title-only article: no text to compare
            article_node[article_id] = -1
            continue
        n = node.get(state.key)
        if n is None:
            n = node[state.key] = len(keys)
            keys.append(state.key)
            rank.append(0)
            cut.append(state.is_truncated)
        elif state.is_truncated:
            cut[n] = True
        article_node[article_id] = n
    counts = np.fromiter(map(len, batch_signals), dtype=np.int64, count=len(batch_signals))
    hashes = [h for sigs in batch_signals for h in sigs]
    hashes.extend(h for h, posting in postings.items() for _ in posting)
    owners = np.concatenate(
        (
            np.repeat(np.arange(len(batch_keys), dtype=np.int64), counts),
            np.fromiter(
                (article_node[a] for posting in postings.values() for a in posting),
                dtype=np.int64,
                count=len(hashes) - int(counts.sum()),
            ),
        )
    )
    texts = owners >= 0
    shorter, longer = _pairs(
        np.array(hashes, dtype=np.uint64)[texts],
        owners[texts],
        np.array(rank, dtype=np.int64),
        np.fromiter(map(len, keys), dtype=np.int64, count=len(keys)),
        np.array(cut, dtype=bool),
        min_prefix,
        threshold,
    )
    return Pairs(keys, shorter, longer)


def _pairs(
    hashes: np.ndarray,
    owners: np.ndarray,
    rank: np.ndarray,
    lengths: np.ndarray,
    cut: np.ndarray,
    min_prefix: int,
    threshold: float,
) -> tuple[np.ndarray, np.ndarray]:
    empty = np.zeros(0, dtype=np.int64)
    if hashes.size < 2:
        return empty, empty
    order = np.lexsort((owners, hashes))
    h, n = hashes[order], owners[order]
    distinct = np.ones(h.size, dtype=bool)
    distinct[1:] = (h[1:] != h[:-1]) | (n[1:] != n[:-1])
    h, n = h[distinct], n[distinct]
    # Group sizes by signal; only groups of 2..MAX_GROUP keys pair anything.
    starts = np.flatnonzero(np.concatenate(([True], h[1:] != h[:-1])))
    sizes = np.diff(np.append(starts, h.size))
    useful = (sizes >= 2) & (sizes <= MAX_GROUP)
    rows = np.repeat(useful, sizes)
    group = np.repeat(np.arange(starts.size), sizes)[rows]
    n = n[rows]
    firsts, seconds = [], []
    for d in range(1, int(sizes[useful].max(initial=1))):
        same = group[d:] == group[:-d]
        firsts.append(n[:-d][same])
        seconds.append(n[d:][same])
    if not firsts:
        return empty, empty
    a, b = np.concatenate(firsts), np.concatenate(seconds)
    # The entry is the key the walk meets later; two stored keys never meet as entry and candidate.
    later = rank[a] >= rank[b]
    entry, other = np.where(later, a, b), np.where(later, b, a)
    met = rank[entry] > 0
    entry, other = entry[met], other[met]
    # Oriented as verify orients them: the entry is the shorter key unless it is the longer one.
    first = lengths[entry] <= lengths[other]
    short, long_ = np.where(first, entry, other), np.where(first, other, entry)
    ls, ll = lengths[short], lengths[long_]
    keep = (ls >= min_prefix) & (cut[short] | ~(ls / ll < threshold))
    code = np.unique(short[keep] * lengths.size + long_[keep])
    return code // lengths.size, code % lengths.size
