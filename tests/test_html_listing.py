"""Listing detection rules of issue 13, one named test per rule (dumpflow/html, dumpflow/lines).

Each page here is the smallest markup that shows one theme habit: subtitles
inside the title link (Jekyll Hux), title and excerpt as bare siblings
(no card element), one-line excerpts, metadata lines in English and Chinese,
title-only archives, an ambiguous page, a short real post, and dates.
"""

from __future__ import annotations

import pytest

from dumpflow.clean import clean_dump
from dumpflow.lines import classify
from schemas.records import ParsedDump, RawEntry, Rejection
from tests.html_pages import EXCERPTS, SITE, TITLES, entries, page, parse

# --- 1. listings -------------------------------------------------------------


def test_subtitle_inside_the_title_link_is_not_the_excerpt() -> None:
    cards = "".join(
        f'<div class="post-preview"><a href="/p/{i}/"><h2 class="post-title">{t}</h2>'
        f'<h3 class="post-subtitle">A subtitle for post {i}</h3>'
        f'<div class="post-content-preview">{e}</div></a>'
        f'<p class="post-meta">Posted by Hux on March {i + 1}, 2024</p></div><hr>'
        for i, (t, e) in enumerate(zip(TITLES, EXCERPTS, strict=True))
    )
    got = entries(page(cards))
    assert [(e.title, e.url, e.raw_text, e.published) for e in got] == [
        (t, f"/p/{i}/", e, f"2024-03-0{i + 1}") for i, (t, e) in enumerate(zip(TITLES, EXCERPTS, strict=True))
    ]


def test_headings_inside_an_excerpt_stay_in_the_excerpt() -> None:
    cards = "".join(
        f'<article class="post"><h2><a href="/p/{i}/">{t}</a></h2><div class="post-meta">发表于 2024-03-0{i + 1}</div>'
        f'<div class="post-body"><h2 id="s{i}"><a class="headerlink" href="#s{i}"></a>背景</h2><p>{e}</p>'
        f'<h3>方法</h3><p>{e[:40]}</p><div><a href="/p/{i}/#more">阅读全文 &raquo;</a></div></div></article>'
        for i, (t, e) in enumerate(zip(TITLES, EXCERPTS, strict=True))
    )
    got = entries(page(cards))
    assert [e.title for e in got] == TITLES
    assert got[0].raw_text == f"背景\n\n{EXCERPTS[0]}\n\n方法\n\n{EXCERPTS[0][:40].strip()}"
    assert all("阅读全文" not in e.raw_text and "发表于" not in e.raw_text for e in got)


def test_title_and_excerpt_side_by_side_without_a_card_element() -> None:
    runs = "".join(
        f'<h2 class="entry-title"><a href="/p/{i}/">{t}</a></h2>'
        f'<p class="meta">Posted on 2024-03-0{i + 1} | 3 min read</p><p>{e}</p><p>{e[::-1][:50]}.</p>'
        for i, (t, e) in enumerate(zip(TITLES, EXCERPTS, strict=True))
    )
    got = entries(page(f'<div class="content">{runs}</div>'))
    assert [(e.title, e.url, e.published) for e in got] == [
        (t, f"/p/{i}/", f"2024-03-0{i + 1}") for i, t in enumerate(TITLES)
    ]
    assert got[1].raw_text == f"{EXCERPTS[1]}\n\n{EXCERPTS[1][::-1][:50]}."


def test_listing_of_whole_posts_is_a_listing_even_when_one_post_dominates() -> None:
    sections = "".join(
        f"<h3>Section {i}</h3><p>"
        + " ".join(f"Sentence {j} of section {i} explains the typography and layout in detail." for j in range(8))
        + "</p>"
        for i in range(6)
    )
    posts = [
        ("Example content", sections),
        ("Introducing Lanyon", f"<p>{EXCERPTS[0]}</p>"),
        ("What is Jekyll", f"<p>{EXCERPTS[1]}</p>"),
    ]
    cards = "".join(
        f'<div class="post"><h1 class="post-title"><a href="/2014/01/0{i + 1}/p{i}/">{t}</a></h1>'
        f'<span class="post-date">0{i + 1} Jan 2014</span>{b}</div>'
        for i, (t, b) in enumerate(posts)
    )
    got = entries(page(f'<div class="posts">{cards}</div>'))
    assert [(e.title, e.published) for e in got] == [(t, f"2014-01-0{i + 1}") for i, (t, _) in enumerate(posts)]
    assert got[0].raw_text.startswith("Section 0\n\nSentence 0 of section 0")


