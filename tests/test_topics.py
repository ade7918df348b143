"""dumpflow/topics.py: the taxonomy file and tagging rules."""

from __future__ import annotations

import tomllib

import pytest

from dumpflow.topics import TaxonomyError, load_taxonomy, parse_taxonomy, tag
from schemas import TOPICS_FILE

CONTRACT = {
    "multimodal",
    "self-supervised",
    "efficient-attention",
    "positional-encoding",
    "generative-models",
    "llm",
    "training-efficiency",
    "optimization",
    "cnn-architectures",
    "object-detection",
    "face-recognition",
    "nn-fundamentals",
    "evaluation",
    "nlp-basics",
    "algorithms",
    "big-data",
}


def taxonomy(terms: dict[str, dict[str, float]], **settings: float):
    return parse_taxonomy({"settings": settings, "topics": {t: {"terms": w} for t, w in terms.items()}})


def test_shipped_taxonomy_has_exactly_the_contract_ids() -> None:
    assert set(load_taxonomy().topics) == CONTRACT


def test_every_topic_has_english_and_chinese_terms() -> None:
    data = tomllib.loads(TOPICS_FILE.read_text(encoding="utf-8"))
    for topic, spec in data["topics"].items():
        terms = list(spec["terms"])
        assert any(t.isascii() for t in terms), topic
        assert any(any("\u4e00" <= ch <= "\u9fff" for ch in t) for t in terms), topic


def test_ascii_terms_match_whole_words_but_may_touch_han() -> None:
    tax = taxonomy({"multimodal": {"CLIP": 4}})
    assert [t.topic for t in tag("CLIP自提出以来", tax)] == ["multimodal"]
    assert tag("a total ECLIPSE of the sun", tax) == []
    assert tag("clipping gradients", tax) == []


def test_han_terms_match_inside_text() -> None:
    tax = taxonomy({"self-supervised": {"自监督": 4}})
    assert tag("这是一种自监督学习方法", tax)[0].evidence == ["自监督"]


def test_space_in_a_term_matches_hyphen_or_nothing() -> None:
    tax = taxonomy({"self-supervised": {"self supervised": 4}})
    for text in ["self supervised", "Self-Supervised", "selfsupervised"]:
        assert tag(text, tax), text


def test_score_is_weight_times_capped_count_and_evidence_is_ordered() -> None:
    tax = taxonomy({"llm": {"LLM": 3, "MoE": 2}})
    tags = tag("LLM LLM LLM LLM LLM MoE", tax)
    assert tags[0].score == 3 * 3 + 2
    assert tags[0].evidence == ["LLM", "MoE"]


def test_weak_terms_alone_need_a_higher_score() -> None:
    tax = taxonomy({"algorithms": {"输入": 1, "输出": 1, "滑动窗口": 2}}, min_score=4, weak_only_min_score=6)
    assert tag("输入 输出 输入", tax) == []
    assert tag("输入 输出 输入 输出 输入 输出", tax)[0].score == 6
    assert tag("滑动窗口 输入 输出", tax)[0].score == 4


def test_article_may_have_no_tag() -> None:
    assert tag("今天天气很好,我们去公园散步吧,顺便买点水果回家。", load_taxonomy()) == []


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({}, "no [topics"),
        ({"topics": {"x": {}}}, "has no [topics.x.terms]"),
        ({"topics": {"x": {"terms": {"a": -1}}}}, "needs a positive weight"),
    ],
)
def test_malformed_taxonomy_is_reported(data: dict, message: str) -> None:
    with pytest.raises(TaxonomyError, match=message.replace("[", r"\[")):
        parse_taxonomy(data)
