"""Selectors for the fourth held-out theme set (``holdout4/``), keyed "holdout4/theme/page".

Why a separate module: holdout4 was built while ``holdout3/`` was being used for tuning, so that the finished
detector can still be measured on themes nobody tuned on. Its themes come from families no other set holds
(Hugo Stack and Tranquilpeak, Hexo Kratos:Rebirth and Arknights, Pelican, Zola, Octopress). Its labels come only
from the hand-written selectors below (the detector was never run on these pages while building them);
``pages.py`` merges them into ``PAGES`` so the same labeller and fixture test cover every set.
"""

from __future__ import annotations

from benchmarks.themes.label import Page

STACK = "CorrectRoadH/CorrectRoadH.github.io@08229936619f1cf8604b433d856c8ac7053deb9e"
STACK_TRIM = (
    "the Google Analytics and colour-scheme inline scripts and the trailing font/vibrant scripts dropped, the "
    "tabler icon SVGs emptied, runs of blank template lines collapsed"
)
STACK_FURNITURE = (
    "CorrectRoad's Blog",
    "会当凌绝顶，一览众山小。",
    "暗色模式",
    "Built with",
    "designed by",
    "2022 CorrectRoad's Blog",
)

ZHUOXI = "ZhuoxiLife/ZhuoxiLife.github.io"
TRANQUILPEAK_TRIM = (
    "the Google Analytics snippet and the trailing scripts dropped, runs of blank template lines collapsed"
)
TRANQUILPEAK_FURNITURE = (
    "濯希",
    "艺术史爱好者/想与用的读者/日常旅行感创建/松本清张迷妹",
    "首页",
    "分类",
    "标签",
    "归档",
    "豆瓣",
    "All Rights Reserved",
    "日常神游",
    "新大陆",
)

KYOOMA = "Kyooooma/Kyooooma.github.io@13f8d0da4813e8cdc9de6120fc3af04bf920f27d"
KRATOS_HEAD = (
    "head and header (the first 6-7.5 KB, not read) taken from page/4/index.html of the same site at "
    "b2606484aaaab5a75020bbe1c7d2f76a69a78e9e (Hexo 6.3, Kratos:Rebirth), its inline <style> dropped"
)
KRATOS_FURNITURE = (
    "Kyooma's Blog",
    "档案馆",
    "友链",
    "作者博客",
    "项目链接",
    "分类目录",
    "标签聚合",
    "最新文章",
    "版权所有",
    "本站已运行",
    "Kratos:Rebirth",
    "Hosted on",
)

DEAN = "DeanThompson/DeanThompson.github.io"
PELICAN_TRIM = "the Google Analytics and Disqus comment-count scripts dropped"
PELICAN_FURNITURE = (
    "李林克斯",
    "blogroll",
    "social",
    "Stack Overflow",
    "Proudly powered by",
    "The theme is by",
    "Smashing Magazine",
)

LAUREN = "Laurenfrost/laurenfrost.github.io@81eed3d23adf95ebbcb0297bee2fee096bd8163e"
ARKNIGHTS_TRIM = (
    "the MathJax <style> block and the Valine loader script in the head (and the post's Valine init) dropped"
)
ARKNIGHTS_FURNITURE = (
    "Dr.Laurenfrost",
    "Archives Total:",
    "备案个屁",
    "published with",
    "Yue_plus",
    "Friends",
)

SAMUEL = "samueloph/samueloph.github.io"
ABRIDGE_FURNITURE = (
    "Samuel Henrique (samueloph)",
    "Categories",
    "Sitemap",
    "Unless otherwise noted",
    "CC BY 4.0",
    "Powered by",
)

SHELDON = "SSheldon/ssheldon.github.com@598cb68afc05e2edcfa038621defe3170dfe289e"
OCTOPRESS_FURNITURE = ("sasheldon.com", "RSS", "Recent Posts", "Copyright © 2014 - Steven Sheldon", "Powered by")

