"""dumpflow/language.py: script decides where it can, seeded langdetect elsewhere."""

from __future__ import annotations

import random
import re
import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dumpflow import codepoints, language
from dumpflow.hanzi import SIMPLIFIED_ONLY, TRADITIONAL_ONLY
from dumpflow.language import MIN_CJK_PER_LATIN_WORD, MIN_HAN, by_script, detect
from schemas.records import LanguageGuess
from tests.conftest import SEEDS

CASES = [
    (
        "zh-cn",
        "script",
        "BLIP 论文名称 :BLIP: Bootstrapping Language-Image Pre-training for Unified Vision-Language "
        "Understanding and Generation (ICML 2022) 论文地址: https://arxiv.org/pdf/2201.12086.pdf 背景和动机 视觉语言训练",
    ),
    (
        "zh-tw",
        "script",
        "自監督學習屬於無監督學習,其核心是自動為數據打標籤,通過讓網絡按照既定的規則對數據打出正確的標籤來更好地進行特徵表示。",
    ),
    (
        "ja",
        "script",
        "自己教師あり学習は、ラベルのないデータから表現を学習する手法であり、近年多くの研究が行われている。",
    ),
    (
        "ko",
        "script",
        "자기 지도 학습은 레이블이 없는 데이터에서 표현을 학습하는 방법으로 최근 많은 연구가 이루어지고 있다.",
    ),
    (
        "en",
        "langdetect",
        "Self-supervised learning learns representations from unlabeled data by solving pretext tasks, "
        "and contrastive methods such as MoCo and SimCLR made it competitive with supervised pretraining.",
    ),
    (
        "de",
        "langdetect",
        "Selbstüberwachtes Lernen lernt Repräsentationen aus Daten ohne Beschriftung, indem es "
        "Hilfsaufgaben löst, und kontrastive Verfahren haben es konkurrenzfähig gemacht.",
    ),
    (
        "fr",
        "langdetect",
        "L'apprentissage auto-supervisé apprend des représentations à partir de données non "
        "étiquetées en résolvant des tâches prétextes, et les méthodes contrastives l'ont rendu compétitif.",
    ),
]


@pytest.mark.parametrize(("lang", "method", "text"), CASES, ids=[c[0] for c in CASES])
def test_language_and_method(lang: str, method: str, text: str) -> None:
    guess = detect(text)
    assert (guess.lang, guess.method) == (lang, method)
    assert 0.5 <= guess.confidence <= 1.0


def test_chinese_dense_with_formulas_and_english_terms_is_chinese() -> None:
    text = (
        "基于文章 《Elucidating the Design Space of Diffusion-Based Generative Models》 来统一扩散模型框架 "
        r"\[\mathbf{x}_t=(1-t)\mathbf{x}_0+t\varepsilon\] 写成概率分布形式: \[p(\mathbf{x}_t|\mathbf{x}_0)\]"
    )
    assert detect(text).lang == "zh-cn"


def test_english_quoting_a_chinese_phrase_is_english() -> None:
    text = (
        "The paper's Chinese title is 视觉语言预训练, but the rest of this long review is written in English and "
        "discusses how contrastive pretraining on image and text pairs transfers to downstream tasks."
    )
    assert detect(text).lang == "en"


def test_text_without_letters_has_no_language() -> None:
    assert detect("12345 ... 67 + 89 = ?").lang == "und"


def test_langdetect_answers_are_repeatable() -> None:
    text = "Attention is all you need, but not all attention is needed: a short note on sparse transformers."
    assert len({detect(text) for _ in range(5)}) == 1


def test_every_seed_excerpt_is_simplified_chinese_by_script() -> None:
    lines = [line for seed in SEEDS for line in seed.read_text(encoding="utf-8").splitlines() if len(line) > 40]
    assert len(lines) == 58
    guesses = [by_script(line) for line in lines]
    assert all(g is not None and g.lang == "zh-cn" for g in guesses)


# --- the batch script counts against the regexes they replaced ---------------

