"""The HTML reader (dumpflow/html): listing cards, article pages, encodings, rejections."""

from __future__ import annotations

import codecs
import hashlib
from pathlib import Path

import pytest

from dumpflow import html, read
from dumpflow.clean import clean_dump
from dumpflow.html.encoding import declared_encoding, decode_html
from dumpflow.html.meta import find_date
from dumpflow.normalize import clean_body
from schemas.records import CleanDump, DumpFile, ParsedDump, RawEntry, Rejection

FIXTURES = Path(__file__).parent / "fixtures" / "html"


def _dump(name: str, data: bytes) -> DumpFile:
    return DumpFile(path=name, source_name=name, dump_id=hashlib.sha256(data).hexdigest(), size_bytes=len(data))


def _reject(reason: str) -> Rejection:
    return Rejection(source_path="page.html", source_name="page.html", dump_id=None, reason=reason)


def parse_bytes(data: bytes, name: str = "page.html", mode: html.PageMode = "auto") -> ParsedDump | Rejection:
    return html.parse_html(_dump(name, data), data, _reject, mode=mode)


def cleaned(name: str) -> CleanDump:
    parsed = read.parse(_dump(name, (FIXTURES / name).read_bytes()), (FIXTURES / name).read_bytes(), 1 << 24)
    assert isinstance(parsed, ParsedDump), parsed
    assert parsed.format == "html"
    return clean_dump(parsed)


def entries(name: str) -> list[tuple[int, str | None, str | None, str | None, str]]:
    return [(e.line_no, e.title, e.url, e.published, e.body) for e in cleaned(name).entries]


