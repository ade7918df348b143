"""Selectors for the third held-out theme set (``holdout3/``), keyed "holdout3/theme/page".

Why a separate module: holdout3 was built after ``dev/`` and ``holdout2/`` had both been used for tuning, to
measure the finished detector on themes nobody tuned on. Its labels come only from the hand-written selectors
below (the detector was never run on these pages while building them); ``pages.py`` merges them into ``PAGES``
so the same labeller and fixture test cover every set.
"""

from __future__ import annotations

from benchmarks.themes.label import Page

CNMOINK = "cnmoink/cnmoink.github.io@571c33701da848d07d43593406a8bf5337914b38"
KEEP_TRIM = (
    "the inline KEEP theme-config script in the head and the pjax/service-worker scripts at the end dropped "
    "(the config held nothing visible)"
)
KEEP_FURNITURE = (
    "Moink's Blog",
    "多易，必多难",
    "首页",
    "归档",
    "友链",
    "阅读全文",
    "由 Hexo 驱动",
    "Keep v3.6.1",
    "提供部署服务",
)

ZIOANG = "zioang/zioang.github.io@0579b1e422df71c92e54f71ad1b0f586bf36f522"
AYER_TRIM = (
    "the cnzz/51.la/busuanzi counters, the inline Typed.js, PhotoSwipe-viewer and MathJax-config scripts dropped, "
    "the PhotoSwipe template's comments and blank template lines removed"
)
AYER_FURNITURE = (
    "Zioang's Blog",
    "Powered by",
    "Theme Ayer",
    "请我喝杯咖啡吧~",
    "支付宝",
    "主页",
    "归档",
    "分享",
    "阅读更多...",
)

SAPKIN = "GeorgeSapkin/georgesapkin.github.io"
APOLLO_FURNITURE = ("# dmesg -w", "A blog to follow", "BLOG", "GITHUB", "CONTACTS", "George Sapkin")
TIME1ESS = "Time1ess/Time1ess.github.io@03e0bb9e59a207e291fd563801ac298eab1300eb"
JIWENXING = "jiwenxing/jiwenxing.github.io@0353e9dc4dca71de76f42ddc6611e50dc71eda57"
MAUPASSANT_TRIM = "the flagcounter 访客统计 widget and the Disqus comment-count script dropped"
MAUPASSANT_FURNITURE = (
    "墨言",
    "LIFE IS SIMPLE, LOVE SMILE AND CODE",
    "首页",
    "Readmore",
    "Coding",
    "Travelling",
    "Alfred Markdown",
    "Powered by",
    "Theme by Cho.",
)
NULLFORCE = "nullforce/nullforce.github.io@f85359642cdfefeb3c8cd932bbce9674809b8ff2"
HH_TRIM = "runs of blank template lines collapsed (sidebar menu, social block, list loop)"
HH_FURNITURE = (
    "nullforce's Blog",
    "A developer blog",
    "Repositories",
    "Copyright © 2019 nullforce",
    "CC BY-SA 4.0",
    "Built with Hugo",
    "hyde-hyde",
)
OZAN = "ozangulle/ozangulle.github.io@05455eea9b7098a93a430768c81ac0516c191e51"
BLACKBURN_TRIM = "the inline <style> at the end dropped and runs of blank template lines collapsed"
BLACKBURN_FURNITURE = ("Menu", "Projects", "Xing", "GitHub", "Built with Hugo", "Theme Blackburn", "by Ozan Gulle")
DXSM = "dxsm/dxsm.github.io"
VOLANTIS_TRIM = (
    "the inline loading-screen CSS and every inline script (loading-bar calls, search config, fancybox wrapper, "
    "echo and eruda init) dropped, the sidebar tag cloud cut to 9 tags and the category widget to 5 entries"
)
VOLANTIS_FURNITURE = (
    "Dylan",
    "玩命加载中",
    "主页",
    "百宝箱",
    "留言版",
    "星雨夜澈",
    "不忘初心，记录时光，走向成长",
    "公告",
    "热门标签",
    "所有分类",
)
MAYRAIN = "5MayRain/5mayrain.github.io@1a5e35aab725d99c154562dd73de99fc71ea9c3f"
DIASPORA_FURNITURE = ("棕果核", "生命不息，折腾不止", "首页", "友链", "RRS", "加载更多")
DARYL = "DarylsJoy/DarylsJoy.github.io@0efae1839032cdb04e83ae2497abfcc9d51ecb9b"
MATERIAL_TRIM = (
    "every inline script (the lsloader/localStorage loader, queue, Baidu analytics, ls-javascript blocks, the "
    "footer's document.write year, the Valine init) and inline <style> block dropped, their empty <style id> "
    "placeholders kept"
)
MATERIAL_FURNITURE = (
    "阿烂精神",
    "joynjoy@163.com",
    "Email Me",
    "主页",
    "图库",
    "陕ICP备16015784号",
    "Theme - Material",
)

