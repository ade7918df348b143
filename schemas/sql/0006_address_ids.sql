-- 0006: an article with an address is keyed by it, whatever order its dumps arrived in (issue 14).
--
-- From this version on, an article that has a url_key has the id
-- left(sha256('article-url:' || url_key), 16) (dumpflow/dedup.py: url_article_id): a text-dump
-- article that later gains its address is re-keyed then (dumpflow/warehouse/rekey.py). This
-- migration does the same for articles stored before: those that got their address when a card
-- joined them (0004 kept their text id), and those 0004's upgrade gave an address. Every row
-- naming the old id follows. An article whose address id another article already holds keeps
-- its id (none can, unless edited by hand: ids of that form are only ever given for that address).

CREATE TABLE rekey_0006 AS
SELECT article_id AS old_id, left(sha256('article-url:' || url_key), 16) AS article_id
FROM articles
WHERE url_key IS NOT NULL
  AND article_id <> left(sha256('article-url:' || url_key), 16)
  AND left(sha256('article-url:' || url_key), 16) NOT IN (SELECT article_id FROM articles);

UPDATE articles SET article_id = r.article_id FROM rekey_0006 r WHERE articles.article_id = r.old_id;
UPDATE sightings SET article_id = r.article_id FROM rekey_0006 r WHERE sightings.article_id = r.old_id;
UPDATE merges SET article_id = r.article_id FROM rekey_0006 r WHERE merges.article_id = r.old_id;
UPDATE article_topics SET article_id = r.article_id FROM rekey_0006 r WHERE article_topics.article_id = r.old_id;
UPDATE match_keys SET article_id = r.article_id FROM rekey_0006 r WHERE match_keys.article_id = r.old_id;
UPDATE signatures SET article_id = r.article_id FROM rekey_0006 r WHERE signatures.article_id = r.old_id;

DROP TABLE rekey_0006;
