"""dumpflow/topics.py: the taxonomy file and tagging rules."""

from __future__ import annotations

import random
import re
import tomllib
import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dumpflow.topics import (
    MAX_COUNT_PER_TERM,
    Taxonomy,
    TaxonomyError,
    inflections,
    load_taxonomy,
    parse_taxonomy,
    tag,
    tag_many,
)
from schemas import TOPICS_FILE
from schemas.records import TopicTag
from tests.conftest import SEEDS

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


# --- English inflections, short excerpts, words that are also names -------------

PADDING = " 这段文字只是为了让文本变长,与任何主题都没有关系。" * 8  # > 200 characters, no term


@pytest.mark.parametrize(
    ("written", "forms"),
    [
        ("LLM", ["llms"]),
        ("model", ["models", "modeled", "modeling"]),
        ("activation function", ["activation functions"]),  # a phrase is a noun: no verb forms
        ("Transformer", ["transformers"]),
        ("embedding", ["embeddings"]),
        ("fine-tune", ["fine-tunes", "fine-tuned", "fine-tuning"]),
        ("pretrain", ["pretrains", "pretrained", "pretraining"]),
        ("batch", ["batches", "batched", "batching"]),
        ("strategy", ["strategies", "strategied", "strategying"]),
        ("convolution", ["convolutions"]),  # -ion: a noun
        ("proposals", []),  # a plural already
        ("BF16", []),
        ("多模态", []),
        ("线性Attention", ["线性attentions"]),
    ],
)
def test_inflections_of_a_term(written: str, forms: list[str]) -> None:
    assert inflections(written) == forms


def test_plural_forms_match_their_term() -> None:
    tax = taxonomy({"t": {"model": 2, "LLM": 2, "activation function": 2, "embedding": 2, "Transformer": 2}})
    text = "Models, LLMs, activation functions, embeddings and Transformers."
    (found,) = tag(text, tax)
    assert found.score == 10
    assert found.evidence == ["LLM", "Transformer", "activation function", "embedding", "model"]


def test_fine_tuned_and_fine_tuning_match_fine_tune() -> None:
    tax = taxonomy({"t": {"fine-tune": 2}})
    assert tag("We fine-tuned it; fine-tuning is cheap.", tax)[0].score == 4
    assert tag("fine-tunes, fine-tune", tax)[0].score == 4


def test_an_inflection_counts_as_its_term() -> None:
    tax = taxonomy({"llm": {"LLM": 3}})
    (found,) = tag("LLM LLMs LLM LLMs LLMs", tax)
    assert found.score == 3 * MAX_COUNT_PER_TERM and found.evidence == ["LLM"]


def test_a_form_is_a_whole_word() -> None:
    tax = taxonomy({"t": {"model": 4, "LLM": 4}})
    assert tag("modelsx LLMsy remodeled", tax) == []


def test_a_term_written_in_the_file_wins_over_a_generated_form() -> None:
    tax = taxonomy({"a": {"RoI": 4}, "b": {"rois": 4}})
    assert [t.topic for t in tag("RoIs", tax)] == ["b"]
    assert tax.forms["rois"] == "rois"


def test_a_single_strong_term_tags_a_short_excerpt() -> None:
    tags = tag("We fine-tune SigLIP on product photos.", load_taxonomy())
    assert [t.topic for t in tags] == ["multimodal"] and tags[0].evidence == ["SigLIP"]


def test_a_single_strong_term_does_not_tag_a_long_text() -> None:
    text = "We fine-tune SigLIP on product photos." + PADDING
    assert len(text) > load_taxonomy().short_text_chars
    assert tag(text, load_taxonomy()) == []


def test_a_weak_term_alone_does_not_tag_a_short_excerpt() -> None:
    assert tag("Zero-padding and momentum.", load_taxonomy()) == []


def test_nice_the_english_word_does_not_tag_generative_models() -> None:
    tax = load_taxonomy()
    assert tag("Nice work: a nice and very nice benchmark." + PADDING, tax) == []
    assert "generative-models" in [t.topic for t in tag("NICE, the first normalizing flow." + PADDING, tax)]


