"""Bad input through the real flow: every dump loads whole or is rejected with a reason, and the run goes on."""

from __future__ import annotations

import codecs
import os
from pathlib import Path

import duckdb
import pytest

from dumpflow.summary import summary_lines
from flows.ingest import ingest
from tests.builders import snapshot, transmission
from tests.invariants import assert_consistent

pytestmark = pytest.mark.usefixtures("prefect_server")

ZH = [
    "概述 本文介绍一个比较有意思的高效Transformer工作，经过细读之后，笔者认为论文里边真算得上是惊喜满满了...",
    "对比学习是自监督学习中最成功的一类方法，它通过拉近正样本、推远负样本来学习表示，本文梳理其发展脉络。",
    "扩散模型把生成看作逐步去噪的过程，本文从随机微分方程的角度推导其训练目标，并讨论采样加速的方法。",
]
ZH_TW = [
    "自監督學習屬於無監督學習，其核心是自動為數據打標籤，通過讓網絡按照既定的規則對數據打出正確的標籤來更好地進行特徵表示...",
    "對比學習是自監督學習中最成功的一類方法，它通過拉近正樣本、推遠負樣本來學習表示，本文梳理其發展脈絡與關鍵技巧。",
]


def run(paths: list[Path], db: Path, **kwargs):
    summary = ingest(paths=[str(p) for p in paths], warehouse_file=str(db), **kwargs)
    assert summary.status == "completed"
    assert_consistent(db)
    return summary


def rows(db: Path, sql: str, params: list | None = None) -> list[tuple]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.execute(sql, params or []).fetchall()
    finally:
        con.close()


def encoded(text: str, encoding: str, newline: str, bom: bytes = b"") -> bytes:
    return bom + text.replace("\n", newline).encode(encoding)


def test_every_supported_encoding_and_line_ending_loads_the_same_entries(tmp_path: Path, warehouse_file: Path) -> None:
    raw = tmp_path / "raw"
    raw.mkdir()
    zh, tw = transmission(*ZH), transmission(*ZH_TW)
    files = {
        "a-utf8.txt": (encoded(zh, "utf-8", "\n"), "utf-8", ZH),
        "b-utf8-bom.txt": (encoded(zh, "utf-8", "\r\n", codecs.BOM_UTF8), "utf-8-sig", ZH),
        "c-utf16le.txt": (encoded(zh, "utf-16-le", "\r", codecs.BOM_UTF16_LE), "utf-16", ZH),
        "d-utf16be.txt": (encoded(zh, "utf-16-be", "\r\n", codecs.BOM_UTF16_BE), "utf-16", ZH),
        "e-gb18030.txt": (encoded(zh, "gb18030", "\r\n"), "gb18030", ZH),
        "f-gbk.txt": (encoded(zh, "gbk", "\r"), "gb18030", ZH),
        "g-big5.txt": (encoded(tw, "big5", "\r\n"), "big5", ZH_TW),
    }
    for name, (data, _, _) in files.items():
        (raw / name).write_bytes(data)
    summary = run([raw], warehouse_file)
    assert (summary.files_new, summary.files_rejected, summary.new_articles) == (7, 0, 5)
    for name, (_, encoding, entries) in files.items():
        got = rows(
            warehouse_file,
            "select d.encoding, d.partial_tail, list(s.raw_text order by s.position) from dumps d "
            "join sightings s using (dump_id) where d.source_name = ? group by all",
            [name],
        )
        assert got == [(encoding, False, entries)], name


@pytest.mark.parametrize(
    ("encoding", "bom", "cut"),
    [("utf-8", b"", 1), ("utf-8", b"", 2), ("utf-16-le", codecs.BOM_UTF16_LE, 1), ("gb18030", b"", 1)],
)
def test_file_cut_mid_character_keeps_its_entries_and_marks_the_partial_one(
    tmp_path: Path, warehouse_file: Path, encoding: str, bom: bytes, cut: int
) -> None:
    last = "最后一条摘要在写入时被中断了，爬虫只保存了它的前半部分，但前面的每一个完整字符都应当保留下来不能丢"
    data = encoded(transmission(*ZH, pagination="") + last, encoding, "\n", bom)[:-cut]
    path = tmp_path / "cut.txt"
    path.write_bytes(data)
    summary = run([path], warehouse_file)
    assert (summary.files_new, summary.files_rejected) == (1, 0)
    partial, texts = rows(
        warehouse_file,
        "select d.partial_tail, list(s.raw_text order by s.position) from dumps d join sightings s using (dump_id) "
        "group by all",
    )[0]
    assert partial is True
    assert texts[:3] == ZH
    assert texts[3] == last[:-1]  # the partial last entry is kept, minus the cut character


