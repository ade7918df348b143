"""Language per article: script first, seeded langdetect where script cannot tell.

langdetect reads Chinese studded with English terms as Norwegian, Vietnamese
or Korean, and costs ~20 ms a call. The script of the text settles most cases
outright: kana means Japanese, Hangul means Korean, Han characters that only
one of GB2312/Big5 can encode tell simplified from traditional Chinese. Only
text without a deciding script (Latin, Cyrillic, ...) goes to langdetect,
seeded so that the same text always gets the same answer.
"""

from __future__ import annotations

import threading
import unicodedata

from dumpflow.hanzi import SIMPLIFIED_ONLY, TRADITIONAL_ONLY
from schemas.records import LanguageGuess

# Below this many CJK characters a text is not CJK by script alone.
MIN_HAN = 8
# Chinese technical prose is full of English terms, formulas and URLs; one Han
# character carries about as much as one English word, so CJK text holds at
# least half as many CJK characters as Latin words. English quoting a Chinese
# phrase falls well below that.
MIN_CJK_PER_LATIN_WORD = 0.5
LANGDETECT_SEED = 0
_LOCK = threading.Lock()


def _script_counts(text: str) -> dict[str, int]:
    counts = {"han": 0, "kana": 0, "hangul": 0, "latin_words": 0, "other_letters": 0}
    in_latin_word = False
    for ch in text:
        o = ord(ch)
        latin = False
        if 0x4E00 <= o <= 0x9FFF or 0x3400 <= o <= 0x4DBF or 0xF900 <= o <= 0xFAFF or 0x20000 <= o <= 0x2FA1F:
            counts["han"] += 1
        elif 0x3040 <= o <= 0x30FF or 0x31F0 <= o <= 0x31FF or 0xFF66 <= o <= 0xFF9D:
            if ch not in "・ー":
                counts["kana"] += 1
        elif 0xAC00 <= o <= 0xD7AF or 0x1100 <= o <= 0x11FF or 0x3130 <= o <= 0x318F:
            counts["hangul"] += 1
        elif ch.isalpha():
            if o < 0x250 or 0x1E00 <= o <= 0x1EFF:
                latin = True
                if not in_latin_word:
                    counts["latin_words"] += 1
            else:
                counts["other_letters"] += 1
        in_latin_word = latin
    return counts


def by_script(text: str) -> LanguageGuess | None:
    """A decision from the writing system alone, or None when it does not decide."""
    counts = _script_counts(text)
    cjk = counts["han"] + counts["kana"] + counts["hangul"]
    if cjk < MIN_HAN or cjk < MIN_CJK_PER_LATIN_WORD * counts["latin_words"] + counts["other_letters"] // 4:
        return None
    if counts["kana"] >= max(3, cjk // 20):
        return LanguageGuess(lang="ja", confidence=round(min(1.0, 0.5 + counts["kana"] / cjk), 4), method="script")
    if counts["hangul"] > counts["han"]:
        return LanguageGuess(lang="ko", confidence=round(counts["hangul"] / cjk, 4), method="script")
    simplified = sum(1 for ch in text if ch in SIMPLIFIED_ONLY)
    traditional = sum(1 for ch in text if ch in TRADITIONAL_ONLY)
    marked = simplified + traditional
    if marked == 0:
        # Only characters shared by both scripts: Chinese, most likely mainland.
        return LanguageGuess(lang="zh-cn", confidence=0.5, method="script")
    lang = "zh-tw" if traditional > simplified else "zh-cn"
    return LanguageGuess(lang=lang, confidence=round(max(simplified, traditional) / marked, 4), method="script")


def _langdetect(text: str) -> LanguageGuess:
    from langdetect import DetectorFactory, detect_langs
    from langdetect.lang_detect_exception import LangDetectException

    with _LOCK:  # langdetect's factory and seed are module globals
        DetectorFactory.seed = LANGDETECT_SEED
        try:
            best = detect_langs(text)[0]
        except LangDetectException:
            return LanguageGuess(lang="und", confidence=0.0, method="none")
    return LanguageGuess(lang=best.lang, confidence=round(min(1.0, best.prob), 4), method="langdetect")


def detect(text: str) -> LanguageGuess:
    text = unicodedata.normalize("NFKC", text)
    guess = by_script(text)
    if guess is not None:
        return guess
    if not any(ch.isalpha() for ch in text):
        return LanguageGuess(lang="und", confidence=0.0, method="none")
    return _langdetect(text)