def test_zero_the_word_is_not_zero_the_optimizer() -> None:
    text = "DeepSeek-R1-Zero learns from zero labels; R1-Zero shows it." + PADDING
    assert "training-efficiency" not in [t.topic for t in tag(text, load_taxonomy())]


@pytest.mark.parametrize(
    ("text", "topic"),
    [
        ("BERT 的预训练目标", "nlp-basics"),  # BERT: a name that says the topic, not an English word
        ("LoRA adapters cut the cost of instruction tuning.", "llm"),
        ("用 LoRA 做指令微调", "llm"),
        ("MLLM 与视觉问答", "multimodal"),
        ("DETR removes NMS and anchor boxes.", "object-detection"),
        ("残差连接和反向传播", "nn-fundamentals"),
        ("PagedAttention and grouped-query attention", "efficient-attention"),
        ("变分自编码器与生成对抗网络", "generative-models"),
        ("张量并行与流水线并行", "training-efficiency"),
        ("ClickHouse 与数据湖", "big-data"),
    ],
)
def test_vocabulary_from_ml_writing(text: str, topic: str) -> None:
    assert topic in [t.topic for t in tag(text, load_taxonomy())]


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({}, "no [topics"),
        ({"topics": {"x": {}}}, "has no [topics.x.terms]"),
        ({"topics": {"x": {"terms": {"a": -1}}}}, "needs a positive, finite weight"),
        ({"topics": {"x": {"terms": {"a": float("nan")}}}}, "needs a positive, finite weight"),
        ({"topics": {"x": {"terms": {"a": float("inf")}}}}, "needs a positive, finite weight"),
        ({"topics": {"x": {"terms": {"a": True}}}}, "needs a positive, finite weight"),
    ],
)
def test_malformed_taxonomy_is_reported(data: dict, message: str) -> None:
    with pytest.raises(TaxonomyError, match=message.replace("[", r"\[")):
        parse_taxonomy(data)


# --- the batch matcher against the rules, written plainly ---------------------
#
# _reference_tag is the tagger as it was before dumpflow.termmatch: each
# term's regex run on the folded text (behind a substring probe), all
# matches sorted, taken left to right, longest first, without overlaps. The
# fast path must give the same tags, scores and evidence order for any text
# and any taxonomy.


def _reference_regex(term: str) -> str:
    escaped = re.escape(term).replace(r"\ ", r"[\s\-]*")
    if term[:1].isascii() and term[:1].isalnum():
        escaped = r"(?<![a-z0-9])" + escaped
    if term[-1:].isascii() and term[-1:].isalnum():
        escaped += r"(?![a-z0-9])"
    return escaped


def _reference_tag(text: str, tax: Taxonomy) -> list[TopicTag]:
    normal = unicodedata.normalize("NFKC", text)
    folded = normal.casefold()
    spans: list[tuple[int, int, str]] = []
    for form in sorted(tax.forms):
        if form.split(" ")[0] in folded:  # the text before a term's first space is matched literally
            spans.extend((m.start(), -m.end(), form) for m in re.finditer(_reference_regex(form), folded))
    counts: dict[str, int] = {}
    end = 0
    for start, neg_end, form in sorted(spans):
        if start >= end:
            term = tax.forms[form]  # an inflection counts as its term
            counts[term] = counts.get(term, 0) + 1
            end = -neg_end
    min_score = tax.short_min_score if len(normal) <= tax.short_text_chars else tax.min_score
    scores: dict[str, float] = {}
    strong: set[str] = set()
    evidence: dict[str, list[tuple[float, str]]] = {}
    for term, count in counts.items():
        for topic, weight in tax.weights[term]:
            contribution = weight * min(count, MAX_COUNT_PER_TERM)
            scores[topic] = scores.get(topic, 0.0) + contribution
            evidence.setdefault(topic, []).append((contribution, tax.display[term]))
            if weight >= tax.strong_weight:
                strong.add(topic)
    tags = [
        TopicTag(
            topic=topic,
            score=round(score, 3),
            evidence=[term for _, term in sorted(evidence[topic], key=lambda e: (-e[0], e[1]))],
        )
        for topic, score in scores.items()
        if score >= (min_score if topic in strong else tax.weak_only_min_score)
    ]
    return sorted(tags, key=lambda t: (-t.score, t.topic))


