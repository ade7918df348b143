-- 0003: the analysis layer. Views only, so they hold no data of their own and a
-- re-ingest or an upgrade never has to move rows for them. Every list is built
-- with an explicit ORDER BY and every view ends with a total ORDER BY, so the
-- same warehouse always answers the same query with the same bytes.
-- (0002 is reserved for the MinHash migration.)

-- One row per article: what a person wants to see first.
CREATE VIEW article_overview AS
WITH seen AS (
    SELECT article_id, count(*) AS n_sightings, count(DISTINCT dump_id) AS n_dumps
    FROM sightings
    GROUP BY article_id
),
tags AS (
    SELECT article_id, list(topic ORDER BY topic) AS topics
    FROM article_topics
    GROUP BY article_id
)
SELECT
    a.article_id,
    a.title,
    CASE WHEN length(a.body) > 80 THEN left(a.body, 80) || '…' ELSE a.body END AS snippet,
    a.lang,
    coalesce(tags.topics, []::VARCHAR[]) AS topics,
    a.first_seen,
    a.last_seen,
    coalesce(seen.n_sightings, 0) AS n_sightings,
    coalesce(seen.n_dumps, 0) AS n_dumps
FROM articles AS a
LEFT JOIN seen USING (article_id)
LEFT JOIN tags USING (article_id)
ORDER BY a.first_seen, a.article_id;

-- How many articles carry each topic (an article can carry several).
CREATE VIEW topic_counts AS
SELECT topic, count(DISTINCT article_id) AS articles
FROM article_topics
GROUP BY topic
ORDER BY articles DESC, topic;

-- New articles per ingest day and topic: the day is the day the article's
-- first dump was ingested, the same day as its first_seen.
CREATE VIEW topic_trend AS
SELECT
    d.ingested_at::DATE AS dump_date,
    t.topic,
    count(DISTINCT a.article_id) AS new_articles
FROM articles AS a
JOIN dumps AS d ON d.dump_id = a.first_dump_id
JOIN article_topics AS t ON t.article_id = a.article_id
GROUP BY dump_date, t.topic
ORDER BY dump_date, new_articles DESC, t.topic;

-- Per dump: did it load, and what did it contribute? Counted from the fact
-- tables rather than the dumps counters, so the view shows what the warehouse
-- holds even if a counter were ever written wrong.
CREATE VIEW dump_quality AS
WITH seen AS (
    SELECT
        dump_id,
        count(*) AS entries,
        count(*) FILTER (WHERE kind = 'new') AS new_articles,
        count(*) FILTER (WHERE kind <> 'new') AS repeats
    FROM sightings
    GROUP BY dump_id
),
dropped AS (
    SELECT dump_id, count(*) AS dropped_lines
    FROM dropped_lines
    GROUP BY dump_id
)
SELECT
    d.dump_id,
    d.source_name,
    d.ingested_at,
    d.status,
    d.reason,
    coalesce(seen.entries, 0) AS entries,
    coalesce(seen.new_articles, 0) AS new_articles,
    coalesce(seen.repeats, 0) AS repeats,
    coalesce(dropped.dropped_lines, 0) AS dropped_lines,
    d.format,
    d.encoding
FROM dumps AS d
LEFT JOIN seen USING (dump_id)
LEFT JOIN dropped USING (dump_id)
ORDER BY d.ingested_at, d.source_name, d.dump_id;

-- Articles seen more than once, with how their sightings differ.
CREATE VIEW repeat_groups AS
WITH seen AS (
    SELECT
        s.article_id,
        count(*) AS n_sightings,
        count(DISTINCT s.raw_text) AS n_variants,
        list(DISTINCT d.source_name ORDER BY d.source_name) AS source_names
    FROM sightings AS s
    JOIN dumps AS d USING (dump_id)
    GROUP BY s.article_id
    HAVING count(*) > 1
),
how AS (
    SELECT
        article_id,
        list(DISTINCT kind ORDER BY kind) AS merge_kinds,
        min(similarity) AS min_similarity
    FROM merges
    GROUP BY article_id
)
SELECT
    seen.article_id,
    a.title,
    CASE WHEN length(a.body) > 80 THEN left(a.body, 80) || '…' ELSE a.body END AS snippet,
    seen.n_sightings,
    seen.n_variants,
    seen.source_names,
    coalesce(how.merge_kinds, []::VARCHAR[]) AS merge_kinds,
    how.min_similarity
FROM seen
JOIN articles AS a USING (article_id)
LEFT JOIN how USING (article_id)
ORDER BY seen.n_sightings DESC, seen.article_id;
