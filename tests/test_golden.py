"""Golden test: the five real seed dumps through the real Prefect flow into a real DuckDB file."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from flows.ingest import ingest
from tests.invariants import assert_consistent

# Topics written by hand for the 45 seed articles, keyed by the opening of
# each body. A change in the taxonomy or the tagger that moves any of these
# must be a deliberate decision, made here.
EXPECTED_TOPICS: dict[str, set[str]] = {
    "CLIP算法原理": {"multimodal"},
    "SigLIP 概述": {"multimodal"},
    "BLIP 论文名称": {"multimodal"},
    "摘掉Softmax": {"efficient-attention"},
    "引言与背景 FlashAttention": {"efficient-attention"},
    "概述 本文介绍一个比较有意思的高效Transformer": {"efficient-attention"},
    "相关内容 自监督学习": {"self-supervised"},
    "概述 众所周知": {"efficient-attention"},
    "不同于RNN、CNN等模型": {"positional-encoding"},
    "最近,似乎现在每个大型语言模型": {"nn-fundamentals", "llm"},
    "这是OpenCompass": {"evaluation", "multimodal"},
    "引言与背景 随机逼近": {"optimization"},
    "简介 24年12月": {"llm", "training-efficiency"},
    "DINO Emerging Properties": {"self-supervised"},
    "推导 回顾一下二分类下的Softmax": {"face-recognition"},
    "从 NLP 入手 n-gram": {"nlp-basics"},
    "背景 本文主要是《NICE": {"generative-models"},
    "补充知识 表示学习": {"self-supervised"},
    "Normalizing flow": {"generative-models"},
    "基于文章 《Elucidating": {"generative-models"},
    "简介 基于lmmsengine": {"training-efficiency"},
    "简介 一个完整的人脸识别系统": {"face-recognition"},
    "总结下 Self-Supervised Learning": {"self-supervised"},
    "大数据本身是个很宽泛的概念": {"big-data"},
    "129. 滑动窗口最大值": {"algorithms"},
    "动机 Faster RCNN": {"object-detection"},
    "Self-Supervised Learning ,又称为自监督学习": {"self-supervised"},
    "梯度检查点": {"training-efficiency"},
    "🔖 https://www.deepseek.com/": {"llm"},
    "超多分类的Softmax": {"face-recognition"},
    "概述 SSM的概念由来已久": {"efficient-attention"},
    "旋转式位置编码": {"positional-encoding"},
    "Deformable Conv v1": {"cnn-architectures"},
    "AdamW目前是大语言模型训练的默认优化器": {"optimization"},
    "💡 原本随机采样的DDPM": {"generative-models"},
    "一般来说,神经网络处理的东西都是连续的浮点数": {"optimization"},
    "简介 后训练": {"llm"},
    "简介 EfficientNet": {"cnn-architectures"},
    "如何计算RF": {"cnn-architectures"},
    "网络整体介绍 ThunderNet": {"object-detection"},
    "💡 轻量级网络系列": {"cnn-architectures"},
    "近期,人脸识别研究领域": {"face-recognition"},
    "通过卷积和池化等技术": {"cnn-architectures"},
    "通常我们训练神经网络模型": {"training-efficiency"},
    "如果把 近几年对比学习": {"self-supervised"},
}


@pytest.fixture(scope="module")
def golden_db(tmp_path_factory: pytest.TempPathFactory, prefect_server: None) -> Path:
    from tests.conftest import SEEDS

    db = tmp_path_factory.mktemp("golden") / "golden.duckdb"
    summary = ingest(paths=[str(p) for p in SEEDS], warehouse_file=str(db))
    assert (summary.files_new, summary.entries, summary.new_articles, summary.repeats_merged) == (5, 58, 45, 13)
    assert_consistent(db)
    return db


def q(db: Path, sql: str) -> list[tuple]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.execute(sql).fetchall()
    finally:
        con.close()


def test_counts(golden_db: Path) -> None:
    assert q(golden_db, "select count(*) from sightings") == [(58,)]
    assert q(golden_db, "select count(*) from articles") == [(45,)]
    assert q(golden_db, "select count(*), sum(n_entries) from dumps where status = 'loaded'") == [(5, 58)]


def test_siglip_blip_clip_are_seen_four_times(golden_db: Path) -> None:
    rows = q(
        golden_db,
        "select a.body[:6], count(*) from sightings s join articles a using (article_id) "
        "group by a.article_id, a.body having count(*) > 1 order by 2 desc, 1",
    )
    assert rows[:3] == [("BLIP 论", 4), ("CLIP算法", 4), ("SigLIP", 4)]
    assert [n for _, n in rows[3:]] == [2, 2, 2, 2]


def test_no_boilerplate_or_marker_in_any_body(golden_db: Path) -> None:
    bodies = [b for (b,) in q(golden_db, "select body from articles")]
    for body in bodies:
        assert not body.endswith(("...", "…")), body[-20:]
        for chrome in ("INCOMING TRANSMISSION", "LATEST UPDATES"):
            assert chrome not in body
    assert q(golden_db, "select count(*) from articles where body = '1 2' or length(body) < 40") == [(0,)]
    reasons = q(golden_db, "select reason, count(*) from dropped_lines group by 1 order by 1")
    assert reasons == [("blank", 5), ("heading", 10), ("pagination", 1)]


def test_every_article_is_simplified_chinese(golden_db: Path) -> None:
    assert q(golden_db, "select lang, lang_method, count(*) from articles group by all") == [("zh-cn", "script", 45)]


def test_raw_text_is_kept_verbatim(golden_db: Path) -> None:
    from tests.conftest import SEEDS

    lines = {line for seed in SEEDS for line in seed.read_text(encoding="utf-8").splitlines()}
    raw = [r for (r,) in q(golden_db, "select raw_text from sightings")]
    assert all(r in lines for r in raw)


def test_topics_match_the_hand_written_expectations(golden_db: Path) -> None:
    rows = q(
        golden_db,
        "select a.body, list(t.topic order by t.topic) filter (where t.topic is not null) "
        "from articles a left join article_topics t using (article_id) group by a.article_id, a.body",
    )
    assert len(rows) == len(EXPECTED_TOPICS) == 45
    seen = set()
    for body, topics in rows:
        prefix = next(p for p in EXPECTED_TOPICS if body.startswith(p))
        seen.add(prefix)
        assert set(topics or []) == EXPECTED_TOPICS[prefix], prefix
    assert seen == set(EXPECTED_TOPICS)


def test_every_tag_has_evidence_and_score(golden_db: Path) -> None:
    assert q(golden_db, "select count(*) from article_topics where len(evidence) = 0 or score < 4") == [(0,)]