def _assert_same(texts: list[str], tax: Taxonomy) -> None:
    expected = [_reference_tag(text, tax) for text in texts]
    assert tag_many(texts, tax) == expected
    assert [tag(text, tax) for text in texts[:5]] == expected[:5]


# Pieces that make matches, near-matches and overlaps likely: the shipped
# terms in other cases and spellings, separators, word characters next to
# terms, width and case variants, characters whose case folding expands.
_SHIPPED = sorted(load_taxonomy().display.values())
_PIECES = [
    *_SHIPPED,
    *(t.upper() for t in _SHIPPED[::3]),
    *(t.replace(" ", "-") for t in _SHIPPED if " " in t),
    *(t.replace(" ", "") for t in _SHIPPED if " " in t),
    *(t.replace(" ", " \t- ") for t in _SHIPPED[::5] if " " in t),
    *(t + suffix for t in _SHIPPED[::4] for suffix in ("s", "es", "ed", "ing")),
    "s", "ed", "ing", "d",
    " ", "  ", "-", "--", "\n", "\u3000", "x", "7", "e", "s", "ß", "ẞ", "İ", "K", "Ｃｌｉｐ", "ＬＬＭ",
    "，", "。", "模型", "大", "注意力机制", "self", "supervised", "é", "\u0301", "𝑾", "ﬁ", "…", "ｶﾞ", "가",
]  # fmt: skip


def _compose(rnd: random.Random, pieces: list[str], n: int) -> str:
    return "".join(rnd.choice(pieces) for _ in range(n))


def test_batch_tagging_equals_the_plain_rules_on_generated_texts() -> None:
    rnd = random.Random(2026)
    texts = ["", " ", "，。！？", "----", "ß" * 5, "a" * 3000, "模型" * 400]
    texts += [_compose(rnd, _PIECES, rnd.randint(1, 40)) for _ in range(2500)]
    texts += [_compose(rnd, _PIECES, 800) for _ in range(5)]  # long texts
    _assert_same(texts, load_taxonomy())


def test_batch_tagging_equals_the_plain_rules_on_the_seed_excerpts() -> None:
    lines = [line for seed in SEEDS for line in seed.read_text(encoding="utf-8").splitlines()]
    _assert_same(lines, load_taxonomy())


# Taxonomies over a tiny alphabet: terms overlap each other and themselves
# ("aba", "ab a"), start or end with separators, hold double spaces; weights
# with fractions make the order of additions visible.
_TINY = ["a", "b", "ab", "ba", " ", "-", "卷", "积", "ss", "ß", "1", "A"]
_tiny_text = st.lists(st.sampled_from([*_TINY, "  ", "\t", "x", "é", "s", "es", "ed", "ing"]), max_size=30).map("".join)
_tiny_term = st.lists(st.sampled_from(_TINY), min_size=1, max_size=5).map("".join).filter(lambda t: t.strip())
_weight = st.sampled_from([1, 2, 3, 0.1, 0.7, 1.5, 2.2])


@settings(max_examples=300, deadline=None)
@given(
    st.dictionaries(
        st.sampled_from(["t1", "t2", "t3"]), st.dictionaries(_tiny_term, _weight, min_size=1, max_size=6), min_size=1
    ),
    st.lists(_tiny_text, min_size=1, max_size=20),
    st.sampled_from([1.0, 2.0, 4.0]),
    st.sampled_from([0, 8, 20]),
)
def test_batch_tagging_equals_the_plain_rules_for_any_taxonomy(
    terms: dict[str, dict[str, float]], texts: list[str], min_score: float, short_text_chars: int
) -> None:
    tax = taxonomy(
        terms,
        min_score=min_score,
        strong_weight=2.0,
        weak_only_min_score=min_score + 1,
        short_text_chars=short_text_chars,
        short_min_score=min_score / 2,
    )
    _assert_same(texts, tax)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.text(max_size=60), max_size=10))
