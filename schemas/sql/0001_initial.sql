-- 0001: the catalogue. Released migrations are never edited; add 0002_*.sql instead.

CREATE TABLE runs (
    run_id           VARCHAR PRIMARY KEY,
    started_at       TIMESTAMP NOT NULL,
    finished_at      TIMESTAMP,
    status           VARCHAR NOT NULL,      -- running | completed | failed | interrupted
    n_files          INTEGER,
    n_loaded         INTEGER,
    n_already_loaded INTEGER,
    n_rejected       INTEGER,
    n_entries        INTEGER,
    n_new_articles   INTEGER,
    n_repeats        INTEGER,
    error            VARCHAR
);

CREATE TABLE dumps (
    dump_id        VARCHAR PRIMARY KEY,     -- SHA-256 hex of the file's bytes
    source_name    VARCHAR NOT NULL,
    source_path    VARCHAR NOT NULL,
    format         VARCHAR,                 -- text | html (NULL when rejected before sniffing)
    status         VARCHAR NOT NULL CHECK (status IN ('loaded', 'rejected')),
    reason         VARCHAR,
    n_entries      INTEGER NOT NULL DEFAULT 0,
    n_new_articles INTEGER NOT NULL DEFAULT 0,
    n_repeats      INTEGER NOT NULL DEFAULT 0,
    n_dropped      INTEGER NOT NULL DEFAULT 0,
    encoding       VARCHAR,
    partial_tail   BOOLEAN NOT NULL DEFAULT false,
    size_bytes     BIGINT,
    ingested_at    TIMESTAMP NOT NULL,
    run_id         VARCHAR
);

CREATE TABLE articles (
    article_id      VARCHAR PRIMARY KEY,
    title           VARCHAR,
    body            VARCHAR NOT NULL,
    lang            VARCHAR NOT NULL,
    lang_confidence DOUBLE NOT NULL,
    lang_method     VARCHAR NOT NULL,
    is_truncated    BOOLEAN NOT NULL,
    n_chars         INTEGER NOT NULL,
    url             VARCHAR,
    first_seen      TIMESTAMP NOT NULL,
    last_seen       TIMESTAMP NOT NULL,
    first_dump_id   VARCHAR NOT NULL,
    last_dump_id    VARCHAR NOT NULL,
    match_key       VARCHAR NOT NULL        -- comparison key of body (NFKC, folded, letters/digits)
);

CREATE TABLE sightings (
    dump_id    VARCHAR NOT NULL,
    position   INTEGER NOT NULL,            -- 0-based order of the article entry within its dump
    article_id VARCHAR NOT NULL,
    raw_text   VARCHAR NOT NULL,
    line_no    INTEGER NOT NULL,            -- 0-based line (or card) in the file
    kind       VARCHAR NOT NULL CHECK (kind IN ('new', 'exact', 'truncation', 'near')),
    similarity DOUBLE NOT NULL,
    PRIMARY KEY (dump_id, position)
);

-- Evidence for every repeat: which sighting was merged into which article, and how.
CREATE TABLE merges (
    article_id VARCHAR NOT NULL,
    dump_id    VARCHAR NOT NULL,
    position   INTEGER NOT NULL,
    kind       VARCHAR NOT NULL CHECK (kind IN ('exact', 'truncation', 'near')),
    similarity DOUBLE NOT NULL,
    PRIMARY KEY (dump_id, position)
);

CREATE TABLE article_topics (
    article_id VARCHAR NOT NULL,
    topic      VARCHAR NOT NULL,
    score      DOUBLE NOT NULL,
    evidence   VARCHAR[] NOT NULL,
    PRIMARY KEY (article_id, topic)
);

CREATE TABLE dropped_lines (
    dump_id  VARCHAR NOT NULL,
    line_no  INTEGER NOT NULL,
    raw_text VARCHAR NOT NULL,
    reason   VARCHAR NOT NULL,
    PRIMARY KEY (dump_id, line_no)
);

-- Repeat-detection index: stable 64-bit hashes of every version's signals.
CREATE TABLE match_keys (
    hash       UBIGINT NOT NULL,
    article_id VARCHAR NOT NULL
);
