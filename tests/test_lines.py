"""dumpflow/lines.py: the scans that stand in for two regexes, against the regexes themselves."""

from __future__ import annotations

from hypothesis import example, given, settings
from hypothesis import strategies as st

from dumpflow.lines import (
    _BY,
    _COUNT,
    _DATED,
    _LIST_SPLIT,
    _MAY_BE_STRONG,
    _META_SPLIT,
    _ONLY_LABEL,
    _STRONG,
    _TRAILING_MARKER,
    _WEAK,
    _name,
    _strong_item,
    is_meta_line,
    meta_split,
    without_trailing_marker,
)
from dumpflow.normalize import fold_whitespace

# What the two regexes look at (markers, brackets, separators, whitespace of
# several kinds, digits around a slash), among ordinary words.
_PIECES = [
    ".", "..", "...", "…", "……", "[", "]", "[...]", "[…]", "[....]", "(", ")",
    "|", "·", "•", "｜", "/", "-", "—", "1", "2024", "a", "Posted", "by", "字", "阅读", "：",
    " ", "  ", "\t", "\n", "\u3000", "\xa0", "\u2028",
]  # fmt: skip
texts = st.lists(st.sampled_from(_PIECES), max_size=24).map("".join)


@settings(max_examples=3000, deadline=None)
@given(texts)
@example("abc...\n")
@example("a .. [...] … ")
@example(". [...]")
def test_without_trailing_marker_agrees_with_the_regex(text: str) -> None:
    assert without_trailing_marker(text) == _TRAILING_MARKER.sub("", text)


@settings(max_examples=3000, deadline=None)
@given(texts)
@example("by a - b")
@example("a \u3000b")
def test_meta_split_agrees_with_the_regex(text: str) -> None:
    assert meta_split(text) == _META_SPLIT.split(text)


@settings(max_examples=1000, deadline=None)
@given(texts)
def test_meta_split_agrees_on_folded_lines(text: str) -> None:
    folded = fold_whitespace(text)
    assert meta_split(folded) == _META_SPLIT.split(folded)


# Pieces of theme metadata lines: labels, dates, counts, names, separators.
_META_PIECES = [
    "Posted on", "By", "by", "Jane", "发表于", "阅读", "分类于", "Tags:", "Updated", "3 min read", "1.2k words",
    "2024-03-05", "March 5, 2024", "5月 3, 2021", "12:30", "约 5 分钟", "(12)", "次", "[a, b]", "技术",
    " | ", " · ", " / ", "  ", " - ", ", ", "：", ".", "…", " ", "注意力机制的核心思想。",
]  # fmt: skip
meta_texts = st.lists(st.sampled_from(_META_PIECES), min_size=1, max_size=10).map("".join)
_RULES = (_COUNT, _BY, _DATED, _ONLY_LABEL, _STRONG, _WEAK)


@settings(max_examples=2000, deadline=None)
@given(st.one_of(meta_texts, texts))
def test_the_strong_item_guard_matches_exactly_where_one_of_its_rules_does(text: str) -> None:
    assert bool(_MAY_BE_STRONG.match(text)) == any(rule.match(text) for rule in _RULES)


def _is_meta_line_as_written(text: str) -> bool:
    """is_meta_line as it was: regexes over the whole line, every item split and tested."""
    text = _TRAILING_MARKER.sub("", text).strip()
    if not text or len(text) > 240:
        return False
    items = [item for item in (item.strip(" ,，") for item in _META_SPLIT.split(text)) if item]
    if not items:
        return False
    strong = [_strong_item(item) for item in items]
    listed = [part for part in _LIST_SPLIT.split(text) if part]
    counts_listed = len(listed) >= 2 and all(_strong_item(part) for part in listed)
    return (strong[0] and all(s or _name(item) for s, item in zip(strong, items, strict=True))) or counts_listed


@settings(max_examples=3000, deadline=None)
@given(st.one_of(meta_texts, texts, meta_texts.map(fold_whitespace)))
@example("Posted on 2024-03-05 | By Jane | 3 min read")
@example("大约4576个字, 15分钟15秒读完")
def test_is_meta_line_agrees_with_the_line_split_whole(text: str) -> None:
    assert is_meta_line(text) == _is_meta_line_as_written(text)


def test_metadata_lines_are_still_told_from_excerpts() -> None:
    assert is_meta_line("Posted on 2024-03-05 | By Jane | 3 min read")
    assert is_meta_line("发表于 2024-03-05 · 阅读 12 ...")
    assert not is_meta_line("注意力机制把每个位置和其他位置联系起来，这是它的核心思想。")
