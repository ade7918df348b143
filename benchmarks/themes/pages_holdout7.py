"""Selectors for the seventh held-out theme set (``holdout7/``), keyed "holdout7/theme/page".

Why a separate module: holdout7 was built after every earlier set (dev, holdout..holdout6) had been used for tuning,
so that the next measurement still runs on themes nobody has seen. Its themes come from families no other set holds.
Its labels come only from the hand-written selectors below (the detector was never run on these pages while building
them); ``pages.py`` merges them into ``PAGES`` so the same labeller and fixture test cover every set.
"""

from __future__ import annotations

from benchmarks.themes.label import Page

SADIST = "Sadisticheaven/Sadisticheaven.github.io@2169207e5fc251785b081814f2cb044d4dfed1a8"
PARTICLE_TRIM = (
    "real Hexo 6.2 + Particle output (korilin/hexo-theme-particle, the theme Particlex grew from); the CDN scripts "
    "(instant.page, font-awesome, Vue, jQuery, fancybox, highlight.js, busuanzi) dropped, blank template lines "
    "collapsed; the Vue markup (v-show, @click, :class) kept as generated"
)
PARTICLE_FURNITURE = (
    "Hello!我是李进.",
    "LOADING...",
    "加载过慢请开启缓存(浏览器默认开启)",
    "home",
    "archives",
    "categories",
    "Based on the",
    "Particle Theme",
    "本站总访问量",
    "本站访客数",
)

CQLKC = "cqlkc/cqlkc.github.io@033d0e7e80a2d9a599883b8d80ee8faabbf8a14d"
STELLAR_TRIM = (
    "real Hexo 7.1 + Stellar 1.27 output, minified; every inline SVG path emptied, the service-worker, pace, "
    "analytics, hitokoto, countdown, fortune, pjax, twikoo, search, lazyload and fancybox scripts, the avatar's "
    "onerror handler and the float-panel buttons dropped"
)
STELLAR_FURNITURE = (
    "怪诞的小站",
    "开心就好",
    "你随便看看就好",
    "没有找到内容！",
    "一言",
    "最近更新",
    "说说",
    "公告",
    "本站由",
    "主题创建",
    "CC BY-NC-SA 4.0",
)

COLARXU = "ColarXu/colarxu.github.io"
ZOZO_TRIM = "the MathJax loader script and its style block dropped, blank template lines collapsed"
ZOZO_FURNITURE = (
    "低噪音",
    "主页",
    "文库",
    "标签",
    "关于",
    "Designed by VarKai,",
    "Proudly published with Hugo",
    "许仙人的博客",
)

FRESH = "Fresheyeball/blog-built@7824e586e3f044a3b40995b4fff00c6e2e3270a3"
PIXYLL_TRIM = (
    "real Jekyll + Pixyll output committed as a built site; the Google Analytics script dropped, blank lines collapsed"
)
PIXYLL_FURNITURE = ("fresheyeball", "Project", "Isaac Shapira")

COLIN = "colin-chang/colin-chang.github.io@653ea67310c4bbdbb6b563d247ac0cba458e5beb"
FR_TRIM = (
    "real Jekyll + Feeling Responsive output; the modernizr, webfont, backstretch, mediaelement, disqus and analytics "
    "scripts, the inline pagination <style>, the verification metas and most touch icons dropped, empty Liquid lines "
    "collapsed, five of nine sidebar links and five of seven footer social links dropped"
)
FR_FURNITURE = (
    "Colin's Blog",
    "Search",
    "Blog Archive",
    "Book",
    "Colin Chang",
    "webmaster, developer, designer, tourist",
    "Battle Call",
    "Built on Foundation",
    "Copyright © Colin Blog 2018",
)

CASSIE = "Cassieqian/Cassieqian.github.io@175978071070e38b5c737635fab50b197b91f214"
OBSIDIAN_TRIM = (
    "real Hexo 4.1 + Obsidian 1.4.3 output; the MathJax, gitalk, jQuery, codemirror, typed.js, busuanzi, PhotoSwipe "
    "and analytics scripts after the footer and the PhotoSwipe dialog dropped, blank template lines collapsed"
)
OBSIDIAN_FURNITURE = ("ABOUT", "CATEGORIES", "TAGS", "ARCHIVES", "韩倩倩 Cassie", "Please input search keywords.")