def test_bad_files_are_rejected_with_reasons_and_never_touched(tmp_path: Path, warehouse_file: Path) -> None:
    raw = tmp_path / "raw"
    raw.mkdir()
    good = transmission(*ZH).encode()
    (raw / "good.txt").write_bytes(good)
    (raw / "empty.txt").write_bytes(b"")
    (raw / "binary.txt").write_bytes(bytes(range(256)) * 16)
    (raw / "elf.txt").write_bytes(b"\x7fELF\x02\x01\x01" + bytes(200))
    (raw / "big.txt").write_bytes(transmission(*(ZH * 40)).encode())
    (raw / "undecodable.txt").write_bytes(good[:60] + b"\xff\xfe\xfd\xff" + good[60:])
    (raw / "notes.docx").write_bytes(b"PK\x03\x04" + bytes(100))
    (raw / "chrome.txt").write_bytes(transmission().encode())
    (raw / "loop").symlink_to(raw / "loop")  # stat fails: an unreadable path
    before = {p.name: p.read_bytes() for p in raw.iterdir() if p.is_file()}
    missing = tmp_path / "gone.txt"
    summary = run([raw, raw / "loop", missing], warehouse_file, max_file_bytes=4096)
    assert (summary.files_new, summary.files_rejected) == (1, 9)
    reasons = dict(rows(warehouse_file, "select source_name, reason from dumps where status = 'rejected'"))
    assert reasons["empty.txt"] == "empty file"
    assert reasons["binary.txt"].startswith("binary file: ")
    assert reasons["elf.txt"] == "binary file: looks like a ELF executable"
    assert reasons["big.txt"].startswith("too large: ") and "DUMPFLOW_MAX_BYTES" in reasons["big.txt"]
    assert reasons["undecodable.txt"].startswith("undecodable text: ")
    assert reasons["notes.docx"] == "unsupported file type '.docx'"
    assert reasons["chrome.txt"].startswith("no article entries")
    assert reasons["loop"].startswith("unreadable: ")
    assert reasons["gone.txt"] == "unreadable: No such file or directory"
    lines = summary_lines(summary)
    assert "rejected gone.txt: unreadable: No such file or directory" in lines
    assert sum(line.startswith("rejected ") for line in lines) == 9
    assert {p.name: p.read_bytes() for p in raw.iterdir() if p.is_file()} == before
    # A second run keeps one row per rejected file, unreadable ones included.
    run([raw, raw / "loop", missing], warehouse_file, max_file_bytes=4096)
    assert rows(warehouse_file, "select count(*) from dumps where status = 'rejected'") == [(9,)]
    # Once the file can be read its 'unreadable' row goes, and its real one takes over.
    missing.write_bytes(transmission(*ZH_TW).encode())
    run([missing], warehouse_file)
    assert rows(warehouse_file, "select status, reason from dumps where source_name = 'gone.txt'") == [("loaded", None)]


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads files whatever their mode")
def test_permission_denied_is_recorded(tmp_path: Path, warehouse_file: Path) -> None:
    path = tmp_path / "secret.txt"
    path.write_bytes(transmission(*ZH).encode())
    path.chmod(0)
    try:
        run([path], warehouse_file)
    finally:
        path.chmod(0o644)
    assert rows(warehouse_file, "select reason from dumps") == [("unreadable: Permission denied",)]


def test_pathological_text_loads_whole(tmp_path: Path, warehouse_file: Path) -> None:
    raw = tmp_path / "raw"
    raw.mkdir()
    odd = "注意力\x00机制🧠𝔸𝕀\u202e反转\u202c\u200f的研究\x07与应用🚀，这是一段足够长的正文内容，用来测试控制字符是否被原样保存。"
    (raw / "odd.txt").write_bytes(transmission(ZH[0], odd).encode())
    long_line = ("自监督学习" * 20 + "，") * 10_000
    (raw / "long.txt").write_bytes(long_line.encode())
    digits = transmission(ZH[1], "1" * 5000 + "a", "<" * 5000 + "x", "a" + "." * 100_000 + "x")
    (raw / "digits.txt").write_bytes(digits.encode())
    summary = run([raw], warehouse_file)
    assert (summary.files_new, summary.files_rejected) == (3, 0)
    assert rows(warehouse_file, "select raw_text from sightings where raw_text like '%🧠%'") == [(odd,)]  # verbatim
    body = rows(warehouse_file, "select body from articles where body like '%🧠%'")[0][0]
    assert "\x00" not in body and "\u202e" not in body and "𝔸𝕀" in body
    assert rows(warehouse_file, "select length(body) from articles where body like '自监督学习自监督学习%'") == [
        (len(long_line),)
    ]
    digits_dump = "(select dump_id from dumps where source_name = 'digits.txt')"
    assert rows(warehouse_file, f"select count(*) from sightings where dump_id = {digits_dump}") == [(2,)]
    dropped = f"select reason, length(raw_text) from dropped_lines where dump_id = {digits_dump} and line_no > 4 order by line_no"
    assert rows(warehouse_file, dropped) == [("heading", 5001), ("too_short", 100_002), ("pagination", 3)]
    before = snapshot(warehouse_file)
    run([raw], warehouse_file)
    assert snapshot(warehouse_file) == before