def test_one_line_excerpts_are_not_taken_for_headings() -> None:
    short = ["Notes on masks.", "我们重写了评测集", "Why drift matters"]
    cards = "".join(
        f'<li class="post"><h3><a href="/p/{i}/">{t}</a></h3><p>{s}</p></li>'
        for i, (t, s) in enumerate(zip(TITLES, short, strict=True))
    )
    got = entries(page(f"<ul>{cards}</ul>"))
    assert [(e.title, e.raw_text) for e in got] == list(zip(TITLES, short, strict=True))


def test_read_more_links_and_tag_links_are_furniture() -> None:
    tags = " ".join(
        f'<a href="/tags/{t}/">#{t}</a>' for t in ["natural-language-processing", "machine-learning", "evaluation"]
    )
    cards = "".join(
        f'<article><h2><a href="/p/{i}/">{t}</a></h2><p>{e} …</p>'
        f'<p><a href="/p/{i}/">Read more »</a></p><div class="tags">{tags}</div>'
        f'<div><a href="/categories/research-notes-and-experiments/">Research notes and experiments</a></div></article>'
        for i, (t, e) in enumerate(zip(TITLES, EXCERPTS, strict=True))
    )
    parsed = parse(page(cards))
    assert isinstance(parsed, ParsedDump)
    dump = clean_dump(parsed)
    assert [(e.body, e.is_truncated) for e in dump.entries] == [(e, True) for e in EXCERPTS]


def test_wordpress_continue_reading_and_entry_footer_are_furniture() -> None:
    cards = "".join(
        f'<article class="post"><h2 class="entry-title"><a href="/p{i}/">{t}</a></h2><div class="entry-content">'
        f'<p>{e} <a href="/p{i}/#more-{i}" class="more-link">Continue reading<span class="screen-reader-text"> '
        f'"{t}, the whole title of the post"</span> <span class="meta-nav">&rarr;</span></a></p></div>'
        f'<footer class="entry-meta">This entry was posted in <a href="/category/research/">Research</a> and tagged '
        f'<a href="/tag/nlp/">nlp</a>. Bookmark the <a href="/p{i}/">permalink</a>.</footer></article>'
        for i, (t, e) in enumerate(zip(TITLES, EXCERPTS, strict=True))
    )
    assert [e.raw_text for e in entries(page(cards))] == EXCERPTS


def test_truncation_marker_after_a_meta_line_still_marks_the_excerpt() -> None:
    cards = "".join(
        f'<article><h2><a href="/p/{i}/">{t}</a></h2><p>{e}</p><p>…</p>'
        f'<p class="meta">Date: 2024-03-0{i + 1} | Reading Time: 3 min ...</p></article>'
        for i, (t, e) in enumerate(zip(TITLES, EXCERPTS, strict=True))
    )
    parsed = parse(page(cards))
    assert isinstance(parsed, ParsedDump)
    dump = clean_dump(parsed)
    assert [(e.body, e.is_truncated, e.published) for e in dump.entries] == [
        (e, True, f"2024-03-0{i + 1}") for i, e in enumerate(EXCERPTS)
    ]


# --- 3. metadata lines -------------------------------------------------------


@pytest.mark.parametrize(
    "line",
    [
        "Posted on March 5, 2024",
        "Posted by Hux on March 5, 2024",
        "Date: 2024-03-05 | Reading Time: 3 min",
        "发表于 2024-03-05 | 分类于 技术",
        "更新于 2024-03-06",
        "阅读时长 ≈ 1 分钟",
        "本文字数： 1.2k 阅读时长 ≈ 1 分钟",
        "字数统计: 3.2k",
        "3.2k words",
        "字数 1.2k",
        "By Jane Doe",
        "作者: 张三",
        "Categories: Research, NLP",
        "March 5, 2024 · 1 min · Jane Doe",
        "posted @ 2024-03-05 10:00 BNDong 阅读(788) 评论(23) 编辑",
        "Posted 2024-03-05 Updated 2024-03-06 3 minutes read (About 496 words)",
        "发表于 2024-03-05 …",
        "Posted on 2024-03-05 ...",
        "阅读数：13",
    ],
)
def test_meta_lines_are_metadata(line: str) -> None:
    assert classify(line) == "metadata"


@pytest.mark.parametrize(
    "line",
    [
        "Published research shows that sparse attention keeps most of the accuracy of dense attention",
        "2024年3月5日，OpenAI发布了新的模型，在多个基准上刷新了纪录，引起了广泛关注。",
        "By default the model uses a cosine schedule, which we replace with a linear warmup here.",
        "Updated notes on attention masks and why they matter for long documents",
    ],
)
def test_sentences_that_open_like_meta_lines_are_kept(line: str) -> None:
    assert classify(line) is None


# --- 2. title-only listings --------------------------------------------------


