"""dumpflow/dedup.py: which article is each entry a sighting of?"""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from dumpflow.dedup import MIN_PREFIX, EmptySource, match_dumps
from schemas.records import MatchedDump
from tests.builders import cleaned, transmission

SIGLIP = (
    "SigLIP 概述 CLIP自提出以来在zero-shot分类、跨模态搜索、多模态对齐等多个领域得到广泛应用。得益于其令人惊叹的能力,"
    "激起了研究者广泛的关注和优化。 目前对CLIP的优化主要可以分为两大类: 其一是如何降低CLIP的训练成本; 其二是如何提升CLIP的"
    "performance。 对于第一类优化任务的常见思路有3种。"
)
SERIES = "【视觉Transformer系列】本系列文章从零开始梳理视觉Transformer的发展脉络,每篇介绍一个代表性模型,并给出关键代码与实验细节的解读。"
SERIES_A = (
    SERIES
    + " 本篇介绍ViT:把图像切成16x16的patch,线性映射后加上位置编码送入标准的Transformer编码器,在大规模数据上预训练后效果超过CNN。"
)
SERIES_B = (
    SERIES
    + " 本篇介绍Swin Transformer:在局部窗口内计算自注意力,并通过移位窗口在相邻窗口之间交换信息,得到层次化的特征图。"
)
OVERVIEW_A = "概述 SSM的概念由来已久,但这里我们特指深度学习中的SSM,一般认为其开篇之作是2021年的S4,不算太老,而SSM最新最火的变体大概是Mamba。"
OVERVIEW_B = "概述 本文介绍一个比较有意思的高效Transformer工作——来自Google的《Transformer Quality in Linear Time》。"


def run(*dumps: list[str]) -> list[MatchedDump]:
    return match_dumps([cleaned(f"{i:03d}.txt", transmission(*d)) for i, d in enumerate(dumps)], EmptySource())


def ids(matched: list[MatchedDump]) -> list[list[str]]:
    return [[s.article_id for s in d.sightings] for d in matched]


def kinds(matched: list[MatchedDump]) -> list[list[str]]:
    return [[s.kind for s in d.sightings] for d in matched]


def test_exact_repeat_across_dumps_is_one_article() -> None:
    out = run([SIGLIP + "..."], [SIGLIP + "..."])
    assert ids(out)[0] == ids(out)[1]
    assert kinds(out) == [["new"], ["exact"]]


def test_other_whitespace_and_full_width_punctuation_is_an_exact_repeat() -> None:
    noisy = SIGLIP.replace(",", "，").replace(":", "：").replace(" ", "  ").replace("。", "。 ")
    out = run([SIGLIP + "..."], [noisy + "..."])
    assert ids(out)[0] == ids(out)[1]
    assert kinds(out)[1] == ["exact"]


def test_cut_shorter_is_a_truncation_repeat_and_body_stays_longest() -> None:
    out = run([SIGLIP + "..."], [SIGLIP[:90] + "..."])
    assert ids(out)[0] == ids(out)[1]
    assert kinds(out)[1] == ["truncation"]
    assert out[1].articles[0].body == SIGLIP


def test_longer_version_replaces_body_and_keeps_the_article_id() -> None:
    out = run([SIGLIP[:90] + "..."], [SIGLIP + "..."])
    first_id = out[0].sightings[0].article_id
    assert out[1].sightings[0].article_id == first_id
    assert out[1].sightings[0].kind == "truncation"
    assert out[1].articles[0].body == SIGLIP
    assert out[1].articles[0].article_id == first_id


def test_article_id_does_not_depend_on_which_cut_arrived_first() -> None:
    short_first = run([SIGLIP[:100] + "..."], [SIGLIP + "..."])
    long_first = run([SIGLIP + "..."], [SIGLIP[:100] + "..."])
    assert ids(short_first)[0] == ids(long_first)[0]


def test_complete_text_that_a_longer_one_extends_is_not_a_truncation() -> None:
    # No truncation marker: the shorter text is a whole article, not a cut.
    out = run([SIGLIP[:100]], [SIGLIP + "..."])
    assert ids(out)[0] != ids(out)[1]


def test_series_intro_articles_stay_apart() -> None:
    out = run([SERIES_A + "..."], [SERIES_B + "..."], [SERIES_A[:150] + "..."])
    assert ids(out)[0] != ids(out)[1]
    assert ids(out)[2] == ids(out)[0]


def test_shared_section_word_does_not_merge() -> None:
    out = run([OVERVIEW_A + "..."], [OVERVIEW_B + "..."])
    assert ids(out)[0] != ids(out)[1]


def test_short_cut_within_a_shared_opening_does_not_merge() -> None:
    out = run([OVERVIEW_A + "..."], ["概述 SSM的概念由来已久..."])
    assert ids(out)[0] != ids(out)[1]


