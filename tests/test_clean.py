"""dumpflow/clean.py and dumpflow/normalize.py: chrome out, entries in, keys that compare."""

from __future__ import annotations

import re
import sys
import unicodedata

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dumpflow import normalize
from dumpflow.clean import (
    _MARKER_RUNS,
    LineResult,
    clean_dump,
    clean_entry,
    clean_text_lines,
    empty_reason,
    strip_marker,
)
from dumpflow.lines import MIN_CONTENT_CHARS, classify
from dumpflow.normalize import (
    _NOT_ALNUM,
    _SEVERAL,
    _key_table,
    clean_body,
    fold_whitespace,
    keys_of_nfkc,
    match_key,
    nfkc,
)
from schemas.records import CleanDump, ParsedDump, RawEntry
from tests.builders import cleaned, dump_file, transmission

EXCERPT = "SigLIP 概述 CLIP自提出以来在zero-shot分类、跨模态搜索、多模态对齐等多个领域得到广泛应用。"


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        ("INCOMING TRANSMISSION", "heading"),
        ("LATEST UPDATES", "heading"),
        ("最新文章", "heading"),
        ("Recent Posts", "heading"),
        ("", "blank"),
        ("   \t ", "blank"),
        ("1 2", "pagination"),
        ("‹ 1 2 ›", "pagination"),
        ("1 2 3 下一页", "pagination"),
        ("« Prev 1 2 3 … 9 Next »", "pagination"),
        ("上一页 1 / 5 下一页", "pagination"),
        ("Page 2 of 7", "pagination"),
        ("阅读全文", "read_more"),
        ("阅读全文 »", "read_more"),
        ("Read more →", "read_more"),
        ("[Continue reading]", "read_more"),
        ("2024-03-05", "metadata"),
        ("发布于 2024年3月5日", "metadata"),
        ("阅读 1234", "metadata"),
        ("1.2k views".replace("1.2k", "1200"), "metadata"),
        ("标签: CLIP, 多模态", "metadata"),
        ("Tags: vision, language", "metadata"),
    ],
)
def test_boilerplate_is_recognised_by_shape(line: str, reason: str) -> None:
    assert classify(line) == reason


@pytest.mark.parametrize(
    "line",
    [
        EXCERPT,
        "129. 滑动窗口最大值 题目 给你一个整数数组 nums ,有一个大小为 k 的滑动窗口从数组的最左侧移动到数组的最右侧...",
        "1 2 3 4 5: the five stages of contrastive learning, from InstDisc to DINO, explained with code...",
        "Attention is all you need, revisited: why linear attention fails to match softmax quality...",
    ],
)
def test_article_lines_are_kept(line: str) -> None:
    assert classify(line) is None


def test_truncation_marker_is_stripped_and_flagged() -> None:
    assert strip_marker("abc...") == ("abc", True)
    assert strip_marker("abc…") == ("abc", True)
    assert strip_marker("abc ……") == ("abc", True)
    assert strip_marker("84.3%, ...") == ("84.3%,", True)
    assert strip_marker("complete sentence.") == ("complete sentence.", False)
    assert strip_marker("version 1.2 is out") == ("version 1.2 is out", False)


def test_clean_dump_numbers_entries_and_keeps_raw_text() -> None:
    raw = "  " + EXCERPT + "  ...\t"
    dump = cleaned("d.txt", transmission(raw, EXCERPT))
    assert [e.position for e in dump.entries] == [0, 1]
    assert [e.line_no for e in dump.entries] == [3, 4]
    assert dump.entries[0].raw_text == raw
    assert dump.entries[0].body == EXCERPT
    assert dump.entries[0].is_truncated and not dump.entries[1].is_truncated
    assert [(d.line_no, d.reason) for d in dump.dropped] == [
        (0, "heading"),
        (1, "blank"),
        (2, "heading"),
        (5, "pagination"),
    ]


def test_dump_of_only_chrome_has_a_rejection_reason() -> None:
    dump = cleaned("d.txt", transmission())
    assert dump.entries == []
    reason = empty_reason(dump)
    assert reason is not None and reason.startswith("no article entries")


def test_body_keeps_full_width_punctuation_but_key_ignores_it() -> None:
    half = "CLIP(对比学习),zero-shot:好!"
    full = "CLIP（对比学习），zero-shot：好！"
    assert clean_body(full) == full
    assert match_key(half) == match_key(full)