def test_archive_of_titles_gives_title_only_entries() -> None:
    items = "".join(
        f'<article class="post"><header><h2 class="post-title"><a class="post-title-link" href="/2024/0{i + 1}/p{i}/">'
        f'<span>{t}</span></a></h2><time datetime="2024-0{i + 1}-1{i}T10:00:00+08:00">0{i + 1}-1{i}</time>'
        f"</header></article>"
        for i, t in enumerate(TITLES)
    )
    body = f'<div class="posts-collapse"><span>嗯..! 目前共计 3 篇日志。</span><h2>2024</h2>{items}</div>'
    got = entries(page(body))
    assert got == [
        RawEntry(line_no=i, raw_text="", title=t, url=f"/2024/0{i + 1}/p{i}/", published=f"2024-0{i + 1}-1{i}")
        for i, t in enumerate(TITLES)
    ]


def test_archive_dates_under_year_headings() -> None:
    items = "".join(
        f'<article class="archive-item"><a href="/p/{i}/" class="archive-item-link">{t}</a>'
        f'<span class="archive-item-date">0{i + 1}-0{i + 2}</span></article>'
        for i, t in enumerate(TITLES)
    )
    got = entries(page(f'<div class="page archive"><h3 class="group-title">2023</h3>{items}</div>'))
    assert [(e.title, e.raw_text, e.published) for e in got] == [
        (t, "", f"2023-0{i + 1}-0{i + 2}") for i, t in enumerate(TITLES)
    ]


def test_tag_cloud_is_not_a_title_listing() -> None:
    tags = "".join(f'<li><a href="/tags/{t}/">{t}</a></li>' for t in ["nlp", "vision", "rl", "systems"])
    result = parse(page(f'<h1>Tags</h1><ul class="tag-list">{tags}</ul>'))
    assert isinstance(result, Rejection)


# --- 4. safe fallback --------------------------------------------------------


def test_ambiguous_cards_are_rejected_not_glued_into_one_article() -> None:
    # Six post cards, then more text than they hold: the article extractor glues the excerpts
    # and that text into one "article". Neither clearly a listing nor one article.
    cards = "".join(
        f'<div class="c"><h3><a href="/p/{i}/">{t}</a></h3><p>{e}</p></div>'
        for i, (t, e) in enumerate(zip(TITLES * 2, EXCERPTS * 2, strict=True))
    )
    about = "".join(
        f"<p>Welcome paragraph sentence number {i} about this site and its many authors.</p>" for i in range(14)
    )
    result = parse(page(f"<div class='list'>{cards}</div><div>{about}</div>"))
    assert isinstance(result, Rejection)
    assert result.reason.startswith("ambiguous HTML page")


def test_short_real_post_is_an_article() -> None:
    head = '<head><title>Tiny | Lab Notes</title><meta property="og:type" content="article"></head>'
    body = (
        '<article class="post"><h1>Shipping the tokenizer fix</h1><time datetime="2024-03-05">Mar 5, 2024</time>'
        "<p>We shipped the tokenizer fix today; caches rebuild overnight.</p></article>"
    )
    got = entries(page(body, head))
    assert [(e.title, e.raw_text, e.published) for e in got] == [
        ("Shipping the tokenizer fix", "We shipped the tokenizer fix today; caches rebuild overnight.", "2024-03-05")
    ]


def test_listing_under_a_hard_coded_og_type_article_is_still_a_listing() -> None:
    head = '<head><title>Lab Notes</title><meta property="og:type" content="article"></head>'
    cards = "".join(
        f'<article class="post"><h2><a href="/p/{i}/">{t}</a></h2><p>{e}</p></article>'
        for i, (t, e) in enumerate(zip(TITLES, EXCERPTS, strict=True))
    )
    assert [e.title for e in entries(page(cards, head))] == TITLES
    # A publication time is only ever written on a post page: that page is one article.
    published = head.replace("</head>", '<meta property="article:published_time" content="2024-03-05"></head>')
    assert [(e.title, e.published) for e in entries(page(cards, published))] == [("Lab Notes", "2024-03-05")]


def test_short_post_without_metadata_is_an_article_by_its_markup() -> None:
    body = (
        "<article><h1>Tokenizer fix</h1><p class='meta'>Posted on 5 March 2024</p>"
        "<p>We shipped the tokenizer fix today; caches rebuild overnight.</p></article>"
    )
    got = entries(page(body, "<head><title>Lab Notes</title></head>"))
    assert [(e.raw_text, e.published) for e in got] == [
        ("We shipped the tokenizer fix today; caches rebuild overnight.", "2024-03-05")
    ]