_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0002fa1f]")
_KANA = re.compile(r"[\u3040-\u30fa\u30fd-\u30ff\u31f0-\u31ff\uff66-\uff9d]")
_HANGUL = re.compile(r"[\uac00-\ud7af\u1100-\u11ff\u3130-\u318f]")
_LATIN_WORD = re.compile(r"[A-Za-z\u00c0-\u024f\u1e00-\u1eff]+")
_OTHER_LETTER = re.compile(r"[\u0370-\u03ff\u0400-\u052f\u0590-\u06ff\u0900-\u0dff\u0e00-\u0eff]")
_SIMPLIFIED = re.compile("[" + "".join(sorted(SIMPLIFIED_ONLY)) + "]")
_TRADITIONAL = re.compile("[" + "".join(sorted(TRADITIONAL_ONLY)) + "]")


def _reference_by_script(text: str) -> LanguageGuess | None:
    """by_script as it was: five regexes per text, then the rules."""
    han, kana, hangul = len(_HAN.findall(text)), len(_KANA.findall(text)), len(_HANGUL.findall(text))
    latin_words, other = len(_LATIN_WORD.findall(text)), len(_OTHER_LETTER.findall(text))
    cjk = han + kana + hangul
    if cjk < MIN_HAN or cjk < MIN_CJK_PER_LATIN_WORD * latin_words + other // 4:
        return None
    if kana >= max(3, cjk // 20):
        return LanguageGuess(lang="ja", confidence=round(min(1.0, 0.5 + kana / cjk), 4), method="script")
    if hangul > han:
        return LanguageGuess(lang="ko", confidence=round(hangul / cjk, 4), method="script")
    simplified, traditional = len(_SIMPLIFIED.findall(text)), len(_TRADITIONAL.findall(text))
    marked = simplified + traditional
    if marked == 0:
        return LanguageGuess(lang="zh-cn", confidence=0.5, method="script")
    lang = "zh-tw" if traditional > simplified else "zh-cn"
    return LanguageGuess(lang=lang, confidence=round(max(simplified, traditional) / marked, 4), method="script")


def _reference_detect(text: str) -> LanguageGuess:
    text = unicodedata.normalize("NFKC", text)
    guess = _reference_by_script(text)
    if guess is not None:
        return guess
    if not any(ch.isalpha() for ch in text):
        return LanguageGuess(lang="und", confidence=0.0, method="none")
    return language._langdetect(text)  # unchanged: seeded langdetect


def test_every_code_point_is_classified_as_the_regexes_do() -> None:
    every = "".join(map(chr, range(0x110000)))
    counts = language.script_counts(codepoints.pack([every, *every[::997]]))
    assert counts[0].tolist() == [
        len(_HAN.findall(every)),
        len(_KANA.findall(every)),
        len(_HANGUL.findall(every)),
        len(_LATIN_WORD.findall(every)),
        len(_OTHER_LETTER.findall(every)),
        len(_SIMPLIFIED.findall(every)),
        len(_TRADITIONAL.findall(every)),
    ]
    for ch, row in zip(every[::997], counts[1:].tolist(), strict=True):
        expected = [bool(p.match(ch)) for p in (_HAN, _KANA, _HANGUL, _LATIN_WORD, _OTHER_LETTER, _SIMPLIFIED)]
        assert [bool(n) for n in row[:6]] == expected, hex(ord(ch))


# Pieces of every script the rules weigh, and of none: Latin words broken by
# digits and accents, scripts side by side without spaces, width variants.
_PIECES = [
    "这是", "一种", "自监督", "學習", "網絡", "標籤", "とは", "カタカナ", "ｶﾀｶﾅ", "・", "ー", "한국어", "ᄀ", "ㄱ",
    "Hello", "world", "Ünïcödé", "ẞ", "Ｔransformer", "Привет", "Ελληνικά", "שלום", "مرحبا", "हिन्दी", "ไทย",
    " ", "，", "123", "𠀀", "豈", "\u3400", "x", "é", "...", "\n",
]  # fmt: skip


def test_batch_script_decision_equals_the_regexes_on_generated_texts() -> None:
    rnd = random.Random(7)
    texts = ["", " ", "，。", "a" * 5000, "这" * 9, "這" * 9, *(rnd.choice(_PIECES) * 40 for _ in range(20))]
    texts += ["".join(rnd.choice(_PIECES) for _ in range(rnd.randint(1, 60))) for _ in range(3000)]
    guesses = language._by_script_packed(codepoints.pack(texts))
    assert guesses == [_reference_by_script(text) for text in texts]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.text(max_size=80), max_size=8))
