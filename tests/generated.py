"""A deterministic landing zone of many small dumps with repeats, re-cuts and bad files."""

from __future__ import annotations

import random
from pathlib import Path

from tests.builders import transmission

_WORDS = [
    "注意力",
    "机制",
    "卷积",
    "网络",
    "扩散",
    "模型",
    "强化",
    "学习",
    "图",
    "神经",
    "量化",
    "蒸馏",
    "检索",
    "增强",
    "生成",
    "对比",
    "表示",
    "预训练",
    "微调",
    "推理",
    "梯度",
    "优化",
    "损失",
    "函数",
    "采样",
    "编码",
    "解码",
    "序列",
    "长度",
    "训练",
    "数据",
    "标注",
    "评估",
    "基准",
    "泛化",
    "鲁棒",
    "稀疏",
    "低秩",
    "适配",
]


def article(rng: random.Random, i: int) -> str:
    opening = f"第{i}号研究：" + "".join(rng.choice(_WORDS) for _ in range(6))
    sentences = ["".join(rng.choice(_WORDS) for _ in range(rng.randint(5, 9))) + "。" for _ in range(4)]
    return opening + "，本文讨论" + "".join(sentences)


def landing_zone(target: Path, n_dumps: int = 48, n_articles: int = 90, seed: int = 5) -> Path:
    """n_dumps text dumps of 5–8 entries drawn from a pool (so most recur), some cut, plus two bad files."""
    rng = random.Random(seed)
    pool = [article(rng, i) for i in range(n_articles)]
    target.mkdir(parents=True, exist_ok=True)
    for d in range(n_dumps):
        entries = []
        for idx in rng.sample(range(n_articles), rng.randint(5, 8)):
            text = pool[idx]
            if rng.random() < 0.3:
                text = text[: rng.randint(50, len(text) - 5)] + "..."
            entries.append(text)
        (target / f"dump_{d:03d}.txt").write_text(transmission(*entries, pagination=f"1 2 {d + 3} ›"), encoding="utf-8")
    (target / "dump_010_empty.txt").write_bytes(b"")
    (target / "dump_020_scan.txt").write_bytes(b"%PDF-1.4\n" + bytes(range(256)) * 8)
    return target
