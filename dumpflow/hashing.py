"""Stable hashes: the same input gives the same number on every process and machine.

Python's built-in hash() is salted per process, so nothing that is stored or
compared across runs may use it.
"""

from __future__ import annotations

import hashlib


def h64(text: str) -> int:
    """An unsigned 64-bit hash of a string (BLAKE2b), for index keys."""
    return int.from_bytes(hashlib.blake2b(text.encode("utf-8"), digest_size=8).digest(), "big")


def hex_id(text: str, length: int = 16) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:length]
