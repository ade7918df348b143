"""dumpflow/lines.py: the scans that stand in for two regexes, against the regexes themselves."""

from __future__ import annotations

from hypothesis import example, given, settings
from hypothesis import strategies as st

from dumpflow.lines import _META_SPLIT, _TRAILING_MARKER, is_meta_line, meta_split, without_trailing_marker
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


def test_metadata_lines_are_still_told_from_excerpts() -> None:
    assert is_meta_line("Posted on 2024-03-05 | By Jane | 3 min read")
    assert is_meta_line("发表于 2024-03-05 · 阅读 12 ...")
    assert not is_meta_line("注意力机制把每个位置和其他位置联系起来，这是它的核心思想。")
