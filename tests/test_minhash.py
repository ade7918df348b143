"""dumpflow/minhash.py: stable sketches of a key's opening and their LSH band keys."""

from __future__ import annotations

import subprocess
import sys

import numpy as np

from dumpflow import minhash
from dumpflow.normalize import match_key

TEXT = match_key(
    "SigLIP 概述 CLIP自提出以来在zero-shot分类、跨模态搜索、多模态对齐等多个领域得到广泛应用。得益于其令人惊叹的能力,"
    "激起了研究者广泛的关注和优化。 目前对CLIP的优化主要可以分为两大类: 其一是如何降低CLIP的训练成本; 其二是如何提升CLIP的"
    "performance。 对于第一类优化任务的常见思路有3种。 优化训练架构,如 LiT 通过freezen image encoder"
)


def test_sketch_is_the_same_in_another_process() -> None:
    """Stored band keys must be reproducible by any later run on any machine: no salted hashes."""
    code = (
        f"from dumpflow import minhash; import sys; print(minhash.band_hashes(minhash.sketches([{TEXT!r}])).tolist())"
    )
    env_runs = [
        subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, env={"PYTHONHASHSEED": seed}, check=True
        ).stdout
        for seed in ("1", "2")
    ]
    here = str(minhash.band_hashes(minhash.sketches([TEXT])).tolist()) + "\n"
    assert env_runs[0] == env_runs[1] == here


def test_sketch_has_known_values() -> None:
    # Pinned so that a change of the hash, the shingling or the bin layout is
    # caught: it would silently orphan every band key already in a warehouse.
    sketch = minhash.sketches(["abcdefghij"])[0]
    assert sketch.dtype == np.uint32 and sketch.shape == (minhash.BINS,)
    filled = {i: int(v) for i, v in enumerate(sketch) if v != minhash.EMPTY}
    assert filled == {1: 2468899989, 4: 2768453882, 5: 1153023450, 6: 953083296, 22: 689911267}
    assert minhash.band_hashes(minhash.sketches(["深度学习中的自注意力机制abcdefghij"])).tolist() == [
        [
            10795479727298754803,
            5740263527340928223,
            7347837469179308205,
            6064062893854386200,
            16434710330635308934,
            5586013989891002714,
            2383941353178773133,
            16162518204860733329,
        ]
    ]


def test_cut_copy_longer_than_the_opening_has_the_same_sketch() -> None:
    assert len(TEXT) > minhash.OPENING
    both = minhash.sketches([TEXT, TEXT[: minhash.OPENING + 5]])
    assert (both[0] == both[1]).all()


def test_small_edit_keeps_most_bands() -> None:
    edited = TEXT[:50] + "某" + TEXT[51:]
    bands = minhash.band_hashes(minhash.sketches([TEXT, edited]))
    assert int((bands[0] == bands[1]).sum()) >= minhash.BANDS // 2


def test_unrelated_texts_share_no_band() -> None:
    other = match_key(
        "大数据本身是个很宽泛的概念,Hadoop生态圈(或者泛生态圈)基本上都是为了处理超过单机尺度的数据处理而诞生的。" * 2
    )
    bands = minhash.band_hashes(minhash.sketches([TEXT, other]))
    assert int((bands[0] == bands[1]).sum()) == 0


def test_batch_equals_one_at_a_time() -> None:
    keys = [TEXT, TEXT[:90], "ab", "", TEXT[::-1]]
    batch = minhash.sketches(keys)
    single = np.vstack([minhash.sketches([k]) for k in keys])
    assert (batch == single).all()


def test_short_key_leaves_empty_bands_as_zero() -> None:
    bands = minhash.band_hashes(minhash.sketches(["abcdef"]))
    assert (bands == 0).any() and (bands != 0).any()
