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

NEWBMIAO = "NewbMiao/newbmiao.github.io@15ca6ce19433053c064128f64640c61059abc0fe"
LANDSCAPE_FURNITURE = (
    "菜鸟Miao",
    "start from a newb...",
    "小玩意",
    "书单",
    "标签云",
    "友情链接",
    "Landscape-plus",
    "devops",
)
AURORAOL = "Auroraol/Auroraol.github.io@040e38e5fd680af514d67639f6f9126ae265647b"
CHIRPY_CHROME = (
    "head, sidebar, top bar and footer as on that commit's _site/index.html (the page's own head was not read; "
    "title and canonical set to this page's), blank template lines and the inline scripts removed"
)
CHIRPY_FURNITURE = ("叹隙中骑，石中火，梦中身。", "首页", "归档", "工具", "取消", "发现新版本的内容。", "lfj")
LIUYIB = "liuyib/liuyib.github.io@01dbb3ce6c9f53856d38b9dc612d50ccaab7981e"
STUN_FURNITURE = (
    "Liuyib's Blog",
    "write code and love life",
    "发表于",
    "更新于",
    "字数统计",
    "阅读时长",
    "阅读全文",
    "相册",
    "友链",
    "liuyib. All Rights Reserved.",
    "主题 - stun",
)
LORENANDA = "lorenanda/lorenanda.github.io"
BJ_FURNITURE = ("Posted on", "Tags:", "Lorena Ciutacu", "About", "Blog")

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
    "holdout2/typecho-default/home-one-post": Page(
        theme="typecho-default",
        kind="listing",
        lang="zh",
        source="saved home page of lamp.sh (Typecho 1.0, default theme) in the public code index, file id 25712601834; "
        "real output, the AdSense widget dropped: the home list holds a single post shown whole (no <!--more-->), "
        "so the page looks like an article but is the index; meta line 发布于/更新于/分类/次围观/条评论, sidebar "
        "repeats the title under 最新文章",
        entry="div#main article.post",
        title="h2.post-title a",
        date="time[itemprop=datePublished]",
        excerpt="div.post-content",
        furniture=(
            "发布于:",
            "更新于:",
            "次围观",
            "条评论",
            "最新文章",
            "最近回复",
            "友情链接",
            "常见问题",
            "免费证书",
        ),
    ),
    "holdout2/typecho-default/404": Page(
        theme="typecho-default",
        kind="reject",
        lang="zh",
        source="Typecho 1.2 default-theme 404 page as served by a local install (http://127.0.0.1/), kept verbatim "
        "as a string inside a CTF plugin's PHP file in the public code index, file id 44138715578; the HTML string was "
        "cut out of the PHP unchanged",
        furniture=("Hello World", "Just So So ...", "404 - 页面没找到", "你想查看的页面已被转移或删除了", "搜索"),
    ),
    "holdout2/hexo-landscape/archives": Page(
        theme="hexo-landscape",
        kind="titles",
        lang="zh",
        source=f"{NEWBMIAO}:archives/index.html (real output; same chrome as the index fixture: tag cloud and archive "
        "widgets shortened the same way, share/Swiftype scripts dropped); year headings with '1月 18' style dates, "
        "first archive page of 10 posts, the sidebar's 近期文章 widget repeats five of them",
        entry="section.archives-wrap article.archive-article",
        title="a.archive-article-title",
        date="time",
        year_from="a.archive-year",
        furniture=(*LANDSCAPE_FURNITURE, "近期文章"),
    ),
    "holdout2/jekyll-chirpy/category-poetry": Page(
        theme="jekyll-chirpy",
        kind="titles",
        lang="zh",
        source=f"{AURORAOL}:_site/categories/诗词/index.html (real output; {CHIRPY_CHROME}): a category page "
        "listing one post with its date, and a 最近更新 panel listing five other posts in the same page",
        entry="div#page-category ul.content li",
        title="a",
        date="time",
        furniture=(*CHIRPY_FURNITURE, "最近更新", "分类"),
    ),
    "holdout2/jekyll-chirpy/404": Page(
        theme="jekyll-chirpy",
        kind="reject",
        lang="zh",
        source=f"{AURORAOL}:_site/404.html (real output; {CHIRPY_CHROME}): a one-line 404 message next to the "
        "最近更新 panel of five post links",
        furniture=(*CHIRPY_FURNITURE, "最近更新", "404: Page not found"),
    ),
    "holdout2/jekyll-chirpy/post-requirements": Page(
        theme="jekyll-chirpy",
        kind="article",
        lang="zh",
        source=f"{AURORAOL}:_site/k8s/requirements/index.html (real output; {CHIRPY_CHROME}; the giscus comment "
        "script after the post navigation not read): a short post (about 110 characters) made mostly of two code "
        "blocks with line-number gutters, 发表于/更新于/作者 meta, then a 相关文章 block of two cards with their own "
        "excerpts and dates, and previous/next buttons",
        entry="main article.px-1",
        title="h1",
        url_override=("http://localhost:4000/k8s/requirements/",),
        date="time",
        excerpt="div.content",
        furniture=(*CHIRPY_FURNITURE, "最近更新", "相关文章", "文章内容", "分享", "k8s拉取镜像策略", "traefik ingress"),
    ),
    "holdout2/hexo-stun/index": Page(
        theme="hexo-stun",
        kind="listing",
        lang="zh",
        source=f"{LIUYIB}:index.html (real Hexo 3.9 + Stun 1.5.3 output, minified; the analytics scripts and the "
        "inline search/pjax/gitalk scripts at the end dropped): four cards, the first a pinned 'link post' whose "
        "title links off-site and which shows no date, cover images before three excerpts, "
        "发表于/更新于/字数统计/阅读时长 meta, 阅读全文 » after each excerpt; no canonical",
        entry="section.post-list article.post",
        title="a.post-header-title__a",
        date="span.post-header-meta-create",
        excerpt="div.post-body-excerpt",
        furniture=STUN_FURNITURE,
    ),
    "holdout2/hexo-stun/archives": Page(
        theme="hexo-stun",
        kind="titles",
        lang="zh",
        source=f"{LIUYIB}:archives/index.html (real output; head as on the index fixture, whose own head was not "
        "read, end scripts dropped the same way): a timeline with one year heading and MM-DD dates; the pinned link "
        "post comes first with an older date",
        entry="section.post-timeline article.post-timeline-item",
        title="a.post-timeline-item-title__a",
        date="time.post-timeline-item__time",
        year_from="section.post-timeline > time.year",
        furniture=(*STUN_FURNITURE[:2], "目前共计 4 篇文章，继续加油！", "相册", "友链", "主题 - stun"),
    ),
    "holdout2/jekyll-beautiful/blog": Page(
        theme="jekyll-beautiful",
        kind="titles",
        lang="en",
        source=f"{LORENANDA}@00332872ad2ff25ff62130cdf996d738fd6c8e67:_site/blog/index.html (real Jekyll + Beautiful "
        "Jekyll 5.0 output committed in _site/; the 20 KB inline search index script dropped, 7 of 114 entries "
        "kept (the first six and the last), the page's head rebuilt from _site/index.html of the same commit with "
        "this page's title and canonical): previews without excerpts, 'Posted on 10 July 2022' and tag links under "
        "each title, one entry with a subtitle inside the title link",
        entry="div.posts-list article.post-preview",
        title="h2.post-title",
        date="p.post-meta",
        furniture=(*BJ_FURNITURE, "BLOG", "Search"),
    ),
    "holdout2/jekyll-beautiful/404": Page(
        theme="jekyll-beautiful",
        kind="reject",
        lang="en",
        source=f"{LORENANDA}@036ba46f659b877f63994b8def34d0d81446e2b5:_site/404.html (real output; the first 2.4 KB "
        "of the head were not read and are rebuilt from the same site's post pages; footer links shortened): a "
        "404 heading and a PayPal donate form",
        furniture=("Oops, page not found (404)", "Lorena Ciutacu", "About", "Work", "Blog"),
    ),
    "holdout2/jekyll-beautiful/post-wad-diversity": Page(
        theme="jekyll-beautiful",
        kind="article",
        lang="en",
        source=f"{LORENANDA}@036ba46f659b877f63994b8def34d0d81446e2b5:_site/2020-05-25-wad-diversity-it/index.html "
        "(real output; the first 1.5 KB of the head not read and rebuilt like the 404 fixture, the Disqus loader "
        "script and two footer links dropped): title, subtitle and 'Posted on May 25, 2020' in a header outside "
        "the article element, tags, share buttons and previous/next post titles after it",
        entry="body",
        title="div.post-heading h1",
        url_override=("http://localhost:4000/2020-05-25-wad-diversity-it/",),
        date="span.post-meta",
        excerpt="article.blog-post",
        furniture=(
            "Posted on",
            "Tags:",
            "Share:",
            "10 data science books to read during lockdown",
            "The Pitfalls of Deep Learning",
            "Lorena Ciutacu",
        ),
    ),
    "holdout2/ghost-casper/home": Page(
        theme="ghost-casper",
        kind="listing",
        lang="en",
        source="saved home page of culttt.com (Ghost 1.21, Casper 2) in the public code index, file id 25407561966; "
        "real output, 8 of 15 cards kept (the first seven and the last), the ghost-sdk init script dropped: each card "
        "is one link around title and a 33-word excerpt cut mid-sentence without an ellipsis, the author line after "
        "it, no dates; the site name also occurs inside one excerpt",
        entry="div.post-feed article.post-card",
        title="h2.post-card-title",
        link="a.post-card-content-link",
        excerpt="section.post-card-excerpt",
        furniture=("Articles on business, technology and the Internet", "Philip Brown", "Latest Posts"),
    ),
}
