"""The index hashes ("signals") of a comparison key or an address, and `Known`, a candidate article.

Below both repeat detection (dedup.py), which proposes candidates from these
hashes, and the warehouse, which stores them in match_keys and hands stored
articles back as `Known`: the two must hash alike, and the warehouse, the last
step of the pipeline, must not import an earlier step to do so.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from typing import NamedTuple

import numpy as np

from dumpflow import minhash
from dumpflow.hashing import h64

# Opening windows used as truncation signals: a cut copy shares the opening,
# and several windows keep the signal when an edit hits one of them.
ANCHOR_WIDTH = 20
ANCHOR_COUNT = 4


def exact_signal(key: str) -> int:
    return h64("x:" + key)


def anchor_signals(key: str) -> list[int]:
    out = []
    for i in range(ANCHOR_COUNT):
        window = key[i * ANCHOR_WIDTH : (i + 1) * ANCHOR_WIDTH]
        if len(window) < ANCHOR_WIDTH:
            break
        out.append(h64(f"a{i}:" + window))
    return out


def batch_signals(keys: Sequence[str], sketch: np.ndarray | None = None) -> list[list[int]]:
    """Index hashes of each key: exact hash first, then opening windows, then LSH bands.

    `sketch` is `minhash.sketches(keys)` when the caller has it already.
    """
    bands = minhash.band_hashes(minhash.sketches(keys) if sketch is None else sketch).tolist()
    # `exact_signal` and `anchor_signals` inlined: one loop with local names, no call per hash
    # (~5 hashes a key, a third of the time went to the calls). tests/test_dedup.py checks them equal.
    blake, number = hashlib.blake2b, int.from_bytes
    out = []
    for key, row in zip(keys, bands, strict=True):
        sigs = [number(blake(("x:" + key).encode(), digest_size=8).digest(), "big")]
        for i in range(min(ANCHOR_COUNT, len(key) // ANCHOR_WIDTH)):
            window = key[i * ANCHOR_WIDTH : (i + 1) * ANCHOR_WIDTH]
            sigs.append(number(blake(f"a{i}:{window}".encode(), digest_size=8).digest(), "big"))
        sigs.extend(b for b in row if b)
        out.append(sigs)
    return out


def signals(key: str) -> list[int]:
    return batch_signals([key])[0]


def url_signal(url_key: str) -> int:
    """The index hash of a canonical address: in match_keys beside the text signals,
    under its own prefix, so one lookup finds both and no text can hash to it."""
    return h64("u:" + url_key)


class Known(NamedTuple):
    """What matching knows of an article so far: its longest version and where it came from.

    A plain tuple, not a validated record: matching handles one per candidate
    (about two per entry, most of them rejected) and one per sighting;
    validating each, and copying the output again, took 1.5 s of the step's
    18.7 s on the 100k benchmark. The step's output, `ArticleState`, is built
    and validated once per article per dump from the last of these.
    """

    article_id: str
    body: str
    key: str
    is_truncated: bool
    title: str | None
    url: str | None
    url_key: str | None
    published: str | None
