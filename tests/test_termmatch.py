"""dumpflow/termmatch.py: the trie walk counts what the terms' regexes count, on any text and any terms."""

from __future__ import annotations

import random
import re

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dumpflow import codepoints, termmatch
from dumpflow.topics import fold, load_taxonomy


def _reference(texts: list[str], terms: list[str]) -> list[tuple[int, int, int]]:
    """(text, term, start) counted by the plain rules: every term's regex, then left to right, longest first."""
    out = []
    for i, text in enumerate(texts):
        folded = text.casefold()
        spans = [
            (hit.start(), -hit.end(), t)
            for t, term in enumerate(terms)
            if term.split(" ")[0] in folded  # the text before a term's first space is matched literally
            for hit in re.finditer(termmatch.term_regex(term), folded)
        ]
        end = 0
        for start, neg_end, t in sorted(spans):
            if start >= end:
                out.append((i, t, start))
                end = -neg_end
    return out


def _found(texts: list[str], terms: list[str], pairs: bool) -> list[tuple[int, int, int]]:
    matcher = termmatch.build(terms, pairs=pairs)
    found = termmatch.find(texts, codepoints.pack(texts), matcher)
    return list(zip(found.text.tolist(), found.term.tolist(), found.start.tolist(), strict=True))


_FORMS = sorted(load_taxonomy().forms)
_TRICKY = [
    "",
    "LLMs and LLM-based agents; an llm",
    "Self-Supervised, self supervised, selfsupervised, self - \t supervised, self--supervised",
    "fine-tuned models after fine-tuning; fine tunes",
    "NICE work: nice, NICE-GAN; ZeRO-3 and zero shot, Zero-Shot, zero-shots",
    "多模态大模型的自监督学习与对比学习，位置编码和相对位置编码；注意力机制",
    "CLIP自提出以来, ECLIPSE, clipping, CLIPs, Ｃｌｉｐ, 𝐂𝐋𝐈𝐏",
    "Straße STRASSE ß ẞ İstanbul ﬁne-tuning",
    "deepface deepid deepseek deepspeed DeepSeek-V3 deepspeeds softmax softmaxes softmax-free softmax losses",
    "transformer quality in linear time, transformer quality in linear times",
    "image captioning image-captioning imagecaptioning image encoders",
    "一个自監督學習的例子 多模態 圖文 ですモデル 한국어 모델 Привет",
]


@pytest.mark.parametrize("pairs", [True, False])
def test_find_counts_what_the_regexes_count_on_tricky_texts(pairs: bool) -> None:
    assert _found(_TRICKY, _FORMS, pairs) == _reference(_TRICKY, _FORMS)


@pytest.mark.parametrize("pairs", [True, False])
def test_find_counts_what_the_regexes_count_on_composed_texts(pairs: bool) -> None:
    rnd = random.Random(14)
    pieces = [*_FORMS, *(t.upper() for t in _FORMS[::3]), " ", "-", "s", "x", "模型", "，", "ß", "7", "\u3000"]
    texts = ["".join(rnd.choice(pieces) for _ in range(rnd.randint(1, 30))) for _ in range(400)]
    assert _found(texts, _FORMS, pairs) == _reference(texts, _FORMS)


# Terms over a tiny alphabet: prefixes of each other, overlapping themselves,
# with separators, double spaces and one-character first segments.
_TINY = ["a", "b", "ab", "ba", " ", "  ", "-", "卷", "积", "1", "s"]
_tiny_term = (
    st.lists(st.sampled_from(_TINY), min_size=1, max_size=5).map("".join).map(str.strip).filter(lambda t: t != "")
)
_tiny_text = st.lists(st.sampled_from([*_TINY, "A", "\t", "x", "ß", "é"]), max_size=30).map("".join)


@settings(max_examples=300, deadline=None)
@given(st.sets(_tiny_term, min_size=1, max_size=8), st.lists(_tiny_text, min_size=1, max_size=6), st.booleans())
def test_find_counts_what_the_regexes_count_for_any_terms(terms: set[str], texts: list[str], pairs: bool) -> None:
    ordered = sorted(terms)
    assert _found(texts, ordered, pairs) == _reference(texts, ordered)


@pytest.mark.parametrize(
    ("term", "walkable"),
    [("llm", True), ("self supervised", True), ("a - b", False), ("a  b", False), ("a -b", False), ("a- b", True)],
)
def test_walkable_terms_are_those_whose_spaces_have_one_way_on(term: str, walkable: bool) -> None:
    assert termmatch.walkable(term) is walkable