# (line_no, title, url, published, body) per card, and chrome strings that must not survive.
EXPECTED = {
    "semantic_articles.html": (
        "utf-8",
        [
            (
                0,
                "Sparse attention at scale",
                "https://labnotes.example.org/blog/sparse-attention/",
                "2024-03-05",
                "Sparse attention lets a transformer attend to a fixed budget of tokens per query, which keeps memory "
                "linear in the sequence length while preserving most of the accuracy of dense attention",
            ),
            (
                1,
                "Why tokenizers drift between releases",
                "https://labnotes.example.org/blog/tokenizer-drift/",
                "2024-02-28",
                "Every retrained tokenizer changes a few merges, and those small changes ripple through embeddings, "
                "caches and evaluation numbers in ways that are easy to miss.",
            ),
            (
                2,
                "Guest post: honest evaluations",
                "https://other.example.com/guest/evals",
                None,
                "An evaluation is only as honest as its held-out set, so we rebuilt ours from scratch and measured how "
                "much contamination had crept into the old one over two years.",
            ),
        ],
        [
            "LAB NOTES",
            "Latest updates",
            "Read more",
            "Continue reading",
            "views",
            "Tags",
            "Next",
            "Popular",
            "sidebar teaser",
            "All rights reserved",
            "tracking code",
            "font-family",
            "March 5, 2024",
        ],
    ),
    "div_cards.html": (
        "utf-8",
        [
            (
                0,
                "多模态大模型的数据治理",
                "https://news.example.cn/ai/item/1001.html",
                "2024-03-05",
                "构建高质量、大规模、高多样性的图文数据，是提升多模态模型效果最常用也最有效的手段，本文介绍几种常见的数据清洗方法",
            ),
            (
                1,
                "向量检索的工程实践",
                "https://news.example.cn/ai/item/1002.html",
                "2024-03-04",
                "在亿级向量上做近似最近邻检索，需要在召回率、延迟和内存之间取舍，我们总结了线上系统中踩过的坑和对应的解决办法。",
            ),
            (
                2,
                "小模型蒸馏的三个误区",
                "https://news.example.cn/tech/item/1003.html",
                "2024-03-01",
                "知识蒸馏并不是把大模型的输出照搬给小模型，温度、数据分布和损失权重的选择都会显著影响最终效果，下面逐一分析。",
            ),
        ],
        ["欢迎访问", "人工智能", "阅读全文", "阅读 ", "2024年3月5日", "下一页", "尾页", "共3页", "版权所有"],
    ),
    "li_cards.html": (
        "utf-8",
        [
            (
                0,
                "The GPU shortage is easing",
                "https://digest.example.net/issues/42/gpu-shortage",
                "2023-11-02",
                "Cloud providers report shorter queues for large accelerators as new capacity comes online across "
                "three regions this quarter.",
            ),
            (
                1,
                "Open weights, closed data",
                "https://digest.example.net/issues/42/open-weights",
                "2023-11-01",
                "Releasing model weights without the training data leaves researchers unable to check for benchmark "
                "contamination or bias.",
            ),
            (
                2,
                "Robotics needs better simulators",
                "https://digest.example.net/issues/41/robotics",
                None,
                "Policies trained in simulation still fail on contact-rich tasks, and the gap is mostly in how "
                "friction and deformation are modelled.",
            ),
        ],
        ["WEEKLY DIGEST", "This week", "Previous issue", "2023-11-0"],
    ),
    "table_layout.html": (
        "utf-8",
        [
            (
                0,
                "Learning rate warmup, revisited",
                "http://archive.example.org/papers/p101.html",
                "2022-07-14",
                "We show that warmup mostly compensates for badly scaled initial updates in adaptive optimizers, and "
                "propose a cheaper fix.",
            ),
            (
                1,
                "Curriculum effects in code models",
                "http://archive.example.org/papers/p102.html",
                "2022-06-30",
                "Ordering training files by dependency depth improves pass rates on repository-level completion "
                "without any extra compute.",
            ),
            (
                2,
                "Calibrated abstention for QA",
                "http://archive.example.org/papers/p103.html",
                "2022-06-14",
                "A question answering model that may decline to answer should be judged on coverage and risk "
                "together, not on accuracy alone.",
            ),
        ],
        ["PAPER ARCHIVE", "Abstract", "2022.07.14", "14 June 2022", "Next page", "Page 1 of 7"],
    ),
    "malformed.html": (
        "utf-8",
        [
            (
                0,
                "Caching compiled kernels",
                "https://feed.example.org/notes/a1",
                "2021-09-09",
                "Compiling the same GPU kernels on every start wasted minutes per job, so we cache them by a hash of "
                "the source and the driver version.",
            ),
            (
                1,
                "A smaller test matrix",
                "https://feed.example.org/notes/a2",
                None,
                "We cut the CI matrix from forty jobs to nine by testing only the oldest and newest supported versions "
                "of each dependency.",
            ),
            (
                2,
                "Flaky tests are bugs",
                "https://feed.example.org/notes/a3",
                None,
                "A test that fails one time in fifty is telling you about a race condition, and retrying it until it "
                "passes hides the evidence.",
            ),
        ],
        ["NOTES FEED", "2021-09-09", "Read more", "Page 1 of 3", "Next"],
    ),
    "gb18030_listing.html": (
        "gb18030",
        [
            (
                0,
                "编码检测的老问题",
                "https://zk.example.cn/p/301",
                "2023-12-08",
                "很多中文网站仍然使用GB18030或者GBK编码保存页面，而且不在页面里声明编码，爬虫保存下来以后需要自己判断。",
            ),
            (
                1,
                "日志里的乱码从哪里来",
                "https://zk.example.cn/p/302",
                "2023-12-01",
                "乱码通常来自一次错误的解码：字节本身没有问题，只是被当成了另一种编码读出来，再写回去就真的坏了。",
            ),
        ],
        ["技术周刊", "每周五更新", "2023年12月", "下一页"],
    ),
    "big5_listing.html": (
        "big5",
        [
            (
                0,
                "繁體中文語料的整理方法",
                "https://tw.example.com/news/n/881.html",
                "2024-01-15",
                "繁體中文的網頁常常使用Big5編碼，整理語料時必須先正確解碼，否則後續的斷詞與去重都會出錯。",
            ),
            (
                1,
                "開源模型的授權問題",
                "https://tw.example.com/news/n/882.html",
                "2024-01-12",
                "開源模型的權重與訓練資料往往採用不同的授權條款，企業在商業使用之前應該仔細確認每一項限制。",
            ),
        ],
        ["科技新聞網", "登入", "閱讀全文", "閱讀 ", "2024-01-1"],
    ),
}

