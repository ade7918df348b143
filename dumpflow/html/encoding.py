"""HTML bytes -> text: the page's own declaration first, detection when it has none.

A page says what it is in a byte-order mark or a `<meta>` tag, and Chinese
sites still declare gb2312/gbk/big5. Declarations are also often wrong (a
template says utf-8 while the CMS writes GBK), so a declared encoding must
decode strictly or it is ignored and the bytes are sniffed like a text dump.
"""

from __future__ import annotations

import codecs
import re

from dumpflow.charset import Decoded, DecodeError, decode, decode_strict

# Browsers only look this far for a <meta> declaration (HTML spec: 1024 bytes;
# scrapers' pages often carry long <head>s, so we look a little further).
_PRESCAN_BYTES = 4096
_META = re.compile(rb"<meta\b[^>]*?charset\s*=\s*[\"']?\s*([A-Za-z0-9_.:\-]+)", re.IGNORECASE)
_XML_DECL = re.compile(rb"^<\?xml[^>]*encoding\s*=\s*[\"']([A-Za-z0-9_.:\-]+)", re.IGNORECASE)

# The WHATWG encoding standard's aliases that matter in practice: browsers read
# a gb2312/gbk label as GB18030's superset and latin-1 as windows-1252, and a
# <meta> cannot declare UTF-16 (it would not be readable as ASCII).
_ALIASES = {
    "gb2312": "gb18030",
    "gbk": "gb18030",
    "x-gbk": "gb18030",
    "gb_2312-80": "gb18030",
    "big5-hkscs": "big5hkscs",
    "x-x-big5": "big5",
    "iso-8859-1": "cp1252",
    "latin1": "cp1252",
    "latin-1": "cp1252",
    "us-ascii": "cp1252",
    "ascii": "cp1252",
    "utf-16": "utf-8",
    "utf-16le": "utf-8",
    "utf-16be": "utf-8",
}


def declared_encoding(data: bytes) -> str | None:
    """The Python codec named by the page's XML declaration or <meta>, if it names a known one."""
    head = data[:_PRESCAN_BYTES]
    match = _XML_DECL.match(head) or _META.search(head)
    if not match:
        return None
    label = match.group(1).decode("ascii", "ignore").strip().lower()
    label = _ALIASES.get(label, label)
    try:
        return codecs.lookup(label).name
    except LookupError:
        return None


def decode_html(data: bytes) -> Decoded:
    """Decode a page: BOM, then a declaration that decodes strictly, then detection.

    Raises DecodeError when nothing gives plausible text.
    """
    has_bom = data.startswith((codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE))
    declared = None if has_bom else declared_encoding(data)
    if declared is not None:
        result = decode_strict(data, declared)
        if result is not None:
            return Decoded(text=result[0], encoding=declared, partial_tail=result[1])
    return decode(data)


__all__ = ["DecodeError", "declared_encoding", "decode_html"]
