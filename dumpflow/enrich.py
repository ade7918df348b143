"""Language and topics for the article states a batch changed.

Both depend only on the body (the title, for a title-only article that has
no body yet: `analysed_text`), so a text seen twice in a batch (an article
sighted in several dumps) is analysed once, and all distinct bodies of the
batch are analysed together: normalized and packed into one array once, then
classified and matched with numpy (dumpflow.language, dumpflow.topics).

The work is split in three so a runner can ship only texts out and only
results back: `distinct_texts` (the distinct analysed texts of a batch), `analyse`
(the CPU part, on any worker), `assemble` (the AnnotatedDumps, where the
matched dumps already are). `annotate` is the three in one process.
"""

from __future__ import annotations

from collections.abc import Sequence

from dumpflow import codepoints, language, topics
from schemas.records import AnnotatedDump, Annotation, Article, ArticleState, MatchedDump, trusted, trusted_maker


def analysed_text(state: ArticleState) -> str:
    """The text language and topics are read from: the body, or the title while there is none."""
    return state.body or state.title or ""


def distinct_texts(dumps: Sequence[MatchedDump]) -> list[str]:
    """The distinct analysed texts of the dumps' article states, in first-seen order."""
    return list(dict.fromkeys(analysed_text(state) for dump in dumps for state in dump.articles))


def analyse(texts: Sequence[str], taxonomy: topics.Taxonomy | None = None) -> list[Annotation]:
    """Language and topics of every text, in order; each text's result depends on that text alone."""
    taxonomy = taxonomy or topics.load_taxonomy()
    normal, packed = codepoints.pack_nfkc(texts)
    guesses = language.detect_packed(normal, packed)
    tags = topics.tag_packed(normal, packed, taxonomy)
    note = trusted_maker(Annotation)
    return [note({"language": g, "topics": t}) for g, t in zip(guesses, tags, strict=True)]


def assemble(
    dumps: Sequence[MatchedDump], texts: Sequence[str], annotations: Sequence[Annotation]
) -> list[AnnotatedDump]:
    """The dumps with every article state annotated from `annotations[i]` of the state's text `texts[i]`.

    Pure: no analysis happens here. Texts and annotations of different lengths,
    or a state whose text is not among `texts` (results of another batch), are
    wiring errors, raised rather than loaded with the wrong language or topics.
    """
    seen = dict(zip(texts, annotations, strict=True))
    article = trusted_maker(Article)
    out = []
    for dump in dumps:
        articles = []
        for state in dump.articles:
            note = seen.get(state.body or state.title or "")  # analysed_text(state)
            if note is None:
                raise KeyError(f"no annotation for article {state.article_id} of dump {dump.dump.dump_id}")
            articles.append(article({"state": state, "language": note.language, "topics": note.topics}))
        out.append(
            trusted(
                AnnotatedDump,
                {
                    "dump": dump.dump,
                    "format": dump.format,
                    "encoding": dump.encoding,
                    "sightings": dump.sightings,
                    "articles": articles,
                    "dropped": dump.dropped,
                    "partial_tail": dump.partial_tail,
                    "rekeys": dump.rekeys,
                },
            )
        )
    return out


def annotate(dumps: Sequence[MatchedDump], taxonomy: topics.Taxonomy | None = None) -> list[AnnotatedDump]:
    """Language and topics for every article state of the dumps, in this process."""
    distinct = distinct_texts(dumps)
    return assemble(dumps, distinct, analyse(distinct, taxonomy))
