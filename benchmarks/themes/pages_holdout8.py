"""Selectors for the eighth held-out theme set (``holdout8/``), keyed "holdout8/theme/page".

Why a separate module: holdout8 was built after every earlier set (dev, holdout..holdout7) had been used for tuning,
so that the next measurement still runs on themes nobody has seen. Its themes come from families no other set holds.
Its labels come only from the hand-written selectors below (the detector was never run on these pages, and its code
never read, while building them); ``pages.py`` merges them into ``PAGES`` so the same labeller and fixture test cover
every set.
"""

from __future__ import annotations

from benchmarks.themes.label import Page

FCL = "fangchaolong/fangchaolong.github.io@acc0ee23f60ac939fb60b3af4c1af7cfdf6e5ad8"
NEXMOE_TRIM = (
    "real Hexo 4.2.1 + Nexmoe output; the Baidu analytics and live2d scripts at the end dropped, the back-to-top "
    "SVG path emptied"
)
NEXMOE_FURNITURE = (
    "fcl个人博客",
    "坚持做到每日一更",
    "回到首页",
    "文章归档",
    "我的朋友",
    "请我喝茶",
    "我的相册",
    "学习资源",
    "版本迭代",
    "社交按钮",
    "文章分类",
    "标签云",
    "搭建时间：2020-06-17",
)

WYS = "18513962330/18513962330.github.io@6a6a470099c0ee7c4ac771c28b1dd7f4fb89cde5"
INDIGO_TRIM = (
    "real Hexo 4.2.1 + Indigo (hexo-theme-material-indigo) output; the page-visibility title script dropped, some "
    "blank template lines at the top of the head collapsed"
)
INDIGO_FURNITURE = ("个人博客", "主页", "归档", "分类", "Github", "Weibo", "扫一扫，分享到微信", "wys © 2019 - 2020")

LIYANG = "liygogo19/liygogo19.github.io@8ca50dc8540379b38fdc35276092fff83c93e273"
H2O_TRIM = "real Jekyll + H2O (kaeyleo/jekyll-theme-H2O) output committed as _site/"
H2O_FURNITURE = (
    "李阳的个人博客",
    "home",
    "tags",
    "Adversity makes a man wise, not rich.",
    "逆境中一步步攀爬",
    "前端开发者，热爱技术&设计，简单乐观爱创造",
    "Theme H2O",
)

SURTI = "dmsurti/dmsurti.github.io"
CUPPER_TRIM = (
    "real Hugo + Cupper (zwbetz-gh/cupper-hugo-theme) output; every path of the inline SVG icon sprite emptied "
    "(the symbols kept), the Google Analytics snippet dropped"
)
CUPPER_FURNITURE = (
    "skip to content",
    "This is Alpha Centauri.",
    "Main navigation",
    "Menu",
    "About",
    "Projects",
    "dark theme:",
    "Made with Hugo. Themed by Cupper. Deployed to GH Pages.",
)

XZY = "xiaozongyang/xiaozongyang.github.io@6e8c5647efc61184258936fe279acc4e08467a8c"
PURE_TRIM = (
    "real Hexo 4.2.1 + Pure (cofess/hexo-theme-pure) output; the sidebar's 'Tags' and 'Tag Cloud' widgets, the "
    "mermaid and busuanzi scripts dropped"
)
PURE_FURNITURE = (
    "肖宗阳",
    "Inf Developer",
    "Beijig, China",
    "Home",
    "Archives",
    "Repository",
    "Board",
    "欢迎交流与分享经验!",
    "Recent Posts",
    "Theme by cofess base on pure.",
)

SHAKEEB = "Shakeebbk/shakeebbk.github.io@75e70c1e371a00c8a0669158ecf76622c2b9360e"
FI_TRIM = (
    "real Hugo 0.53 + Future Imperfect output; the Google Analytics snippet and the MathJax/math-code loaders "
    "dropped, the blank template lines (dozens between the social icons) collapsed, the leading blank lines before "
    "the doctype dropped"
)
FI_FURNITURE = (
    "Shakeeb Pasha",
    "About Me",
    "Contact",
    "Menu",
    "Recent Posts",
    "Hack It Up",
    "Learn More",
    "At Hack It Up we are a bunch of tech geeks",
    "Powered by Hugo",
    "Previous Page",
    "Next Page",
)

