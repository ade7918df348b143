"""Boilerplate out, article entries in, with the site's truncation marker noted.

A listing page wraps its excerpts in chrome: a banner, a section title,
pagination, "read more" links, dates and view counts. Which lines those are
is decided by the line rules in dumpflow.lines (shared with the HTML reader);
here each text line is classified and cleaned, and every dropped line keeps
its reason for the warehouse.
"""

from __future__ import annotations

import datetime as dt

from dumpflow.lines import MIN_CONTENT_CHARS, classify, shape_reason, short_reason
from dumpflow.normalize import clean_body, is_nfkc, keys_of_nfkc, match_key, nfkc, nfkc_fold
from dumpflow.urlkey import url_key
from schemas.records import CleanDump, CleanEntry, DroppedLine, ParsedDump, RawEntry, Rejection, trusted, trusted_maker

# The truncation marker: runs of these characters at the end of an excerpt,
# each run at least this long ("." alone is a sentence's full stop, "。。" a typo).
# Scanned from the end rather than matched with a regex: a search for a run
# anchored at $ restarts at every position of a long run of dots (quadratic or
# worse), and a scraped line can be a megabyte of them.
_MARKER_RUNS = {".": 2, "…": 1, "。": 3, "．": 3, "・": 3}


def _rstrip_index(text: str, end: int) -> int:
    """Where text[:end].rstrip() ends, without copying the string."""
    while end and text[end - 1].isspace():
        end -= 1
    return end


def strip_marker(body: str) -> tuple[str, bool]:
    """Remove the site's truncation marker ('...', '…') from the end of an excerpt."""
    end = _rstrip_index(body, len(body))
    cut = None
    while end:
        char = body[end - 1]
        need = _MARKER_RUNS.get(char)
        if need is None:
            break
        start = end
        while start and body[start - 1] == char:
            start -= 1
        if end - start < need:
            break
        cut = start
        end = _rstrip_index(body, start)
    if cut is None:
        return body, False
    return body[:cut].rstrip(), True


# What a text line becomes: (reason it is dropped, or None), body, key, is_truncated.
LineResult = tuple[str | None, str, str, bool]


def clean_text_lines(lines: list[str]) -> list[LineResult]:
    """`classify` and then `clean_entry`'s body and key, for every line of a text dump.

    Run one after the other, those fold whitespace four times and normalize
    three times per line: most of the time of cleaning. Here each line is
    folded and normalized once and a dump's keys are made in one pass. Why the
    results are the same (tests/test_clean.py checks each step):

    - `text` is what `classify` looks at, `nfkc_fold(clean_body(raw))`; for a
      line already in NFKC (nine in ten) that is the cleaned line itself.
    - `text` is in NFKC (checked, else the line takes the specified steps), so
      `keys_of_nfkc` gives its `match_key`, whose length `classify` compares.
    - When the cleaned line and its body are both in NFKC, the body's key is
      the line's: `strip_marker` cuts only spaces and marker characters, none
      of which has a letter or digit once case-folded, and case folding and the
      key filter go character by character. Any other body is keyed itself.
    """
    results, pending, sources = _shape_pass(lines)
    _letters_pass(results, pending, keys_of_nfkc(sources))
    return results


# A line whose outcome waits for its key: (index in the results, text, body,
# is_truncated, whether the body is keyed apart from the text).
_Pending = tuple[int, str, str, bool, bool]


def _shape_pass(lines: list[str]) -> tuple[list[LineResult], list[_Pending], list[str]]:
    """Each line cleaned, normalized once and put through the shape rules.

    Returns the results so far (lines waiting for their key hold a
    placeholder), the waiting lines, and the NFKC texts to key for them: each
    waiting line's text, then its body when that is keyed apart.
    """
    results: list[LineResult] = []
    pending: list[_Pending] = []
    sources: list[str] = []
    for raw in lines:
        cleaned = clean_body(raw)
        in_nfkc = is_nfkc(cleaned)
        text = cleaned if in_nfkc else nfkc_fold(cleaned)
        if not in_nfkc and not is_nfkc(text):
            results.append(_clean_text_line_exactly(raw))
            continue
        reason = shape_reason(text)
        if reason is None:
            body, truncated = strip_marker(cleaned)
            apart = not in_nfkc or (truncated and not is_nfkc(body))
            sources.append(text)
            if apart:
                sources.append(nfkc(body))
            pending.append((len(results), text, body, truncated, apart))
        results.append((reason, "", "", False))
    return results, pending, sources


def _letters_pass(results: list[LineResult], pending: list[_Pending], keys: list[str]) -> None:
    """Settle the waiting lines from their keys: too few letters, or an entry."""
    next_key = iter(keys).__next__
    for index, text, body, truncated, apart in pending:
        key = next_key()
        body_key = next_key() if apart else key
        if len(key) < MIN_CONTENT_CHARS:
            results[index] = (short_reason(text), "", "", False)
        elif body_key:
            results[index] = (None, body, body_key, truncated)
        else:
            results[index] = ("blank", "", "", False)