def test_one_character_edit_is_a_near_repeat() -> None:
    edited = SIGLIP.replace("广泛应用", "广泛使用")
    out = run([SIGLIP + "..."], [edited + "..."])
    assert ids(out)[0] == ids(out)[1]
    assert kinds(out)[1] == ["near"]


def test_inserted_line_is_a_near_repeat() -> None:
    half = len(SIGLIP) // 2
    inserted = SIGLIP[:half] + "(本文首发于公众号,转载请注明出处)" + SIGLIP[half:]
    out = run([SIGLIP + "..."], [inserted + "..."])
    assert ids(out)[0] == ids(out)[1]
    assert kinds(out)[1] == ["near"]


def test_edit_and_other_cut_together_is_still_found() -> None:
    edited = SIGLIP.replace("跨模态搜索", "跨模态检索")[:120]
    out = run([SIGLIP + "..."], [edited + "..."])
    assert ids(out)[0] == ids(out)[1]


def test_same_article_twice_in_one_dump_is_two_sightings() -> None:
    out = run([SIGLIP + "...", SIGLIP + "..."])
    assert ids(out)[0][0] == ids(out)[0][1]
    assert kinds(out) == [["new", "exact"]]


def test_every_sighting_is_reported_in_order() -> None:
    out = run([SERIES_A + "...", OVERVIEW_A + "...", SIGLIP + "..."])
    assert [s.position for s in out[0].sightings] == [0, 1, 2]
    assert len(set(ids(out)[0])) == 3


def test_matching_is_deterministic() -> None:
    dumps = ([SIGLIP + "...", SERIES_A + "..."], [SERIES_B + "...", SIGLIP[:80] + "..."])
    assert run(*dumps) == run(*dumps)


@settings(max_examples=60, deadline=None)
@given(cut=st.integers(min_value=MIN_PREFIX + 5, max_value=len(SIGLIP) - 1), longer_first=st.booleans())
def test_any_cut_of_an_article_is_the_same_article(cut: int, longer_first: bool) -> None:
    pair = [[SIGLIP + "..."], [SIGLIP[:cut] + "..."]]
    out = run(*(pair if longer_first else pair[::-1]))
    assert ids(out)[0] == ids(out)[1]
    assert out[1].articles[0].body == SIGLIP


@settings(max_examples=40, deadline=None)
@given(
    text=st.text(
        alphabet="的一是不了人我在有他这为之大来以个中上们到说国和地也子时道出而要于就下得可你年生",
        min_size=60,
        max_size=120,
    ),
    other=st.text(
        alphabet="的一是不了人我在有他这为之大来以个中上们到说国和地也子时道出而要于就下得可你年生",
        min_size=60,
        max_size=120,
    ),
)
def test_unrelated_texts_after_a_shared_opening_do_not_merge(text: str, other: str) -> None:
    a, b = SERIES + text, SERIES + other
    out = run([a + "..."], [b + "..."])
    if text != other:
        from dumpflow.normalize import match_key
        from dumpflow.similarity import prefix_containment

        ka, kb = match_key(a), match_key(b)
        # Either key may be the shorter one when they are the same length: the
        # engine compares the new entry's key against the stored one then.
        pairs = [(x, y) for x, y in ((ka, kb), (kb, ka)) if len(x) <= len(y)]
        if all(prefix_containment(x, y) < 0.8 and not y.startswith(x) for x, y in pairs):
            assert ids(out)[0] != ids(out)[1]


def test_line_inserted_at_the_start_is_found_through_minhash_bands() -> None:
    # Every opening window shifts, so only the LSH bands can propose the candidate.
    shifted = "(本文首发于公众号,转载请注明出处)" + SIGLIP
    out = run([SIGLIP + "..."], [shifted + "..."])
    assert ids(out)[0] == ids(out)[1]
    assert kinds(out)[1] == ["near"]


def test_signals_are_stable_and_typed() -> None:
    from dumpflow.minhash import BANDS
    from dumpflow.normalize import match_key
    from dumpflow.signals import ANCHOR_COUNT, batch_signals, signals

    key = match_key(SIGLIP)
    sigs = signals(key)
    assert sigs == batch_signals([key, "other"])[0]
    assert len(sigs) == 1 + ANCHOR_COUNT + BANDS
    assert all(0 < h < 2**64 for h in sigs)


@settings(max_examples=200, deadline=None)
@given(keys=st.lists(st.text(alphabet="的一是不了人我在有他这为之大来以个中abcde😀\x00", max_size=120), max_size=8))
def test_batch_signals_are_each_keys_exact_anchor_and_band_hashes(keys: list[str]) -> None:
    """The batch loop inlines the hashing; it must give what the one-key definitions give, for any length
    (fewer than ANCHOR_COUNT full windows, none, the empty key)."""
    from dumpflow import minhash
    from dumpflow.signals import anchor_signals, batch_signals, exact_signal

    bands = minhash.band_hashes(minhash.sketches(keys)).tolist()
    expected = [
        [exact_signal(k), *anchor_signals(k), *(b for b in row if b)] for k, row in zip(keys, bands, strict=True)
    ]
    assert batch_signals(keys) == expected


