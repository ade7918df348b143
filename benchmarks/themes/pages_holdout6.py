"""Selectors for the sixth held-out theme set (``holdout6/``), keyed "holdout6/theme/page".

Why a separate module: holdout6 was built while the earlier sets had all been used for tuning, so that the next
measurement still runs on themes nobody has seen. Its themes come from families no other set holds. Its labels come
only from the hand-written selectors below (the detector was never run on these pages while building them);
``pages.py`` merges them into ``PAGES`` so the same labeller and fixture test cover every set.
"""

from __future__ import annotations

from benchmarks.themes.label import Page

IJUNJIE = "ijunjie/ijunjie.github.io"
JANE_TRIM = "blank template lines collapsed, IE shims, favicons and the jQuery integrity hashes dropped"
JANE_FURNITURE = (
    "Wang Junjie",
    "Home",
    "Archives",
    "Tags",
    "Categories",
    "Powered by",
    "Theme - Jane",
)

KHIGHL = "Khighl/Khighl.github.io@1f46f0cd13138fd8cd068888712c81e21b74e8eb"
REIMU_TRIM = (
    "the REIMU_CONFIG, loader, firework, live2d, AOS and service-worker scripts, font preloads and the loader's SVG "
    "path dropped, blank template lines collapsed"
)
REIMU_FURNITURE = (
    "少女祈祷中...",
    "首页",
    "归档",
    "关于",
    "友链",
    "zer00ne",
    "文章",
    "标签",
    "基于",
    "Theme.Reimu",
    "总访问量",
    "总访客量",
    "上一页",
)

JIONGTO = "JiongTo/JiongTo.github.io@5b7050be1e3101a194d9dc8f50c5bea84c19924f"
REDEFINE_TRIM = (
    "real Hexo 7.3 + Redefine 2.8.1 output, minified; the window.theme config script, the preloader's animation "
    "script and inline <style>s, the emoji style, most font/fontawesome links and most Swup/tool scripts dropped, "
    "the Hexo logo SVG path emptied"
)
REDEFINE_FURNITURE = (
    "JiongTo's Blog",
    "首页",
    "归档",
    "链接",
    "CONMENT",
    "Categories",
    "博客已运行",
    "Redefine v2.8.1",
    "驱动",
)

ALEXDAY = "AlexanderDavid/alexanderdavid.github.io"
HFNG_FURNITURE = (
    "/home/alex",
    "About",
    "Blog",
    "Projects",
    "Publications",
    "Talks",
    "CC BY-NC 4.0",
    "Powered by",
    "Made with",
    "Djordje Atlialp",
)
TERMINAL_FURNITURE = ("Alex Day", "About", "Posts", "Papers", "Talks", "Theme made by", "panr", "Read more")

MURLORS = "Murlors/murlors.github.io@87a02aa561c03dd5714f988754c32326374b1f47"
SHOKAX_TRIM = (
    "real Hexo 7.2 + ShokaX 0.4.5 output, minified; the LOCAL config script, pace/polyfill scripts, font, waline and "
    "module-preload links dropped, five of six header background images and four of six social links dropped, the "
    "wave SVG emptied"
)
SHOKAX_FURNITURE = (
    "MurlorsのBlog",
    "Hi, I'm Murlors.",
    "随机文章",
    "计算机科学",
    "二进制杂谈",
    "Murlors @ Murlors",
    "100k 字",
    "Theme.ShokaX",
    "关于本站",
    "友链",
)

SARA = "SaraHaxhia/MyBlog@7830f2b2d148c1dbab8d180e84ca46ea92374271"
HZBIN = "hz-bin/hz-bin.github.io@851dcc3e72af8d406443ebd963776738e4ef6801"
HZBIN_TRIM = "the AdSense and Google Analytics scripts, integrity hashes and the read-more icon's SVG path dropped"
HZBIN_FURNITURE = ("我的博客", "首页", "分类", "关于", "本站总访问量", "本站总访客数", "Copyright © 2021 我的博客")