def test_key_ignores_spacing_case_and_invisible_characters() -> None:
    assert match_key("Zero Shot\u200b 分类") == match_key("zero-shot分类") == "zeroshot分类"


def test_body_drops_control_and_bidi_characters() -> None:
    assert clean_body("a\x00b\u202ec\u200b d\x07") == "abc d"


text_strategy = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=200)


@given(text_strategy)
def test_clean_body_is_idempotent(text: str) -> None:
    assert clean_body(clean_body(text)) == clean_body(text)


@given(text_strategy)
def test_match_key_is_idempotent_and_stable_under_clean_body(text: str) -> None:
    key = match_key(text)
    assert match_key(key) == key
    assert match_key(clean_body(text)) == key


@given(text_strategy, st.sampled_from([" ", "  ", "\t", "\u3000", "\u00a0"]))
def test_extra_whitespace_never_changes_the_key(text: str, space: str) -> None:
    assert match_key(space.join(text)) == match_key(text)


@given(text_strategy)
def test_strip_marker_is_idempotent(text: str) -> None:
    once, _ = strip_marker(text)
    assert strip_marker(once)[0] == once


# The shortcuts in clean_text_lines and normalize, each against what it replaced.

_WS_REGEX = re.compile(r"\s+")
_TAIL_CHARS = [" ", *_MARKER_RUNS]  # all strip_marker can cut from a whitespace-folded line
_WORDS = (
    "字 注意力 ab Transformer 1 2024-03-05 𝑥 ， （ … ... . 。 ． ・ e\u0301 \u0301 ß İ ς _ ﬁ ① ½ 가 \u1100\u1161 \u11a8"
)
_OTHERS = "\x00 \u200b \u200d 阅读全文 下一页 标签: › ! :"
_TOKENS = [*_WORDS.split(" "), *_OTHERS.split(" "), "Read more", " ", "  ", "\t", "\u3000", "\xa0", "\u2028"]
_TAILS = ["", "...", "…", " ...", "....", ". . .", "。。。", "・・・", "．．．", " … ", "..\t", "。", "!", ",", "..."]
# Characters that compose, reorder or decompose under NFKC.
_COMBINING = ["\u0300", "\u0316", "\u0301\u0316", "\u1161", "\u11a8", "A\u030a", "\u212b", "\u0344", "\uac00\u11a8"]
boundary_lines = st.one_of(
    st.lists(st.sampled_from([*_TOKENS, *_COMBINING]), max_size=40).map("".join),
    # Around the MIN_CONTENT_CHARS letter count, with and without a marker or sentence punctuation.
    st.builds(
        lambda letter, n, middle, tail: letter * n + middle + tail,
        st.sampled_from(["字", "a", "𝑥", "①", "ß", "_a"]),
        st.integers(MIN_CONTENT_CHARS - 3, MIN_CONTENT_CHARS + 2),
        st.sampled_from(["", " ", "，", ",", "\u3000"]),
        st.sampled_from(_TAILS),
    ),
)


def _as_specified(raw: str) -> LineResult:
    """What clean_dump made of a text line before the shortcut: classify, then clean_entry."""
    reason = classify(raw)
    if reason is not None:
        return reason, "", "", False
    entry = clean_entry(RawEntry(line_no=0, raw_text=raw), 0)
    return (None, entry.body, entry.key, entry.is_truncated) if entry.key else ("blank", "", "", False)


@settings(max_examples=600, deadline=None)
@given(st.lists(boundary_lines, max_size=12))
def test_clean_text_lines_agrees_with_classify_then_clean_entry(lines: list[str]) -> None:
    assert clean_text_lines(lines) == [_as_specified(line) for line in lines]


@settings(max_examples=200, deadline=None)
@given(st.lists(boundary_lines, max_size=6))
def test_clean_text_lines_fallback_agrees_too(lines: list[str]) -> None:
    with pytest.MonkeyPatch.context() as patch:  # every line not in NFKC takes the specified steps
        patch.setattr("dumpflow.clean.is_nfkc", lambda text: False)
        assert clean_text_lines(lines) == [_as_specified(line) for line in lines]


@pytest.mark.parametrize("char", _TAIL_CHARS)
def test_what_strip_marker_cuts_has_no_key_characters(char: str) -> None:
    assert match_key(char) == "" and _NOT_ALNUM.sub("", char.casefold()) == ""


@given(text_strategy, text_strategy)
def test_case_folding_goes_character_by_character(left: str, right: str) -> None:
    assert (left + right).casefold() == left.casefold() + right.casefold()