ARTICLE_PARAGRAPHS = [
    "Most data pipelines are reproducible in theory and fragile in practice. The code is versioned, but the inputs "
    "change underneath it, the environment drifts, and nobody can say which file produced which row in the warehouse.",
    "The first habit that helps is to treat raw files as immutable. Land them once, name them by a hash of their "
    "bytes, and never edit them in place. Every derived table can then be rebuilt from the landing zone alone.",
    "Lock the environment",
    "The second habit is a lock file that pins every transitive dependency. A pipeline that installs whatever is "
    "newest on the day it runs will eventually produce different numbers from the same inputs, and you will not know "
    "why.",
    "Finally, check the output after every load. A handful of invariants, such as unique keys and non-empty bodies, "
    "catches most regressions before anyone reads a dashboard built on them.",
]
ARTICLE_CHROME = [
    "Subscribe",
    "FIELD NOTES",
    "Essays",
    "Dana Reyes",
    "views",
    "Share on",
    "Tags",
    "Related posts",
    "lock files matter",
    "Content hashing",
    "Comments",
    "Great post",
    "schema changes",
    "Newsletter",
    "Privacy",
    "json ld",
    "_blank",
    "color: blue",
]


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_listing_fixture_gives_exact_cards(name: str) -> None:
    encoding, expected, _ = EXPECTED[name]
    assert entries(name) == expected
    assert cleaned(name).encoding == encoding


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_listing_fixture_bodies_carry_no_chrome(name: str) -> None:
    _, _, chrome = EXPECTED[name]
    dump = cleaned(name)
    for entry in dump.entries:
        for text in chrome:
            assert text not in entry.body, (entry.line_no, text)
    assert not dump.dropped


def test_article_page_gives_one_entry_with_paragraphs_and_title() -> None:
    dump = cleaned("article_page.html")
    assert [(e.line_no, e.title, e.url, e.published) for e in dump.entries] == [
        (
            0,
            "Reproducible data pipelines without the pain",
            "https://fieldnotes.example.com/2024/05/reproducible-pipelines",
            "2024-05-17",
        )
    ]
    body = dump.entries[0].body
    assert body.split("\n\n") == ARTICLE_PARAGRAPHS
    for text in ARTICLE_CHROME:
        assert text not in body, text


def test_page_without_articles_is_rejected_with_reason() -> None:
    data = (FIXTURES / "no_articles.html").read_bytes()
    result = read.parse(_dump("no_articles.html", data), data, 1 << 24)
    assert isinstance(result, Rejection)
    assert result.reason.startswith("no recognizable articles in HTML page")


def test_cards_are_found_by_structure_not_class_names() -> None:
    original = (FIXTURES / "div_cards.html").read_text(encoding="utf-8")
    renamed = original.replace('class="qz-unit"', 'class="feed-entry-x9"').replace("qz-", "zz-")
    parsed = parse_bytes(renamed.encode("utf-8"))
    assert isinstance(parsed, ParsedDump)
    assert [(e.title, e.url) for e in clean_dump(parsed).entries] == [
        (t, u) for _, t, u, _, _ in entries("div_cards.html")
    ]


def test_forced_article_mode_reads_a_listing_as_one_entry() -> None:
    data = (FIXTURES / "semantic_articles.html").read_bytes()
    parsed = parse_bytes(data, mode="article")
    assert isinstance(parsed, ParsedDump)
    assert len(parsed.entries) == 1
    assert parsed.entries[0].line_no == 0


def test_html_content_in_a_txt_file_goes_to_the_html_reader() -> None:
    data = (FIXTURES / "table_layout.html").read_bytes()
    parsed = read.parse(_dump("saved.txt", data), data, 1 << 24)
    assert isinstance(parsed, ParsedDump)
    assert parsed.format == "html"
    assert len(parsed.entries) == 3


def test_paragraph_sibling_links_are_not_cards() -> None:
    paragraph = "<p>{} <a href='/x{}'>a linked phrase</a> and then the sentence goes on for quite a while longer.</p>"
    page = (
        "<html><body><div><p><time>2021-04-02</time></p>"  # dated: the safety net rejects an undated page this short
        + "".join(paragraph.format("Running text with", i) for i in range(5))
        + "</div></body></html>"
    )
    parsed = parse_bytes(page.encode())
    assert isinstance(parsed, ParsedDump)
    assert len(parsed.entries) == 1  # one article of five paragraphs, not five cards


