"""Per-page selectors for the theme fixtures: one ``Page`` per fixture, keyed "set/theme/page".

Why separate from label.py: the selectors are data a reviewer checks against each page's source,
while label.py is the generic reader; keeping them apart keeps both short.
"""

from __future__ import annotations

from benchmarks.themes.label import Page

NEXT_SRC = "ming1016/ming1016.github.io"
NEXT_FURNITURE = (
    "星光社 - 戴铭的博客",
    "发表于",
    "分类于",
    "阅读时长",
    "阅读全文",
    "Programming",
    "My novel",
    "首页",
    "归档",
    "日志",
    "不积跬步，无以至千里；不积小流，无以成江海",
    "由 Hexo 强力驱动",
    "NexT.Pisces",
)

BUTTERFLY_SRC = "0-px/0-px.github.io@02dd6a7d9043e786006a1d3f9de67959119f141c"
BUTTERFLY_FURNITURE = (
    "_0_px's Blog",
    "发表于",
    "总结",
    "最新文章",
    "主页",
    "归档",
    "标签",
    "搜索",
    "网站信息",
    "文章数目 :",
    "本站访客数 :",
    "Follow Me",
    "Butterfly 5.4.3",
    "全部文章 - 10",
)
ARCHER_FURNITURE = (
    "007's Studio.",
    "it's better to burn out than to fade away",
    "操作系统",
    "二分查找",
    "算法分析",
    "< PREV",
    "NEXT >",
    "FRIENDS",
    "ABOUT ME",
    "Total : 23",
    "Powered by Hexo",
    "Eclipse运行失败tomcat失败",
)

