"""Character sets derived from the national encodings, not from hand lists.

GB2312 level 1 is the 3,755 most common simplified characters; Big5's
"frequently used" block is the 5,401 most common traditional ones. A
character in one set that the other encoding cannot even represent is a
script marker: 这 has no Big5 code, 這 has no GB2312 code.
"""

from __future__ import annotations


def _decode_block(encoding: str, leads: range, trails: list[int]) -> frozenset[str]:
    chars = set()
    for lead in leads:
        for trail in trails:
            try:
                ch = bytes((lead, trail)).decode(encoding)
            except UnicodeDecodeError:
                continue
            if len(ch) == 1 and "\u4e00" <= ch <= "\u9fff":
                chars.add(ch)
    return frozenset(chars)


def _encodable(ch: str, encoding: str) -> bool:
    try:
        ch.encode(encoding)
    except UnicodeEncodeError:
        return False
    return True


GB2312_LEVEL1 = _decode_block("gb2312", range(0xB0, 0xD8), list(range(0xA1, 0xFF)))
_BIG5_TRAILS = list(range(0x40, 0x7F)) + list(range(0xA1, 0xFF))
BIG5_COMMON = frozenset(
    ch for ch in _decode_block("big5", range(0xA4, 0xC7), _BIG5_TRAILS) if ch.encode("big5") <= b"\xc6\x7e"
)
COMMON_HAN = GB2312_LEVEL1 | BIG5_COMMON
SIMPLIFIED_ONLY = frozenset(ch for ch in GB2312_LEVEL1 if not _encodable(ch, "big5"))
TRADITIONAL_ONLY = frozenset(ch for ch in BIG5_COMMON if not _encodable(ch, "gb2312"))
