"""`records.trusted`: records built from validated parts without validating them again.

Repeat detection (article states, the entry it merges an article through) and
annotation (annotations, articles, annotated dumps) build records this way;
what they build must be what validation would have built, and a wrong set of
field names must fail where the record is made.
"""

from __future__ import annotations

import pickle

import pytest

from dumpflow import dedup
from schemas.records import Annotation, ArticleState, LanguageGuess, MatchedDump, Sighting, trusted, trusted_maker
from tests.builders import cleaned, transmission
from tests.conftest import SEEDS
from tests.test_url_identity import FEED, all_dumps

GUESS = LanguageGuess(lang="en", confidence=1.0, method="script")


def test_trusted_refuses_a_missing_an_unknown_or_a_defaulted_field() -> None:
    with pytest.raises(TypeError, match="takes exactly the fields"):
        trusted(Annotation, {"language": GUESS})
    with pytest.raises(TypeError, match="takes exactly the fields"):
        trusted(Annotation, {"language": GUESS, "topics": [], "extra": 1})
    with pytest.raises(TypeError, match="takes exactly the fields"):  # no default is filled in either
        trusted(
            Sighting,
            {"position": 0, "line_no": 0, "article_id": "a", "raw_text": "x", "kind": "new", "similarity": 1.0},
        )


def test_a_trusted_record_is_the_validated_one_and_still_frozen() -> None:
    fields = {"language": GUESS, "topics": []}
    made = trusted(Annotation, dict(fields))
    checked = Annotation(**fields)
    assert made == checked
    assert made.model_fields_set == checked.model_fields_set == {"language", "topics"}
    assert made.model_dump_json() == checked.model_dump_json()
    assert pickle.loads(pickle.dumps(made)) == checked
    assert trusted_maker(Annotation)(dict(fields)) == checked
    with pytest.raises(ValueError):
        made.topics = []  # type: ignore[misc]


def test_article_states_from_repeat_detection_are_what_validation_builds() -> None:
    """Every state `dedup` hands over for the seed dumps and for pages that unite text-only articles
    (addresses, dates, merged states), its new keys' hashes included."""
    seeds = [cleaned(seed.name, seed.read_text(encoding="utf-8")) for seed in SEEDS]
    pages = [*all_dumps(), cleaned("feed.txt", transmission(*FEED))]
    states = [a for dumps in (seeds, pages) for m in dedup.match_dumps(dumps, dedup.EmptySource()) for a in m.articles]
    assert any(a.new_keys for a in states) and any(a.url_key_is_new and a.published for a in states)
    for state in states:
        checked = ArticleState.model_validate(state.model_dump())
        assert state == checked
        assert state.model_fields_set == checked.model_fields_set == set(ArticleState.model_fields)
        assert state.model_dump_json() == checked.model_dump_json()


def test_sightings_from_repeat_detection_are_what_validation_builds() -> None:
    """Every sighting `dedup` hands over for the seed dumps and the pages (every kind, urls and dates included)."""
    seeds = [cleaned(seed.name, seed.read_text(encoding="utf-8")) for seed in SEEDS]
    pages = [*all_dumps(), cleaned("feed.txt", transmission(*FEED))]
    sightings = [
        s for dumps in (seeds, pages) for m in dedup.match_dumps(dumps, dedup.EmptySource()) for s in m.sightings
    ]
    assert {"new", "exact"} <= {s.kind for s in sightings} and any(s.url and s.published for s in sightings)
    for sighting in sightings:
        checked = Sighting.model_validate(sighting.model_dump())
        assert sighting == checked
        assert sighting.model_fields_set == checked.model_fields_set == set(Sighting.model_fields)
        assert sighting.model_dump_json() == checked.model_dump_json()


def test_matched_dumps_from_repeat_detection_are_what_validation_builds() -> None:
    """The dumps `dedup` hands over (built without validating again), re-keyed ones included."""
    seeds = [cleaned(seed.name, seed.read_text(encoding="utf-8")) for seed in SEEDS]
    pages = [*all_dumps(), cleaned("feed.txt", transmission(*FEED))]
    matched = [m for dumps in (seeds, pages) for m in dedup.match_dumps(dumps, dedup.EmptySource())]
    assert any(m.dropped for m in matched) and any(m.articles for m in matched)
    for dump in matched:
        checked = MatchedDump.model_validate(dump.model_dump())
        assert dump == checked
        assert dump.model_fields_set == checked.model_fields_set == set(MatchedDump.model_fields)
        assert dump.model_dump_json() == checked.model_dump_json()
