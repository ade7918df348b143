"""dumpflow/codepoints.py: packed batches and the per-code-point tables, checked on every code point."""

from __future__ import annotations

import random
import unicodedata

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from dumpflow import codepoints
from dumpflow.codepoints import SENTINEL

EVERY = [chr(c) for c in range(SENTINEL)]


def test_pack_separates_texts_by_sentinels() -> None:
    packed = codepoints.pack(["ab", "", "𝑾"])
    assert packed.cps.tolist() == [SENTINEL, 97, 98, SENTINEL, SENTINEL, 0x1D47E, SENTINEL, SENTINEL]
    assert packed.starts.tolist() == [1, 4, 5]
    assert packed.lengths.tolist() == [2, 0, 1]
    assert codepoints.pack([]).cps.tolist() == [SENTINEL, SENTINEL]
    assert codepoints.owner(packed, np.array([1, 2, 5])).tolist() == [0, 0, 2]


def test_casefold_table_is_casefold_on_every_code_point() -> None:
    fold, expands = codepoints.casefold_table()
    for c, ch in enumerate(EVERY):
        folded = ch.casefold()
        if len(folded) == 1:
            assert (fold[c], expands[c]) == (ord(folded), False), hex(c)
        else:
            assert expands[c], hex(c)


def test_nfkd_singleton_table_is_nfkd_on_every_code_point() -> None:
    table = codepoints.nfkd_singleton_table()
    for c, ch in enumerate(EVERY):
        decomposed = unicodedata.normalize("NFKD", ch)
        assert table[c] == (ord(decomposed) if len(decomposed) == 1 else c), hex(c)


def _assert_nfkc(texts: list[str]) -> None:
    normal, packed = codepoints.pack_nfkc(texts)
    expected = [unicodedata.normalize("NFKC", text) for text in texts]
    assert normal == expected
    assert packed.cps.tolist() == codepoints.pack(expected).cps.tolist()


def test_pack_nfkc_is_normalize() -> None:
    # Full-width and math letters (one code point each), ligatures and
    # ellipses (several), composing marks and jamo, Hangul, unassigned.
    pool = [
        "，", "Ｔ", "𝑾", "①", "ﬁ", "…", "e\u0301", "\u0301", "\u0344", "ｶﾞ", "ᄀ", "ᅡ", "가", "Å", "Ω", "豈",
        "\u0378", "a", "这", " ", "\u3000", "ß", "\ud800",
    ]  # fmt: skip
    rnd = random.Random(3)
    _assert_nfkc(["", *pool, *("".join(rnd.choice(pool) for _ in range(rnd.randint(0, 30))) for _ in range(3000))])


@settings(max_examples=200, deadline=None)
@given(st.lists(st.text(max_size=40), max_size=8))
def test_pack_nfkc_is_normalize_on_any_unicode(texts: list[str]) -> None:
    _assert_nfkc(texts)
