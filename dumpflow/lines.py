"""What one line of text is: article text, or page chrome and why.

Both the text-dump cleaner (dumpflow.clean) and the HTML reader
(dumpflow.html) ask this of a line, so the rules live below both of them.
The rules look at the shape of a line (short, no sentence in it, made of
navigation or metadata tokens) rather than at one site's exact strings, so
another site's chrome is recognised too.

Metadata lines are the hardest: every blog theme prints its own "Posted on
... | 3 min read | By X | Tags: ..." line, in English or Chinese. A line is
metadata when it is short and every part of it, split at the separators
themes put between items, is a date, a count ("1.2k words", "阅读(12)"), a
labelled item ("发表于 ...", "Categories: ...", "By X") or a bare name
beside such items. A real one-line excerpt has a sentence or a long run of
words that is none of these, so it survives.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

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
    r"^[\s\[\(<«‹»›>→-]*(?:点击)?(?:阅读全文|阅读更多|阅读剩余部分|阅读余下全文|查看全文|查看更多|继续阅读|展开全文|全文阅读|閱讀全文|"
    r"閱讀更多|繼續閱讀|更多|read\s*more|read\s+the\s+rest|continue\s+reading|keep\s+reading|see\s+more|"
    r"view\s+more|full\s+article|more)[\s\]\)>»›→.…:-]*$",
    re.IGNORECASE,
)
# "Continue reading “Title” →" (WordPress) names the post after the phrase.
_READ_MORE_TITLED = re.compile(r"^(?:continue\s+reading|read\s+more|keep\s+reading)\b.{0,120}$", re.IGNORECASE)
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

# --- metadata lines of blog themes -------------------------------------------

# Longer lines are never one theme's metadata line; the rules below only look
# at short lines, which also keeps them linear on megabyte-long scraped lines.
_MAX_META_CHARS = 240
# Separators themes put between metadata items.
# A slash between digits is inside a date ("2026/07/04"), not between items.
_META_SPLIT = re.compile(r"\s*(?:[|·•｜]|(?<!\d)/|/(?!\d))\s*|\s{2,}|\s+-\s+|\s+—\s+")
# Labels that open a metadata item. A strong label ("Posted by", "发表于")
# takes any short value (a name, a category); a weak one ("Updated", "更新")
# also opens sentences, so it needs a colon or a date or count after it.
_STRONG_LABEL = (
    r"posted\s+(?:on|by|in|at|@)|published\s+(?:on|by|in|at)|updated\s+(?:on|at)|last\s+(?:updated|modified)(?:\s+on)?"
    r"|edited\s+on|created\s+on|written\s+by|filed\s+under|symbols\s+count(?:\s+in\s+article)?"
    r"|(?:est(?:imated|\.)?\s+)?reading\s+time|time\s+to\s+read"
    r"|in\s+category|tagged\s+(?:with|as|in)|categori[sz]ed\s+(?:as|in|under)|posted\s+under|filed\s+in"
    r"|发表于|发布于|更新于|创建于|修改于|编辑于|发表时间|发布时间|更新时间|创建时间"
    r"|预计阅读时长|预计阅读时间|预计阅读|阅读时长|阅读时间|阅读约|阅读需要|阅读需|阅读量|阅读次数|阅读数|评论数|浏览数|点赞数|本文字数|文章字数|字数统计|总字数|分类于|文章作者|作者|本文总阅读量"
)
_WEAK_LABEL = (
    r"posted|published|updated|edited|created|modified|read\s+time"
    # A count named before its number ("Words count 15", "Character count: 2.4k", "Views total 12").
    r"|(?:words?|characters?|chars?|symbols?|views?|visits?|reads?|hits?)\s+(?:count(?:ed)?|total|number)|words|date|author|authors"
    r"|categories|category|tags|tagged|tag|series|source|views|comments|pinned|sticky"
    r"|发表|发布|更新|创建|字数|分类|分類|标签|標籤|来源|出处|日期|时间|浏览量|浏览|访问量|热度|评论数|评论|置顶|编辑|阅读"
)
_STRONG = re.compile(rf"^(?:{_STRONG_LABEL})(?:\s*[:：]|\s|(?=[\d\u4e00-\u9fff])|$)", re.IGNORECASE)
_WEAK = re.compile(rf"^(?:{_WEAK_LABEL})(?:\s*[:：]\s*|\s*(?=\d)|\s*$)", re.IGNORECASE)
_NUMBER = re.compile(r"^[(（]?\d+(?:[.,]\d+)?\s*[kKwW万]?[)）]?(?:\s|$)")
_ONLY_LABEL = re.compile(rf"^(?:{_STRONG_LABEL}|{_WEAK_LABEL})\s*[:：]?$", re.IGNORECASE)
# How themes qualify a count: "约 5 分钟", "about 3 min", "less than 1 minute read" (a reading time under a minute).
_ABOUT = r"约|大约|不到|少于|小于|超过|about|approx\.?|approximately|less\s+than|under|over|more\s+than|~|≈|<|>"
_COUNT = re.compile(
    rf"^(?:{_ABOUT})?\s*[(（]?\s*(?:{_ABOUT})?(?:\s*\d+(?:[.,]\d+)?\s*[kKwW万千]?\s*"
    r"(?:words?|characters?|chars?|symbols?|mins?|minutes?|hours?|secs?|seconds?|views?|reads?|comments?|likes?"
    r"|个字|字|分钟|小时|秒|次|条评论|人阅读|阅读|浏览|评论|点赞))+"
    r"(?:\s*(?:read|reading|to\s+read|读完|阅读))?\s*[)）]?$",
    re.IGNORECASE,
)
_BY = re.compile(r"^(?:by|作者)\s*[:：]?\s*[^\s.,;!?。，！？]+(?:\s+[^\s.,;!?。，！？]+){0,3}$", re.IGNORECASE)
_TIME = r"(?:\s*T?\d{1,2}:\d{2}(?::\d{2})?(?:\s*[ap]\.?m\.?)?(?:\s*(?:[+-]\d{2}:?\d{2}|Z|UTC|GMT|CST))?)?"
_MONTH = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?"
    r"|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
_ANY_DATE = (
    r"(?:\d{4}\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2}\s*日?"
    rf"|{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}"
    rf"|\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH},?\s+\d{{4}}"
    # A Chinese month in the English order: "3月 19, 2017", "十月 01, 2021".
    r"|(?:\d{1,2}|[一二三四五六七八九十]{1,3})\s*月\s*\d{1,2}(?:\s*[,，]\s*|\s+)\d{4}(?!\d)"
    r"|\d{1,2}\s*月\s*\d{1,2}\s*日?|\d{1,2}[-/]\d{1,2}"
    # Chinese numerals: "二〇二〇年九月六日", "九月六日".
    r"|(?:[〇零一二三四五六七八九]{4}\s*年\s*)?[一二三四五六七八九十]{1,3}\s*月\s*[一二三四五六七八九十]{1,3}\s*日"
    rf"|{_MONTH}\s+\d{{4}}|{_MONTH}\s+\d{{1,2}})"
)
_DATED = re.compile(rf"^(?:on\s+)?{_ANY_DATE}{_TIME}", re.IGNORECASE)
_NAMED_DATE = re.compile(rf"^([^\d]+?)\s*[|·•｜,，-]?\s*((?:on\s+)?{_ANY_DATE}{_TIME})$", re.IGNORECASE)
# The sentence-shaped post footers of classic WordPress themes.
_FOOTER_SENTENCE = re.compile(
    r"^(?:this\s+entry\s+was\s+(?:posted|tagged|filed)|bookmark\s+the\s+permalink|leave\s+a\s+(?:comment|reply))\b",
    re.IGNORECASE,
)
# A sentence: closing punctuation followed by more text, or a clause mark.
_SENTENCE_INSIDE = re.compile(r"[。！？；]|[.!?;]\s+\w")
# A bare value beside metadata items (an author, a category name): a few words.
_MAX_NAME_WORDS = 4
_MAX_NAME_CHARS = 24
# A bracketed list of names after a date ("[debian, curl]", "【随笔，生活】"): brackets, separators, how many.
_OPENING = {"[": "]", "(": ")", "【": "】", "（": "）"}
_LIST_SPLIT = re.compile(r"\s*[,，、]\s*")
_MAX_LISTED_NAMES = 8
_TRAILING_BRACKETS = re.compile(r"\s*([\[(【（][^\[\]()【】（）]*[\])】）])$")
# An author's handle after their name in a byline ("Jane Doe (@jdoe)", "李四（lisi）").
_HANDLE = re.compile(r"\s*[(（]@?[\w.-]+[)）]$")
_TRAILING_MARKER = re.compile(r"(?:\s*(?:\.{2,}|…+|\[\.\.\.\]|\[…\]))+\s*$")
# Matches where any of the rules `_strong_item` tries matches (each is a match
# at the item's start): an item none of them fits is ruled out in one call.
_MAY_BE_STRONG = re.compile(
    "|".join(f"(?:{rule.pattern})" for rule in (_COUNT, _BY, _DATED, _ONLY_LABEL, _STRONG, _WEAK)), re.IGNORECASE
)


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
    if len(text) <= _MAX_META_CHARS:
        if is_meta_line(text) or _FOOTER_SENTENCE.match(text):
            return "metadata"
        if _READ_MORE_TITLED.match(text) and not _SENTENCE_INSIDE.search(text):
            return "read_more"
    return None


def short_reason(text: str) -> str:
    """Why a line with too few letters is dropped: a heading, unless a sentence is in it."""
    return "heading" if not _SENTENCE.search(text.rstrip(".…")) else "too_short"


def _strong_item(item: str) -> bool:
    """A labelled item, a date or a count: what only a metadata line is made of."""
    if not _MAY_BE_STRONG.match(item):  # none of the rules below can start on it: one regex call, not six
        return False
    return bool(_COUNT.match(item) or _by_line(item) or _date_item(item) or _labelled(item))


def _date_item(item: str) -> bool:
    match = _DATED.match(item)
    if match is None:
        return False
    rest = item[match.end() :].strip(" ,，")
    return not rest or _strong_item(rest) or _name(rest) or _bracketed_names(rest)


def _bracketed_names(item: str) -> bool:
    """A bracketed list of short names after a date: the post's categories ("[debian, curl, security]").

    Themes print each category as a link, so the line reads "[ debian , curl ]"
    and is longer than one name; the brackets say it is one list, not a clause.
    """
    if len(item) < 2 or item[0] not in _OPENING or _OPENING[item[0]] != item[-1]:
        return False
    parts = [part.strip() for part in _LIST_SPLIT.split(item[1:-1])]
    return all(parts) and len(parts) <= _MAX_LISTED_NAMES and all(map(_name, parts))


def _by_line(item: str) -> bool:
    return bool(_BY.match(item)) and not _SENTENCE_INSIDE.search(item)


def _name(item: str) -> bool:
    return (
        len(item) <= _MAX_NAME_CHARS
        and len(item.split()) <= _MAX_NAME_WORDS
        and not _SENTENCE_INSIDE.search(item)
        and not item.endswith((".", "。", "!", "?", "！", "？"))
    )


def is_short_name(text: str) -> bool:
    """A bare value metadata lines carry (an author, a category, a tag): a few words, no sentence."""
    item = nfkc_fold(clean_body(text)).strip()
    return bool(item) and _name(item)


def _labelled(item: str) -> bool:
    """A label and its value: "发表于 2024-03-05 分类于 技术", "Categories: NLP", "更新 2024-03-06"."""
    if _ONLY_LABEL.match(item):
        return True
    strong = _STRONG.match(item)
    match = strong or _WEAK.match(item)
    if match is None:
        return False
    rest = item[match.end() :].strip(" :：≈~")
    if not rest:
        return True
    if _SENTENCE_INSIDE.search(rest):
        return False
    if _DATED.match(rest) or _COUNT.match(rest) or _STRONG.match(rest) or _WEAK.match(rest):
        return True
    if _NUMBER.match(rest):
        return True
    # A weak label needs its colon for a free value ("Tags: a, b"); a strong one needs none.
    colon = any(mark in item[: match.end()] for mark in ":：")
    return (strong is not None or colon) and len(rest) <= 60


def dated_name(raw: str) -> str | None:
    """The date part of a line that is only a name and a date (a card's byline: "Daryl 3月 19, 2017"), else None.

    Metadata lines open with a label or a date; a byline opens with the
    author's bare name, so it is only read as one when a date ends it.
    """
    text = nfkc_fold(clean_body(raw))
    if (listed := _TRAILING_BRACKETS.search(text)) is not None and _bracketed_names(listed[1]):
        text = text[: listed.start()]  # the post's categories after the date ("... April 18, 2024 [news]")
    if len(text) > _MAX_META_CHARS or (match := _NAMED_DATE.match(text)) is None:
        return None
    name = _HANDLE.sub("", match[1].strip(" |·•｜,，-"))  # "Jane Doe (@jdoe)": a name and its handle
    return text[match.start(2) :] if name and _name(name) else None


def leading_date_removed(text: str) -> str:
    """The line without the date that opens it ("06-18 标签插件" -> "标签插件"); unchanged when none does."""
    match = _DATED.match(text.strip())
    return text.strip()[match.end() :].strip() if match else text


def is_meta_line(text: str) -> bool:
    """Whether a short folded line is a post's metadata line (dates, counts, labels, authors)."""
    text = without_trailing_marker(text).strip()
    if not text or len(text) > _MAX_META_CHARS:
        return False
    # The items one by one: an excerpt is ruled out by its first item, before the rest is split.
    items = _meta_items(text)
    first = next(items, None)
    if first is not None and _strong_item(first) and all(_strong_item(item) or _name(item) for item in items):
        return True
    return _counts_listed(text)


def _counts_listed(text: str) -> bool:
    """A line of counts and dates separated by commas ("大约4576个字, 15分钟15秒读完").

    A comma also separates a sentence's clauses, so only a line whose every
    part is a count, a date or a labelled item is metadata this way. Most
    lines have no list comma at all and are ruled out without a split.
    """
    if "," not in text and "，" not in text and "、" not in text:
        return False
    parts = [part for part in _LIST_SPLIT.split(text) if part]
    return len(parts) >= 2 and all(_strong_item(part) for part in parts)


def _meta_items(text: str) -> Iterator[str]:
    """The items of `meta_split(text)` stripped of list punctuation, empty ones left out, as they are split."""
    start = 0
    if _may_separate(text):
        for separator in _META_SPLIT.finditer(text):
            if item := text[start : separator.start()].strip(" ,，"):
                yield item
            start = separator.end()
    if item := text[start:].strip(" ,，"):
        yield item


# Searching with `_TRAILING_MARKER` and `_META_SPLIT` tries the pattern at every
# position of the line: ~8 and ~13 µs a line, a third of cleaning a text dump,
# for lines that almost never have either. The two functions below give the
# same results (tests/test_lines.py checks them against the regexes) and take
# the regex only when the line could match it.


def without_trailing_marker(text: str) -> str:
    """`_TRAILING_MARKER.sub("", text)`: the line without its run of '...', '…', '[...]' at the end.

    Read from the end: whitespace, then a token ('..'+ , '…'+, '[...]',
    '[…]'), as often as they follow one another. A token is taken whole
    (a run of dots to its start), which is where the regex's leftmost match
    begins too: what is left before a run cannot end another token.
    """
    end = len(text)
    cut = None
    while True:
        while end and text[end - 1].isspace():
            end -= 1
        if text.endswith("[...]", 0, end):
            end -= 5
        elif text.endswith("[…]", 0, end):
            end -= 3
        elif end and text[end - 1] in ".…":
            char, start = text[end - 1], end - 1
            while start and text[start - 1] == char:
                start -= 1
            if char == "." and end - start < 2:
                break
            end = start
        else:
            break
        cut = end
    if cut is None:
        return text
    while cut and text[cut - 1].isspace():
        cut -= 1
    return text[:cut]


def meta_split(text: str) -> list[str]:
    """`_META_SPLIT.split(text)`, the regex run only on a line that has a separator in it.

    Every separator holds one of `|·•｜/`, two whitespace characters in a row,
    or whitespace on both sides of '-' or '—'. In a line whose whitespace is
    single spaces between words (a folded line, as every caller passes) the
    last two are ' - ' and ' — '.
    """
    return _META_SPLIT.split(text) if _may_separate(text) else [text]


def _may_separate(text: str) -> bool:
    """False when `_META_SPLIT` has nothing to split in the text (see `meta_split`)."""
    return (
        "/" in text
        or "|" in text
        or "·" in text
        or "•" in text
        or "｜" in text
        or " - " in text
        or " — " in text
        or " ".join(text.split()) != text
    )


__all__ = [
    "MIN_CONTENT_CHARS",
    "classify",
    "dated_name",
    "is_meta_line",
    "leading_date_removed",
    "meta_split",
    "shape_reason",
    "short_reason",
    "without_trailing_marker",
]