def _walk(trie: termmatch.Trie, ids: dict[str, int], text: str) -> int:
    """The node a text leads to from the root, a space by its space edge; 0 when it leads nowhere."""
    node = 0
    for ch in text:
        if ch == " ":
            node = int(trie.space[node])
        else:
            child = int(trie.base[node]) + ids[ch]
            node = child if trie.check[child] == node else 0
        if not node:
            return 0
    return node


def test_trie_leads_every_term_to_its_own_node() -> None:
    terms = sorted({"ab", "abc", "a b", "a-b", "b", "ba  x", "卷积", "卷 积"})
    chars = sorted({ch for t in terms for ch in t if ch != " "})
    ids = {ch: 4 + i for i, ch in enumerate(chars)}
    trie = termmatch.build_trie(terms, ids, 4 + len(chars))
    ends = {}
    for t, term in enumerate(terms):
        if termmatch.walkable(term):
            node = _walk(trie, ids, term)
            assert trie.term[node] == t and trie.flags[node] & termmatch._TERMINAL
            ends[node] = term
        else:  # its first segment leads to a probe node holding it
            node = _walk(trie, ids, term.split(" ")[0])
            lo, hi = trie.probe_offsets[node], trie.probe_offsets[node + 1]
            assert t in trie.probe_terms[lo:hi].tolist()
    assert len(ends) == sum(map(termmatch.walkable, terms))  # one node per term
    assert _walk(trie, ids, "bb") == 0 and _walk(trie, ids, "ac") == 0


def test_place_finds_the_lowest_base_with_every_child_slot_free() -> None:
    free = bytearray(b"\x01" * 10)
    free[0] = free[3] = free[5] = 0
    assert termmatch._place(free, [1, 3], 1) == 1  # base 0 would need slot 3
    assert termmatch._place(free, [2, 3], 1) == 4  # bases 0, 1, 2, 3 each need slot 3 or 5
    assert termmatch._place(free, [2], 1) == 0
    assert termmatch._place(free, [9, 12], 9) == 0 and len(free) > 12 and free[12]  # grown


def test_openings_start_after_two_characters_only_where_the_first_does_nothing_else() -> None:
    terms = sorted({"ab", "abc", "b", "b c", "cd"})
    with_pairs = termmatch.build(terms, pairs=True)
    without = termmatch.build(terms, pairs=False)
    assert len(with_pairs.pairs) and not len(without.pairs)
    ids = {ch: int(with_pairs.ids[ord(ch)]) for ch in "abcd"}
    assert with_pairs.singles[ids["b"]] > 0  # "b" is a term: its walk starts after one character
    assert with_pairs.singles[ids["a"]] == 0 and with_pairs.singles[ids["c"]] == 0
    assert with_pairs.pairs[ids["a"] * len(with_pairs.singles) + ids["b"]] > 0
    assert all(without.singles[ids[ch]] > 0 for ch in "abc") and without.singles[ids["d"]] == 0


def test_term_pattern_is_the_term_regex_compiled_once() -> None:
    assert termmatch.term_pattern("self supervised").pattern == termmatch.term_regex("self supervised")
    assert termmatch.term_pattern("llm") is termmatch.term_pattern("llm")


def test_character_ids_fold_and_classify_every_code_point() -> None:
    matcher = termmatch.build(sorted({fold("CLIP"), "self-supervised"}))
    fold_table, skipped = termmatch._tables()
    ids = matcher.raw_ids[: codepoints.TABLE_SIZE]
    assert (ids[np.flatnonzero(fold_table[:-1] == termmatch.EXPANDS)] == termmatch._EXPANDS_ID).all()
    assert ids[ord("C")] == ids[ord("c")] == matcher.ids[ord("c")] > termmatch._OTHER_WORD
    assert ids[ord("\t")] == termmatch._OTHER_SEPARATOR and matcher.separator[ids[ord("-")]]
    assert ids[ord("z")] == termmatch._OTHER_WORD and matcher.word[ids[ord("l")]]
    assert ids[codepoints.SENTINEL] == termmatch._OTHER
    others = np.flatnonzero(ids == termmatch._OTHER)
    assert not skipped[others].any() and not termmatch._IS_WORD[fold_table[others]].any()
