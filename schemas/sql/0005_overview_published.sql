-- 0005: article_overview shows the publication date (issue 13).
--
-- 0004 stored articles.published, but the view of 0003 lists its columns by
-- name, so it never showed the date. The view is replaced, not altered: views
-- hold no data, so nothing moves. `published` comes right after the title,
-- where a reader looks for it; every other column keeps its name and order.

CREATE OR REPLACE VIEW article_overview AS
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
    a.published,
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