HOLDOUT6_PAGES: dict[str, Page] = {
    "holdout6/hugo-jane/page-5": Page(
        theme="hugo-jane",
        kind="listing",
        lang="zh",
        source=f"{IJUNJIE}@0b7af522a0fd90687daceb18fedfc4940aef8946:page/5/index.html (real Hugo 0.44 + Jane 2.7 "
        f"output; {JANE_TRIM}, the PhotoSwipe dialog's preloader and share buttons dropped): the last home page, six "
        "<article class=post>s of a linked h1 title, a meta block (date, a category link, '约 1212 字', '预计阅读 3 "
        "分钟'), a plain-text post-summary cut mid-sentence and a '阅读全文' link; the second post ('昔日龌龊不足夸', "
        "约 0 字) has an EMPTY summary; the canonical is the site root (Hugo 0.44 gives the pager no URL of its own), "
        "root-relative post links",
        entry="section#posts > article.post",
        title="h1.post-title",
        date="span.post-time",
        excerpt="div.post-summary",
        furniture=(*JANE_FURNITURE, "About", "阅读全文", "约 1212 字", "预计阅读 3 分钟", "programming", "myworks"),
    ),
    "holdout6/hugo-jane/archives": Page(
        theme="hugo-jane",
        kind="titles",
        lang="zh",
        source=f"{IJUNJIE}@0329b555c4adc337e61802abfbbf33800130a5fb:post/index.html (real Hugo 0.39 + Jane output of "
        f"an earlier build; {JANE_TRIM}, the fancybox integrity hashes dropped): the section list rendered as the "
        "archive: '共计 17 篇文章', a '2018' h2 and fifteen rows of a 'YYYY-MM-DD' date span BEFORE the title link, "
        "then a '下一页' pager",
        entry="div.archive-post",
        title="a.archive-post-link",
        date="span.archive-post-time",
        furniture=(*JANE_FURNITURE, "共计 17 篇文章", "下一页"),
    ),
    "holdout6/hugo-jane/categories": Page(
        theme="hugo-jane",
        kind="titles",
        lang="zh",
        source=f"{IJUNJIE}@0329b555c4adc337e61802abfbbf33800130a5fb:categories/index.html (real output; {JANE_TRIM}): "
        "Jane's terms page lists every post under its category: nine <section id=archive>s (the id repeated) headed "
        "by a linked h2 '分类： arch' and holding the same date-then-title rows as the archive; every post appears "
        "exactly once",
        entry="div.archive-post",
        title="a.archive-post-link",
        date="span.archive-post-time",
        furniture=(*JANE_FURNITURE, "分类： arch", "分类： fp", "分类： philosophy"),
    ),
    "holdout6/hugo-jane/post-houhai": Page(
        theme="hugo-jane",
        kind="article",
        lang="zh",
        source=f"{IJUNJIE}@0b7af522a0fd90687daceb18fedfc4940aef8946:post/life/houhai/index.html (real Hugo 0.44 "
        f"output; {JANE_TRIM}, the PhotoSwipe dialog trimmed as on page-5 and the Gitment comment script dropped): a "
        "photo post of two short paragraphs and four gallery figures with captions (126 characters counted by Hugo), "
        "an empty '文章目录' box before it, then the copyright block (文章作者 / 上次更新 / 许可协议) and prev/next "
        "links",
        entry="article.post",
        title="h1.post-title",
        url_override=("https://ijunjie.github.io/post/life/houhai/",),
        date="span.post-time",
        excerpt="div.post-content",
        furniture=(
            *JANE_FURNITURE,
            "About",
            "文章目录",
            "文章作者",
            "上次更新",
            "许可协议",
            "约 126 字",
            "预计阅读 1 分钟",
            "Spring Thread Pool",
            "Apache Kylin 单实例部署",
        ),
    ),
    "holdout6/hexo-reimu/page-3": Page(
        theme="hexo-reimu",
        kind="listing",
        lang="zh",
        source=f"{KHIGHL}:page/3/index.html (real Hexo 7.3 + Reimu 1.8 output; {REIMU_TRIM}): the last home page, four "
        "alternating left/right cards: an EMPTY <a class=post-link aria-label=...> stretched over the card is the "
        "only link, a cover image, a meta line (date, '1.1k 字', '4 分钟'), an UNLINKED h2 title and an <article "
        "class=post-article> holding the raw auto-excerpt (Markdown line breaks kept as text, entities double-escaped "
        "so 'I&#x2F;O' shows literally, code joined to the text); og:url is the page's own "
        "'https://khighl.github.io.git/page/3/index.html' as configured",
        entry="div.post-wrapper",
        title="h2.post-title",
        link="a.post-link",
        date="div.post-meta span",
        excerpt="article.post-article",
        furniture=(*REIMU_FURNITURE, "1.1k 字", "4 分钟", "15 分钟"),
    ),
    "holdout6/hexo-reimu/archives-page-3": Page(
        theme="hexo-reimu",
        kind="titles",
        lang="zh",
        source=f"{KHIGHL}:archives/page/3/index.html (real output; {REIMU_TRIM}; the head, not read, rebuilt from "
        "page-3's without its og:url, so links stay as written): a tag cloud of nine links above the list, then year "
        "sections ('2025', '2024' links) of rows whose <time> shows 'MM-DD' before the title link; the last post's "
        "datetime is 2024-09-30T16:00Z but the page shows 10-01; the first section's </ul> is missing as generated",
        entry="li.archive-article",
        title="a.archive-article-title",
        date="time",
        year_from="a.archive-year",
        furniture=(*REIMU_FURNITURE, "iot漏洞复现", "javascript", "SUCTF"),
    ),
    "holdout6/hexo-redefine/index": Page(
        theme="hexo-redefine",
        kind="listing",
        lang="zh",
        source=f"{JIONGTO}:index.html ({REDEFINE_TRIM}): the only home page, seven <li class=home-article-item>s of an "
        "h3 title link, a plain-text excerpt (tabs and all) mostly ending in '...', and a meta row (date, category "
        "and tag lists, absent on the first post) with a '阅读全文' link that also holds the title in a screen-reader "
        "span; a sidebar with the site name, announcement, Archives/Tags/Categories links and counts before the list",
        entry="li.home-article-item",
        title="h3.home-article-title",
        date="span.home-article-date",
        excerpt="div.home-article-content",
        furniture=(*REDEFINE_FURNITURE, "欢迎大家光临我的小站", "阅读全文", "知识整理", "博客相关", "Lv1"),
    ),
    "holdout6/hexo-redefine/archives-2023": Page(
        theme="hexo-redefine",
        kind="titles",
        lang="zh",
        source=f"{JIONGTO}:archives/2023/index.html ({REDEFINE_TRIM}): the year archive prints EVERY year (2024, 2023, "
        '2022 sections with post counts); each date is only a date-is="MM-DD" attribute on an <li> (drawn by CSS), '
        "and posts of the same day share one <li>, so two <li>s hold two title links each",
        entry="li.article-item > a",
        title="span.article-title",
        date_ancestor="li.article-item",
        date_attr="date-is",
        year_from="span.archive-year",
        furniture=REDEFINE_FURNITURE,
    ),
    "holdout6/hugo-terminal/posts": Page(
        theme="hugo-terminal",
        kind="listing",
        lang="en",
        source=f"{ALEXDAY}@3858e7e91f493db550b84cf346018f0e97a06211:posts/index.html (real Hugo + Terminal output of "
        "an earlier build of the site below, minified; whole page, no trimming): five posts, each a linked h1, a "
        "'2020-05-04' date, '#tag' links, then the post's ONE-LINE description as the summary in a <div "
        "class='post-content post-meta'> (classed as meta) and a 'Read more →' button; canonical and og:url are the "
        "relative '/posts/', so links stay as written",
        entry="div.post.on-list",
        title="h1.post-title",
        date="span.post-date",
        excerpt="div.post-content",
        furniture=(*TERMINAL_FURNITURE, "Capstone_Project", "NLP"),
    ),
    "holdout6/hugo-hello-friend-ng/posts": Page(
        theme="hugo-hello-friend-ng",
        kind="titles",
        lang="en",
        source=f"{ALEXDAY}@f08c8aa3cee2083c243302ecf0a49d11bd7b673b:posts/index.html (real Hugo 0.76 + Hello Friend NG "
        "output, minified; the theme-toggle SVG path emptied, the bundle's integrity hash dropped): the section list "
        "IS an archive: '2020' and '2019' year divs and one link per post holding a title span and a 'May 4' day span "
        "(no year)",
        entry="li.post-item",
        title="span.post-title",
        date="span.post-day",
        year_from="div.post-year",
        furniture=HFNG_FURNITURE,
    ),
    "holdout6/hugo-hello-friend-ng/tags": Page(
        theme="hugo-hello-friend-ng",
        kind="reject",
        lang="en",
        source=f"{ALEXDAY}@2c10b76b6c27b7f42ad4a996515c94425401992d:tags/index.html (real output, minified; the SVG "
        "path and integrity hash trimmed as on posts): the tag index rendered with the SAME archive markup as the "
        "post list: an h1 'Tags', a '2020' year div and ten <li class=post-item> links to tag pages, each a tag name "
        "in a post-title span and the day of its newest post ('Nov 20'), then an 'Older posts →' button; no post",
        furniture=(*HFNG_FURNITURE, "Older posts"),
    ),
    "holdout6/hugo-hello-friend-ng/post-github-actions": Page(
        theme="hugo-hello-friend-ng",
        kind="article",
        lang="en",
        source=f"{ALEXDAY}@3a2e5ca82fb5766606342998bd82e6d6a1a59083:posts/github-actions/index.html (real output, "
        "minified; the syntax highlighter's inline colour spans in the YAML block, the meta-icon SVG paths and six of "
        "nine share buttons dropped): an org-mode post (684 words) of paragraphs, nested outline divs with h2/h3 "
        "headings and a YAML block; '4 minutes' above the linked h1, tags, '684 Words' and '2020-05-04 00:00' AFTER "
        "the article, then 'Read other posts' with prev/next titles",
        entry="main.post",
        title="h1.post-title",
        date="hr + div.post-info p:last-child",
        excerpt="div.post-content",
        furniture=(
            *HFNG_FURNITURE,
            "4 minutes",
            "684 Words",
            "Read other posts",
            "Stock Clustering",
            "Emacs for Email",
        ),
    ),
    "holdout6/hexo-redefine/tags": Page(
        theme="hexo-redefine",
        kind="reject",
        lang="zh",
        source="JiongTo/JiongTo.github.io@e4ce4890e80ba481ae685de3a6b592a16d41af9f:tags/index.html (real Hexo + "
        "Redefine 2.7.3 output of a later build; trimmed as the other Redefine pages; the head, not read, is the "
        "archive page's with no canonical and a plain title, the navbar the archive page's with this page's version "
        "and counts): the tag cloud, an h1 '标签' and five '#'-icon tag links, no post",
        furniture=(*REDEFINE_FURNITURE[:-2], "驱动", "Redefine v2.7.3"),
    ),
    "holdout6/hexo-shokax/index": Page(
        theme="hexo-shokax",
        kind="listing",
        lang="zh",
        source=f"{MURLORS}:index.html ({SHOKAX_TRIM}; the last four of ten cards and four of ten random-post widget "
        "items dropped): '文章列表', then cards of a cover link, a meta row (a <time> with the date, '811 字', '1 "
        "分钟'), an h3 title link, a raw auto-excerpt whose Markdown headings survive as '# Quick Start' text and "
        "whose line breaks are kept, a category link under all but the first, and a 'more...' button; a sidebar "
        "overview and a footer '随机文章' widget listing six of the same posts under category breadcrumbs",
        entry="div.segments.posts > article.item",
        title="h3",
        date="time",
        excerpt="div.excerpt",
        furniture=(*SHOKAX_FURNITURE, "文章列表", "36 分钟", "17k", "more...", "Reverse-Engineering"),
    ),
    "holdout6/hexo-shokax/archives": Page(
        theme="hexo-shokax",
        kind="reject",
        lang="zh",
        source=f"{MURLORS}:archives/index.html ({SHOKAX_TRIM}): ShokaX prints the archive as collapsed month headings "
        "only ('目前共计 14 篇文章。', '2024 年 / 06 月 (1)'...) and loads the posts by script, so the page holds no "
        "post link outside the footer's random-post widget (ten posts under category breadcrumbs)",
        furniture=(*SHOKAX_FURNITURE, "目前共计 14 篇文章。", "嗯.. 继续努力。"),
    ),
    "holdout6/jekyll-mediumish/page3": Page(
        theme="jekyll-mediumish",
        kind="listing",
        lang="en",
        source=f"{SARA}:_site/page3/index.html (real Jekyll 3.8 + Mediumish output committed in _site; the "
        "bookmark-icon SVG paths inside comments emptied, integrity hashes and two lunr style rules dropped, the "
        "commented-out alert bar and category jumbotron shortened): the last page of three bootstrap cards (image, h2 "
        "title link, an h4 card-text excerpt mostly ending in '...', a '12 Jan 2018' date); the site's owner "
        "commented out the posts section with '<!-- <section ...', but the first card's own '<!-- begin post -->' "
        "closes that comment, so a browser shows all three cards and a stray '-->' after them (labelled as shown); "
        "the third card's title is the demo's 'External Featured Image'; canonical and og:url point at localhost:4000",
        entry="div.card-group",
        title="h2.card-title",
        date="span.post-date",
        excerpt="h4.card-text",
        furniture=("Sara Haxhia", "Blog", "About", "Youtube", "Portfolio", "Contact", "Subscribe", "Copyright © 2020"),
    ),
    "holdout6/jekyll-mediumish/page2-hzbin": Page(
        theme="jekyll-mediumish",
        kind="listing",
        lang="zh",
        source=f"{HZBIN}:_site/page2/index.html (real Jekyll 4.2 + a customised Mediumish committed in _site, "
        f"Bootstrap 5 header instead of the theme's navbar; {HZBIN_TRIM}): the last page, four image-less cards of an "
        "h2 title link, a ONE-LINE h4 excerpt (the post's first line: '进程、线程、协程', a heading pair, a "
        "fenced-code start cut with '...', a source link), a '2021-02-04' date and an icon-only read link titled "
        "'阅读'; no canonical, root-relative links",
        entry="div.card-group",
        title="h2.card-title",
        date="span.post-date",
        excerpt="h4.card-text",
        furniture=(*HZBIN_FURNITURE, "上一页", "下一页"),
    ),
    "holdout6/jekyll-mediumish/404-hzbin": Page(
        theme="jekyll-mediumish",
        kind="reject",
        lang="zh",
        source=f"{HZBIN}:_site/404.html (real output; {HZBIN_TRIM}): the theme's 404 ('404 Page does not exist!' and a "
        "search/homepage hint) between the site header and footer",
        furniture=(*HZBIN_FURNITURE, "Page does not exist!"),
    ),
    "holdout6/hexo-shokax/post-centos-ssh": Page(
        theme="hexo-shokax",
        kind="article",
        lang="zh",
        source=f"{MURLORS}:computer-science/linux/centos/virtualbox-ssh-connection-configuration/index.html "
        f"({SHOKAX_TRIM}; the footer's random-post widget cut after its first item, the rest not read): a short how-to "
        "(719 characters counted by the theme: a blockquote, six h2 sections with '#' anchor links, shell blocks and "
        "three screenshots, then tag links); the title h1 and the '发表于 / 本文字数 / 阅读时长' meta sit in the page "
        "HEADER, outside the <article>, which holds the breadcrumb-less body, an '更新于' line, the copyright list "
        "(本文作者 / 本文链接 / 版权声明) and is followed by prev/next cards with titles; the sidebar repeats the "
        "section headings as a TOC and the title under '系列文章'",
        entry="div#container",
        title="div#brand h1",
        url_override=(
            "https://murlors.netlify.app/computer-science/linux/centos/virtualbox-ssh-connection-configuration/",
        ),
        date="div#brand time",
        excerpt="article.post div.body",
        drop=("div.tags",),
        furniture=(
            *SHOKAX_FURNITURE,
            "发表于",
            "本文字数",
            "阅读时长",
            "更新于",
            "本文作者：",
            "本文链接：",
            "版权声明：",
            "上一篇",
            "下一篇",
        ),
    ),
}
