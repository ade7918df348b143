"""dumpflow/clean.py and dumpflow/normalize.py: chrome out, entries in, keys that compare."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from dumpflow.clean import classify, empty_reason, strip_marker
from dumpflow.normalize import clean_body, match_key
from tests.builders import cleaned, transmission

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
