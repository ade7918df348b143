"""How alike two comparison keys are, allowing for the site's truncation.

Symmetric Jaccard punishes a copy cut to 30% of the article as hard as a
different article. A site cuts from the end, so a shorter copy is compared
with the same-length opening of the longer one (plus slack for inserted
text): its shingles should almost all be there.
"""

from __future__ import annotations

SHINGLE = 3


def shingles(key: str, size: int = SHINGLE) -> set[str]:
    if len(key) <= size:
        return {key} if key else set()
    return {key[i : i + size] for i in range(len(key) - size + 1)}


def prefix_containment(shorter: str, longer: str, shorter_shingles: set[str] | None = None) -> float:
    """Share of the shorter key's shingles found in the longer key's opening.

    The opening is the shorter key's length plus 1/8 and 8 characters of slack,
    room for an inserted line or a few edits without admitting much more text.
    """
    window = longer[: len(shorter) + len(shorter) // 8 + 8]
    small = shorter_shingles if shorter_shingles is not None else shingles(shorter)
    if not small:
        return 0.0
    return len(small & shingles(window)) / len(small)


def jaccard(a: str, b: str) -> float:
    sa, sb = shingles(a), shingles(b)
    if not sa and not sb:
        return 1.0
    return len(sa & sb) / len(sa | sb)
