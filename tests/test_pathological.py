"""Pathological input through the readers and the cleaner: correct results, no hang, no crash.

Timings are never asserted; `bounded` only turns a hang (catastrophic regex
backtracking, a parser stuck on a deep page) into a failure.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dumpflow.clean import clean_dump, strip_marker
from dumpflow.lines import classify
from dumpflow.read import parse
from schemas.records import ParsedDump, Rejection
from tests.bounded import bounded
from tests.builders import dump_file, transmission

ZH = "概述 本文介绍一个比较有意思的高效Transformer工作，经过细读之后，笔者认为论文里边真算得上是惊喜满满了..."
REGRESSIONS = Path(__file__).parent / "fuzz" / "regressions"

# The rules as they were before they were made linear, kept as the specification
# the fast versions must agree with on inputs short enough for them.
_OLD_MARKER = re.compile(r"(?:\s*(?:\.{2,}|…+|。{3,}|．{3,}|・{3,}))+\s*$")
_OLD_NAV = (
    r"上一页|下一页|上页|下页|首页|尾页|末页|前页|后页|上一頁|下一頁|首頁|尾頁|末頁|"
    r"next|prev|previous|first|last|older|newer|page|pages|of|more|"
    r"共\d+页|第\d+页|共\d+頁|第\d+頁|\d+/\d+"
)
_OLD_PAGINATION = re.compile(rf"^(?:(?:\d+|{_OLD_NAV}|[‹›«»<>←→|/\-–—·•.…:\[\]()]+)\s*)+$", re.IGNORECASE)


def _old_strip_marker(body: str) -> tuple[str, bool]:
    stripped = _OLD_MARKER.sub("", body)
    return (body, False) if stripped == body else (stripped.rstrip(), True)


def read(name: str, data: bytes) -> ParsedDump | Rejection:
    return bounded(lambda: parse(dump_file(name, data), data, 1 << 26))


@pytest.mark.parametrize(
    "line",
    [
        "1" * 50_000 + "a",  # pagination: digits then a letter (was 2^n)
        "<" * 50_000 + "x",  # pagination: arrows then a letter
        "page" * 20_000 + "x",
        "第1页" * 20_000 + "x",
        "a" + "." * 1_000_000 + "x",  # marker: a run of dots that is not at the end
        "a" + ".. " * 300_000,  # marker: many short runs at the end
        "发布于 " + "2024-01-01 " * 20_000,
        "阅读" + " " * 100_000 + "1x",
        "[" * 100_000 + "read more" + "]" * 100_000 + "x",
    ],
    ids=lambda line: repr(line[:12]),
)
def test_boilerplate_rules_are_linear_on_long_runs(line: str) -> None:
    assert bounded(lambda: classify(line)) in {None, "too_short", "heading", "pagination"}
    bounded(lambda: strip_marker(line))


def test_long_digit_run_then_letter_is_content_not_pagination() -> None:
    assert bounded(lambda: classify("1" * 40 + "a")) is None
    assert bounded(lambda: classify("1 2 3 4 5 ›")) == "pagination"


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet="ab.…。．・ \t", max_size=14))
def test_marker_scan_agrees_with_the_regex_it_replaced(body: str) -> None:
    assert strip_marker(body) == _old_strip_marker(body)


_TOKENS = [
    "1",
    "23",
    "page",
    "pages",
    "prev",
    "previous",
    "of",
    "next",
    "/",
    "<",
    "›",
    " ",
    "x",
    "下一页",
    "第3页",
    "4/5",
    "…",
    "-",
]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(_TOKENS), max_size=8))
def test_atomic_pagination_agrees_with_the_backtracking_one(tokens: list[str]) -> None:
    from dumpflow.lines import _PAGINATION

    line = "".join(tokens)
    assert bool(_PAGINATION.match(line)) == bool(_OLD_PAGINATION.match(line))


def test_one_megabyte_single_line_is_one_entry() -> None:
    line = ("自监督学习" * 20 + "，") * 10_000  # ~1 MB of UTF-8, no line break
    result = read("long.txt", line.encode())
    assert isinstance(result, ParsedDump)
    assert [e.raw_text for e in result.entries] == [line]
    cleaned = bounded(lambda: clean_dump(result))
    assert len(cleaned.entries) == 1 and cleaned.entries[0].body == line


def test_hundred_thousand_entries_in_one_dump() -> None:
    entries = [f"{ZH[:-3]}第{i}篇，讲的是第{i}个想法。" for i in range(100_000)]
    result = read("many.txt", transmission(*entries).encode())
    assert isinstance(result, ParsedDump)
    cleaned = bounded(lambda: clean_dump(result))
    assert len(cleaned.entries) == 100_000
    assert cleaned.entries[-1].body == entries[-1]


def test_control_astral_bidi_and_nul_characters() -> None:
    odd = "\x07注意\x1b[0m力机制🧠𝔸𝕀 \u202e反转\u202c \u200f的\u2066研究\u2069\x00与应用🚀，这是一段足够长的正文内容用来测试清洗规则是否保留了内容"
    data = transmission(ZH, odd).encode()
    result = read("odd.txt", data)
    assert isinstance(result, ParsedDump)
    assert odd in [e.raw_text for e in result.entries]  # raw lines are verbatim
    body = next(e.body for e in clean_dump(result).entries if "🧠" in e.body)
    assert "🧠" in body and "𝔸𝕀" in body and "🚀" in body  # astral characters are content
    assert not any(ch in body for ch in "\x00\x07\x1b\u202e\u202c\u200f\u2066\u2069")


def test_a_few_nul_bytes_in_text_do_not_make_it_binary() -> None:
    data = transmission(ZH, ZH.replace("高效", "高\x00效")).encode()
    assert isinstance(read("nul.txt", data), ParsedDump)
    assert read("nuls.txt", b"\x00" * 4096 + data).reason.startswith("binary file")  # type: ignore[union-attr]


@pytest.mark.parametrize("depth", [200, 5_000, 100_000])
def test_deeply_nested_html_page_gives_entries_or_a_reason(depth: int) -> None:
    # 8 repeats: over the 400 letters below which an undated page is not confidently a post (html/confidence).
    page = "<html><body>" + "<div>" * depth + f"<p>{ZH * 8}</p>" + "</div>" * depth + "</body></html>"
    result = read("deep.html", page.encode())
    if depth <= 200:
        assert isinstance(result, ParsedDump) and ZH[:20] in result.entries[0].raw_text
    else:  # lxml stops building the tree below its depth limit: the page is rejected with its reason
        assert isinstance(result, ParsedDump) or result.reason.startswith("no recognizable articles")


def test_huge_html_listing_keeps_every_card() -> None:
    topics = ["注意力", "卷积", "扩散模型", "强化学习", "图神经网络", "量化", "蒸馏", "检索增强"]
    cards = "".join(
        f'<article><h2><a href="/p/{i}">第{i}篇：{topics[i % 8]}的新进展</a></h2>'
        f"<p>这一篇讨论{topics[i % 8]}在第{i}个场景中的用法，从问题的定义讲起，"
        f"再到实验{i * 7 % 97}号的结论与局限，编号{i}。</p></article>"
        for i in range(3_000)
    )
    page = f"<html><body><main>{cards}</main></body></html>"
    result = read("big.html", page.encode())
    assert isinstance(result, ParsedDump)
    assert len(result.entries) == 3_000


@pytest.mark.parametrize("path", sorted(REGRESSIONS.glob("*")), ids=lambda p: p.name)
def test_fuzz_findings_give_entries_or_a_reason(path: Path) -> None:
    """Each file is an input the fuzzer found raising; the first byte picks the file name (see fuzz_readers.py)."""
    from tests.fuzz.reader_property import check_one

    bounded(lambda: check_one(path.read_bytes()))


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=3000))
def test_any_bytes_give_entries_or_a_reason(data: bytes) -> None:
    from tests.fuzz.reader_property import check_one

    bounded(lambda: check_one(data))


_ENCODINGS = ["utf-8", "utf-8-sig", "utf-16", "gb18030", "big5"]


@settings(max_examples=300, deadline=None)
@given(st.integers(0, 5), st.text(max_size=400), st.sampled_from(_ENCODINGS), st.integers(0, 3))
def test_any_text_in_any_supported_encoding_gives_entries_or_a_reason(
    name: int, text: str, encoding: str, cut: int
) -> None:
    from tests.fuzz.reader_property import check_one

    data = text.encode(encoding, errors="replace")
    bounded(lambda: check_one(bytes([name]) + (data[:-cut] if cut else data)))
