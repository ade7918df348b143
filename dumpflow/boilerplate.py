"""Boilerplate lines: is a line page chrome (pagination, read-more, a date, a heading) or article text?

Both the HTML reader (which must not take chrome for an article) and clean.py
(which drops chrome lines of text dumps, each with its reason) ask this. It
lives below both so that reading never imports the cleaning step that comes
after it.
"""

from __future__ import annotations

import re

from dumpflow.normalize import clean_body, match_key, nfkc_fold

# An excerpt shorter than this many letters/digits carries no article: it is a
# heading or a stray token. Real excerpts on listing pages are 80+ characters.
MIN_CONTENT_CHARS = 24

_NAV_WORDS = (
    r"上一页|下一页|上页|下页|首页|尾页|末页|前页|后页|上一頁|下一頁|首頁|尾頁|末頁|"
    r"next|previous|prev|first|last|older|newer|pages|page|of|more|"
    r"共\d+页|第\d+页|共\d+頁|第\d+頁|\d+/\d+"
)
# Each token is atomic and the repetition possessive: "1234…9x" must fail in
# one pass, not try every way of splitting the digits (2^n). Longer words come
# before their prefixes (previous|prev, pages|page) because an atomic group
# never goes back to try a later alternative.
_PAGINATION = re.compile(
    rf"^(?:(?>\d+|{_NAV_WORDS}|[‹›«»<>←→|/\-–—·•.…:\[\]()]+)\s*+)++$",
    re.IGNORECASE,
)
_READ_MORE = re.compile(
    r"^[\s\[\(<«‹»›>→-]*(?:阅读全文|阅读更多|查看全文|查看更多|继续阅读|展开全文|全文阅读|閱讀全文|"
    r"閱讀更多|繼續閱讀|更多|read\s+more|read\s+the\s+rest|continue\s+reading|see\s+more|"
    r"view\s+more|full\s+article|more)[\s\]\)>»›→.…:-]*$",
    re.IGNORECASE,
)
_DATE = r"\d{4}[-/.年]\d{1,2}[-/.月]\d{1,2}日?(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?"
_META = re.compile(
    rf"^(?:(?:发布于|发表于|更新于|posted\s+on|published|updated|日期|时间)[:：\s]*)?{_DATE}"
    r"(?:\s*[·|•,，]?\s*(?:阅读|浏览|views?|reads?)?\s*[:：]?\s*\d+\s*(?:次|views?|reads?)?)?$"
    r"|^(?:阅读|浏览|評論|评论|点赞|views?|reads?|comments?|likes?)\s*[:：(（]?\s*\d+[)）]?"
    r"(?:\s*(?:次|views?|reads?|comments?|likes?))?$"
    r"|^\d+\s*(?:次阅读|阅读|views?|reads?|comments?|条评论|評論)$"
    r"|^(?:标签|標籤|tags?|分类|分類|categories|category)\s*[:：]",
    re.IGNORECASE,
)
_SENTENCE = re.compile(r"[。，！？；：,.!?;:]")


def classify(raw: str) -> str | None:
    """The reason a line is boilerplate, or None when it is an article entry."""
    text = nfkc_fold(clean_body(raw))
    reason = shape_reason(text)
    if reason is None and len(match_key(text)) < MIN_CONTENT_CHARS:
        reason = short_reason(text)
    return reason


def shape_reason(text: str) -> str | None:
    """The rules that look at a folded line's shape: blank, metadata, pagination, read-more."""
    if not text:
        return "blank"
    if _META.match(text):
        return "metadata"
    if _PAGINATION.match(text):
        return "pagination"
    if _READ_MORE.match(text):
        return "read_more"
    return None


def short_reason(text: str) -> str:
    """Why a line with too few letters is dropped: a heading, unless a sentence is in it."""
    return "heading" if not _SENTENCE.search(text.rstrip(".…")) else "too_short"
