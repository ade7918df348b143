"""Language and topics for the article states a batch changed.

Both depend only on the body (the title, for a title-only article that has
no body yet: `analysed_text`), so a text seen twice in a batch (an article
sighted in several dumps) is analysed once, and all distinct bodies of the
batch are analysed together: normalized and packed into one array once, then
classified and matched with numpy (dumpflow.language, dumpflow.topics).
"""

from __future__ import annotations

from collections.abc import Sequence

from dumpflow import codepoints, language, topics
from schemas.records import AnnotatedDump, Article, ArticleState, MatchedDump


def analysed_text(state: ArticleState) -> str:
    """The text language and topics are read from: the body, or the title while there is none."""
    return state.body or state.title or ""


def annotate(dumps: Sequence[MatchedDump], taxonomy: topics.Taxonomy | None = None) -> list[AnnotatedDump]:
    taxonomy = taxonomy or topics.load_taxonomy()
    bodies = list(dict.fromkeys(map(analysed_text, (state for dump in dumps for state in dump.articles))))
    texts, packed = codepoints.pack_nfkc(bodies)
    seen = dict(
        zip(
            bodies,
            zip(language.detect_packed(texts, packed), topics.tag_packed(texts, packed, taxonomy), strict=True),
            strict=True,
        )
    )
    out = []
    for dump in dumps:
        articles = []
        for state in dump.articles:
            lang, tags = seen[analysed_text(state)]
            articles.append(Article(state=state, language=lang, topics=tags))
        out.append(
            AnnotatedDump(
                dump=dump.dump,
                format=dump.format,
                encoding=dump.encoding,
                sightings=dump.sightings,
                articles=articles,
                dropped=dump.dropped,
                partial_tail=dump.partial_tail,
            )
        )
    return out