def test_batch_script_decision_equals_the_regexes_on_any_unicode(texts: list[str]) -> None:
    assert language._by_script_packed(codepoints.pack(texts)) == [_reference_by_script(t) for t in texts]


def test_batch_detection_equals_detect_as_it_was() -> None:
    texts = [text for _, _, text in CASES] + ["", "12345 ... 67", "Ｈｅｌｌｏ　ｗｏｒｌｄ，ｈｏｗ ａｒｅ ｙｏｕ"]
    texts += ["".join(random.Random(i).choice(_PIECES) for _ in range(30)) for i in range(40)]
    expected = [_reference_detect(text) for text in texts]
    assert language.detect_many(texts) == expected
    assert [detect(text) for text in texts] == expected


def _langdetect_itself(text: str) -> tuple[str, float] | None:
    """langdetect's module-level detect_langs, seeded as dumpflow seeds it: all profiles loaded up front."""
    from langdetect import DetectorFactory, detect_langs
    from langdetect.lang_detect_exception import LangDetectException

    DetectorFactory.seed = language.LANGDETECT_SEED
    try:
        best = detect_langs(text)[0]
    except LangDetectException:
        return None
    return best.lang, round(min(1.0, best.prob), 4)


def test_langdetect_on_demand_profiles_answer_as_langdetect_does() -> None:
    """The map that makes an n-gram's probabilities when asked gives langdetect's own answers, text for text."""
    rnd = random.Random(14)
    words = [w for _, _, text in CASES for w in text.split()] + ["ZeRO", "NICE", "LLMs", "über", "ça", "Ωμέγα", "мир"]
    texts = [text for _, _, text in CASES] + ["", "1234", "https://example.org/x", "a", "Z", "CVPR ICCV ECCV"]
    texts += [" ".join(rnd.choice(words) for _ in range(rnd.randint(1, 40))) for _ in range(150)]
    for text in texts:
        mine = language._langdetect(text)
        expected = _langdetect_itself(text)
        assert ((mine.lang, mine.confidence) if mine.method == "langdetect" else None) == expected, text


def test_langdetect_probabilities_are_made_only_for_the_ngrams_asked() -> None:
    probabilities = language._factory().word_lang_prob_map
    language._langdetect("Self-supervised learning learns representations from unlabeled data.")
    assert 0 < len(probabilities._made) < 2000  # langdetect itself makes ~88,000
    assert "the" in probabilities and "qqqqzz" not in probabilities
    with pytest.raises(KeyError):
        probabilities["qqqqzz"]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.text(max_size=80), min_size=1, max_size=8))
def test_script_counts_by_lanes_equal_the_counts_by_bincount(texts: list[str]) -> None:
    packed = codepoints.pack(texts)
    assert (language.script_counts(packed) == language._script_counts_by_bincount(packed)).all()


def test_script_counts_of_a_text_too_long_for_a_lane() -> None:
    """65,535 Han characters would overflow a 16-bit lane: such a batch is counted by bincount."""
    texts = ["模型" * 40000, "The model 模型", "ab cd"]
    counts = language.script_counts(codepoints.pack(texts))
    assert counts[0, language.HAN_CHARS] == 80000 and counts[1, language.LATIN_WORDS] == 2
    assert (counts == language._script_counts_by_bincount(codepoints.pack(texts))).all()
    short = [t[:1000] for t in texts]
    assert (
        language.script_counts(codepoints.pack(short)) == language._script_counts_by_bincount(codepoints.pack(short))
    ).all()


def test_script_decisions_packed_or_one_by_one_are_the_same(monkeypatch: pytest.MonkeyPatch) -> None:
    texts = [text for _, _, text in CASES] + ["", "模型" * 10, "模型" * 10, "这是" * 5 + "abc", "這個" * 6]
    texts += ["".join(random.Random(i).choice(_PIECES) for _ in range(30)) for i in range(60)]
    packed = codepoints.pack(texts)
    packed_way = language._by_script_packed(packed)
    monkeypatch.setattr(language, "_PACKABLE", 0)  # every batch decided one triple at a time
    assert language._by_script_packed(packed) == packed_way == [_reference_by_script(t) for t in texts]
    assert language._by_script_packed(codepoints.pack([])) == []
