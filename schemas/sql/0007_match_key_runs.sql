-- 0007: a sorted copy of match_keys beside the file, for lookups that do not grow with the warehouse (issue 14).
--
-- A small lookup (a few hundred signals) scanned the whole hash column of match_keys (11M rows at 1M
-- articles). DuckDB prunes only whole row groups (122,880 rows), so no order of the table helps a lookup
-- of more signals than it has row groups, and an ART index made every bulk insert ~9x slower. The rows
-- are therefore also kept in "runs": numpy files sorted by hash in the directory <warehouse>.keys, found
-- by binary search (dumpflow/warehouse/keyruns.py). These tables say which runs hold match_keys, in the
-- same transactions as match_keys itself, so a run file that a rolled-back load left behind is never read.

-- One row per run file, in write order (seq); a row with no run_id records rows deleted from match_keys
-- (negative n_rows), so sum(n_rows) equals count(*) of match_keys while the runs are complete.
CREATE TABLE match_key_runs (
    seq    BIGINT NOT NULL,
    run_id VARCHAR,
    n_rows BIGINT NOT NULL
);

-- Changes made to match_keys rows already in runs: rows of old_id moved to article_id (a re-key), or
-- deleted (article_id NULL: a forgotten article). They apply to runs with a smaller seq only.
CREATE TABLE match_key_moves (
    seq        BIGINT NOT NULL,
    old_id     VARCHAR NOT NULL,
    article_id VARCHAR
);
