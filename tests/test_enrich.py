"""Annotation split in three (texts out, results back, assembled where the dumps are) gives what one call gives."""

from __future__ import annotations

import pytest

from dumpflow import dedup, enrich, language, topics
from schemas.records import AnnotatedDump, Annotation, Article, ArticleState, LanguageGuess, MatchedDump, TopicTag
from tests.builders import cleaned
from tests.conftest import SEEDS


@pytest.fixture(scope="module")
def matched() -> list[MatchedDump]:
    """The seed dumps through repeat detection against an empty catalogue (articles shared across dumps)."""
    dumps = [cleaned(seed.name, seed.read_text(encoding="utf-8")) for seed in SEEDS]
    return dedup.match_dumps(dumps, dedup.EmptySource())


def note(lang: str, topic: str) -> Annotation:
    return Annotation(
        language=LanguageGuess(lang=lang, confidence=1.0, method="script"),
        topics=[TopicTag(topic=topic, score=1.0, evidence=[topic])],
    )


def test_distinct_texts_are_each_analysed_text_once_in_first_seen_order(matched: list[MatchedDump]) -> None:
    every = [enrich.analysed_text(s) for d in matched for s in d.articles]
    distinct = enrich.distinct_texts(matched)
    assert len(set(every)) == len(distinct) < len(every)  # the seeds repeat some bodies within the batch
    assert distinct == sorted(set(every), key=every.index)


def test_analyse_gives_each_text_what_detect_and_tag_give_it_alone(matched: list[MatchedDump]) -> None:
    taxonomy = topics.load_taxonomy()
    texts = enrich.distinct_texts(matched)
    expected = [Annotation(language=language.detect(t), topics=topics.tag(t, taxonomy)) for t in texts]
    assert enrich.analyse(texts, taxonomy) == expected
    # So any split across workers gives the same results as one call.
    for cut in (1, len(texts) // 3, len(texts) - 1):
        assert enrich.analyse(texts[:cut]) + enrich.analyse(texts[cut:]) == expected


def test_assemble_attaches_each_states_annotation_by_its_text_and_keeps_the_dump(
    matched: list[MatchedDump],
) -> None:
    texts = enrich.distinct_texts(matched)
    notes = [note(f"l{i}", f"t{i}") for i in range(len(texts))]  # not what analyse would say: nothing recomputed
    annotated = enrich.assemble(matched, texts, notes)
    assert len(annotated) == len(matched)
    for before, after in zip(matched, annotated, strict=True):
        assert [a.state for a in after.articles] == before.articles
        for article in after.articles:
            i = texts.index(enrich.analysed_text(article.state))
            assert (article.language, article.topics) == (notes[i].language, notes[i].topics)
        same = ("dump", "format", "encoding", "sightings", "dropped", "partial_tail")
        assert {k: getattr(after, k) for k in same} == {k: getattr(before, k) for k in same}


def test_assemble_of_analyse_is_annotate(matched: list[MatchedDump]) -> None:
    texts = enrich.distinct_texts(matched)
    assert enrich.assemble(matched, texts, enrich.analyse(texts)) == enrich.annotate(matched)


def test_a_title_only_article_is_annotated_from_its_title() -> None:
    state = ArticleState(article_id="a1", body="", key="", is_truncated=False, title="OpenAI 发布新模型")
    dump = MatchedDump.model_construct(dump=None, format="text", encoding="utf-8", sightings=[], articles=[state])
    assert enrich.distinct_texts([dump]) == ["OpenAI 发布新模型"]


def test_assemble_refuses_results_that_do_not_fit(matched: list[MatchedDump]) -> None:
    texts = enrich.distinct_texts(matched)
    notes = enrich.analyse(texts)
    with pytest.raises(ValueError):
        enrich.assemble(matched, texts, notes[:-1])
    with pytest.raises(KeyError, match="no annotation for article"):
        enrich.assemble(matched, texts[1:], notes[1:])


def test_trusted_records_equal_validated_ones(matched: list[MatchedDump]) -> None:
    """What assemble and analyse build without validation is what validation would have built."""
    import pickle

    texts = enrich.distinct_texts(matched)
    for dump, built in zip(matched, enrich.annotate(matched), strict=True):
        checked = AnnotatedDump.model_validate(built.model_dump())
        assert built == checked
        assert built.model_dump_json() == checked.model_dump_json()
        assert built.model_fields_set == checked.model_fields_set
        assert pickle.loads(pickle.dumps(built)) == checked
        for article in built.articles:
            assert article == Article(state=article.state, language=article.language, topics=article.topics)
            assert article.model_fields_set == {"state", "language", "topics"}
        assert [a.state for a in built.articles] == dump.articles
    for made in enrich.analyse(texts):
        assert made == Annotation(language=made.language, topics=made.topics)
        assert made.model_fields_set == {"language", "topics"}