def test_post_date_from_the_meta_line_under_its_title_in_the_page_header() -> None:
    head = "<head><title>Hello 2015 - Hux Blog</title></head>"
    text = " ".join(f"Sentence {i} of a real post that is long enough to be read as an article page." for i in range(6))
    body = (
        '<header class="intro-header"><h1>Hello 2015</h1><span class="meta">Posted by Hux on January 29, 2015</span>'
        f"</header><article><p>{text}</p></article>"
    )
    html_page = f'<html>{head}<body><h1><a href="/">Hux Blog</a></h1>{body}</body></html>'
    assert [(e.title, e.published) for e in entries(html_page)] == [("Hello 2015", "2015-01-29")]


def test_short_undated_page_is_still_rejected() -> None:
    result = parse(page("<h1>Not found</h1><p>Sorry, that page is gone.</p>"))
    assert isinstance(result, Rejection)


# --- 5. dates ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("shown", "iso"),
    [
        ("2024-03-05", "2024-03-05"),
        ("2024/3/5", "2024-03-05"),
        ("2024年3月5日", "2024-03-05"),
        ("Mar 5, 2024", "2024-03-05"),
        ("5 March 2024", "2024-03-05"),
        ('<time datetime="2024-03-05T08:00:00Z">yesterday</time>', "2024-03-05"),
    ],
)
def test_card_dates_in_the_usual_formats(shown: str, iso: str) -> None:
    cards = "".join(
        f'<article><h2><a href="/p/{i}/">{t}</a></h2><div class="meta">{shown}</div><p>{e}</p></article>'
        for i, (t, e) in enumerate(zip(TITLES, EXCERPTS, strict=True))
    )
    assert [e.published for e in entries(page(cards))] == [iso] * 3


@pytest.mark.parametrize(
    ("shown", "iso"),
    [
        ("二〇二四年三月五日", "2024-03-05"),
        ("发表于 二〇二四年十二月二十一日", "2024-12-21"),
        ("Sep 6, 2024", "2024-09-06"),
        ("Sept. 6, 2024", "2024-09-06"),
        ("6 September 2024", "2024-09-06"),
        ("Posted on the 6th of September 2024", "2024-09-06"),
    ],
)
def test_card_dates_in_chinese_numerals_and_english_forms(shown: str, iso: str) -> None:
    cards = "".join(
        f'<article><h2><a href="/p/{i}/">{t}</a></h2><div class="meta">{shown}</div><p>{e}</p></article>'
        for i, (t, e) in enumerate(zip(TITLES, EXCERPTS, strict=True))
    )
    got = entries(page(cards))
    assert [(e.published, e.raw_text) for e in got] == [(iso, e) for e in EXCERPTS]


def test_shown_date_beats_a_utc_datetime_a_day_off() -> None:
    # Themes write `datetime` in UTC; the reader saw the local date, one day later.
    cards = "".join(
        f'<article><h2><a href="/p/{i}/">{t}</a></h2><time datetime="2024-03-0{i + 1}T23:30:00.000Z">'
        f"2024-03-0{i + 2}</time><p>{e}</p></article>"
        for i, (t, e) in enumerate(zip(TITLES, EXCERPTS, strict=True))
    )
    assert [e.published for e in entries(page(cards))] == ["2024-03-02", "2024-03-03", "2024-03-04"]


def test_month_and_day_take_the_year_of_a_dated_post_url() -> None:
    items = "".join(
        f'<li class="item"><a href="/2020/0{i + 7}/0{i + 2}/p{i}/">{t}</a> <span class="date">{i + 7} 月 {i + 2} 日</span>'
        f"</li>"
        for i, t in enumerate(TITLES)
    )
    got = entries(page(f'<ul class="archive">{items}</ul>'))
    assert [(e.title, e.published) for e in got] == [(t, f"2020-0{i + 7}-0{i + 2}") for i, t in enumerate(TITLES)]


def test_month_and_day_under_a_chinese_numeral_year_heading() -> None:
    days = ["九月六日", "八月十四日", "七月三十一日"]
    items = "".join(
        f'<li class="item"><a href="/tech/p{i}/">{t}</a> <span class="date">{d}</span></li>'
        for i, (t, d) in enumerate(zip(TITLES, days, strict=True))
    )
    got = entries(page(f'<div class="archive"><h2 class="year">二〇二三</h2><ul>{items}</ul></div>'))
    assert [(e.raw_text, e.published) for e in got] == [("", "2023-09-06"), ("", "2023-08-14"), ("", "2023-07-31")]


def test_month_and_day_without_any_year_is_no_date() -> None:
    items = "".join(
        f'<li class="item"><a href="/tech/p{i}/">{t}</a> <span class="date">9月{i + 1}日</span></li>'
        for i, t in enumerate(TITLES)
    )
    got = entries(page(f'<ul class="archive">{items}</ul>'))
    assert [(e.title, e.published) for e in got] == [(t, None) for t in TITLES]