SUREN = "SurendiranS/surendirans.github.io@9575dae4fab7ed0b998c532687359b24921d333e"
ELEGANT_TRIM = (
    "real Pelican + Elegant output committed to the site repository; the Google Analytics snippet, the search-form "
    "validation script and two duplicate icon links dropped"
)
ELEGANT_FURNITURE = ("Born2Compute", "Categories", "Archives", "Surendiran Subramanian", "Personal Tech Journal")

HOLDOUT7_PAGES: dict[str, Page] = {
    "holdout7/hexo-particle/index": Page(
        theme="hexo-particle",
        kind="listing",
        lang="zh",
        source=f"{SADIST}:index.html ({PARTICLE_TRIM}; the sidebar card's mailto icon dropped): the only home page, "
        "four <div class=post> cards of a linked h2 title, a category link (its icon span left unclosed as generated) "
        "and a 'YYYY/M/D' date, an excerpt div whose body is printed TWICE, once as HTML and once inside an HTML "
        "comment, two excerpts opening with an 'Abstract:' h1, coloured tag links and a '阅读全文' link; a loading "
        "screen before the page, an author card (技术方向 / 爱好特长) beside the list; root-relative links, no "
        "canonical",
        entry="div#posts > div.post",
        title="h2",
        date="span.date",
        excerpt="div.excerpt",
        furniture=(*PARTICLE_FURNITURE, "阅读全文", "绘画", "闲谈", "学习笔记", "XPixel", "超分辨率", "爱好特长"),
    ),
    "holdout7/hexo-particle/archives": Page(
        theme="hexo-particle",
        kind="titles",
        lang="zh",
        source=f"{SADIST}:archives/index.html ({PARTICLE_TRIM}; the tag colours, drawn at random per render, follow "
        "the index page's): a timeline of four rows, each a 'YYYY/M/D' date div BEFORE a linked h3 title, then the "
        "category and tag links",
        entry="div.timeline-content",
        title="h3",
        date="div.item-time",
        furniture=(*PARTICLE_FURNITURE, "绘画", "闲谈", "学习笔记", "Hello World", "TCP/IP"),
    ),
    "holdout7/hexo-particle/tags": Page(
        theme="hexo-particle",
        kind="reject",
        lang="zh",
        source=f"{SADIST}:tags/index.html ({PARTICLE_TRIM}): the tag cloud, seven tag links with icons and an empty "
        "#archives div; no post",
        furniture=(*PARTICLE_FURNITURE, "超分辨率", "Hello World"),
    ),
    "holdout7/hexo-stellar/page-2": Page(
        theme="hexo-stellar",
        kind="listing",
        lang="zh",
        source=f"{CQLKC}:page/2/index.html ({STELLAR_TRIM}; the right sidebar cut after its fourth widget): the last "
        "home page, seven cards that are each ONE <a class=post-card> wrapping an optional cover, an UNLINKED h2 "
        "title, a one-line excerpt (the post's description: 'PE4010', '月考前还在折腾这些有的没的...') and a meta row "
        "of a <time> and a category breadcrumb (absent on the last card); a left sidebar with a '最近更新' list of "
        "five other posts; the 2022-10-15T16:12Z post shows 2022-10-16; og:url is the page's own "
        "'https://cqlkc.top/page/2/index.html'",
        entry="div.post-list > a.post-card",
        title="h2.post-title",
        date="time",
        excerpt="div.excerpt",
        furniture=(*STELLAR_FURNITURE, "近期发布", "水文", "胡扯区", "快乐摸鱼", "每日诗词"),
    ),
    "holdout7/hexo-stellar/archives-page-2": Page(
        theme="hexo-stellar",
        kind="titles",
        lang="zh",
        source=f"{CQLKC}:archives/page/2/index.html ({STELLAR_TRIM}; the head and left sidebar, not read, rebuilt "
        "from page-2's without its og:url, so links stay as written): the archive prints every post of the build in "
        "one list: three "
        "<article id=archive> year groups ('2024', '2023', '2022', the id repeated) of rows that are each one link "
        "holding a 'MM-DD' <time> BEFORE the title span",
        entry="div.archive-list > a.post",
        title="span",
        date="time",
        year_from="div.archive-header",
        furniture=(*STELLAR_FURNITURE, "近期发布", "今日运势"),
    ),
    "holdout7/hexo-stellar/post-hello-world": Page(
        theme="hexo-stellar",
        kind="article",
        lang="zh",
        source=f"{CQLKC}:posts/4a17b156.html ({STELLAR_TRIM}, the email share item and the WeChat QR code dropped; the "
        "head, not read, rebuilt from page-2's (og:type left 'website') with the title and og:url the page's own "
        "weibo share link and copy-link box give; the left sidebar's top, not read, is page-2's): Hexo's hello-world "
        "post with a Chinese preface (an h1 '不弃坑，坚持写' and a sentence "
        "before the stock Quick Start sections and shell blocks); the title h1, a '主页 / 文章' breadcrumb and the "
        "'发布于：2022-10-02' / '更新于：2023-09-16' meta sit in a banner OUTSIDE the <article>, which ends with the "
        "licence and share boxes; then a '较新文章' link, '您可能感兴趣的文章' and a comment area; the right sidebar "
        "repeats the headings as a TOC",
        entry="div#main",
        title="div.article.banner h1",
        url_override=("https://cqlkc.top/posts/4a17b156.html",),
        date="span.created time",
        excerpt="article.md-text.content",
        drop=("div.article-footer",),
        furniture=(
            *STELLAR_FURNITURE,
            "发布于：",
            "更新于：",
            "许可协议",
            "分享文章",
            "较新文章",
            "您可能感兴趣的文章",
            "评论区",
            "本文目录",
            "回到顶部",
        ),
    ),
    "holdout7/hugo-zozo/page-2": Page(
        theme="hugo-zozo",
        kind="listing",
        lang="zh",
        source=f"{COLARXU}@8adf23c19e4b7b308e20cd9a4d5999244678e82b:page/2/index.html (real Hugo 0.74 + Zozo output; "
        f"{ZOZO_TRIM}): five diary posts, each a linked h1 title, a plain-text summary of about 100 characters cut "
        "with '......' (paragraph breaks flattened to spaces, list numbers '1 ... 2' kept), then a footer of a "
        "'2020.06.27' date and tag links; the first post's address says 20200622 but the page shows 2020.06.27; "
        "root-relative links, no canonical",
        entry="div.content > div.post",
        title="div.post_title h1",
        date="span.date",
        excerpt="div.post_content",
        furniture=(*ZOZO_FURNITURE, "日常生活", "食物", "Prev", "Next"),
    ),
    "holdout7/hugo-zozo/posts": Page(
        theme="hugo-zozo",
        kind="titles",
        lang="zh",
        source=f"{COLARXU}@8adf23c19e4b7b308e20cd9a4d5999244678e82b:posts/index.html (real output; {ZOZO_TRIM}): the "
        "'文库' section list is an archive: a '2020' heading and fourteen rows of a title link and an 'MM-DD' date "
        "AFTER it",
        entry="div.listing_post",
        title="a",
        date="span.date",
        year_from="div.listing_title",
        furniture=ZOZO_FURNITURE,
    ),
    "holdout7/hugo-zozo/post-villa": Page(
        theme="hugo-zozo",
        kind="article",
        lang="zh",
        source=f"{COLARXU}@8adf23c19e4b7b308e20cd9a4d5999244678e82b:posts/2020/20200622-二号别墅/index.html (real "
        f"output; {ZOZO_TRIM}): a two-paragraph diary post (about 110 characters), its linked h1 title and a "
        "'2020.06.27' date, one tag link after it; no canonical (the URL is the title link on the site's address)",
        entry="div.post_page > div.post",
        title="div.post_title h1",
        url_override=("https://colarxu.github.io/posts/2020/20200622-%E4%BA%8C%E5%8F%B7%E5%88%AB%E5%A2%85/",),
        date="span.date",
        excerpt="div.post_content",
        furniture=(*ZOZO_FURNITURE, "日常生活"),
    ),
    "holdout7/hugo-zozo/404": Page(
        theme="hugo-zozo",
        kind="reject",
        lang="zh",
        source=f"{COLARXU}@46912dd840fe9d6517e308c68f191de914ce4694:404.html (real output of a later Zozo build; "
        f"{ZOZO_TRIM}): '(≥o≤)', '404 Page Not Found' and a Home link between the header and footer",
        furniture=(*ZOZO_FURNITURE, "404 Page Not Found"),
    ),
    "holdout7/jekyll-pixyll/index": Page(
        theme="jekyll-pixyll",
        kind="listing",
        lang="en",
        source=f"{FRESH}:index.html ({PIXYLL_TRIM}): a home page of ONE card: the whole card is one "
        "<a class=post-link> holding the 'Feb 28, 2015' date paragraph BEFORE an h3 title and a one-sentence "
        "post-summary, then disabled "
        "'Newer' / 'Older' pager items; canonical 'http://blog.fresheyeball.com/'",
        entry="div.posts > div.post",
        title="h3.post-title",
        date="p.post-meta",
        excerpt="p.post-summary",
        furniture=(*PIXYLL_FURNITURE, "Newer", "Older"),
    ),
    "holdout7/jekyll-pixyll/post-once-more": Page(
        theme="jekyll-pixyll",
        kind="article",
        lang="en",
        source=f"{FRESH}:pontification/2015/02/28/once-more/index.html ({PIXYLL_TRIM}): a short post (one sentence "
        "and a one-line Haskell signature in a highlight block), its unlinked h1, a 'Feb 28, 2015' date and '1 "
        "minute read' "
        "in a post-header div that is a SIBLING of the <article>, no wrapper around both",
        entry="div.measure:has(> article.post-content)",
        title="div.post-header h1",
        url_override=("http://blog.fresheyeball.com/pontification/2015/02/28/once-more/",),
        date="div.post-header span.post-meta",
        excerpt="article.post-content",
        furniture=(*PIXYLL_FURNITURE, "1 minute read"),
    ),
    "holdout7/jekyll-pixyll/about": Page(
        theme="jekyll-pixyll",
        kind="reject",
        lang="en",
        source=f"Fresheyeball/blog-built@a400e3bcf7f510b925cdb4218b312958f3eb84f8:about/index.html "
        f"({PIXYLL_TRIM}): the theme's demo 'About Pixyll' page left in the site, marked up like a post (a header h1 "
        "and an "
        "<article class=post-content> of credits and a link list) but with no date: a reject",
        furniture=(*PIXYLL_FURNITURE, "About Pixyll"),
    ),
    "holdout7/jekyll-feeling-responsive/blog-page6": Page(
        theme="jekyll-feeling-responsive",
        kind="listing",
        lang="zh",
        source=f"{COLIN}:blog/page6/index.html ({FR_TRIM}): the last blog page, five school essays, each a "
        "'Essay – <subheadline>' line (the post's teaser) ABOVE a linked h2 title, a paragraph holding a linked "
        "150px thumbnail and the excerpt, then a 'Read More ›' link with the 'YYYY-MM-DD' date floated right in a "
        "styled span AFTER it; a commented-out pager and a live numbered one, an author sidebar and a 'Battle Call' "
        "poem list; canonical 'https://colinchang.net/blog/page6/'",
        entry="div.small-12.columns.b60",
        title="h2",
        date="p > a + span",
        excerpt="h2 + p",
        furniture=(*FR_FURNITURE, "Essay", "Read More", "Learn and live"),
    ),
    "holdout7/jekyll-feeling-responsive/post-farewellmom": Page(
        theme="jekyll-feeling-responsive",
        kind="article",
        lang="zh",
        source=f"{COLIN}:essay/farewellmom/index.html ({FR_TRIM}): a nine-paragraph essay (about 1,000 characters) "
        "after a subheadline and h1 in the article header; its 'teaser' paragraph holds two nested <p>s (lxml closes "
        "the teaser first, so they read as ordinary paragraphs); an <audio> element at the end, then a page-meta "
        "block with the ' 2008-09-20' <time>, ' ESSAY' and ' Emotion' labels, prev/next buttons with titles and a "
        "'Dialogue & Discussion' heading, all inside the <article>",
        entry="div.row.t30 > div.medium-12.columns",
        title="header h1",
        url_override=("https://colinchang.net/essay/farewellmom/",),
        date="div#page-meta time",
        excerpt="article",
        drop=("header", "div#page-meta", "h3#comments", "div#disqus_thread", "noscript"),
        furniture=(*FR_FURNITURE, "别离的笙箫", "ESSAY", "Emotion", "Dialogue & Discussion", "回望2008"),
    ),
    "holdout7/hexo-obsidian/index": Page(
        theme="hexo-obsidian",
        kind="listing",
        lang="zh",
        source=f"{CASSIE}:index.html ({OBSIDIAN_TRIM}): the only home page; the newest post is a full-screen hero "
        "('#screen > #post0') OUTSIDE the list, the other four are <div class=post> cards (all with the id 'post') in "
        "#primary; each shows '「 Article 」 August 10, 2020' above the title link, 'Words count 658' / 'Reading "
        "time 1 mins.', optional tag links, and a rendered excerpt (paragraphs, a code figure, 'More...', text cut "
        "with '...') closed by a 'Read article' link; no canonical, links as written",
        entry="div#screen > div.else, div#primary > div.post",
        title="h3.post-title",
        date="p.fadeInDown:not(.post-count)",
        excerpt="div.md-content",
        drop=("span.read-more",),
        furniture=(*OBSIDIAN_FURNITURE, "Words count", "Reading time", "Read article", "Article", "BeYourself", "玩耍"),
    ),
    "holdout7/hexo-obsidian/archives": Page(
        theme="hexo-obsidian",
        kind="listing",
        lang="zh",
        source=f"{CASSIE}:archives/index.html ({OBSIDIAN_TRIM}): the archive is a timeline WITH excerpts (so a "
        "listing): an 'Archived' h1, '「 5 」', month rows ('August 2020') and one row per post of an 'August 10, "
        "2020' date, "
        "a title link and a plain-text excerpt of about 150 characters (Markdown headings flattened into it, cut "
        "with '...'); no navigation menu on this page",
        entry="li.timeline-item:not(.period)",
        title="a.timeline-title",
        date="div.timeline-info span",
        excerpt="div.timeline-content > p",
        furniture=("韩倩倩 Cassie", "Archived", "「 5 」", "August 2020", "July 2020", "December 2019", "July 2019"),
    ),
    "holdout7/pelican-elegant/index": Page(
        theme="pelican-elegant",
        kind="listing",
        lang="en",
        source=f"{SUREN}:index.html ({ELEGANT_TRIM}): the home page's 'Recent Posts' (with an 'all posts' link in the "
        "h1): two cards of an h4 title link, a 'posted in <category> Sat 19 September 2020' line and the post's "
        "one-sentence summary written as '<p><p>…</p></p>' (lxml reads an empty paragraph, the summary, and another "
        "empty one); og:url 'https://surendirans.github.io', absolute links",
        entry="div.recent-posts-article",
        title="h4",
        date="time",
        excerpt="p:not(:empty)",
        furniture=(*ELEGANT_FURNITURE, "Recent Posts", "all posts", "posted in", "Big data", "Computer Memory"),
    ),
    "holdout7/pelican-elegant/archives": Page(
        theme="pelican-elegant",
        kind="titles",
        lang="en",
        source=f"{SUREN}:archives.html ({ELEGANT_TRIM}): 'All Posts', a linked '2020' year h2 and one <div itemscope> "
        "per post holding the title link and a 'Sat 19 September 2020' <time> AFTER it",
        entry="div.blog-archives > div[itemscope]",
        title="a",
        date="time",
        furniture=(*ELEGANT_FURNITURE, "All Posts"),
    ),
}
