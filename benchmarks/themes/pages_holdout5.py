"""Selectors for the fifth held-out theme set (``holdout5/``), keyed "holdout5/theme/page".

Why a separate module: holdout5 was built while ``holdout4/`` was about to be measured once and then tuned on, so
that the round after it can still be measured on themes nobody has seen. Its themes come from families no other set
holds. Its labels come only from the hand-written selectors below (the detector was never run on these pages while
building them); ``pages.py`` merges them into ``PAGES`` so the same labeller and fixture test cover every set.
"""

from __future__ import annotations

from benchmarks.themes.label import Page

BRANNUA = "Brannua/Brannua.github.io@0e5af1262e80238324501979b21e0f8a0a3061f9"
YUN_TRIM = "the ScrollReveal, yun-config and search-popup inline scripts dropped, the wave SVG path emptied"
YUN_FURNITURE = (
    "刘培杰的博客",
    "文学集锦",
    "2020 – 2021",
)

BOLIN = "BoLinJay/BoLinJay.github.io"
ANATOLE_FURNITURE = (
    "霖 の Blog",
    "Hello there!",
    "Bo Lin Jay",
    "Powered by",
    "Anatolo",
    "首页",
    "归档",
    "标签",
)

LIYOUXI = "liyouxi/liyouxi.github.io"
FLEX_FURNITURE = (
    "Developer",
    "关于我",
    "Home",
    "Archives",
    "Categories",
    "简单不先于复杂，而是在复杂之后",
    "Alan Perlis",
)

SOWB = "sowb/sowb.github.io@059a4f60713d2c7d9b0a3af25f6218154dd381c4"
LITHIUM_TRIM = "the Google Tag Manager and Google Analytics scripts dropped"
LITHIUM_FURNITURE = (
    "Boubacar Sow",
    "M2 Data Mining",
    "M2 Economics and Finance",
    "RSS feed",
    "Made with",
    "About",
)

WANGYAZHU = "Wangyazhu16/Wangyazhu16.github.io"
LITHIUM_STOCK_FURNITURE = ("About", "GitHub", "RSS feed", "Made with")

RISE = "AmazingRise/amazingrise.github.io@f316180393a33b41eea0d129f81009d92e11f1e6"
DIARY_TRIM = "the Google Analytics script dropped"
DIARY_FURNITURE = (
    "左手的世界",
    "Rise's Blog",
    "歸檔 Archive",
    "分類 Categories",
    "關於 About",
    "朋友們 Friends",
    "Hugo Theme",
    "本站遵循 CC-BY-NC 4.0 协议",
    "移植自",
)

KINSIY = "Kinsiy/Kinsiy.github.io@06762c21371fa151436577cb70f4310715f67149"
SAKURA_TRIM = (
    "the mashiro_option and background inline scripts and two inline <style> blocks in the head, the search "
    "config, Valine/busuanzi/Poi/tocbot scripts and the mobile #mo-nav menu at the end (not read past 32 KB) dropped, "
    "the menu's blank template lines re-indented"
)
SAKURA_FURNITURE = (
    "Kinsiy",
    "slipped the surly bonds of earth to touch the face of God",
    "首页",
    "留言板",
    "赞赏",
    "Theme",
    "Mashiro",
    "Powered by Hexo",
)

VIJAY = "vijaykodam/vijaykodam.github.io@a1e07934d4448538b1b2313f1edeac22bfa9fbec"

WUZHEN = "WUZHEN1991/WUZHEN1991.github.io@275e80558d0b1699dc34aa6333878c3e18ba7127"