PAGES: dict[str, Page] = {
    "dev/hexo-next/index": Page(
        theme="hexo-next",
        kind="listing",
        lang="zh",
        source=f"{NEXT_SRC}:index.html (real Hexo NexT 5.1.1 Pisces output; trimmed to 6 posts, scripts dropped)",
        entry="section#posts > article.post",
        title=".post-title-link",
        date="time[itemprop~=datePublished]",
        excerpt=".post-body",
        drop=(".post-button",),
        furniture=NEXT_FURNITURE,
    ),
    "dev/hexo-next/archive-2018-01": Page(
        theme="hexo-next",
        kind="titles",
        lang="zh",
        source=f"{NEXT_SRC}@01998d9e1965c22872e9ae2abfe55058d58e1072:archives/2018/01/index.html (real output, "
        "scripts trimmed)",
        entry="section#posts > article.post",
        title=".post-title-link",
        date="time.post-time",
        year_from="h2.archive-year",
        furniture=(*NEXT_FURNITURE, "OK! 目前共计 37 篇日志。 继续努力。"),
    ),
    "dev/hexo-next/post-hello-world": Page(
        theme="hexo-next",
        kind="article",
        lang="en",
        source="ming1016/ming1016.github.io@1fda4a6c5c4cfdb972283a32975597f103b08e3e:2017/05/25/hello-world/index.html "
        "(real Hexo NexT 5.1.1 Muse output with the German locale, Hexo's default first post; blank template lines "
        "collapsed; title is an unlinked h1, the URL is the canonical link; sidebar TOC repeats the headings)",
        entry="div#posts > article.post",
        title="h1.post-title",
        url_override=("http://yoursite.com/2017/05/25/hello-world/",),
        date="time[itemprop~=datePublished]",
        excerpt="div.post-body",
        furniture=(
            "Veröffentlicht am",
            "Startseite",
            "Archiv",
            "Inhaltsverzeichnis",
            "Übersicht",
            "Artikel",
            "Erstellt mit",
            "NexT.Muse",
        ),
    ),
    "dev/hexo-freemind/index": Page(
        theme="hexo-freemind",
        kind="listing",
        lang="zh",
        source="rendered by hand from wzpan/hexo-theme-freemind templates (layout/layout.ejs@21c00625, "
        "_partial/index.ejs@393457ce, post/title.ejs@18b2b27c, post/entry.ejs@16c39619, post/slogan.ejs@419c9628, "
        "navigation.ejs@18b2b27c, index_pagination.ejs@41a0782c, sidebar.ejs + _widget/recent_posts.ejs@608351b9, "
        "footer.ejs@264bdfd0, languages/zh-CN.yml@608351b9) with five real posts of a Freemind user "
        "(myyerrol/myyerrol_website_development@382ea6252575909c24f8206f8a91433436b94b0d:source/_posts/zh-cn/"
        "2018-01-15-breeze_quadcopter_5_stm32_flight_control.md, 2017-11-07-breeze_quadcopter_2_stm32_development.md, "
        "2017-10-01-robocup_competitions_9_guiyang.md, 2017-03-31-hexo_tutorials_1_installation_and_configuration.md; "
        "and 2017-06-07-hexo_tutorial_2_freemind_configuration.md), excerpts = the Markdown before <!--more--> "
        "rendered as Hexo does (前言 heading inside every excerpt); head reduced to its stylesheet links, menu and "
        "slogan from the theme's default config. No wrapper per post: h3.title (date above the title link) and "
        "div.entry (feature thumbnail, excerpt, 阅读此文 button) are siblings; the sidebar repeats the titles "
        "truncated with '...'",
        entry="div.mypage > h3.title",
        title="div.article-title > a",
        date="div.date",
        excerpt_sibling="div.entry",
        drop=("div.thumbnail", "a.more"),
        furniture=(
            "阅读此文",
            "最新文章",
            "上一页",
            "下一页",
            "Yet another bootstrap theme.",
            "with help from",
            "Theme by",
            "Archives",
            "Categories",
        ),
    ),
    "dev/hexo-butterfly/index": Page(
        theme="hexo-butterfly",
        kind="listing",
        lang="zh",
        source=f"{BUTTERFLY_SRC}:index.html (real Hexo Butterfly 5.4.3 output; head scripts dropped, trimmed to 6 of "
        "10 posts, "
        "pagination nav as on page/2/index.html)",
        entry="div.recent-post-item",
        title="a.article-title",
        date="time",
        excerpt="div.content",
        furniture=BUTTERFLY_FURNITURE,
    ),
    "dev/hexo-butterfly/archives": Page(
        theme="hexo-butterfly",
        kind="titles",
        lang="zh",
        source=f"{BUTTERFLY_SRC}:archives/index.html (real output; head scripts dropped)",
        entry="div.article-sort-item-info",
        title="a.article-sort-item-title",
        date="time",
        furniture=BUTTERFLY_FURNITURE,
    ),
    "dev/hexo-archer/page-2": Page(
        theme="hexo-archer",
        kind="listing",
        lang="zh",
        source="007havegone/007havegone.github.io@096f980f484a74ba90c27706fa001e6dd552ce8f:page/2/index.html (real "
        "Hexo Archer "
        "output; inline CSS/JS dropped, blank template lines collapsed, 6 of 10 posts; sidebar archive list kept)",
        entry="main article.index-post",
        title="a.abstract-title",
        date="span.abstract-time",
        excerpt="div.abstract-content",
        furniture=ARCHER_FURNITURE,
    ),
    "dev/hexo-even/index": Page(
        theme="hexo-even",
        kind="listing",
        lang="zh",
        source="Aloxaf/Aloxaf.github.io@003b30c82a02abe8ba01602e7c637b4b6e99d200:index.html (real Hexo Even 2.11.0 "
        "output; "
        "analytics scripts dropped, 8 of 10 posts; whole short posts without read-more, headings inside excerpts, "
        "image-only and one-line excerpts)",
        entry="section#posts > article.post",
        title="a.post-link",
        date="span.post-time",
        excerpt="div.post-content",
        drop=(".read-more",),
        furniture=("Aloxaf's blog", "阅读更多", "下一页", "由 Hexo 强力驱动", "译文", "友链", "主题 - Even"),
    ),
    "dev/hexo-fluid/index": Page(
        theme="hexo-fluid",
        kind="listing",
        lang="zh",
        source="AimTao/aimtao.github.io@01e253638642153b9878519977cb8589c1f57bc7:index.html (real Hexo Fluid 1.9.1 "
        "output; "
        "inline config/analytics scripts shortened, 7 of 10 cards; one-line excerpts, meta after the excerpt)",
        entry="article.index-info",
        title="h1.index-header a",
        date="time",
        excerpt="a.index-excerpt",
        furniture=(
            "AimTao's Blog",
            "Solution",
            "Implement From Scratch",
            "#Docker",
            "#Go",
            "Timeline",
            "Linux kernel",
            "Keyword",
            "鄂 ICP 备 20000502 号",
            "© 2025 AimTao",
        ),
    ),
    "dev/jekyll-hux/index": Page(
        theme="jekyll-hux",
        kind="listing",
        lang="zh",
        source="rendered by hand from Huxpro/huxpro.github.io@0e5913283600300febae76279df944f4ab94dfda:index.html "
        "(post loop, "
        "strip_html | truncate:200) and @05b145c9b3912fdb96c94cd4cc552fc0c2e43b95:_layouts/page.html "
        "(sidebar), with the real "
        "posts _posts/2015-04-14-unix-linux-note.markdown, 2014-01-29-hello-2015.markdown and three Start "
        "Bootstrap sample "
        "posts of identical body (2014-09-24, 2014-07-08, 2014-06-10); subtitle card, headings inside the preview",
        entry="div.post-preview",
        title="h2.post-title",
        date="p.post-meta",
        excerpt="div.post-content-preview",
        furniture=(
            "Posted by",
            "Hux Blog",
            "「On the Road」",
            "FEATURE TAGS",
            "ABOUT ME",
            "FRIENDS",
            "Older Posts",
            "写写代码，做做设计，看看产品。",
            "Start Bootstrap",
            "不适合人类阅读，非常水的自我笔记",
        ),
    ),
    "dev/jekyll-minima/home-titles": Page(
        theme="jekyll-minima",
        kind="titles",
        lang="en",
        source="saved copy of http://blog.atomsign.net/ (Jekyll 2 default theme, the ancestor of minima) found in "
        "the "
        "public code index as file id 12912910689; real output, SVG paths and analytics trimmed, 22 of 34 posts",
        entry="ul.posts > li",
        title="a.post-link",
        date="span.post-date",
        furniture=(
            "The Once And Future Code.",
            "Posts",
            "subscribe via RSS",
            "Another Jekyll blog.",
            "alanjcfs",
            "ajcfs",
        ),
    ),
    "dev/hugo-loveit/posts-page-2": Page(
        theme="hugo-loveit",
        kind="titles",
        lang="zh",
        source="111hunter/111hunter.github.io@01e7272d6464e0c5ff0b6586d48bbb4ddeb1f3e2:posts/page/2/index.html (real "
        "Hugo "
        "LoveIt 0.2.10 output; search widgets and trailing scripts trimmed); dates are MM-DD under a year heading",
        entry="article.archive-item",
        title="a.archive-item-link",
        date="span.archive-item-date",
        year_from="h3.group-title",
        furniture=("寂的博客", "所有文章", "文章", "标签", "分类", "关于", "CC BY-NC 4.0", "LoveIt"),
    ),
    "dev/cnblogs/home": Page(
        theme="cnblogs",
        kind="listing",
        lang="zh",
        source="saved cnblogs.com/bndong home page (SimpleMemory skin) kept as a JSP in the public code index, file "
        "id "
        "47238309297; the day/postTitle/postCon/postDesc blocks are real cnblogs output (8 days), JSP head wrapper "
        "replaced by the cnblogs asset links, sidebar reduced to 公告/搜索/随笔分类 as cnblogs renders them",
        entry="div.day",
        title="a.postTitle2",
        date="div.postDesc",
        excerpt="div.c_b_p_desc",
        drop=("a.c_b_p_desc_readmore",),
        text_strip=(r"^摘要[:：]\s*",),
        furniture=(
            "摘要:",
            "阅读全文",
            "posted @",
            "置顶随笔",
            "BNDong",
            "博客园",
            "新随笔",
            "随笔 - 23",
            "编辑",
            "下一页",
            "随笔分类",
        ),
    ),
    "dev/csdn/list": Page(
        theme="csdn",
        kind="listing",
        lang="zh",
        source="saved blog.csdn.net/dongjian2 list page (2019 phoenix template) kept in the public code index as "
        "file id "
        "32288361837; real output, 8 of 20 items, analytics scripts and right column dropped; a hidden "
        "(display:none) promoted item precedes the real ones; excerpts share template text (Time Limit ... Problem "
        "Description)",
        entry="div.article-item-box:not([style*='display: none'])",
        title="h4 > a",
        title_drop=("span.article-type",),
        date="span.date",
        excerpt="p.content",
        furniture=(
            "爱敲代码的小赤佬",
            "2019放下包袱，开始崭新的代码之旅。",
            "管理博客",
            "只看原创",
            "按更新时间",
            "RSS订阅",
            "阅读数",
            "评论数",
            "置顶",
            "删除",
            "帝都的凛冬",
        ),
    ),
    "dev/jekyll-lanyon/index": Page(
        theme="jekyll-lanyon",
        kind="listing",
        lang="en",
        source="saved copy of http://mts.io/ (Jekyll Lanyon) in the public code index, file id 25782240376; real "
        "output, "
        "the whole first page (4 full posts, no read-more; title then date then body as siblings inside div.post, "
        "'Update' notes after the body); one table and one code block inside posts trimmed, analytics dropped",
        entry="div.posts > div.post",
        title="h1.post-title",
        date="span.post-date",
        excerpt="span[itemprop=articleBody]",
        furniture=(
            "Matias Singers",
            "special projects at Grab, web tinkerer, kickstarter-addict, flâneur and consumed by wanderlust.",
            "Show menu",
            "© 2016. All rights reserved.",
            "I'm available for Sass, JavaScript and Node.js consulting",
            "reach out to me on Twitter",
            "Older",
            "Newer",
            "Update 1:",
        ),
    ),
    "dev/jekyll-hyde/empty-page": Page(
        theme="jekyll-hyde",
        kind="reject",
        lang="en",
        source="saved page of Andrei Solntsev's Jekyll Hyde (BlackDoc) site in the public code index, file id "
        "21437674051; "
        "real output of a page whose content is empty (title '{} · Andrei Solntsev'): sidebar, nav and tagline only",
        furniture=(
            "Andrei Solntsev",
            "Complexity is the path to the dark side",
            "Released under MIT License",
            "Open source",
            "Publications",
        ),
    ),
    "dev/wordpress-twentytwenty/category-laravel": Page(
        theme="wordpress-twentytwenty",
        kind="listing",
        lang="en",
        source="saved simplecheatsheet.com category page (WordPress, Twenty Twenty markup: entry-header-inner / "
        "post-inner "
        "thin / entry-content) in the public code index, file id 6845198011; real output, first 5 of 37 sections, "
        "inline CSS dropped, some code lines inside sections trimmed; no wrapper per post (the title block and the "
        "post-inner block are siblings), no dates, a table of contents of anchor links above",
        entry="div.entry-header-inner",
        title="h2.entry-title",
        excerpt_sibling="div.post-inner",
        furniture=("Open the simple version here", "Laravel Cheat Sheet", "Laravel SSH", "Laravel Blade"),
    ),
    "dev/hugo-ananke/home": Page(
        theme="hugo-ananke",
        kind="listing",
        lang="en",
        source="saved home page of miasnikovas.lt (Hugo 0.70.0, Ananke summary-with-image cards) in the public code "
        "index, file id 12492431069 (stored inside a Markdown code fence, fence removed); real output, blank template "
        "lines collapsed, the long Twitter SVG path shortened; no dates on the cards, a 'read more' button after each "
        "summary, the first card has an image link before the title, and a 'More' section below lists four older "
        "posts as bare h2 links (entries without excerpt)",
        entry="section.mw8 > div.relative, section.w-100:not(.mw8) > h2",
        title="h1 > a, a.link",
        excerpt="div.nested-copy-line-height",
        furniture=("read more", "All Posts", "Code; Tools; Thoughts", "About", "Andrius Miasnikovas 2020"),
    ),
    "dev/hexo-butterfly/tags": Page(
        theme="hexo-butterfly",
        kind="reject",
        lang="zh",
        source=f"{BUTTERFLY_SRC}:tags/index.html (real output; a tag cloud page whose sidebar still lists the five "
        "newest posts with dates; head scripts dropped)",
        furniture=BUTTERFLY_FURNITURE,
    ),
    "dev/hexo-icarus/archives": Page(
        theme="hexo-icarus",
        kind="titles",
        lang="zh",
        source="0312birdzhang/0312birdzhang.github.io@1301ffa03950421c945002887899c665752bfc72:archives/index.html "
        "(real "
        "Hexo Icarus output: year cards with timeline entries; the left column's 最新文章 widget repeats five of them "
        "in the same markup; head taken from the same site's page/2, archive-month widget cut to 8 months, footer as "
        "Icarus renders it)",
        entry="div.column-main div.timeline article.media",
        title="p.title a",
        date="time",
        furniture=(
            "BirdZhang",
            "一只早起的懒鸟",
            "关注我",
            "最新文章",
            "上一页",
            "下一页",
            "SailfishOS",
            "Powered by Hexo",
        ),
    ),
    "dev/hexo-icarus/post-short": Page(
        theme="hexo-icarus",
        kind="article",
        lang="zh",
        source="0312birdzhang/0312birdzhang.github.io@1301ffa03950421c945002887899c665752bfc72:"
        "2019/12/30/SailfishOS移植到Redmi-K20的一些记录/index.html (real output; a short post of about 150 visible "
        "characters; meta line 发表/更新/几秒读完 before the title; "
        "donate card, prev/next titles and widgets around it; "
        "scripts, paypal form and ads trimmed, right-column widgets as on the archive page)",
        entry="article.article",
        title="h1.title",
        url_override=(
            "https://birdzhang.xyz/2019/12/30/SailfishOS%E7%A7%BB%E6%A4%8D%E5%88%B0Redmi-K20%E7%9A%84%E4%B8%80%E4%BA%9B%E8%AE%B0%E5%BD%95/",
        ),
        date="time",
        excerpt="div.content",
        furniture=(
            "发表",
            "更新",
            "几秒读完 (大约89个字)",
            "喜欢这篇文章？打赏一下作者吧",
            "支付宝",
            "debian,ubuntu无法使用apt下载源数据的解决方法",
            "Windows使用frp进行远程连接",
            "评论",
            "BirdZhang",
            "最新文章",
        ),
    ),
    "dev/hexo-matery/index": Page(
        theme="hexo-matery",
        kind="listing",
        lang="zh",
        source="1hhh1/1hhh1.github.io@00ea931619cae75a1156776fa6049146808c68a6:index.html (real Hexo Matery output; "
        "inline CSS/JS shortened, the first card (untitled, CSS text as summary) dropped, 9 cards kept; titles sit "
        "inside the image link, summaries are one-liners, equal to the title, or the theme's default text shared by "
        "two posts; date and category after the summary)",
        entry="div.article-row div.article",
        title="span.card-title",
        date="span.publish-date",
        excerpt="div.summary",
        furniture=(
            "hhh",
            "记录日常发生",
            "开始阅读",
            "听音乐敲代码",
            "Fork Me",
            "友情链接",
            "留言板",
            "站点总字数:",
            "Typora",
            "1 / 2",
        ),
    ),
    "dev/hugo-papermod/posts": Page(
        theme="hugo-papermod",
        kind="listing",
        lang="en",
        source="rendered by hand from adityatelange/hugo-PaperMod@016dd6e9fae2cff965753c0fe865e11a58018101:"
        "layouts/_default/list.html and baseof.html (header/footer partials as that version renders them; site title "
        "and menu chosen by me) with four real posts of jesse-wei/jessewei.dev-PaperMod: content/posts/setup_site/"
        "index.md and cubing_pb/index.md (front-matter summaries), first.md (a heading only) and my-first-post.md "
        "(auto summary); the title h2 is not a link, the link is an empty overlay anchor after the footer, "
        "'...' always "
        "appended to the summary",
        entry="main article.post-entry",
        title="h2",
        link="a.entry-link",
        date="time",
        excerpt="section.entry-content",
        furniture=("jessewei.dev", "Posts", "Tags", "Archives", "Powered by Hugo", "Theme PaperMod"),
    ),
    "dev/hugo-papermod/my-first-post": Page(
        theme="hugo-papermod",
        kind="article",
        lang="en",
        source="rendered by hand from adityatelange/hugo-PaperMod@016dd6e9fae2cff965753c0fe865e11a58018101:"
        "layouts/_default/single.html with the real post "
        "jesse-wei/jessewei.dev-PaperMod@6b918b9cbd0aa498ac3bf92076b2225152d93549:"
        "content/posts/my-first-post.md: a short real post of about 80 characters (a heading, one sentence, "
        "one link)",
        entry="article.post-single",
        title="h1.post-title",
        url_override=("https://jessewei.dev/posts/my-first-post/",),
        date="time",
        excerpt="div.post-content",
        furniture=("jessewei.dev", "Posts", "Tags", "Archives", "Powered by Hugo", "Theme PaperMod"),
    ),
    "dev/cnblogs/post": Page(
        theme="cnblogs",
        kind="article",
        lang="zh",
        source="saved cnblogs.com/liaowangta/p/17898236.html (2024 SimpleMemory skin) in the public code index, file "
        "id "
        "49289225804; real output, navbar search menu, the blog's custom end-of-page scripts and the middle of the "
        "matlab listing trimmed; signature block 本文来自博客园 and posted @ line after the body",
        entry="div#topics div.post",
        title="a.postTitle2",
        date="span#post-date",
        excerpt="div#cnblogs_post_body",
        furniture=(
            "本文来自博客园，作者：",
            "转载请注明原文链接",
            "posted @",
            "屋檐下的树叶",
            "Leaves of Eaves",
            "会员力量，点亮园子希望",
            "刷新页面",
            "返回顶部",
            "博客园",
            "Powered by .NET 8.0 on Kubernetes",
        ),
    ),
    "dev/hexo-even/archives-2019": Page(
        theme="hexo-even",
        kind="titles",
        lang="zh",
        source="Aloxaf/Aloxaf.github.io@003b30c82a02abe8ba01602e7c637b4b6e99d200:archives/2019/index.html (real "
        "output; "
        "head, header and footer as on index.html of the same commit; MM-DD dates under a year heading)",
        entry="section#archive div.archive-post",
        title="a.archive-post-link",
        date="span.archive-post-time",
        year_from="h2.archive-year",
        furniture=("Aloxaf's blog", "目前共计 28 篇日志", "友链", "主题 - Even"),
    ),
    "dev/hexo-next/categories": Page(
        theme="hexo-next",
        kind="reject",
        lang="zh",
        source=f"{NEXT_SRC}@01998d9e1965c22872e9ae2abfe55058d58e1072:categories/index.html (real output: the category "
        ""
        "list page, four category links with counts and no post; scripts trimmed, chrome as on the archive page)",
        furniture=(*NEXT_FURNITURE, "目前共计 4 个分类", "My painting"),
    ),
    "dev/hexo-cactus/index": Page(
        theme="hexo-cactus",
        kind="titles",
        lang="en",
        source="alexpnt/alexpnt.github.io@01b4c369b6ace280212fe654a4db1d308f2d3f66:index.html (real Hexo Cactus "
        "output; "
        "a home page whose long 'about' paragraph sits above a three-line title list with dates; analytics dropped)",
        entry="ul.post-list li.post-item",
        title="span > a",
        date="time",
        furniture=(
            "Alexandre Pinto",
            "Welcome, my name is Alexandre Pinto and I am a software engineer",
            "You can find me in many places around the web, such as:",
            "linkedin",
            "Contact",
        ),
    ),
    "dev/jekyll-hux/post-hello-2015": Page(
        theme="jekyll-hux",
        kind="article",
        lang="zh",
        source="rendered by hand from "
        "Huxpro/huxpro.github.io@0205199e2c427f87d19ff1896f556bf5f0812b68:_layouts/post.html "
        "(a fork's version with its reward block) and @0c9df746869f8d2ae1792f994d812d81f8c059f0:"
        "_posts/2014-01-29-hello-2015.markdown (markdown rendered with python-markdown instead of kramdown); chrome "
        "as on the index fixture; title, subtitle, tag and 'Posted by Hux on' meta sit in the header above the body, "
        "Previous/Next titles after it",
        entry="body",
        title="div.post-heading h1",
        url_override=("https://huangxuan.me/2015/01/29/hello-2015/",),
        date="span.meta",
        excerpt="div.post-container",
        drop=("div[style]", "ul.pager", "hr", "div#QR"),
        furniture=(
            "Posted by",
            "Hux Blog",
            "什么叫厚颜无耻？",
            "微信打赏",
            "Previous",
            "Man must explore, and this is exploration at its greatest",
            "CATALOG",
            "FEATURED TAGS",
            "FRIENDS",
        ),
    ),
    "dev/hexo-fluid/archives": Page(
        theme="hexo-fluid",
        kind="titles",
        lang="zh",
        source="AimTao/aimtao.github.io@01e253638642153b9878519977cb8589c1f57bc7:archives/index.html (real Hexo Fluid "
        "output: each entry is one link holding MM-DD and the title, under year paragraphs; head and footer as on the "
        "index fixture, 14 of 20 entries kept)",
        entry="div.list-group > a.list-group-item",
        title="div.list-group-item-title",
        date="time",
        year_from="p.h5",
        furniture=("AimTao's Blog", "61 posts in total", "Timeline", "Keyword", "鄂 ICP 备 20000502 号"),
    ),
    "dev/hexo-fluid/tags": Page(
        theme="hexo-fluid",
        kind="reject",
        lang="zh",
        source="AimTao/aimtao.github.io@01e253638642153b9878519977cb8589c1f57bc7:tags/index.html (real Hexo Fluid "
        "output: a tag cloud of 61 links and nothing else; the inline Fluid config script, spoiler CSS and the "
        "analytics/uptime scripts trimmed)",
        furniture=("AimTao's Blog", "Timeline", "Keyword", "鄂 ICP 备 20000502 号", "Battery-Historian", "C/C++"),
    ),
    "dev/jekyll-hux/404": Page(
        theme="jekyll-hux",
        kind="reject",
        lang="zh",
        source="rendered by hand from Huxpro/huxpro.github.io@062463c74dfa4218195e57810e1f57445dc58ee9:404.html inside "
        "the default layout chrome of the index fixture (nav, sidebar-less footer)",
        furniture=("Hux Blog", "404", "你来到了没有知识的荒原 :("),
    ),
    "dev/hugo-papermod/archives": Page(
        theme="hugo-papermod",
        kind="titles",
        lang="en",
        source="rendered by hand from adityatelange/hugo-PaperMod@016dd6e9fae2cff965753c0fe865e11a58018101:"
        "layouts/_default/archives.html with the five posts of jesse-wei/jessewei.dev-PaperMod (content/posts: "
        "setup_site, first, test, my-first-post, cubing_pb); year and month headings, the date after the title, the "
        "link an empty overlay anchor",
        entry="div.archive-entry",
        title="h3.archive-entry-title",
        link="a.entry-link",
        date="div.archive-meta",
        furniture=("jessewei.dev", "Archive", "Powered by Hugo", "Theme PaperMod", "November"),
    ),
    "dev/hexo-icarus/index-luzy": Page(
        theme="hexo-icarus",
        kind="listing",
        lang="zh",
        source="luzy99/luzy99.github.io@04d2625b5171c441be8429beff867ea85000021a:index.html "
        "(real Hexo Icarus output of another site: meta line with reading time before each title, "
        "阅读更多 buttons, headings inside excerpts, a "
        "one-word excerpt 占坑, an empty one, and a date shown as 2020-08-22 for 2020-08-21T16:12Z; analytics, two "
        "code figures, link and recent-post widget items trimmed, footer as Icarus renders it)",
        entry="div.column-main article.article",
        title="h1.title",
        date="time",
        excerpt="div.content",
        furniture=(
            "江风引雨の小po站",
            "阅读更多",
            "读完 (大约",
            "笔记随写",
            "立身浮华之世，奏响天籁之声",
            "联系我",
            "最新文章",
            "上一页",
            "下一页",
            "Powered by Hexo",
        ),
    ),
    "dev/hexo-icarus/tags": Page(
        theme="hexo-icarus",
        kind="reject",
        lang="zh",
        source="0312birdzhang/0312birdzhang.github.io@1301ffa03950421c945002887899c665752bfc72:tags/index.html (real "
        "output: a tag cloud of tag/count pairs, 29 of 73 tags kept; side columns with the 最新文章 widget as on the "
        "archive page)",
        furniture=("BirdZhang", "一只早起的懒鸟", "关注我", "最新文章", "标签", "Powered by Hexo"),
    ),
    "dev/hugo-meme/tech": Page(
        theme="hugo-meme",
        kind="titles",
        lang="zh",
        source="QuakeWang/quakewang.github.io@004c14e3ca89ca99700affd497460f8ee21ff32c:tech/index.html (real Hugo MemE "
        "output, minified; years in Chinese numerals (二〇二三) with empty month headings "
        "and dates as '9 月 6 日', the "
        "datetime attribute carrying the local date; head rebuilt from the site's index.html with this page's title "
        "and canonical, SVG paths emptied)",
        entry="li.list-item",
        title="a.list-item-title",
        date="time",
        date_attr="datetime",
        furniture=("AKA二夕", "Tech", "生活", "技术", "关于", "Theme is MemE", "本站访客数"),
    ),
    "dev/hugo-meme/home-poem": Page(
        theme="hugo-meme",
        kind="reject",
        lang="zh",
        source="QuakeWang/quakewang.github.io@004c14e3ca89ca99700affd497460f8ee21ff32c:index.html (real output: the "
        "home page holds only a six-line poem under the site name, no post; SVG paths emptied)",
        furniture=("AKA二夕", "Theme is MemE", "本站访客数"),
    ),
}

