-- 0002: MinHash sketches of every article version (issue 3).
-- match_keys (0001) already holds each version's signals; from this version on
-- they include the LSH band keys of these sketches. The sketch is kept so the
-- index can be re-banded without re-reading any text.

CREATE TABLE signatures (
    article_id VARCHAR NOT NULL,
    key_hash   UBIGINT NOT NULL,     -- exact signal of the version's comparison key
    n_key      INTEGER NOT NULL,     -- length of that key
    sketch     UINTEGER[] NOT NULL   -- one-permutation MinHash of the key's opening (32 bins)
);
