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
    "holdout2/hexo-landscape/index": Page(
        theme="hexo-landscape",
        kind="listing",
        lang="zh",
        source="NewbMiao/newbmiao.github.io@15ca6ce19433053c064128f64640c61059abc0fe:index.html (real Hexo 3.9 output "
        "of Landscape-plus, a fork of Landscape keeping its article/article-meta/article-entry markup; minified by "
        "hexo-neat). Trimmed: the first 4 of 10 posts kept, the pagination and the 最新文章 widget that followed them "
        "were not read and are absent, the tag cloud and archive widgets shortened, the Baidu share and Swiftype "
        "scripts dropped. Date and category above the title, a 'Read More' paragraph inside the body element, "
        "share/tags/最近更新 footer after it",
        entry="section#main article.article",
        title="a.article-title",
        date="time[itemprop=datePublished]",
        excerpt="div.article-entry",
        drop=("p.article-more-link",),
        furniture=(
            "菜鸟Miao",
            "start from a newb...",
            "分享到",
            "最近更新",
            "Read More",
            "小玩意",
            "书单",
            "标签云",
            "友情链接",
            "Landscape-plus",
            "devops",
        ),
    ),
    "holdout2/jekyll-minimal-mistakes/home": Page(
        theme="jekyll-minimal-mistakes",
        kind="listing",
        lang="en",
        source="saved home page of awakened1712.github.io (Jekyll, Minimal Mistakes 4.11.1) in the public code index, "
        "file id 12137042125 (stored inside a Markdown code fence, fence removed); real output, runs of blank template "
        "lines collapsed and the Google Analytics snippet dropped; five cards whose excerpts are cut by the theme at "
        "160 characters with '...', date and reading time above the excerpt, author sidebar before the list",
        entry="div.archive div.list__item article.archive__item",
        title="h2.archive__item-title a",
        date="time",
        excerpt="p.archive__item-excerpt",
        furniture=(
            "Awakened",
            "a technologist and an information security enthusiast",
            "Recent Posts",
            "less than 1 minute read",
            "Singapore",
            "Programming",
            "Hacking",
            "Minimal Mistakes",
        ),
    ),
    "holdout2/jekyll-chirpy/index": Page(
        theme="jekyll-chirpy",
        kind="listing",
        lang="zh",
        source="Auroraol/Auroraol.github.io@040e38e5fd680af514d67639f6f9126ae265647b:_site/index.html (real Jekyll "
        "4.3 + Chirpy output committed in _site/; site title is a zero-width space, canonical is localhost:4000). "
        "Trimmed: 6 of 10 cards kept, the pagination and the right panel (whose widgets the owner commented out) "
        "dropped, the inline mode-toggle/search scripts and long runs of blank template lines removed. Each card is "
        "one link holding title, a plain-text excerpt cut with '...', date and categories",
        entry="div#post-list article.card-wrapper",
        title="h1.card-title",
        date="time",
        excerpt="div.card-text",
        furniture=("叹隙中骑，石中火，梦中身。", "首页", "归档", "工具", "取消", "发现新版本的内容。", "lfj", "赏析"),
    ),
}