@pytest.mark.parametrize(
    "line", ["二〇二〇年九月六日", "九月六日", "发表于 二〇二〇年九月六日", "6th of September 2020"]
)
def test_chinese_numeral_and_spelled_dates_are_metadata_lines(line: str) -> None:
    assert classify(line) == "metadata"


# --- 6. markup first met on held-out themes ------------------------------------


def test_boxed_title_headings_beside_boxed_excerpts_are_cards() -> None:
    # No element per post: a header box holding the linked title, then a content box, as siblings.
    toc = "".join(f'<li><a href="#s{i}">{t}</a></li>' for i, t in enumerate(TITLES))
    runs = "".join(
        f'<div class="entry-header"><h2 class="entry-title" id="s{i}"><a href="/p{i}/">{t}</a></h2></div>'
        f'<div class="post-inner"><div class="entry-content"><p>{e}</p><p>{e[:30]}.</p></div></div>'
        f'<div class="spacer"></div>'
        for i, (t, e) in enumerate(zip(TITLES, EXCERPTS, strict=True))
    )
    got = entries(page(f'<div class="toc"><ul>{toc}</ul></div><div class="archive">{runs}</div>'))
    assert [(e.title, e.url, e.raw_text) for e in got] == [
        (t, f"/p{i}/", f"{e}\n\n{e[:30]}.") for i, (t, e) in enumerate(zip(TITLES, EXCERPTS, strict=True))
    ]


def test_story_boxes_between_an_articles_own_paragraphs_leave_it_one_article() -> None:
    head = '<head><title>Rescue video released</title><meta property="og:type" content="article"></head>'
    paragraphs = [
        f"Paragraph {i} of the report tells what the officers found at the hotel that night." for i in range(8)
    ]
    body = "".join(
        f"<p>{p}</p>" + (f'<div class="embedded"><h3><a href="/news/other-{i}/">{TITLES[i % 3]}</a></h3></div>')
        for i, p in enumerate(paragraphs)
    )
    got = entries(page(f'<div class="article-text">{body}</div>', head))
    assert len(got) == 1
    assert got[0].raw_text.startswith("Paragraph 0 of the report")


def test_marked_article_body_ends_the_card_body() -> None:
    # Notes printed after the post's marked body (schema.org articleBody, microformats e-content) are not the post.
    for marked in ('itemprop="articleBody"', 'class="e-content"'):
        cards = "".join(
            f'<div class="post"><h1><a href="/p/{i}/">{t}</a></h1><span {marked}><p>{e}</p></span>'
            f'<p><small class="note"><strong>Update 1:</strong> a reader spotted a typo, now fixed.</small></p></div>'
            for i, (t, e) in enumerate(zip(TITLES, EXCERPTS, strict=True))
        )
        assert [e.raw_text for e in entries(page(f'<div class="posts">{cards}</div>'))] == EXCERPTS


def test_recent_posts_widget_beside_a_tag_cloud_is_not_a_listing() -> None:
    tags = "".join(f'<a class="tag" href="/tags/{t}/">{t} <span>{n}</span></a>' for n, t in enumerate(["nlp", "rl"]))
    recent = "".join(
        f'<article class="media"><p class="date"><time datetime="2024-03-0{i + 1}">2024-03-0{i + 1}</time></p>'
        f'<p class="title"><a href="/2024/03/0{i + 1}/p{i}/">{t}</a></p></article>'
        for i, t in enumerate(TITLES)
    )
    body = (
        f'<div class="column-main"><div class="card widget"><h3 class="menu-label">Tags</h3>{tags}</div></div>'
        f'<div class="column-left"><div class="card widget"><h3 class="menu-label">Recent</h3>{recent}</div></div>'
    )
    assert isinstance(parse(page(body)), Rejection)


def test_archive_split_into_year_boxes_gives_every_entry() -> None:
    def item(i: int) -> str:
        return (
            f'<article class="media"><p class="date"><time>202{4 - i // 2}-03-0{i + 1}</time></p>'
            f'<p class="title"><a href="/p{i}/">{(TITLES * 2)[i]} part {i}</a></p></article>'
        )

    years = "".join(
        f'<div class="card"><h3 class="tag">202{4 - y}</h3><div class="timeline">{item(2 * y)}{item(2 * y + 1)}</div></div>'
        for y in range(3)
    )
    got = entries(page(f'<div class="column-main">{years}</div>'))
    assert [e.url for e in got] == [f"/p{i}/" for i in range(6)]
    assert [e.published for e in got][:3] == ["2024-03-01", "2024-03-02", "2023-03-03"]