def test_same_sentences_in_another_order_is_another_article() -> None:
    # Order-blind containment would call these near-duplicates (every 3-gram is shared).
    clauses = [c + "。" for c in SIGLIP.split("。") if c]
    reordered = "".join(clauses[1:] + clauses[:1])
    out = run([SIGLIP + "..."], [reordered + "..."])
    assert ids(out)[0] != ids(out)[1]


@settings(max_examples=200, deadline=None)
@given(
    text=st.text(alphabet="的一是不了人我在有他这为之大来以个中上们到说国和地abcde", min_size=50, max_size=200),
    other=st.text(alphabet="的一是不了人我在有他这为之大来以个中上们到说国和地abcde", max_size=200),
    cut=st.integers(min_value=1, max_value=200),
    moved=st.booleans(),
)
def test_aligned_containment_is_bounded_by_plain_containment(text: str, other: str, cut: int, moved: bool) -> None:
    from dumpflow.similarity import GramIndex, aligned_containment, prefix_containment

    longer = text + other
    shorter = text[: max(3, min(cut, len(text)))]
    if moved:  # the same text with its halves swapped: shared 3-grams, other places
        half = len(shorter) // 2
        shorter = shorter[half:] + shorter[:half]
    aligned = aligned_containment(GramIndex.of(shorter), GramIndex.of(longer))
    assert aligned <= prefix_containment(shorter, longer) + 1e-12
    if longer.startswith(shorter):  # only cut: nothing moved
        assert aligned == prefix_containment(shorter, longer)


def test_hashes_handed_to_the_warehouse_are_the_ones_it_would_compute() -> None:
    """Loading trusts the signals and sketches carried on the state; they must be exactly
    what hashing the new keys afresh gives, or stored indexes would differ by code path."""
    from dumpflow import minhash
    from dumpflow.signals import batch_signals

    matched = run([SIGLIP[:90] + "...", SERIES_A], [SIGLIP, SERIES_B, OVERVIEW_A], [SIGLIP[:120] + "..."])
    checked = 0
    for dump in matched:
        for state in dump.articles:
            assert len(state.new_key_signals) == len(state.new_key_sketches) == len(state.new_keys)
            if state.new_keys:
                assert state.new_key_signals == batch_signals(state.new_keys)
                assert state.new_key_sketches == minhash.sketches(state.new_keys).tolist()
                checked += len(state.new_keys)
    assert checked == 6  # SigLIP: two cuts and the full text; both series members; the overview


@settings(max_examples=300, deadline=None)
@given(
    text=st.text(alphabet="的一是不了人我在有他这为之大来以个中上们到说国和地abcde", min_size=3, max_size=200),
    other=st.text(alphabet="的一是不了人我在有他这为之大来以个中上们到说国和地abcde", max_size=200),
    edits=st.lists(st.tuples(st.integers(min_value=0, max_value=399), st.sampled_from("的一是xyz")), max_size=40),
    threshold=st.sampled_from([0.5, 0.8, 0.9, 1.0]),
)
def test_misses_exceed_says_below_only_when_the_full_score_is_below(
    text: str, other: str, edits: list[tuple[int, str]], threshold: float
) -> None:
    """The pre-check may skip a pair's full score only when that score is certainly below the threshold."""
    from dumpflow.similarity import GramIndex, aligned_containment, misses_exceed

    longer = text + other
    chars = list(text)
    for at, char in edits:  # a copy with edits, most of them far from a clean cut
        chars[at % len(chars)] = char
    shorter = "".join(chars)
    if misses_exceed(shorter, longer, threshold):
        assert aligned_containment(GramIndex.of(shorter), GramIndex.of(longer)) < threshold


def test_misses_exceed_rejects_a_different_article_and_keeps_an_edited_copy() -> None:
    from dumpflow.normalize import match_key
    from dumpflow.similarity import misses_exceed

    series_a, series_b = match_key(SERIES_A), match_key(SERIES_B)
    assert misses_exceed(series_a, series_b, 0.8)  # the same intro, then another article
    edited = match_key(SIGLIP.replace("广泛应用", "普遍应用"))
    assert not misses_exceed(edited, match_key(SIGLIP), 0.8)


def test_a_state_whose_hashes_do_not_line_up_with_its_new_keys_is_refused() -> None:
    import pytest
    from pydantic import ValidationError

    from schemas.records import ArticleState

    base = {"article_id": "a", "body": "正文", "key": "正文", "is_truncated": False, "new_keys": ["正文", "正"]}
    ArticleState(**base, new_key_signals=[[1], [2]], new_key_sketches=[[3], [4]])  # aligned: fine
    ArticleState(**base)  # none given: the loader hashes the new keys itself
    for bad in ({"new_key_signals": [[1]]}, {"new_key_sketches": [[3], [4], [5]]}):
        with pytest.raises(ValidationError, match="one row per new key"):
            ArticleState(**base, **bad)