JINGLE = "jingle1267/jingle1267.github.io@00edfa3268ff77a58d01168226e6300dc78fcbfe"
JACMAN_TRIM = (
    "real Hexo + Jacman output (a Pacman descendant), minified by hexo-neat into one line; the sidebar's '工具' "
    "link list, tag cloud and month archive widgets, the cnzz and Baidu analytics, the 'Hosted by Coding Pages' "
    "notice with its script and the inline menu/fancybox scripts dropped"
)
JACMAN_FURNITURE = (
    "爱红旗渠",
    "首页",
    "简搜",
    "查看全文",
    "发表于",
    "By Jin",
    "每日一句",
    "友情链接",
    "RSS 订阅",
    "生活不止眼前的苟且",
    "京ICP备19003264号-1",
)

HOLDOUT8_PAGES: dict[str, Page] = {
    "holdout8/hexo-nexmoe/index": Page(
        theme="hexo-nexmoe",
        kind="listing",
        lang="zh",
        source=f"{FCL}:index.html ({NEXMOE_TRIM}): the first of four home pages, ten cards; each card's link wraps "
        "only the cover image and an UNLINKED-looking h1 title printed ON the cover, then a meta row of "
        "'2020年08月24日', '1.5k 字' and '大概 7 分钟' (icon links without href), then an <article> holding the "
        "post's one-paragraph description (one to three sentences, some only a phrase: '话不多说，请开始你的学习'); a "
        "left drawer with a site menu, category, tag-cloud and month-archive widgets; og:url is the generator's "
        "placeholder 'http://yoursite.com/index.html', so labelled URLs are on yoursite.com",
        entry="section.nexmoe-posts > div.nexmoe-post",
        title="div.nexmoe-post-cover h1",
        link="a[href]",
        date="div.nexmoe-post-meta > a",
        excerpt="article",
        furniture=(*NEXMOE_FURNITURE, "1.5k 字", "大概 7 分钟", "作者：方朝龙"),
    ),
    "holdout8/hexo-nexmoe/archives": Page(
        theme="hexo-nexmoe",
        kind="titles",
        lang="zh",
        source=f"{FCL}:archives/index.html ({NEXMOE_TRIM}): the archive's first page, a '2020' h2 and ten rows of "
        "an 'MM-DD' span BEFORE the title link, then a numbered pager; the drawer as on the index; og:url "
        "'http://yoursite.com/archives/index.html'",
        entry="section.nexmoe-archives li",
        title="a",
        date="span",
        year_from="section.nexmoe-archives h2",
        furniture=NEXMOE_FURNITURE,
    ),
    "holdout8/hexo-nexmoe/post-debounce-throttle": Page(
        theme="hexo-nexmoe",
        kind="article",
        lang="zh",
        source=f"{FCL}:2020/07/27/2020-07-30-手写防抖和节流函数/index.html ({NEXMOE_TRIM}, the reward tooltip's "
        "<style> block and the gitalk comment script dropped (the empty #gitalk div kept)): a short post "
        "written in the mdnice editor (every element carries inline styles): a one-line lead, a <a id=more> marker, "
        "an h3 repeating the title, paragraphs, bullet lists and two highlighted JavaScript blocks of nested spans; "
        "the h1 title sits on the cover image, the '2020年07月27日' / '297 字' / '大概 1 分钟' meta row between it and "
        "the <article>; after it category/tag links, a '赏' reward box (微信 / 支付宝) and a '本文作者：' copyright "
        "box; og:url ends in '/index.html' (the label uses the address without it, as the listing links give it)",
        entry="div.nexmoe-primary > div.nexmoe-post",
        title="div.nexmoe-post-cover h1",
        url_override=(
            "http://yoursite.com/2020/07/27/2020-07-30-%E6%89%8B%E5%86%99%E9%98%B2%E6%8A%96%E5%92%8C%E8%8A%82%E6%B5"
            "%81%E5%87%BD%E6%95%B0/",
        ),
        date="div.nexmoe-post-meta > a",
        excerpt="article",
        furniture=(
            *NEXMOE_FURNITURE,
            "297 字",
            "大概 1 分钟",
            "本文作者",
            "欢迎大家借鉴和讨论",
            "无以生计，卖文苟延",
            "支付宝",
        ),
    ),
    "holdout8/hexo-indigo/page-2": Page(
        theme="hexo-indigo",
        kind="listing",
        lang="zh",
        source=f"{WYS}:page/2/index.html ({INDIGO_TRIM}; the WeChat share QR code's base64 src emptied): the last "
        "home page, seven <article class=article-card> cards, all dated 2020-06-15 (the '2020-06-15' <time> ABOVE "
        "the linked h3 title), each excerpt PLAIN TEXT straight in div.post-content (Hexo's auto-excerpt: Markdown "
        "stripped, line breaks kept, an image's alt text 'image-20200529101428794' left in one, '&lt;dependency&gt;' "
        "shown literally in another, cut with '...') then a '阅读全文…' button; two pairs of cards repeat the same "
        "excerpt (posts saved twice under '(1)' names); og:url is the placeholder "
        "'http://yoursite.com/page/2/index.html'",
        entry="ul.post-list > li.post-list-item",
        title="h3.post-title",
        date="time.post-time",
        excerpt="div.post-content",
        drop=("a.post-more",),
        furniture=(*INDIGO_FURNITURE, "阅读全文", "上一页"),
    ),
    "holdout8/hexo-indigo/archives-page-2": Page(
        theme="hexo-indigo",
        kind="titles",
        lang="zh",
        source=f"{WYS}:archives/page/2/index.html ({INDIGO_TRIM}; the WeChat share QR code's base64 src emptied): "
        "the archive's second page, a '六月, 2020' separator and a waterfall of the same seven posts as page-2, each "
        "an <article class=article-card> of a '2020-06-15' <time> above a linked h3 title, no excerpt",
        entry="div.waterfall-item",
        title="h3.post-title",
        date="time.post-time",
        furniture=(*INDIGO_FURNITURE, "六月, 2020", "上一页"),
    ),
    "holdout8/hexo-indigo/tags": Page(
        theme="hexo-indigo",
        kind="reject",
        lang="zh",
        source=f"{WYS}:tags/index.html ({INDIGO_TRIM}; the WeChat share QR code's base64 src emptied): the tag page "
        "of a build that rendered no tag: a '标签' header, a tab bar holding only '全部' and an empty body; no post",
        furniture=(*INDIGO_FURNITURE, "全部"),
    ),
    "holdout8/jekyll-h2o/index": Page(
        theme="jekyll-h2o",
        kind="listing",
        lang="zh",
        source=f"{LIYANG}:_site/index.html ({H2O_TRIM}; nothing dropped): a home page of TWO cards (the theme's own "
        "demo posts, left in the owner's site) under a banner quote; each card has a cover link, then a "
        "section holding an EMPTY <a class=post-link title=...> and an UNLINKED h2 title, then either an h3 "
        "subtitle ('或许是最漂亮的Jekyll主题', the first card, which has no excerpt: labelled null) or a "
        "one-sentence p.post-excerpt (the second), then a footer of tag links and an '18 Apr 2017' <time> whose "
        "datetime is '17-04-18'; an author card and tag cloud beside the list; og:url 'http://localhost:4000/'",
        entry="div.article-list > article.article-item",
        title="h2.post-title",
        link="section.post-preview > a.post-link",
        date="time.post-date",
        excerpt="p.post-excerpt",
        furniture=H2O_FURNITURE,
    ),
    "holdout8/jekyll-h2o/post-new-theme-h2o": Page(
        theme="jekyll-h2o",
        kind="article",
        lang="zh",
        source=f"{LIYANG}:_site/技术/2017/04/18/new-theme-h2o.html ({H2O_TRIM}; the Disqus loader script, whose "
        "source is empty, dropped): the theme author's announcement post (about 1,500 characters, h2/h3 sections, "
        "image-only paragraphs, two code blocks, lists); tag links, the h1, an author link and the '18 Apr 2017' "
        "date sit in a banner <header> that leaves a div.post-cover unclosed, so lxml nests the whole post body "
        "inside that banner (a browser closes it at </header>); an h2 subtitle stands before the <article>; "
        "after it an author card and a 'read next' card with the other post's title and excerpt",
        entry="body",
        title="div.post-wrapper > h1",
        url_override=("http://localhost:4000/%E6%8A%80%E6%9C%AF/2017/04/18/new-theme-h2o.html",),
        date="time.post-meta-item",
        excerpt="article.markdown-body",
        furniture=(*H2O_FURNITURE, "Hello Jekyll", "Transform your plain text"),
    ),
    "holdout8/jekyll-h2o/404": Page(
        theme="jekyll-h2o",
        kind="reject",
        lang="zh",
        source=f"{LIYANG}:_site/404.html ({H2O_TRIM}; nothing dropped): a banner with '404', 'Sorry, Page Not Found "
        ":(' and a 'Back to home' link, no footer",
        furniture=("李阳的个人博客", "home", "tags", "Sorry, Page Not Found", "Back to home"),
    ),
    "holdout8/hugo-cupper/post": Page(
        theme="hugo-cupper",
        kind="titles",
        lang="en",
        source=f"{SURTI}@164c8f54efc9451c425a75cc119dc050aa3117f2:post/index.html (Hugo 0.83.1; {CUPPER_TRIM}): the "
        "'Blog' section list, every post of the site (sixteen, 2004-2005) as an h2 title link (a bookmark icon "
        "inside the link) wrapped in an inline-block span, with an 'Oct 20, 2004' <time> in a floated span AFTER "
        "it, under a 'Search by title...' box; the canonical is the relative '/post/', so links stay as written",
        entry="ul#list > li",
        title="h2",
        date="time",
        furniture=(*CUPPER_FURNITURE, "Tutorials", "Tags"),
    ),
    "holdout8/hugo-cupper/post-reading-better-faster": Page(
        theme="hugo-cupper",
        kind="article",
        lang="en",
        source=f"{SURTI}@164c8f54efc9451c425a75cc119dc050aa3117f2:reading-better-faster/index.html (Hugo 0.83.1; "
        f"{CUPPER_TRIM}): a 2004 post of about 3,900 characters (paragraphs and a 'ticks' list of eleven rules) "
        "with NO article wrapper: the h1, a 'Publish date: Oct 20, 2004' div, a 'Tags:' list and a prev/next "
        "box ('I Will »') are siblings of the paragraphs inside <main>; after <main> the prev/next box again and a "
        "'Show comments' button over 'Disqus comments are disabled.'; the canonical is the relative "
        "'/reading-better-faster/'",
        entry="div.main-and-footer > div",
        title="main#main > h1",
        url_override=("/reading-better-faster/",),
        date="div.date",
        excerpt="main#main",
        drop=("main#main > h1", "div.date", "div.tags", "div.prev-next-post"),
        furniture=(
            *CUPPER_FURNITURE,
            "Tutorials",
            "Publish date:",
            "Tags:",
            "I Will »",
            "Show comments",
            "Disqus comments are disabled.",
        ),
    ),
    "holdout8/hugo-cupper/blog-empty": Page(
        theme="hugo-cupper",
        kind="reject",
        lang="en",
        source=f"{SURTI}@49250c06e3062bb905195d7a6089bb6c4483e9f3:blog/index.html (an earlier Hugo 0.58.3 build of "
        f"the same site, four menu items; {CUPPER_TRIM}): the 'Blog' section list of a build whose blog section "
        "held no post: the h1, the search box and an EMPTY ul#list; no post",
        furniture=(*CUPPER_FURNITURE, "Blog"),
    ),
    "holdout8/hexo-pure/page-5": Page(
        theme="hexo-pure",
        kind="titles",
        lang="zh",
        source=f"{XZY}:page/5/index.html ({PURE_TRIM}): the last HOME page, six <article> cards that carry no excerpt "
        "at all (the owner's posts have none): a linked h1 title and a meta row of a linked <time> showing only "
        "month and day ('4月 5', no year: labelled null; its datetime is the UTC instant, the day before for four "
        "posts), tag links and a 'Comments' link; a sidebar of Board, Categories, Archive and a 'Recent Posts' "
        "widget listing five OTHER posts with full dates; a pager whose Prev link prints its icon markup as text; "
        "canonical 'http://xiaozongyang.github.io/page/5/index.html'",
        entry="div.article-list > article",
        title="a.article-title",
        date="time",
        furniture=(*PURE_FURNITURE, "Comments", "Page 5 of 5", "Prev", "Next"),
    ),
    "holdout8/hugo-future-imperfect/blog": Page(
        theme="hugo-future-imperfect",
        kind="listing",
        lang="en",
        source=f"{SHAKEEB}:blog/index.html ({FI_TRIM}): the blog section list, three <article class=post> cards; "
        "each header holds the linked h2 title AND a one-line description paragraph under it (a subtitle, not the "
        "excerpt), then a meta block of a 'November 13, 2018' <time>, the author 'Shakeeb' and '3 minute read'; a "
        "featured image link, the summary paragraph (the excerpt), a 'Continue Reading' button and category/tag "
        "lists (one tag link is empty); BEFORE <main> an off-canvas #menu section repeats the three posts as "
        "'Recent Posts' mini-cards with dates, and the sidebar after it repeats them again; og:url is the relative "
        "'/blog/', so links stay as written",
        entry="div#main > article.post",
        title="div.title h2",
        date="time.published",
        excerpt=":scope > p",
        furniture=(*FI_FURNITURE, "Continue Reading", "minute read", "Categories"),
    ),
    "holdout8/hugo-future-imperfect/categories-flutter": Page(
        theme="hugo-future-imperfect",
        kind="listing",
        lang="en",
        source=f"{SHAKEEB}:categories/flutter/index.html ({FI_TRIM}): the 'Flutter' category page, an h1 and ONE "
        "card marked up as on the blog list (description subtitle, date, author, reading time, image, two-sentence "
        "summary, 'Continue Reading'), while the off-canvas menu and the sidebar each list three 'Recent Posts' "
        "with dates",
        entry="div#main > article.post",
        title="div.title h2",
        date="time.published",
        excerpt=":scope > p",
        furniture=(*FI_FURNITURE, "Continue Reading", "minute read", "Flutter Posts"),
    ),
    "holdout8/hexo-jacman/index": Page(
        theme="hexo-jacman",
        kind="listing",
        lang="zh",
        source=f"{JINGLE}:index.html ({JACMAN_TRIM}): the first of ten home pages, ten cards; the minifier writes "
        "'</head></html><body>', closing the document before the body; each card is an <article> of a linked h1 "
        "title, a 'By Jin' author line and a '发表于 2019-11-20' <time>, then div.article-content holding the text "
        "before the more marker and a '查看全文' link; three cards have NO text before the marker (excerpt null), "
        "two open with an h3 heading (one with a blockquote, one with a five-item list), one ends in a badge image; "
        "og:url 'http://94275.cn/index.html'",
        entry="div#main > article.post",
        title="header.article-info h1",
        date="time",
        excerpt="div.article-content",
        drop=("p.article-more-link",),
        furniture=(*JACMAN_FURNITURE, "下一页"),
    ),
    "holdout8/hexo-jacman/page-10": Page(
        theme="hexo-jacman",
        kind="listing",
        lang="zh",
        source=f"{JINGLE}:page/10/index.html ({JACMAN_TRIM}; head and sidebar as on the index, the same build): the "
        "last home page, ten 2014 cards marked up as on the index, every one with a one- or two-paragraph excerpt "
        "(some paragraphs end in a stray <br>, two carry inline links); the last card, 'Stay hungry, stay foolish', "
        "repeats the site motto printed under the site name and quotes the English Stanford address; og:url "
        "'http://94275.cn/page/10/index.html'",
        entry="div#main > article.post",
        title="header.article-info h1",
        date="time",
        excerpt="div.article-content",
        drop=("p.article-more-link",),
        furniture=(*JACMAN_FURNITURE, "上一页"),
    ),
    "holdout8/hexo-nexmoe/page-4": Page(
        theme="hexo-nexmoe",
        kind="listing",
        lang="zh",
        source=f"{FCL}:page/4/index.html ({NEXMOE_TRIM}): the last home page, three cards marked up as on the index "
        "(title h1 printed on the cover image inside the cover link, icon-link meta row, <article> description); "
        "one title holds an escaped ampersand ('HTTP 强缓存&协商缓存'), the last card is the site's first post, "
        "'Hello World', whose description is the single line '我的博客的第一条'; og:url "
        "'http://yoursite.com/page/4/index.html'",
        entry="section.nexmoe-posts > div.nexmoe-post",
        title="div.nexmoe-post-cover h1",
        link="a[href]",
        date="div.nexmoe-post-meta > a",
        excerpt="article",
        furniture=(*NEXMOE_FURNITURE, "2.4k 字", "大概 10 分钟", "作者：方朝龙"),
    ),
    "holdout8/hugo-future-imperfect/post-academic-papers": Page(
        theme="hugo-future-imperfect",
        kind="article",
        lang="en",
        source=f"{SHAKEEB}:blog/academic-papers/index.html ({FI_TRIM}; the Disqus loader script dropped, its empty "
        "#disqus_thread, noscript and credit link kept): a 534-word post; the <article class=post> header holds "
        "the linked h1 title, the description subtitle, 'November 13, 2018', 'Shakeeb' and '3 minute read', then "
        "a row of eight share buttons (Twitter ... Email) and the featured image BEFORE div#content, whose body "
        "opens with an h2 repeating the title and has h3/h4 sections, a blockquote and five code blocks; after it "
        "category/tag lists, a second <article class=post> holding only the comments box, a 'A Real World Alexa "
        "Skill' previous-post button; an off-canvas 'Share this post' menu repeats the eight share links; og:url "
        "is the relative '/blog/academic-papers/'",
        entry="div#main > article.post:has(div#content)",
        title="div.title h1",
        url_override=("/blog/academic-papers/",),
        date="time.published",
        excerpt="div#content",
        furniture=(
            *FI_FURNITURE,
            "3 minute read",
            "Share this post",
            "StumbleUpon",
            "Pinterest",
            "comments powered by Disqus",
            "A Real World Alexa Skill",
        ),
    ),
}