def test_dated_title_list_below_a_home_page_introduction_is_a_title_listing() -> None:
    about = (
        "<p>Welcome, my name is Ada and I am a software engineer living by the sea. I build quality software, "
        "read a lot, and write here about machine learning systems and the tools I use to build them.</p>"
    )
    items = "".join(
        f'<li class="post-item"><div class="meta"><time datetime="2024-03-0{i + 1}">2024-03-0{i + 1}</time></div>'
        f'<span><a href="/2024/03/0{i + 1}/p{i}/">{t}</a></span></li>'
        for i, t in enumerate(TITLES)
    )
    body = f'<section id="about">{about}</section><section id="writing"><ul class="post-list">{items}</ul></section>'
    got = entries(page(body))
    assert [(e.title, e.raw_text, e.published) for e in got] == [
        (t, "", f"2024-03-0{i + 1}") for i, t in enumerate(TITLES)
    ]


def test_post_with_a_dated_list_of_other_posts_stays_an_article() -> None:
    head = "<head><title>Sparse attention at scale | Lab Notes</title></head>"
    text = "".join(f"<p>{e}. {e[::-1]}.</p>" for e in EXCERPTS)
    items = "".join(
        f'<li class="post-item"><time datetime="2024-02-0{i + 1}">2024-02-0{i + 1}</time> '
        f'<a href="/2024/02/0{i + 1}/q{i}/">Older post number {i} on evaluation</a></li>'
        for i in range(3)
    )
    body = f"<h1>Sparse attention at scale</h1>{text}<h2>Earlier</h2><ul class='post-list'>{items}</ul>"
    got = entries(page(body, head))
    assert [e.title for e in got] == ["Sparse attention at scale"]


def test_more_list_of_bare_title_headings_continues_the_listing() -> None:
    cards = "".join(
        f'<div class="summary"><article><h1><a href="/p/{i}/">{t}</a></h1><div>{e}</div>'
        f'<a href="/p/{i}/">read more</a></article></div>'
        for i, (t, e) in enumerate(zip(TITLES, EXCERPTS, strict=True))
    )
    more = "".join(f'<h2 class="more-item"><a href="/old/{i}/">Older post number {i}</a></h2>' for i in range(4))
    body = (
        f'<div class="page"><section class="recent">{cards}</section>'
        f'<section class="older"><h1>More</h1>{more}<a href="/posts/">All Posts</a></section></div>'
    )
    got = entries(page(body))
    assert [(e.title, e.raw_text) for e in got] == [
        *zip(TITLES, EXCERPTS, strict=True),
        *((f"Older post number {i}", "") for i in range(4)),
    ]


def test_a_profile_box_after_the_listing_is_no_continuation() -> None:
    cards = "".join(
        f'<article class="index-post"><h2><a href="/p/{i}/">{t}</a></h2><div class="abstract">{e}</div></article>'
        for i, (t, e) in enumerate(zip(TITLES, EXCERPTS, strict=True))
    )
    profile = (
        '<div class="profile"><div class="friends"><a href="//example.com/">Friend of the blog</a></div>'
        '<div class="about-me"><a href="/about">About me and this blog</a></div></div>'
    )
    got = entries(page(f'<div class="wrap"><div class="posts">{cards}</div>{profile}</div>'))
    assert [e.title for e in got] == TITLES


def test_whole_posts_whose_cards_carry_per_post_classes_are_one_feed() -> None:
    # WordPress writes post-ID and category-/tag- classes on every card: the feed is the classes they share.
    long_post = "".join(f"<p>{e} {e[::-1]}.</p>" for e in EXCERPTS * 4)
    bodies = [long_post, f"<p>{EXCERPTS[1]}</p>", f"<p>{EXCERPTS[2]}</p>"]
    cards = "".join(
        f'<article id="post-{10 + i}" class="post-{10 + i} post type-post status-publish hentry category-{c}">'
        f'<header class="entry-header"><h2 class="entry-title"><a href="/2024/03/0{i + 1}/p{i}/" rel="bookmark">{t}</a>'
        f'</h2></header><div class="entry-content">{b}</div></article>'
        for i, (t, b, c) in enumerate(zip(TITLES, bodies, ["news", "notes", "research"], strict=True))
    )
    got = entries(page(f'<div class="site-main">{cards}</div>'))
    assert [e.title for e in got] == TITLES
    assert got[1].raw_text == EXCERPTS[1]


def test_posts_under_an_archives_path_with_an_id_are_posts_not_archive_links() -> None:
    # Typecho and old WordPress permalinks: /archives/12/ is a post; /archives/2024/03/ is an archive.
    cards = "".join(
        f'<article class="post"><h2 class="post-title"><a href="/archives/{i + 12}/">{t}</a></h2>'
        f'<ul class="post-meta"><li>时间: <time datetime="2024-03-0{i + 1}">2024-03-0{i + 1}</time></li>'
        f'<li>分类: <a href="/archives/2024/03/">2024年3月</a></li></ul>'
        f'<div class="post-content"><p>{e}</p><p class="more"><a href="/archives/{i + 12}/">- 阅读剩余部分 -</a></p></div></article>'
        for i, (t, e) in enumerate(zip(TITLES, EXCERPTS, strict=True))
    )
    got = entries(page(cards))
    assert [(e.url, e.raw_text) for e in got] == [(f"/archives/{i + 12}/", e) for i, e in enumerate(EXCERPTS)]


