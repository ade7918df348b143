"""Candidate pairs for a whole batch from one join on signals, and the ones certainly not alike.

Repeat detection walks a batch's entries in order, because an entry may join
an article an earlier entry of the same batch created, and verifies each
candidate on the text. Most candidates are other articles that share an
opening (a series intro, a common first clause), and ruling them out one by
one in Python was the largest part of the step. So before the walk, the
batch's new keys and the stored candidates' keys are joined on their signals
in numpy, and every pair the join yields is screened at once
(`similarity.screen_pairs`). The walk then skips the costly test for a pair
found certainly unlike here; any other pair it meets (an article whose
longest version changed during the walk, a signal too common to join on) is
tested as before. The screen only ever says "certainly below", so decisions
are the same as without it.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from dumpflow.signals import Known
from dumpflow.similarity import screen_pairs
from schemas.records import CleanEntry

# A signal shared by more keys than this is a template, as dedup.MAX_POSTING
# says for articles: it proposes no pairs here (the walk still tests any it meets).
JOIN_GROUP = 64


def joined_pairs(hashes: np.ndarray, nodes: np.ndarray, group: int = JOIN_GROUP) -> np.ndarray:
    """Distinct (i, j), i < j, of nodes that share a hash in a group of at most `group` rows; shape (n, 2).

    One sort by hash, then every pair within each group, built with repeat
    arithmetic instead of a loop over groups.
    """
    order = np.argsort(hashes, kind="stable")
    h, node = hashes[order], nodes[order]
    if h.size < 2:
        return np.zeros((0, 2), dtype=np.int64)
    starts = np.flatnonzero(np.r_[True, h[1:] != h[:-1]])
    sizes = np.diff(np.r_[starts, h.size])
    offset = np.arange(h.size) - np.repeat(starts, sizes)  # how many earlier rows of its group each row pairs with
    offset[np.repeat(sizes, sizes) > group] = 0
    later = np.repeat(np.arange(h.size), offset)
    first_of_row = np.repeat(np.repeat(starts, sizes), offset)
    earlier = first_of_row + np.arange(later.size) - np.repeat(np.cumsum(offset) - offset, offset)
    a, b = node[earlier], node[later]
    keep = a != b
    width = int(nodes.max()) + 1
    joined = np.sort(np.minimum(a, b)[keep] * width + np.maximum(a, b)[keep])
    joined = joined[np.r_[True, joined[1:] != joined[:-1]]] if joined.size else joined
    return np.stack([joined // width, joined % width], axis=1)


def screened_pairs(
    keys: Sequence[str],
    entries: Sequence[CleanEntry],
    sigs: dict[str, list[int]],
    postings: dict[int, set[str]],
    states: dict[str, Known],
    min_prefix: int,
    threshold: float,
) -> set[tuple[str, str]]:
    """(shorter, longer) key pairs of this batch that are certainly not alike at `threshold`.

    `keys` are the batch's new keys with their `sigs`; `postings` and `states`
    what the warehouse returned for those signals. Pairs between two stored
    keys are left out (the walk only compares entries with articles), and so
    are pairs verification decides on the lengths alone: a shorter key under
    `min_prefix`, or one under `threshold` of the longer's length that no
    entry or article marks as truncated.
    """
    stored = list(dict.fromkeys(states[a].key for posting in postings.values() for a in posting))
    nodes = [*keys, *stored]
    node_of = {key: i for i, key in enumerate(stored, len(keys))}
    hashes = [h for key in keys for h in sigs[key]]
    owners = np.repeat(np.arange(len(keys)), [len(sigs[key]) for key in keys]).tolist()
    for h, posting in postings.items():
        for a in posting:
            hashes.append(h)
            owners.append(node_of[states[a].key])
    pairs = joined_pairs(np.array(hashes, dtype=np.uint64), np.array(owners, dtype=np.int64))
    i, j = pairs[:, 0], pairs[:, 1]
    new = len(keys)
    i, j = i[(i < new) | (j < new)], j[(i < new) | (j < new)]
    truncated = {e.key for e in entries if e.is_truncated} | {s.key for s in states.values() if s.is_truncated}
    length = np.fromiter(map(len, nodes), dtype=np.int64, count=len(nodes))
    cut = np.fromiter((k in truncated for k in nodes), dtype=bool, count=len(nodes))
    # Both ways round when the lengths are equal: which is "shorter" then depends on who is the entry.
    shorter = np.concatenate([i[length[i] <= length[j]], j[length[j] <= length[i]]])
    longer = np.concatenate([j[length[i] <= length[j]], i[length[j] <= length[i]]])
    wanted = (length[shorter] >= min_prefix) & ((length[shorter] >= threshold * length[longer]) | cut[shorter])
    shorter, longer = shorter[wanted], longer[wanted]
    below = screen_pairs(nodes, shorter, longer, threshold)
    return {(nodes[s], nodes[lg]) for s, lg in zip(shorter[below].tolist(), longer[below].tolist(), strict=True)}
