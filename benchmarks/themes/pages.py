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

PAGES: dict[str, Page] = {
    "dev/hexo-next/index": Page(
        theme="hexo-next",
        kind="listing",
        lang="zh",
        source=f"{NEXT_SRC}:index.html (real Hexo NexT 5.1.1 Pisces output; trimmed to 6 posts, scripts dropped)",
        entry="section#posts > article.post",
        title=".post-title-link",
        date="time[itemprop~=datePublished]",
        date_attr="datetime",
        excerpt=".post-body",
        drop=(".post-button",),
        furniture=NEXT_FURNITURE,
    ),
    "dev/hexo-next/archive-2018-01": Page(
        theme="hexo-next",
        kind="titles",
        lang="zh",
        source=f"{NEXT_SRC}@01998d9e1965c22872e9ae2abfe55058d58e1072:archives/2018/01/index.html (real output, scripts trimmed)",
        entry="section#posts > article.post",
        title=".post-title-link",
        date="time.post-time",
        date_attr="content",
        furniture=NEXT_FURNITURE + ("OK! 目前共计 37 篇日志。 继续努力。",),
    ),
}