# --- encodings -------------------------------------------------------------

ZH = "<html><head>{meta}</head><body><article><h1>标题</h1><p>{text}</p></article></body></html>"
ZH_TEXT = "中文网页的编码声明经常是错误的，模板写着一种编码，内容管理系统却用另一种编码保存文件。" * 4


def test_declared_gb2312_reads_as_gb18030() -> None:
    data = ZH.format(meta='<meta charset="gb2312">', text=ZH_TEXT).encode("gb18030")
    assert declared_encoding(data) == "gb18030"
    decoded = decode_html(data)
    assert decoded.encoding == "gb18030"
    assert ZH_TEXT in decoded.text


def test_wrong_declaration_falls_back_to_detection() -> None:
    data = ZH.format(meta='<meta charset="utf-8">', text=ZH_TEXT).encode("gbk")
    decoded = decode_html(data)
    assert decoded.encoding == "gb18030"
    assert ZH_TEXT in decoded.text


def test_byte_order_mark_wins_over_declaration() -> None:
    data = codecs.BOM_UTF8 + ZH.format(meta='<meta charset="big5">', text=ZH_TEXT).encode("utf-8")
    decoded = decode_html(data)
    assert decoded.encoding == "utf-8-sig"
    assert ZH_TEXT in decoded.text


def test_undecodable_page_is_rejected() -> None:
    data = b"<html><body>" + bytes(range(0x80, 0x100)) * 3 + b"</body></html>"
    result = parse_bytes(data)
    assert isinstance(result, Rejection)
    assert result.reason.startswith("undecodable HTML")


# --- helpers the reader relies on ------------------------------------------


@pytest.mark.parametrize(
    ("text", "iso"),
    [
        ("2024-03-05T09:30:00+08:00", "2024-03-05"),
        ("发布于 2024年3月5日 阅读 12", "2024-03-05"),
        ("2022.07.14", "2022-07-14"),
        ("Posted on March 5th, 2024", "2024-03-05"),
        ("14 June 2022", "2022-06-14"),
        ("2024-13-40", None),
        ("2024-02-30", None),
        ("二〇二〇年九月六日", "2020-09-06"),
        ("the 6th of September 2020", "2020-09-06"),
        ("no date here", None),
    ],
)
def test_find_date(text: str, iso: str | None) -> None:
    assert find_date(text) == iso


def test_clean_body_keeps_paragraphs_only_when_asked() -> None:
    text = "First  para\tline\n\n \n second para\nsame para"
    assert clean_body(text, keep_paragraphs=True) == "First para line\n\nsecond para same para"
    assert clean_body(text) == "First para line second para same para"


def test_text_dump_entries_still_fold_newlines() -> None:
    parsed = ParsedDump(
        dump=_dump("a.txt", b"x"),
        format="text",
        encoding="utf-8",
        entries=[RawEntry(line_no=0, raw_text="An article line that is long enough to count\u2028with a separator")],
    )
    assert clean_dump(parsed).entries[0].body == "An article line that is long enough to count with a separator"


def test_article_beside_unmarked_story_cards_is_an_article_page() -> None:
    paragraph = "<p>Paragraph {} of the article explains one more step of the method in enough detail to matter.</p>"
    card = (
        "<div class='kx'><h3><a href='/s/{0}'>Other story {0}</a></h3>"
        "<p>A teaser for another story on the same site, long enough to be an excerpt {0}.</p></div>"
    )
    page = (
        "<html><body><div class='kx-main'><h1>The article</h1>"
        + "".join(paragraph.format(i) for i in range(12))
        + "</div><div class='kx-more'>"
        + "".join(card.format(i) for i in range(4))
        + "</div></body></html>"
    )
    parsed = parse_bytes(page.encode())
    assert isinstance(parsed, ParsedDump)
    assert [(e.line_no, e.title) for e in parsed.entries] == [(0, "The article")]
    assert "teaser" not in parsed.entries[0].raw_text