def test_batch_tagging_equals_the_plain_rules_on_any_unicode(texts: list[str]) -> None:
    _assert_same(texts, load_taxonomy())


@pytest.mark.parametrize(
    ("terms", "text", "expected"),
    [
        # 乙丙乙's own finditer skips its match at 3, overlapping the one at 1 that 甲乙丙 hid.
        ({"t": {"甲乙丙": 1, "乙丙乙": 4}}, "甲乙丙乙丙乙", {"t": 1.0}),
        # "[\s\-]*" gives back the hyphen that the second segment starts with.
        ({"t": {"a -b": 4}}, "a -b", {"t": 4.0}),
        # Equal spans count for the smaller term only.
        ({"t": {"vision-language": 4}, "u": {"vision language": 4}}, "Vision-Language", {"u": 4.0}),
        # Longest first: "linear attention" is not also an "attention".
        ({"t": {"linear attention": 4}, "u": {"attention": 4}}, "linear-attention", {"t": 4.0}),
        # ß folds to ss.
        ({"t": {"strasse": 4}}, "STRAẞE und Straße", {"t": 8.0}),
        # Scores add up in the order of first occurrence: 0.1 + 0.2 + 0.3 > 0.6 = 0.3 + 0.2 + 0.1.
        ({"t": {"a": 0.1, "b": 0.2, "c": 0.3}}, "a b c", {"t": 0.6}),
        ({"t": {"a": 0.1, "b": 0.2, "c": 0.3}}, "c b a", {}),
    ],
)
def test_batch_tagging_follows_each_rule(terms: dict[str, dict[str, float]], text: str, expected: dict) -> None:
    tax = taxonomy(terms, min_score=0.6000000000000001, strong_weight=0.1)
    assert {t.topic: t.score for t in tag(text, tax)} == expected
    _assert_same([text, text + " " + text], tax)


def test_equal_tags_are_made_once_and_tags_differing_anywhere_are_not() -> None:
    """_distinct_tags groups tags by topic, exact score and evidence (any length) before building them."""
    tax = taxonomy(
        {"t1": {"alpha": 2, "beta": 2, "gamma": 4, "delta": 0.1, "epsilon": 0.2}, "t2": {"alpha": 2, "beta": 2}}
    )
    texts = [
        "alpha beta",  # t1 4.0 [alpha, beta], t2 likewise
        "beta alpha",  # the same tags: evidence is ordered by contribution, then by term
        "gamma",  # t1 4.0 again, other evidence
        "alpha alpha",  # t1 4.0, evidence [alpha] only
        "alpha beta delta",  # 4.1
        "alpha beta epsilon",  # 4.2
        "alpha beta delta epsilon",  # 4.3 (0.1 + 0.2 added after 4.0: 4.3000000000000001 rounds to 4.3)
    ]
    tags = tag_many(texts, tax)
    assert tags[0][0] is tags[1][0] and tags[0][1] is tags[1][1]
    assert [(t.topic, t.score, t.evidence) for t in tags[0]] == [
        ("t1", 4.0, ["alpha", "beta"]),
        ("t2", 4.0, ["alpha", "beta"]),
    ]
    assert tags[2] == [TopicTag(topic="t1", score=4.0, evidence=["gamma"])]
    assert [t.evidence for t in tags[3]] == [["alpha"], ["alpha"]]
    assert tags[4][0].score == 4.1 and tags[5][0].score == 4.2 and tags[6][0].score == 4.3
    assert tags[6][0].evidence == ["alpha", "beta", "epsilon", "delta"]
    _assert_same(texts, tax)
