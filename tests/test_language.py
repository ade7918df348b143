"""dumpflow/language.py: script decides where it can, seeded langdetect elsewhere."""

from __future__ import annotations

import pytest

from dumpflow.language import by_script, detect
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