HOLDOUT4_PAGES: dict[str, Page] = {
    "holdout4/hugo-stack/index": Page(
        theme="hugo-stack",
        kind="titles",
        lang="zh",
        source=f"{STACK}:index.html (real Hugo 0.92 + Stack 3.8 output; {STACK_TRIM}): the home page lists the "
        "site's five posts as cards of a linked title and a footer with a 'Feb 25, 2022' date and '阅读时长: 2 分钟'; "
        "no post has a description, so no card has an excerpt; left sidebar with avatar, site name and menu, right "
        "sidebar with a search form, a year-count archive widget and an empty tag cloud",
        entry="section.article-list > article",
        title="h2.article-title a",
        date="time.article-time--published",
        furniture=(*STACK_FURNITURE, "阅读时长", "标签云"),
    ),
    "holdout4/hugo-stack/archives": Page(
        theme="hugo-stack",
        kind="titles",
        lang="zh",
        source=f"{STACK}:archives/index.html (real output; {STACK_TRIM}): two year groups, each a compact list of "
        "links wrapping the title h2 and a 'Feb 25, 2022' <time>",
        entry="div.article-list--compact > article",
        title="h2.article-title",
        link="a",
        date="time",
        furniture=STACK_FURNITURE,
    ),
    "holdout4/hugo-stack/post-blog-move": Page(
        theme="hugo-stack",
        kind="article",
        lang="zh",
        source=f"{STACK}:p/博客转移/index.html (real output; {STACK_TRIM}, the Disqus loader script and its <style> "
        "and the PhotoSwipe scripts and stylesheet links dropped): a short post (two paragraphs, about 130 "
        "characters) under a linked title, date and reading time, followed by a licence line, an empty "
        "related-posts aside and the Disqus placeholder",
        entry="article.main-article",
        title="h2.article-title a",
        date="time.article-time--published",
        excerpt="section.article-content",
        furniture=(*STACK_FURNITURE, "阅读时长: 1 分钟", "Licensed under CC BY-NC-SA 4.0", "comments powered by"),
    ),
    "holdout4/hugo-tranquilpeak/page-3": Page(
        theme="hugo-tranquilpeak",
        kind="listing",
        lang="zh",
        source=f"{ZHUOXI}@21ea01fb2faf96bc2d8ab89b8ce741e049106383:page/3/index.html (real Hugo 0.80 + Tranquilpeak "
        f"0.4.8-BETA output; {TRANQUILPEAK_TRIM}): the last home page, four cards of title, a date printed "
        "'2019-12-9' (no zero padding), '发布在' and two category links, a one-sentence summary and a 阅读全文 "
        "link, a thumbnail link after the text; pagination '第 3 页 共 3 页', an about card and the sidebar menu",
        entry="article.postShorten",
        title="h1.postShorten-title a",
        date="time",
        excerpt="div.postShorten-excerpt",
        drop=("a.postShorten-excerpt_link",),
        furniture=(
            *TRANQUILPEAK_FURNITURE,
            "发布在",
            "阅读全文",
            "上一页",
            "第 3 页 共 3 页",
            "闲看艺术史",
            "台湾漫记",
        ),
    ),
    "holdout4/hugo-tranquilpeak/archives": Page(
        theme="hugo-tranquilpeak",
        kind="titles",
        lang="zh",
        source=f"{ZHUOXI}@0dddd2d22e8eccdf00d371e7f6a66a2867ac59b0:archives/index.html (real output; "
        f"{TRANQUILPEAK_TRIM}; the head (not read) is the page-3 fixture's without its canonical and og:url, all "
        "links on the page are absolute): a date filter box, then year boxes with Chinese month headings (六月, "
        "十二月) and one title link per post; the day is only in a data-date attribute (20200613), never shown, "
        "so the labels carry no date",
        entry="li.archive-post",
        title="a.archive-post-title",
        furniture=(*TRANQUILPEAK_FURNITURE, "六月", "十二月"),
    ),
    "holdout4/hexo-kratos-rebirth/page-3": Page(
        theme="hexo-kratos-rebirth",
        kind="listing",
        lang="zh",
        source=f"{KYOOMA}:page/3/index.html (real output; {KRATOS_HEAD}, without og:url; the first of the "
        "five cards, the footer's tool box and the trailing scripts dropped, the 最新文章 widget cut to 4 items): "
        "contest write-up cards: category badge and title, an auto-excerpt that keeps the post's line breaks and "
        "ends in '...' (one is the start of a code block, '123456789101112...'), then a footer with the date, a "
        "tag and 阅读全文; dates shown in local time ('2022-09-24' for 2022-09-23T18:40Z)",
        entry="article.kratos-hentry",
        title="h2.kratos-entry-title-new a",
        date="time",
        excerpt="div.kratos-entry-content-new",
        furniture=(*KRATOS_FURNITURE, "阅读全文", "组队训练"),
    ),
    "holdout4/hexo-kratos-rebirth/archives-2022-09": Page(
        theme="hexo-kratos-rebirth",
        kind="titles",
        lang="zh",
        source=f"{KYOOMA}:archives/2022/09/index.html (real output; {KRATOS_HEAD}, without og:url, and the archive "
        "page's inline <style> and trailing scripts dropped): a month archive '当前共有 4 篇文章' under a '2022' "
        "heading, each entry a title link and an 'MM-DD' <time> (local date, '09-24' for 2022-09-23T18:40Z)",
        entry="div.posts-collapse article.post",
        title="a.post-title-link",
        date="time.post-time",
        year_from="h2.archive-year",
        furniture=(*KRATOS_FURNITURE, "文章归档", "当前共有 4 篇文章"),
    ),
    "holdout4/hexo-kratos-rebirth/categories": Page(
        theme="hexo-kratos-rebirth",
        kind="reject",
        lang="zh",
        source=f"{KYOOMA}:categories/index.html (real output; {KRATOS_HEAD}, without og:url, and the page's inline "
        "<style> and trailing scripts dropped): the category index, five category links and a count line, with the "
        "widget column listing five recent post titles",
        furniture=(*KRATOS_FURNITURE, "当前共有 5 种分类"),
    ),
    "holdout4/pelican-notmyidea/index3": Page(
        theme="pelican-notmyidea",
        kind="listing",
        lang="zh",
        source=f"{DEAN}@04d8ced9354fc6b14f15c93b1a0dd60e0b2a56f5:index3.html (real Pelican 3 output, theme "
        f"notmyidea; {PELICAN_TRIM}): the last home page, four posts in an ordered list; the post-info footer "
        "(Published, By, In Tech., tags) sits inside div.entry-content before the summary, the summary keeps "
        "headings (an h2 and an h1 in the first) and code blocks and ends in ' ...', then 'read more' and a "
        "'There are comments.' paragraph inside the same div; absolute links, no canonical",
        entry="ol#posts-list article.hentry",
        title="header h1 a",
        date="abbr.published",
        excerpt="div.entry-content",
        drop=("footer.post-info", "a.readmore", "p:has(> a[href$='#disqus_thread'])"),
        furniture=(*PELICAN_FURNITURE, "Published:", "tags:", "read more", "There are comments", "Page 3 / 3"),
    ),
    "holdout4/pelican-notmyidea/archives": Page(
        theme="pelican-notmyidea",
        kind="titles",
        lang="zh",
        source=f"{DEAN}@4cf6603ea9a2912c70f42dae408a16975a92b881:archives.html (real output; {PELICAN_TRIM}): "
        "'Archives for 李林克斯', a definition list of eight <dt>2014-03-02</dt><dd>title link</dd> pairs with no "
        "element around each pair",
        entry="dl > dd",
        title="a",
        date_before="dt",
        furniture=(*PELICAN_FURNITURE, "Archives for"),
    ),
    "holdout4/pelican-notmyidea/about": Page(
        theme="pelican-notmyidea",
        kind="reject",
        lang="zh",
        source=f"{DEAN}@79a3391ad74e0777cfebbafea1cf3640c1febd30:pages/about.html (real output; {PELICAN_TRIM}): "
        "the About page, an h1 'About' and seven paragraphs (about 1,000 characters) about the author, no date, no "
        "post meta; a page, not a post",
        furniture=(*PELICAN_FURNITURE, "About"),
    ),
    "holdout4/hexo-arknights/page-2": Page(
        theme="hexo-arknights",
        kind="listing",
        lang="zh",
        source=f"{LAUREN}:page/2/index.html (real Hexo 5.0 + Arknights output, minified; {ARKNIGHTS_TRIM}): nine "
        "cards, each one <a class=recent-post> wrapping category and tag links (inside <object>), a <time>, the "
        "title h1, an excerpt div and 'READ MORE +'; eight excerpt divs are empty (those posts have no <!--more-->), "
        "the ninth holds a Japanese/Chinese Markdown test text with a code figure; a Japanese title "
        "'Markdown記法'; root-relative links, no canonical",
        entry="article > a.recent-post",
        title="h1.recent-title",
        date="time",
        excerpt="div.recent-excerpt",
        furniture=(*ARKNIGHTS_FURNITURE, "READ MORE +", "Tags:", "Categories:", "系统结构", "嵌入式系统"),
    ),
    "holdout4/hexo-arknights/post-git-pull-error": Page(
        theme="hexo-arknights",
        kind="article",
        lang="zh",
        source=f"{LAUREN}:2020/07/30/git-pull-error/index.html (real output, minified; {ARKNIGHTS_TRIM}; the middle "
        "of the post, from '如果不指定branch的话' to the end of the '其他方案' section, cut with its TOC items): "
        "'date:' and 'updated:' lines above an unlinked h1, the body with h2 sections, a blockquote and code "
        "figures, prev/next post links after it, a TOC in the sidebar; no canonical",
        entry="main > article",
        title="div#post-title h1",
        url_override=("/2020/07/30/git-pull-error/",),
        date="time#date",
        excerpt="div#post-content",
        furniture=(*ARKNIGHTS_FURNITURE, "updated:", "INDEX", "论文阅读：Towards Transparent CPU Scheduling"),
    ),
    "holdout4/zola-abridge/index": Page(
        theme="zola-abridge",
        kind="listing",
        lang="en",
        source=f"{SAMUEL}@3ad1fceb98dd5326167f86f8afb7e2edc60b1b41:index.html (real Zola + Abridge output; the "
        "theme-switch script in the head dropped): four posts, each an <article> with the title h1, a plain-text "
        "summary in an unclosed <p> that keeps line breaks and ends in '…' followed by a '...more' link, and the "
        "date 'September 04, 2024' with category links AFTER the summary; a 'Recent' sidebar repeats the titles",
        entry="main > div > article",
        title="h1 a",
        date="span.s90",
        excerpt="div.sum",
        drop=("a",),
        furniture=(*ABRIDGE_FURNITURE, "...more", "Recent"),
    ),
    "holdout4/zola-abridge/post-hello-world": Page(
        theme="zola-abridge",
        kind="article",
        lang="en",
        source=f"{SAMUEL}@3de8b65da592dd71a1a7230efdb2919c15f53d82:blog/hello-world/index.html (real output; the "
        "theme-switch script dropped): a two-sentence first post (about 115 characters) whose paragraphs sit loose in "
        "<article> after the title h1 and an author/date/category line, a link to the next post below",
        entry="main",
        title="article h1",
        date="span.s95",
        excerpt="article",
        drop=("h1", "span.s95", "nav"),
        furniture=(*ABRIDGE_FURNITURE, "hello-world", "Announcing wcurl"),
    ),
    "holdout4/zola-abridge/404": Page(
        theme="zola-abridge",
        kind="reject",
        lang="en",
        source=f"{SAMUEL}@3de8b65da592dd71a1a7230efdb2919c15f53d82:404.html (real output; the theme-switch script "
        "dropped; the first 1.5 KB of the head (not read) are the post fixture's, same commit): '404 :(' and one "
        "sentence with a link home",
        furniture=(*ABRIDGE_FURNITURE, "404 :(", "Page not found"),
    ),
    "holdout4/jekyll-octopress/blog-index": Page(
        theme="jekyll-octopress",
        kind="listing",
        lang="en",
        source=f"{SHELDON}:blog/index.html (real Jekyll + Octopress 2 classic output; the head (first 2.7 KB, not "
        "read) is the archives fixture's without its title, description and canonical, the Google Analytics "
        "snippet dropped, blank template lines in the meta block collapsed): the site's four posts, each an "
        "<article> with a linked h1, a 'Nov 28, 2014' meta line, a one- or two-paragraph excerpt and a 'Read on →' "
        "footer; the oldest post is shown whole with no 'Read on'; a 'Blog Archives' link and a Recent Posts "
        "sidebar repeating the titles",
        entry="div.blog-index > article",
        title="h1.entry-title a",
        date="time",
        excerpt="div.entry-content",
        furniture=(*OCTOPRESS_FURNITURE, "Read on", "Blog Archives"),
    ),
    "holdout4/jekyll-octopress/archives": Page(
        theme="jekyll-octopress",
        kind="titles",
        lang="en",
        source=f"{SHELDON}:blog/archives/index.html (real output; the Google Analytics snippet and the jQuery "
        "fallback document.write script dropped): 'Blog Archive', year h2 headings and one <article> per post "
        "holding a linked h1 and a <time> split into month/day/year spans ('Nov 28 2014'); Recent Posts sidebar",
        entry="div#blog-archives > article",
        title="h1 a",
        date="time",
        furniture=(*OCTOPRESS_FURNITURE, "Blog Archive"),
    ),
}
