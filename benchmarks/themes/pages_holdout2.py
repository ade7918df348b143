"""Selectors for the second held-out theme set (``holdout2/``), keyed "holdout2/theme/page".

Why a separate module: holdout2 was built after the first holdout set had been used for tuning, so its
pages and selectors stay apart from the ones a detector author may have read; ``pages.py`` merges them into
``PAGES`` so one labeller and one fixture test cover every set.
"""

from __future__ import annotations

from benchmarks.themes.label import Page

BEENLI = "BeenLi/BeenLi.github.io@d3ac83d5c986b630c44efbf3e43753f3a72ecac9"
YILIA_TRIM = (
    "the 120 KB webpack bundle inline at the end of the body and the hidden slider that it fills are dropped, "
    "blank template lines in the mobile header collapsed"
)
YILIA_FURNITURE = (
    "Wan Li",
    "趁还年轻, 多折腾几下",
    "所有文章",
    "关于我",
    "展开全文 >>",
    "Data Structure",
    "Digital IC",
    "verilog",
    "Yilia by Litten",
)

TYPECHO_FURNITURE = (
    "贝叶书",
    "Let's have another cup of coffee.",
    "作者:",
    "时间:",
    "分类:",
    "条评论",
    "- 阅读剩余部分 -",
    "职业生涯",
    "最新文章",
    "最近回复",
    "后一页",
    "友情链接",
    "Powered by Typecho",
)

HOLDOUT2_PAGES: dict[str, Page] = {
    "holdout2/typecho-default/index": Page(
        theme="typecho-default",
        kind="listing",
        lang="zh",
        source="saved home page of bayescafe.com (Typecho 1.0, default theme) in the public code index, file id "
        "25484285891; real output, the Baidu/AdSense scripts in the head dropped and the 最近回复 widget cut to 5 of "
        "10 items; five posts with excerpts cut at <!--more--> (headings inside), '- 阅读剩余部分 -' link inside the "
        "body element, dates as 'March 5, 2018', absolute links and no canonical",
        entry="div#main article.post",
        title="h2.post-title a",
        date="time",
        excerpt="div.post-content",
        drop=("p.more",),
        furniture=TYPECHO_FURNITURE,
    ),
    "holdout2/hexo-yilia/index": Page(
        theme="hexo-yilia",
        kind="listing",
        lang="zh",
        source=f"{BEENLI}:index.html (real Hexo 4.2 + Yilia output; {YILIA_TRIM}); three posts: an excerpt made "
        "only of two headings with an inline 'more >>' link, a whole one-line post, and an empty post, each followed "
        "by tag/category badges and a 展开全文 >> link",
        entry="div#js-content article.article",
        title="a.article-title",
        date="time",
        excerpt="div.article-entry",
        drop=("a.article-more-a",),
        furniture=YILIA_FURNITURE,
    ),
    "holdout2/hexo-yilia/archives": Page(
        theme="hexo-yilia",
        kind="titles",
        lang="zh",
        source=f"{BEENLI}:archives/index.html (real output; {YILIA_TRIM}): one year block, three entries with the "
        "date above the title and tag/category badges after it",
        entry="section.archives-wrap article.archive-article",
        title="a.archive-article-title",
        date="time",
        furniture=YILIA_FURNITURE,
    ),
    "holdout2/hexo-yilia/post-testbench": Page(
        theme="hexo-yilia",
        kind="article",
        lang="zh",
        source=f"{BEENLI}:posts/bc753b52/index.html (real output; {YILIA_TRIM}, the Changyan comment config script "
        "dropped): a one-sentence post (11 characters) with an unlinked title, tag/category badges, share icons, "
        "the WeChat share box and newer/older post titles",
        entry="div#js-content article.article",
        title="h1.article-title",
        link="a.archive-article-date",
        date="time",
        excerpt="div.article-entry",
        furniture=(*YILIA_FURNITURE, "扫一扫，分享到微信", "单链表翻转"),
    ),
}