def test_class_less_archive_items_split_into_one_list_per_year_are_all_read() -> None:
    def year(y: int, items: range) -> str:
        lis = "".join(
            f'<li><span class="day">0{i + 1}</span><span class="month">Mar</span><a href="/posts/p{i}/">{(TITLES * 2)[i]} {i}</a></li>'
            for i in items
        )
        return f'<time class="year">{y}</time><ul class="list-unstyled">{lis}</ul>'

    body = f'<div id="archives">{year(2024, range(3))}{year(2023, range(3, 4))}</div>'
    got = entries(page(body))
    assert [e.url for e in got] == [f"/posts/p{i}/" for i in range(4)]
    assert [e.published for e in got] == ["2024-03-01", "2024-03-02", "2024-03-03", "2023-03-04"]


# --- held-out set 2: structures the detector missed ----------------------------


def _menu_column(inner: str) -> str:
    """A page whose only content column is named like chrome ("menu-l", a left column), between header and footer."""
    nav = '<header><h1><a href="/">Lab Notes</a></h1><nav><a href="/tags/">Tags</a></nav></header>'
    return (
        f"<html>{SITE}<body>{nav}<div class='wrapper'><div class='menu-l'><div class='content'>{inner}</div></div></div>"
        "<footer>© Lab Notes</footer></body></html>"
    )


def test_a_layout_column_named_like_a_menu_holding_every_post_is_content() -> None:
    cards = "".join(
        f'<article class="article"><header><h1><a href="/posts/{i}/">{t}</a></h1>'
        f'<a href="/posts/{i}/"><time datetime="2024-03-0{i + 1}">2024-03-0{i + 1}</time></a></header>'
        f'<div class="article-entry"><p>{e}</p></div><aside class="op"><a href="javascript:void(0)">top</a></aside></article>'
        for i, (t, e) in enumerate(zip(TITLES, EXCERPTS, strict=True))
    )
    got = entries(_menu_column(cards))
    assert [(e.title, e.raw_text, e.published) for e in got] == [
        (t, e, f"2024-03-0{i + 1}") for i, (t, e) in enumerate(zip(TITLES, EXCERPTS, strict=True))
    ]
    archive = "".join(
        f'<article class="archive-article"><div class="meta"><time>2024-03-0{i + 1}</time></div>'
        f'<h1><a href="/posts/{i}/">{t}</a></h1></article>'
        for i, t in enumerate(TITLES)
    )
    assert [(e.title, e.raw_text) for e in entries(_menu_column(archive))] == [(t, "") for t in TITLES]


def test_a_widget_beside_a_lone_404_message_stays_chrome() -> None:
    # The column rule needs the element to hold every line of the page: a message beside it keeps it chrome.
    recent = "".join(
        f'<article><p class="date"><time>2024-03-0{i + 1}</time></p><p><a href="/posts/{i}/">{t}</a></p></article>'
        for i, t in enumerate(TITLES)
    )
    body = f"<div class='content'><p>Not found.</p></div><div class='card widget'>{recent}</div>"
    assert isinstance(parse(f"<html>{SITE}<body>{body}</body></html>"), Rejection)


@pytest.mark.parametrize(
    "line",
    [
        "less than 1 minute read",
        "June 06, 2018\u2003 less than 1 minute read",
        "3 min read",
        "about 4 minutes to read",
        "Estimated reading time: 4 minutes",
        "阅读时长 5 分钟",
        "阅读时长: 5 分钟",
        "约 5 分钟",
        "预计阅读时间 5 分钟",
        "不到 1 分钟",
        "2026/07/04 GO, 规则",
    ],
)
def test_reading_times_in_any_form_are_metadata(line: str) -> None:
    assert classify(line) == "metadata"


@pytest.mark.parametrize(
    "line",
    [
        "Less than a minute of reading is all this sentence needs, as the intro explains.",
        "Under 5 minutes you can fine-tune this small model on a laptop, which surprised us.",
        "2026/07/04 we shipped the new tokenizer to every region, and caches rebuilt overnight.",
    ],
)
def test_sentences_about_minutes_are_kept(line: str) -> None:
    assert classify(line) is None