HOLDOUT5_PAGES: dict[str, Page] = {
    "holdout5/hexo-yun/index": Page(
        theme="hexo-yun",
        kind="listing",
        lang="zh",
        source=f"{BRANNUA}:index.html (real Hexo 5.4 + Yun 1.6.1 output, minified; {YUN_TRIM}; the last 99 "
        "characters (not read) are the archives page's ending, the same template): the site's two posts as "
        "centred cards: linked title, a created and a modified <time>, an excerpt (an empty APlayer music div, then "
        "one long paragraph), a 'READ MORE' button, then category and tag links under the text; a banner and an "
        "empty hitokoto quote box above the cards",
        entry="article.post-card",
        title="a.post-title-link",
        date="time[itemprop~=datePublished]",
        excerpt="div.post-card-excerpt",
        furniture=(*YUN_FURNITURE, "READ MORE"),
    ),
    "holdout5/hexo-yun/archives": Page(
        theme="hexo-yun",
        kind="titles",
        lang="zh",
        source=f"{BRANNUA}:archives/index.html (real output; {YUN_TRIM}): 'Archive', '2 posts in total', year h2 "
        "headings and one article per post whose 'MM-DD' <time> comes BEFORE the title link; a closing line "
        "'没有更多的黑历史了_(:з」∠)_'",
        entry="article.post-item",
        title="a.post-title-link",
        date="time.post-time",
        year_from="h2.archive-year",
        furniture=(*YUN_FURNITURE, "2 posts in total", "没有更多的黑历史了"),
    ),
    "holdout5/hexo-yun/post-dongzhi": Page(
        theme="hexo-yun",
        kind="article",
        lang="zh",
        source=f"{BRANNUA}:2017/12/28/冬至日，北国的热门是饺子/index.html (real output; {YUN_TRIM}, and the "
        "Meting pjax and Valine comment scripts dropped): an essay of 13 paragraphs under an h1 holding an "
        "icon-only edit link, created/modified times, a visitor counter, category and tag; a copyright list "
        "(Post author / Post link / Copyright Notice), a prev link and a comment prompt after it; the post's "
        "address is only in og:url (ending in index.html) and a <link itemprop=mainEntityOfPage>",
        entry="article.post-block",
        title="h1.post-title",
        link="link[itemprop=mainEntityOfPage]",
        date="time[itemprop~=datePublished]",
        excerpt="div.post-content",
        furniture=(
            *YUN_FURNITURE,
            "Post author:",
            "Copyright Notice:",
            "This post does not have a Table of Contents",
            "要不要和我说些什么？",
        ),
    ),
    "holdout5/hexo-yun/categories": Page(
        theme="hexo-yun",
        kind="reject",
        lang="zh",
        source=f"{BRANNUA}:categories/index.html (real output; {YUN_TRIM}): 'Category', '1 category in total' and "
        "one category link with its count; no post",
        furniture=(*YUN_FURNITURE, "1 category in total"),
    ),
    "holdout5/hexo-anatole/index": Page(
        theme="hexo-anatole",
        kind="listing",
        lang="zh",
        source=f"{BOLIN}@194cb83aa9d5cb4571bb5f8feba8dc3f094358bd:index.html (real Hexo 6.2 + Anatole output, whole "
        "page, minified, no trimming; its footer credits 'Anatolo'): seven posts, each a title h3, a one-paragraph "
        "auto-excerpt that keeps the Markdown's line breaks and headings run together and ends in '...' (one is "
        "cut inside an HTML comment, '// &lt;!--...'), then a footer with a 2022-08-20 date, an optional tag and a "
        "'大约4576个字, 15分钟15秒读完' word-count line; the second post ('测试') is empty, its excerpt a bare line "
        "break; no canonical, root-relative links",
        entry="div.post",
        title="div.post-title a",
        date="span.date",
        excerpt="div.post-content",
        furniture=(*ANATOLE_FURNITURE, "目录", "大约4576个字, 15分钟15秒读完", "大约0个字, 0秒读完", "个人项目"),
    ),
    "holdout5/hexo-anatole/archives": Page(
        theme="hexo-anatole",
        kind="titles",
        lang="zh",
        source=f"{BOLIN}@3f8bf31f939ae491822346e6424a60b171978681:archives/index.html (real output, whole page): a "
        "'2022' heading and seven items, each a title link followed by an 'MM-DD' date",
        entry="div.listing-item",
        title="a",
        date="span.date",
        year_from="div.listing-title",
        furniture=ANATOLE_FURNITURE,
    ),
    "holdout5/hexo-anatole/tags": Page(
        theme="hexo-anatole",
        kind="reject",
        lang="zh",
        source=f"{BOLIN}@194cb83aa9d5cb4571bb5f8feba8dc3f094358bd:tags/index.html (real output, whole page): two tag "
        "buttons with counts separated by ' | ', nothing else",
        furniture=(*ANATOLE_FURNITURE, "个人项目"),
    ),
    "holdout5/pelican-flex/index6": Page(
        theme="pelican-flex",
        kind="listing",
        lang="zh",
        source=f"{LIYOUXI}@7bde1ece57edbcfb0a1fe1ba4e445b126b9d78d4:index6.html (real Pelican output, an early Flex "
        "theme (theme/stylesheet/style.less) with a customised sidebar; whole page, no trimming): the last home "
        "page, three <article>s of an h2 title link (with a '#slug' fragment), a 'Posted on 2016-04-07(星期四) 12:00 "
        "in 随笔 • Tagged with 随笔' line, then a summary div ending in ' ...' with a 'Continue reading' button; the "
        "first summary is only an <hr> and an h2 '随笔' (the post's one heading, same text as its title, category "
        "and tag), the third starts with an h2; 'Newer Posts' pagination",
        entry="main > article",
        title="header h2 a",
        date="header p",
        excerpt="header + div",
        drop=("a.btn",),
        furniture=(*FLEX_FURNITURE, "Ups and Downs", "Posted on", "Tagged with", "Continue reading", "Newer Posts"),
    ),
    "holdout5/pelican-flex/archives": Page(
        theme="pelican-flex",
        kind="titles",
        lang="zh",
        source=f"{LIYOUXI}@12de6e97d38a3a97f270453e5f85bcbef1bc27e3:archives.html (real output of an earlier build of "
        "the same site, then named 'Over Blog'; whole page): 'Archives', a definition list where one "
        "<dt>2016-04-07(星期四) 12:00</dt> dates the four <dd> title links after it",
        entry="dl > dd",
        title="a",
        date_before="dt",
        furniture=(*FLEX_FURNITURE, "Over Blog", "友情推荐"),
    ),
    "holdout5/pelican-flex/post-virtual-1": Page(
        theme="pelican-flex",
        kind="article",
        lang="zh",
        source=f"{LIYOUXI}@20c4b10e5ace6b7c5d9e7449b221fb3e95bc1a17:virtual_1.html (real output; whole page): a short "
        "post (an h2, one paragraph and a link line, about 190 characters) under an unlinked h1 and a 'Posted on' "
        "line, a one-tag cloud after it; its address is in og:url and the JSON-LD only",
        entry="main > article",
        title="h1",
        url_override=("http://liyouxi.github.io/virtual_1.html",),
        date="header p",
        excerpt="header + div",
        furniture=(*FLEX_FURNITURE, "Ups and Downs", "Posted on", "友情推荐"),
    ),
    "holdout5/hugo-lithium/index": Page(
        theme="hugo-lithium",
        kind="listing",
        lang="en",
        source=f"{SOWB}:index.html (real Hugo 0.80 output of a blogdown site on hugo-lithium with a customised "
        f"list template and sidebar; {LITHIUM_TRIM}): six posts (four English, two French), each an "
        "<article class=archive-item> holding only the title link and a '2021-09-15' date, and the summary in a "
        "SEPARATE sibling <div class=sum> after the article, the whole summary one link to the post; relative "
        "links ('./2021/09/15/...'), no canonical",
        entry="article.archive-item",
        title="a.archive-item-link",
        date="span.archive-item-date",
        excerpt_sibling="div.sum",
        furniture=(*LITHIUM_FURNITURE, "Home"),
    ),
    "holdout5/hugo-lithium/tags": Page(
        theme="hugo-lithium",
        kind="reject",
        lang="en",
        source=f"{SOWB}:tags/index.html (real output; {LITHIUM_TRIM}): the tag index rendered by the customised "
        "list template with nothing in it, an empty <div class=archive> between the sidebar and the footer",
        furniture=(*LITHIUM_FURNITURE, "Home"),
    ),
    "holdout5/hugo-lithium/home-wangyazhu": Page(
        theme="hugo-lithium",
        kind="titles",
        lang="en",
        source=f"{WANGYAZHU}@275f741afb6fbc863767f02f2dedcc22182ffa41:index.html (real Hugo 0.47 + stock hugo-lithium "
        "output of another blogdown site; whole page): the home page IS the archive, a '2018' h2 and four "
        "<article class=archive-item>s of a title link and a 'November 1, 2018' date, no summaries; the MathJax "
        "loader sits after </html> as generated",
        entry="article.archive-item",
        title="a.archive-item-link",
        date="span.archive-item-date",
        furniture=LITHIUM_STOCK_FURNITURE,
    ),
    "holdout5/hugo-lithium/post-my-first-post": Page(
        theme="hugo-lithium",
        kind="article",
        lang="en",
        source=f"{WANGYAZHU}@62df99d0c304558dafa405a18408b6da92f54026:2018/10/23/my-first-post/index.html (real "
        "output; whole page): an R Markdown post that is almost all code: an h2, five h4 sections of R code blocks, "
        "three plot images and one output line; '1 min read' sits ABOVE the unlinked h1, the date below it; no "
        "canonical or og:url, so the URL is the home page's link to it",
        entry="article.article",
        title="h1.article-title",
        url_override=("/2018/10/23/my-first-post/",),
        date="span.article-date",
        excerpt="div.article-content",
        furniture=(*LITHIUM_STOCK_FURNITURE, "1 min read"),
    ),
    "holdout5/hugo-diary/page-3": Page(
        theme="hugo-diary",
        kind="listing",
        lang="zh",
        source=f"{RISE}:page/3/index.html (real Hugo 0.68 + Diary output by the theme's author, minified; "
        f"{DIARY_TRIM}): the last home page, each card one <a class=a-block> around title, one-paragraph summary "
        "and a '2019-05-18' meta line, the <a>s left UNCLOSED by the template (the parser closes each at the next); "
        "the third card is the site's Friends page listed like a post, with an empty summary and Hugo's zero date "
        "'0001-01-01' (labelled with no date by hand: it is not a publication date); pagination '3/3'",
        entry="div.post-list-container > a.a-block[href]",
        title="div.post-item-title",
        date="div.post-item-meta",
        excerpt="div.post-item-summary",
        furniture=DIARY_FURNITURE,
    ),
    "holdout5/hugo-diary/posts-page-3": Page(
        theme="hugo-diary",
        kind="titles",
        lang="zh",
        source=f"{RISE}:posts/page/3/index.html (real output, minified; {DIARY_TRIM}): the last archive page, a "
        "'2019' year card (an <a> with no href) and two title cards of title and '2019-05-18' meta line, no summary",
        entry="div.post-list-container > a.a-block[href]",
        title="div.post-item-title",
        date="div.post-item-meta",
        furniture=DIARY_FURNITURE,
    ),
    "holdout5/hexo-sakura/archives": Page(
        theme="hexo-sakura",
        kind="titles",
        lang="zh",
        source=f"{KINSIY}:archives/2020/11/index.html (real Hexo 3.9 + Sakura (honjun) output; {SAKURA_TRIM}; the "
        "2021-01 month group of eight posts dropped): the month archive prints the WHOLE archive as a collapsible "
        "timeline: '2021年' / '2020年' h3s, month lists headed '03月(3篇文章)' (the count is the theme's, not the list "
        "length) and one link per post whose text starts with the day and time ('07日19:28:44') before the title; "
        "the date is spread over year heading, month heading and link (labelled by hand from them); the head's "
        "</html> comes before <body> as generated",
        entry="ul.al_post_list > li",
        title="a",
        title_drop=("span",),
        furniture=(*SAKURA_FURNITURE, "全部展开/收缩", "篇文章", "Archives"),
    ),
    "holdout5/hugo-coder/category-bedrock": Page(
        theme="hugo-coder",
        kind="titles",
        lang="en",
        source=f"{VIJAY}:categories/bedrock/index.html (real Hugo 0.104 + Coder output; the Google Tag Manager "
        "script dropped): a category list holding ONE post, a 'February 15, 2025' date before the title link, under "
        "the h1 'Bedrock'; canonical and <base> set, absolute links",
        entry="section.list li",
        title="a.title",
        date="span.date",
        furniture=("Vijay Kodam", "About", "Blog", "Projects", "Powered by", "Coder"),
    ),
    "holdout5/hugo-coder/post-first-ai-lab": Page(
        theme="hugo-coder",
        kind="article",
        lang="en",
        source="vijaykodam/vijaykodam.github.io@fb29a7b7947338a3519038976781b98f0adc47f9:ai-lab/first-ai-lab-post/"
        "index.html (real Hugo 0.147 + Coder output, built by a local server so canonical, og:url and <base> point "
        "at http://localhost:1313/; the cookie-consent inline script dropped): a one-paragraph placeholder post "
        "(about 160 characters) rendered with the theme's PAGE layout: an h1 and the paragraph, no date shown "
        "(the date is only in article:published_time), no post meta; the label keeps the page's own canonical URL",
        entry="section.page article",
        title="h1",
        url_override=("http://localhost:1313/ai-lab/first-ai-lab-post/",),
        excerpt="p",
        furniture=("Vijay Kodam", "About", "AI Projects", "Powered by", "Coder"),
    ),
    "holdout5/pelican-flex/index-wuzhen": Page(
        theme="pelican-flex",
        kind="listing",
        lang="en",
        source=f"{WUZHEN}:index.html (real Pelican + Flex 2 output of a copy of another person's site, so every link "
        "and og:url points at stevenfelix.github.io; whole page, no trimming): four posts, each an <article> with an "
        "h2 title link, a 'Posted on Fri 11 August 2017 in Data Science • Tagged with ...' line and a summary cut "
        "from a Jupyter notebook, with a floated image, one to two paragraphs and a 'Continue reading' button; "
        "the cut leaves three notebook <div>s open in every summary, so an lxml parse nests each following "
        "<article> inside the previous summary (a browser closes them at </article>); labelled as the four posts "
        "a reader sees, each summary without the nested articles (and the last without the swallowed pagination "
        "and footer)",
        entry="article",
        title="header h2 a",
        date="header p",
        excerpt="header + div",
        drop=("a.btn", "article", "div.pagination", "footer"),
        furniture=(
            "WU ZHEN",
            "Data Scientist",
            "About Me",
            "Data Science Projects",
            "Posted on",
            "Tagged with",
            "Continue reading",
            "Powered by",
            "Alexandre Vicenzi",
        ),
    ),
}