def test_whitespace_predicates_agree_on_every_code_point() -> None:
    every = "".join(map(chr, range(sys.maxunicode + 1)))
    assert re.findall(r"\s", every) == [ch for ch in every if ch.isspace()]


@given(st.lists(st.sampled_from([*_TOKENS, "\n", "\r", "\x0b", "\x0c", "\x1c", "\x85", "\u1680"])).map("".join))
def test_fold_whitespace_agrees_with_the_regex(text: str) -> None:
    assert fold_whitespace(text) == _WS_REGEX.sub(" ", text).strip()


@settings(max_examples=500)
@given(st.one_of(text_strategy, st.lists(st.sampled_from([*_TOKENS, *_COMBINING])).map("".join)))
def test_nfkc_agrees_with_unicodedata(text: str) -> None:
    assert nfkc(text) == unicodedata.normalize("NFKC", text)


def test_key_table_agrees_with_case_folding_and_the_key_regex_on_every_code_point() -> None:
    expected = []
    for code in range(sys.maxunicode + 1):
        folded = chr(code).casefold()
        kept = _NOT_ALNUM.sub("", folded)
        expected.append(_SEVERAL if len(folded) > 1 else ord(kept) if kept else 0)
    expected[ord("\n")] = ord("\n")  # the separator
    assert np.array_equal(_key_table(), np.array(expected, dtype=np.uint32))


def _to_nfkc(text: str) -> str:
    return unicodedata.normalize("NFKC", text)


@settings(max_examples=300)
@given(st.lists(st.one_of(text_strategy, boundary_lines).map(_to_nfkc), max_size=8))
def test_keys_of_nfkc_agrees_with_match_key(texts: list[str]) -> None:
    expected = [match_key(text) for text in texts]
    assert keys_of_nfkc(texts, table=True) == keys_of_nfkc(texts, table=False) == keys_of_nfkc(texts) == expected


def test_a_few_lines_are_keyed_without_building_the_key_table(monkeypatch: pytest.MonkeyPatch) -> None:
    """A 12-entry ingest must not pay for the table (0.3-0.9 s); a bulk one builds it once it has keyed enough."""
    monkeypatch.setattr(normalize, "_keyed_chars", [0])
    _key_table.cache_clear()
    lines = ["Ünïcode 概述 line one", "第二行：Straße 2024"]
    assert keys_of_nfkc(lines) == [match_key(line) for line in lines]
    assert _key_table.cache_info().currsize == 0
    many = lines * (normalize.TABLE_AFTER_CHARS // sum(map(len, lines)) + 1)
    assert keys_of_nfkc(many) == [match_key(line) for line in many]
    assert _key_table.cache_info().currsize == 1


def _revalidated(record: CleanDump) -> CleanDump:
    return CleanDump.model_validate(record.model_dump())


@settings(max_examples=200, deadline=None)
@given(st.lists(boundary_lines, max_size=12), st.booleans())
def test_clean_dump_built_unvalidated_equals_the_validated_dump(lines: list[str], partial: bool) -> None:
    """clean_dump builds its records with `records.trusted`: each must be what validation would make."""
    parsed = ParsedDump(
        dump=dump_file("d.txt", b"x"),
        format="text",
        encoding="utf-8",
        entries=[RawEntry(line_no=i, raw_text=line) for i, line in enumerate(lines)],
        partial_tail=partial,
    )
    dump = clean_dump(parsed)
    again = _revalidated(dump)
    assert dump == again
    assert [e.model_fields_set for e in dump.entries] == [e.model_fields_set for e in again.entries]
    assert [d.model_fields_set for d in dump.dropped] == [d.model_fields_set for d in again.dropped]


@pytest.mark.parametrize("published", [None, "2024-03-05", "2024-02-31", "March 5"])
def test_clean_dump_of_html_cards_equals_the_validated_dump(published: str | None) -> None:
    card = RawEntry(
        line_no=3,
        raw_text="注意力机制的一个很长的摘要，足够长以成为一篇文章的正文内容……",
        title=" 标题\u200b ",
        url="https://example.com/post/1",
        published=published,
    )
    bare = RawEntry(line_no=4, raw_text="", title="Only a title", url="https://example.com/post/2")
    parsed = ParsedDump(dump=dump_file("d.txt", b"x"), format="html", encoding="utf-8", entries=[card, bare])
    dump = clean_dump(parsed)
    assert dump == _revalidated(dump)
    assert dump.entries[0].published == (published if published == "2024-03-05" else None)