def test_reading_time_and_category_names_after_a_slashed_date_stay_out_of_card_bodies() -> None:
    cards = "".join(
        f'<article class="card"><a href="/p/{i}/"><h2>{t}</h2><p>{e}</p>'
        f'<div class="meta"><i class="icon"></i><time>2024/03/0{i + 1}</time> <span class="cats">Research, NLP</span>'
        f'</div></a><p class="meta"><time>March 0{i + 1}, 2024</time>\u2003 less than 1 minute read</p></article>'
        for i, (t, e) in enumerate(zip(TITLES, EXCERPTS, strict=True))
    )
    got = entries(page(f'<div class="feed">{cards}</div>'))
    assert [(e.title, e.raw_text, e.published) for e in got] == [
        (t, e, f"2024-03-0{i + 1}") for i, (t, e) in enumerate(zip(TITLES, EXCERPTS, strict=True))
    ]


DECLARED = (
    '<head><title>Hello | Lab Notes</title><meta property="og:type" content="article">'
    '<meta property="article:published_time" content="2024-03-05T08:00:00Z"></head>'
)


def test_a_one_sentence_declared_post_is_an_article_without_its_tag_badges() -> None:
    body = (
        '<article class="post"><h1>Hello</h1><div class="entry"><p>My first post.</p></div>'
        '<div class="info"><ul><li><a href="javascript:void(0)">nlp</a></li></ul>'
        '<ul><li><a href="/categories/notes/">Notes</a></li></ul></div></article>'
    )
    got = entries(page(body, DECLARED))
    assert [(e.title, e.raw_text, e.published) for e in got] == [("Hello", "My first post.", "2024-03-05")]


def test_a_short_link_post_keeps_its_link_line() -> None:
    body = (
        '<article class="post"><h1>Hello</h1><p><a href="https://example.org/papers/sparse">A paper worth reading</a></p>'
        '<p><a href="/tags/nlp/">nlp</a></p></article>'
    )
    assert [e.raw_text for e in entries(page(body, DECLARED))] == ["A paper worth reading"]


def test_a_one_sentence_page_that_declares_no_post_is_still_rejected() -> None:
    assert isinstance(parse(page('<article class="post"><h1>Hello</h1><p>My first post.</p></article>')), Rejection)


def test_a_category_listing_one_dated_post_gives_that_entry() -> None:
    item = '<li class="row"><a href="/2024/03/sparse/">Sparse attention at scale</a> <time>2024/03/05</time></li>'
    body = f'<article><div id="category"><h1>Research <span>1</span></h1><ul class="list">{item}</ul></div></article>'
    got = entries(page(body))
    assert [(e.title, e.url, e.raw_text, e.published) for e in got] == [
        ("Sparse attention at scale", "/2024/03/sparse/", "", "2024-03-05")
    ]


def test_one_dated_link_beside_a_short_post_or_a_404_message_is_no_listing() -> None:
    item = '<ul><li><a href="/2024/03/sparse/">Sparse attention at scale</a> <time>2024/03/05</time></li></ul>'
    for own in ("<p>Sorry, that page is gone.</p>", "<p>Short note.</p>"):
        result = parse(page(f"<div><h2>Oops</h2>{own}{item}</div>"))
        assert isinstance(result, Rejection), result
    # An undated link is no post entry either.
    result = parse(page('<h1>Research</h1><ul><li><a href="/2024/03/sparse/">Sparse attention</a></li></ul>'))
    assert isinstance(result, Rejection)


def _home_with_one_post(href: str) -> str:
    text = "".join(f"<p>{e}. {e[::-1]}.</p>" for e in EXCERPTS)
    post = (
        f'<article class="post"><h2 class="post-title"><a href="{href}">Sparse attention at scale</a></h2>'
        '<ul class="post-meta"><li>Posted: <time datetime="2024-03-05 10:00">March 5, 2024</time></li></ul>'
        f'<div class="post-content">{text}</div></article>'
    )
    sidebar = (
        f'<div class="sidebar"><h3>Recent</h3><ul><li><a href="{href}">Sparse attention at scale</a></li></ul></div>'
    )
    header = '<header><a id="logo" href="https://notes.example/">Lab Notes</a></header>'
    return (
        f"<html><head><title>Lab Notes</title></head><body>{header}<div id='main'>{post}</div>{sidebar}</body></html>"
    )


def test_a_home_page_holding_one_whole_post_is_named_by_that_post_not_the_site() -> None:
    got = entries(_home_with_one_post("https://notes.example/1.html"))
    assert [(e.title, e.url, e.published) for e in got] == [
        ("Sparse attention at scale", "https://notes.example/1.html", "2024-03-05")
    ]
    assert got[0].raw_text.startswith(EXCERPTS[0])


def test_a_link_post_whose_title_leads_to_another_site_keeps_the_pages_name() -> None:
    got = entries(_home_with_one_post("https://elsewhere.example/paper"))
    assert [(e.title, e.url) for e in got] == [("Lab Notes", None)]