def _clean_text_line_exactly(raw: str) -> LineResult:
    """`classify` and `clean_entry`'s body and key as specified, for lines the shortcut does not cover."""
    reason = classify(raw)
    if reason is not None:
        return reason, "", "", False
    body, truncated = strip_marker(clean_body(raw))
    key = match_key(body)
    if not key:
        return "blank", "", "", False
    return None, body, key, truncated


def clean_entry(entry: RawEntry, position: int, keep_paragraphs: bool = False) -> CleanEntry:
    """One entry cleaned on its own: the specification `clean_text_lines` is tested against."""
    body, truncated = strip_marker(clean_body(entry.raw_text, keep_paragraphs=keep_paragraphs))
    return CleanEntry.model_validate(_entry_fields(entry, position, body, match_key(body), truncated))


def _entry_fields(entry: RawEntry, position: int, body: str, key: str, truncated: bool) -> dict[str, object]:
    """A CleanEntry's fields: validated once, by the model, as part of the whole dump."""
    return {
        "position": position,
        "line_no": entry.line_no,
        "raw_text": entry.raw_text,
        "body": body,
        "key": key,
        "is_truncated": truncated,
        "title": clean_body(entry.title) if entry.title else None,
        "url": entry.url,
        "url_key": url_key(entry.url) if entry.url else None,
        "published": calendar_date(entry.published) if entry.published else None,
    }


def calendar_date(text: str) -> str | None:
    """A YYYY-MM-DD date as stored, or None for a day no calendar has (a page's "2024-02-31")."""
    try:
        day = dt.date.fromisoformat(text)
    except ValueError:
        return None
    return day.isoformat() if day.isoformat() == text else None


def clean_dump(parsed: ParsedDump) -> CleanDump:
    """Split a parsed dump into article entries (numbered 0..n-1) and dropped lines.

    The records are not validated again (`records.trusted`): every field is
    either a validated RawEntry's or made here by a rule whose result is of
    the field's type (a position from a counter, a body and key from the
    normalizer, a date only when `calendar_date` found it a real day).
    Validating ~25,000 of them a batch cost more than cleaning the lines.
    tests/test_clean.py checks the result equals the validated dump.
    """
    entry = trusted_maker(CleanEntry)
    drop = trusted_maker(DroppedLine)
    entries: list[CleanEntry] = []
    dropped: list[DroppedLine] = []
    if parsed.format == "text":
        lines = clean_text_lines([raw.raw_text for raw in parsed.entries])
    else:  # HTML: cards and articles are not classified; their paragraphs are kept
        lines = [_clean_html_entry(raw) for raw in parsed.entries]
    for raw, (reason, body, key, truncated) in zip(parsed.entries, lines, strict=True):
        if reason is None:
            entries.append(entry(_entry_fields(raw, len(entries), body, key, truncated)))
        else:
            dropped.append(drop({"line_no": raw.line_no, "raw_text": raw.raw_text, "reason": reason}))
    return trusted(
        CleanDump,
        {
            "dump": parsed.dump,
            "format": parsed.format,
            "encoding": parsed.encoding,
            "entries": entries,
            "dropped": dropped,
            "partial_tail": parsed.partial_tail,
        },
    )


def _clean_html_entry(raw: RawEntry) -> LineResult:
    """An HTML card or article's body and key, paragraphs kept.

    An entry with no letters in its text is a title-only entry (an archive,
    category or tag page lists only titles) when it has a title and an
    address that identifies the post: it is kept with body and key '', and
    repeat detection files it under its address until an excerpt or the post
    page fills it in. Without such an address nothing could ever match it
    again, so it is dropped ("title_only_no_url"); without a title it is "blank".
    """
    body, truncated = strip_marker(clean_body(raw.raw_text, keep_paragraphs=True))
    key = match_key(body)
    if key:
        return None, body, key, truncated
    if not raw.title or not match_key(raw.title):
        return "blank", "", "", False
    if url_key(raw.url) is None:
        return "title_only_no_url", "", "", False
    return None, "", "", False


def empty_reason(dump: CleanDump) -> str | None:
    """Why a dump with no article entries is rejected rather than loaded empty.

    Loading it would record a sighting-less dump that looks like success; a
    rejection tells the user the scraper saved only page chrome.
    """
    if dump.entries:
        return None
    reasons = sorted({line.reason for line in dump.dropped})
    detail = ", ".join(reasons) if reasons else "no lines"
    return f"no article entries ({len(dump.dropped)} lines, all boilerplate: {detail})"


def clean_or_reject(parsed: ParsedDump) -> CleanDump | Rejection:
    """A cleaned dump, or its rejection when nothing in it is an article."""
    dump = clean_dump(parsed)
    reason = empty_reason(dump)
    if reason is None:
        return dump
    return Rejection(
        source_path=dump.dump.path,
        source_name=dump.dump.source_name,
        dump_id=dump.dump.dump_id,
        reason=reason,
        size_bytes=dump.dump.size_bytes,
    )
