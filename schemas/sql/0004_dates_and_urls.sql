-- 0004: publication dates and URL identity (issue 13).
--
-- articles.published  the earliest publication date any sighting showed (NULL: none did)
-- articles.url_key    the canonical address (dumpflow/urlkey.py): host/path?query, no scheme;
--                     one article per key, so a card and its post page are one article.
--                     Looked up through match_keys, under its own hash prefix (dedup.url_signal).
--                     An upgrade fills and indexes it for articles that already had a url
--                     (warehouse.py: _backfill_url_keys, in the same transaction as this file).
-- sightings.url / .published   what this sighting's card or page said (NULL before 0004)
-- kind 'url'          a repeat found by its address when its text alone would not match
--                     (a title-only archive line, a custom excerpt).
--
-- A title-only entry (archive, category and tag pages) is an article with body '' and
-- n_chars 0 until an excerpt or the post page with the same url_key fills it in.
--
-- DuckDB cannot alter a CHECK constraint, so sightings and merges are rebuilt with the
-- new kind allowed. The views of 0003 bind by name at query time and survive the swap.

ALTER TABLE articles ADD COLUMN published DATE;
ALTER TABLE articles ADD COLUMN url_key VARCHAR;

CREATE TABLE sightings_0004 (
    dump_id    VARCHAR NOT NULL,
    position   INTEGER NOT NULL,
    article_id VARCHAR NOT NULL,
    raw_text   VARCHAR NOT NULL,
    line_no    INTEGER NOT NULL,
    kind       VARCHAR NOT NULL CHECK (kind IN ('new', 'exact', 'truncation', 'near', 'url')),
    similarity DOUBLE NOT NULL,
    url        VARCHAR,
    published  DATE,
    PRIMARY KEY (dump_id, position)
);
INSERT INTO sightings_0004
SELECT dump_id, position, article_id, raw_text, line_no, kind, similarity, NULL, NULL FROM sightings;
DROP TABLE sightings;
ALTER TABLE sightings_0004 RENAME TO sightings;

CREATE TABLE merges_0004 (
    article_id VARCHAR NOT NULL,
    dump_id    VARCHAR NOT NULL,
    position   INTEGER NOT NULL,
    kind       VARCHAR NOT NULL CHECK (kind IN ('exact', 'truncation', 'near', 'url')),
    similarity DOUBLE NOT NULL,
    PRIMARY KEY (dump_id, position)
);
INSERT INTO merges_0004 SELECT article_id, dump_id, position, kind, similarity FROM merges;
DROP TABLE merges;
ALTER TABLE merges_0004 RENAME TO merges;
