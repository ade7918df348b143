"""Language and topics for the article states a batch changed.

Both depend only on the body, so a body seen twice in a batch (an article
sighted in several dumps) is analysed once.
"""

from __future__ import annotations

from collections.abc import Sequence

from dumpflow.language import detect
from dumpflow.topics import Taxonomy, load_taxonomy, tag
from schemas.records import AnnotatedDump, Article, LanguageGuess, MatchedDump, TopicTag


def annotate(dumps: Sequence[MatchedDump], taxonomy: Taxonomy | None = None) -> list[AnnotatedDump]:
    taxonomy = taxonomy or load_taxonomy()
    seen: dict[str, tuple[LanguageGuess, list[TopicTag]]] = {}
    out = []
    for dump in dumps:
        articles = []
        for state in dump.articles:
            if state.body not in seen:
                seen[state.body] = (detect(state.body), tag(state.body, taxonomy))
            language, topics = seen[state.body]
            articles.append(Article(state=state, language=language, topics=topics))
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