HOLDOUT3_PAGES: dict[str, Page] = {
    "holdout3/hexo-keep/index": Page(
        theme="hexo-keep",
        kind="listing",
        lang="zh",
        source=f"{CNMOINK}:index.html (real Hexo 6.3 + Keep 3.6.1 output, minified; {KEEP_TRIM}): the whole site's "
        "three posts as home cards: an excerpt made of one heading and a two-item list, a plain-text excerpt ending "
        "in '...', and an excerpt that is only a heading; under each a date with a history icon that is the "
        "last-updated date (data-updated, the same 2023-03-09 on all three), not the publication date, so the "
        "labels carry no date; tag links and a 阅读全文 link; no canonical, root-relative links",
        entry="ul.home-article-list li.home-article-item",
        title="h3.home-article-title a",
        excerpt="div.home-article-content",
        furniture=KEEP_FURNITURE,
    ),
    "holdout3/hexo-keep/archives": Page(
        theme="hexo-keep",
        kind="titles",
        lang="zh",
        source=f"{CNMOINK}:archives/index.html (real output; {KEEP_TRIM}): one year block '2023 [3]' with three "
        "lines of title and MM-DD date",
        entry="section.archive-item li.article-item",
        title="a.article-title",
        date="span.article-date",
        year_from="span.archive-year",
        furniture=(*KEEP_FURNITURE[:6], "由 Hexo 驱动", "Keep v3.6.1"),
    ),
    "holdout3/hexo-keep/post-hello": Page(
        theme="hexo-keep",
        kind="article",
        lang="zh",
        source=f"{CNMOINK}:2023/01/13/ni-hao-shi-jie/index.html (real output; {KEEP_TRIM}, and the inline giscus "
        "loader script dropped): a short post (a 'Hello World！' heading and one sentence, 20 characters) with an "
        "unlinked title, author badge, created/updated dates, reading time, a copyright box repeating title, "
        "author and date, the previous-post title and a TOC",
        entry="div.article-content-container",
        title="div.article-title",
        url_override=("/2023/01/13/ni-hao-shi-jie/",),
        date="span.article-date span.pc",
        excerpt="div.article-content",
        furniture=(*KEEP_FURNITURE[:6], "本文标题", "本文作者", "版权声明", "上一篇", "Markdown测试", "评论"),
    ),
    "holdout3/hexo-keep/tags": Page(
        theme="hexo-keep",
        kind="reject",
        lang="zh",
        source=f"{CNMOINK}:tags/index.html (real output; {KEEP_TRIM}): a tag cloud of three tags and nothing else",
        furniture=(*KEEP_FURNITURE[:6], "由 Hexo 驱动", "Keep v3.6.1"),
    ),
    "holdout3/hexo-ayer/index": Page(
        theme="hexo-ayer",
        kind="listing",
        lang="zh",
        source=f"{ZIOANG}:index.html (real Hexo + Ayer output; the generator meta names hexo-theme-yilia-plus, the "
        f"footer Ayer; {AYER_TRIM}): a cover block with the site name, then four posts whose excerpts start with a "
        "heading, with LaTeX source in one, a '阅读更多...' link inside the body element, date and categories "
        "above, share link and tags below; the <html> element is closed before <body> as generated",
        entry="article.articles article.article",
        title="a.article-title",
        date="time",
        excerpt="div.article-entry",
        drop=("a.article-more-link",),
        furniture=AYER_FURNITURE,
    ),
    "holdout3/hexo-ayer/category-tinkering": Page(
        theme="hexo-ayer",
        kind="titles",
        lang="zh",
        source=f"{ZIOANG}:categories/日常折腾/index.html (real output; {AYER_TRIM}): a category page with a year "
        "link and two entries, each 'MM/DD' date above the title and category links below",
        entry="div.archives article.archive-article",
        title="a.archive-article-title",
        date="time",
        year_from="a.archive-year",
        furniture=(*AYER_FURNITURE[:6], "归档"),
    ),
    "holdout3/hexo-apollo/index": Page(
        theme="hexo-apollo",
        kind="listing",
        lang="en",
        source=f"{SAPKIN}@4214d91ec0cbef06e7e8466bbcaf71abc8f6c554:index.html (real Hexo + Apollo output, minified; "
        "the Google Analytics snippet dropped): the home list holds the site's only post, a three-paragraph excerpt "
        "that opens with a bold 'Jun 16, 2016 update:' line, the date 'Jun 12, 2016' above it and a 'more...' link "
        "after it, an empty paginator",
        entry="ul.post-list li.post-list-item",
        title="a.post-title-link",
        date="div.post-info",
        excerpt="div.post-content",
        furniture=(*APOLLO_FURNITURE, "more..."),
    ),
    "holdout3/hexo-apollo/about": Page(
        theme="hexo-apollo",
        kind="reject",
        lang="en",
        source=f"{SAPKIN}@ba04267ab5614f8411d8eb220cc714b20b92a73e:about/index.html (real output, nothing dropped): "
        "the About page, rendered with the same post-block markup, h1 title and 'Jun 12, 2016' date line as a post, "
        "six paragraphs about the author; a page, not a post",
        furniture=APOLLO_FURNITURE,
    ),
    "holdout3/hexo-apollo/archives-2018": Page(
        theme="hexo-apollo",
        kind="titles",
        lang="zh",
        source=f"{TIME1ESS}:archives/2018/index.html (real Hexo output of Apollo as customised by the site owner: "
        "Apollo's post-item/post-info/post-title-link archive markup with apollo- prefixed header classes and "
        "Bootstrap added; the Google Analytics, Baidu push and inline MathJax-config scripts dropped): a year "
        "archive of six posts, each a '2018年5月7日' date line before the title link",
        entry="div.archive div.post-item",
        title="a.post-title-link",
        date="div.post-info",
        furniture=(
            "博客",
            "归档",
            "分类",
            "GITHUB",
            "RSS",
            "关于",
            "hexo-theme-apollo",
            "© 2016 - 2018",
        ),
    ),
    "holdout3/hexo-maupassant/index": Page(
        theme="hexo-maupassant",
        kind="listing",
        lang="zh",
        source=f"{JIWENXING}:index.html (real Hexo + Maupassant output by pagecho, minified; {MAUPASSANT_TRIM}; 8 of "
        "12 posts kept, the four before the last cut): title, a 'Mar 8 2018' date and an empty Disqus count link "
        "above each one-paragraph excerpt, several excerpts leave their <p> unclosed, one excerpt is only an image, "
        "a 'Readmore' paragraph after the body element; sidebar with category counts and a tag cloud",
        entry="div.content_container div.post",
        title="h2.post-title a",
        date="div.post-meta",
        excerpt="div.post-content",
        furniture=MAUPASSANT_FURNITURE,
    ),
    "holdout3/hexo-maupassant/archives-2018": Page(
        theme="hexo-maupassant",
        kind="titles",
        lang="zh",
        source=f"{JIWENXING}:archives/2018/index.html (real output; {MAUPASSANT_TRIM}): a year heading and three "
        "lines of '2018/03/08' date and title link, the same sidebar as the index",
        entry="div.post-archive ul.listing li",
        title="a",
        date="span.date",
        furniture=(*MAUPASSANT_FURNITURE[:3], *MAUPASSANT_FURNITURE[4:]),
    ),
    "holdout3/hugo-hyde-hyde/index": Page(
        theme="hugo-hyde-hyde",
        kind="listing",
        lang="en",
        source=f"{NULLFORCE}:index.html (real Hugo 0.58 + hyde-hyde output; {HH_TRIM}): the home list of the site's "
        "only post: title, 'Sep 24, 2019' and a one-sentence summary in sibling spans without a card element of "
        "their own, then '... ➦'; og:url set",
        entry="div.post-list div.post-list__item",
        title="span.item__title--big a",
        date="span.item__date",
        excerpt="span:not([class])",
        furniture=HH_FURNITURE,
    ),
    "holdout3/hugo-hyde-hyde/posts": Page(
        theme="hugo-hyde-hyde",
        kind="titles",
        lang="en",
        source=f"{NULLFORCE}:posts/index.html (real output; {HH_TRIM}): the Posts section list, one title line "
        "with its date in a right-floated <time>",
        entry="ul.posts li",
        title="span.list__title--small a",
        date="time",
        furniture=(*HH_FURNITURE, "Posts"),
    ),
    "holdout3/hugo-hyde-hyde/post-first": Page(
        theme="hugo-hyde-hyde",
        kind="article",
        lang="en",
        source=f"{NULLFORCE}:posts/first-post/index.html (real output; {HH_TRIM}, the inline highlight.js init "
        "script dropped): a placeholder post of about 50 characters (a sentence, an h2, the sentence again) under "
        "a meta block of date, category badge, tag badge and '1 min read'",
        entry="div.content article",
        title="header h1",
        url_override=("https://nullforce.github.io/posts/first-post/",),
        date="div.post__meta",
        excerpt="div.post",
        furniture=(*HH_FURNITURE, "MISCELLANEOUS", "1 min read"),
    ),
    "holdout3/hugo-hyde-hyde/404": Page(
        theme="hugo-hyde-hyde",
        kind="reject",
        lang="en",
        source=f"{NULLFORCE}:404.html (real output; {HH_TRIM}): a 404 heading and one sentence with a link home",
        furniture=(*HH_FURNITURE, "404: Page not found", "Head back home"),
    ),
    "holdout3/hugo-blackburn/index": Page(
        theme="hugo-blackburn",
        kind="listing",
        lang="en",
        source=f"{OZAN}:index.html (real Hugo 0.87 + Blackburn output; {BLACKBURN_TRIM}): the site's two posts, "
        "each an <article> whose summary is a bare <p> after the header (no wrapper element), date and 'by Ozan "
        "Gulle' in the meta line; the first has a 'Read more' footer, the second is shown whole and has none; "
        "absolute links, no canonical",
        entry="div.content article",
        title="header h2 a",
        date="time",
        excerpt="p",
        furniture=(*BLACKBURN_FURNITURE, "Read more"),
    ),
    "holdout3/hugo-blackburn/posts": Page(
        theme="hugo-blackburn",
        kind="titles",
        lang="en",
        source=f"{OZAN}:post/index.html (real output; {BLACKBURN_TRIM}): the Posts list, a year heading per year and "
        "one '29 Aug 2021 - title' line per post",
        entry="div.content li",
        title="a",
        date="time",
        furniture=BLACKBURN_FURNITURE[:6],
    ),
    "holdout3/hugo-blackburn/post-cleanup": Page(
        theme="hugo-blackburn",
        kind="article",
        lang="en",
        source=f"{OZAN}:post/cleanup/index.html (real output; {BLACKBURN_TRIM}): a short post (three paragraphs, "
        "about 290 characters) with no article element: the title is the page header h1, the meta line and the "
        "paragraphs sit loose in div.content, followed by a next-post link",
        entry="div#main",
        title="div.header h1",
        url_override=("https://ozangulle.xyz/post/cleanup/",),
        date="time",
        excerpt="div.content",
        drop=("div.post-meta", "div.prev-next-post"),
        furniture=(*BLACKBURN_FURNITURE, "ESP8266 with Temperature Sensor"),
    ),
    "holdout3/hexo-volantis/archives": Page(
        theme="hexo-volantis",
        kind="titles",
        lang="zh",
        source=f"{DXSM}@16b71b06d3a390ea37e9c5470c5b7e645b95f75d:archives/index.html (real Hexo 5.4 output of "
        f"Volantis 2.x (the Material X line); {VOLANTIS_TRIM}; the 2018 year block, 12 entries, cut): a timeline of "
        "year headings and links holding an 'MM-DD' <time> and the title, loading screen and author sidebar around it",
        entry="section.archive div.archive-post",
        title="span.title",
        link="a",
        date="time",
        year_from="div.archive-year h2",
        furniture=VOLANTIS_FURNITURE,
    ),
    "holdout3/hexo-volantis/category-low-power": Page(
        theme="hexo-volantis",
        kind="listing",
        lang="zh",
        source=f"{DXSM}@02832152a3d17b496196068685db18cf3e39f236:categories/低功耗设计/index.html (real output; the "
        "first 8.9 KB (head, loading screen, header and mobile menu) were not read and are taken from the archives "
        f"fixture of the same site with this page's title; {VOLANTIS_TRIM}): a category page of two cards with "
        "title and category badge but no date, one excerpt opening with an h2 and a list, the other five "
        "paragraphs, each followed by '阅读全文 »' and a tag link inside the body section",
        entry="section.post-list article.post",
        title="h2.title a",
        excerpt="section.article",
        drop=("div.readmore", "div.tags"),
        furniture=(*VOLANTIS_FURNITURE, "阅读全文 »", "SpinalHDL"),
    ),
    "holdout3/hexo-diaspora/page-2": Page(
        theme="hexo-diaspora",
        kind="listing",
        lang="zh",
        source=f"{MAYRAIN}:page/2/index.html (real Hexo 6.3 output of the owner's fork of Diaspora; the inline "
        "searchDbPath script dropped and the PhotoSwipe template's comments removed, 2 of 10 cards (the 7th and "
        "9th) cut): the second page of the home list. A full-screen hero repeats the first post "
        "(date, title, a shorter summary) before the list; each card is a cover image link, a '七月 20, 2021' date "
        "line (English order, Chinese month), the title and a plain-text summary cut with '...' that keeps the "
        "post's line breaks; a '加载更多' link to page 3",
        entry="div#primary div.post",
        title="a.posttitle",
        date="div.else > p:nth-of-type(1)",
        excerpt="div.else > p:nth-of-type(2)",
        furniture=DIASPORA_FURNITURE,
    ),
    "holdout3/hexo-diaspora/404": Page(
        theme="hexo-diaspora",
        kind="reject",
        lang="zh",
        source=f"{MAYRAIN}:404.html (real output of the site's own 404 page, not the theme's; its inline <style> "
        "dropped): a 404 heading, one sentence, a link home and four mirror-site links",
        furniture=("404 Not Found", "返回主页", "镜像站点"),
    ),
    "holdout3/hexo-material/tag-react": Page(
        theme="hexo-material",
        kind="listing",
        lang="zh",
        source=f"{DARYL}:tags/React/index.html (real Hexo + Material 1.5 (viosey, Paradox scheme) output, minified by "
        f"hexo-neat; {MATERIAL_TRIM}): a tag page that lists its one post as a full card: title inside the random "
        "thumbnail block, a one-sentence excerpt with an inline '阅读全文' link, author avatar, 'Daryl' and the date "
        "'3月 19, 2017' below it, the category link; the <html> element is display:none until the CSS loads; "
        "relative canonical",
        entry="div.material-index div.post_entry-module",
        title="p.article-headline-p a",
        date="div#post_entry-left-info span",
        excerpt="div.post_entry-content",
        drop=("span",),
        furniture=(*MATERIAL_FURNITURE, "阅读全文", "Daryl"),
    ),
    "holdout3/hexo-material/post-new-year": Page(
        theme="hexo-material",
        kind="article",
        lang="zh",
        source=f"{DARYL}:2018/02/16/happy-new-year.html (real output from 13.5 KB on; the head before it (inline "
        "loader scripts, styles and a JSON-LD block) was not read and is the tag-page fixture's head with this "
        f"post's title and without the og/twitter/canonical lines; {MATERIAL_TRIM}): a short post (five "
        "paragraphs, about 110 characters, two of them '+'/'-' lists written with <br>) under an unlinked title "
        "in the thumbnail block, author and '2月 16, 2018' date, share menu, an older-post link",
        entry="div.material-post",
        title="p.article-headline-p",
        url_override=("/2018/02/16/happy-new-year.html",),
        date="div.meta span:not(.visuallyhidden)",
        excerpt="div#post-content",
        furniture=(*MATERIAL_FURNITURE, "分享到微博", "旧篇", "Daryl"),
    ),
}