# The second held-out set lives in its own module (see its docstring) and is labelled by the same reader.
from benchmarks.themes.pages_holdout2 import HOLDOUT2_PAGES  # noqa: E402

PAGES.update(HOLDOUT2_PAGES)

# The third held-out set, built after holdout2 had been used for tuning (see its docstring).
from benchmarks.themes.pages_holdout3 import HOLDOUT3_PAGES  # noqa: E402

PAGES.update(HOLDOUT3_PAGES)

# The fourth held-out set, built while holdout3 was being used for tuning (see its docstring).
from benchmarks.themes.pages_holdout4 import HOLDOUT4_PAGES  # noqa: E402

PAGES.update(HOLDOUT4_PAGES)

# The fifth held-out set, built while holdout4 was about to be measured and tuned on (see its docstring).
from benchmarks.themes.pages_holdout5 import HOLDOUT5_PAGES  # noqa: E402

PAGES.update(HOLDOUT5_PAGES)

# The sixth held-out set, built after every earlier set had been used for tuning (see its docstring).
from benchmarks.themes.pages_holdout6 import HOLDOUT6_PAGES  # noqa: E402

PAGES.update(HOLDOUT6_PAGES)

# The seventh held-out set, built after every earlier set, holdout6 included, was used for tuning (see its docstring).
from benchmarks.themes.pages_holdout7 import HOLDOUT7_PAGES  # noqa: E402

PAGES.update(HOLDOUT7_PAGES)

# The eighth held-out set, built after holdout7 too was used for tuning (see its docstring).
from benchmarks.themes.pages_holdout8 import HOLDOUT8_PAGES  # noqa: E402

PAGES.update(HOLDOUT8_PAGES)
