-- newsfacts warehouse: tables. Loaded by warehouse.load.ensure_schema (idempotent).
-- Character offsets (start, "end") are 0-based, end-exclusive, into articles.body,
-- so substr(body, start + 1, "end" - start) = surface/text.
-- Keys ("-- key" below) are unique because the loader inserts only rows whose key is
-- not there yet (warehouse.load._insert) and one run writes at a time. They are not
-- declared as PRIMARY KEYs: DuckDB rewrites a key's whole index at every checkpoint
-- (each batch's close), ~280 MB more per close in a 50,000-article warehouse.

CREATE TABLE IF NOT EXISTS runs (
    run_id       VARCHAR NOT NULL,      -- key: uuid of the flow run (Prefect's id when under Prefect)
    started_at   TIMESTAMP NOT NULL,
    finished_at  TIMESTAMP,             -- NULL while running or after a crash
    inbox        VARCHAR,
    files_seen   INTEGER,
    loaded       INTEGER,               -- articles inserted by this run
    duplicates   INTEGER,               -- files whose content was already loaded (incl. unchanged reruns)
    quarantined  INTEGER,               -- files refused with their reasons (see quarantine)
    refused      INTEGER,               -- files whose facts failed an error-level fact check (see refusals)
    model        VARCHAR,               -- spaCy pipeline name and version
    status       VARCHAR                -- running | completed | completed_with_refusals | failed | cancelled | crashed
);

CREATE TABLE IF NOT EXISTS articles (
    article_id   VARCHAR NOT NULL,      -- key: SHA-256 of the file's bytes
    file_name    VARCHAR NOT NULL,      -- path relative to the inbox
    published    DATE,                  -- from the header (first of month) or the body
    date_origin  VARCHAR,               -- header | body | NULL (no date found)
    source       VARCHAR,               -- publisher or agency from the 'Quelle:' line
    title        VARCHAR,               -- first line of the body
    body         VARCHAR NOT NULL,      -- article text without header and source line
    run_id       VARCHAR NOT NULL,
    encoding     VARCHAR,
    size_bytes   BIGINT
);

CREATE TABLE IF NOT EXISTS actors (
    actor_id     VARCHAR NOT NULL,      -- key: stable: derived from type and canonical name
    name         VARCHAR NOT NULL,      -- fullest form seen
    type         VARCHAR NOT NULL CHECK (type IN ('PER', 'ORG', 'LOC'))
);

CREATE TABLE IF NOT EXISTS actor_aliases (
    actor_id     VARCHAR NOT NULL,
    alias        VARCHAR NOT NULL       -- a surface form as written in some article
);                                      -- key: (actor_id, alias)

CREATE TABLE IF NOT EXISTS mentions (
    article_id   VARCHAR NOT NULL,
    actor_id     VARCHAR NOT NULL,
    surface      VARCHAR NOT NULL,
    role         VARCHAR,               -- title or function attached to a person here
    start        INTEGER NOT NULL,
    "end"        INTEGER NOT NULL
);

CREATE TABLE IF NOT EXISTS figures (
    article_id   VARCHAR NOT NULL,
    value        DOUBLE NOT NULL,       -- normalised number ("1,5 Millionen" = 1500000)
    low          DOUBLE,                -- range bounds ("10.000 bis 12.000"; vague amounts)
    high         DOUBLE,
    qualifier    VARCHAR NOT NULL,      -- exact | approx | at_least | at_most | vague
    counted      VARCHAR,               -- lemma of the counted noun, e.g. Soldat
    claimed_by_actor_id VARCHAR,        -- who the article credits for the number
    text         VARCHAR NOT NULL,
    start        INTEGER NOT NULL,
    "end"        INTEGER NOT NULL
);

CREATE TABLE IF NOT EXISTS statements (
    article_id   VARCHAR NOT NULL,
    speaker_actor_id VARCHAR,           -- NULL when the article names no speaker
    mode         VARCHAR NOT NULL,      -- direct | indirect
    text         VARCHAR NOT NULL,      -- what was said, without attribution words
    cue          VARCHAR,               -- speech verb or attribution marker
    start        INTEGER NOT NULL,
    "end"        INTEGER NOT NULL,
    source_text  VARCHAR,               -- the words naming the speaker: 'er', 'die Sprecherin', 'Angaben der Polizei'
    source_start INTEGER,               -- their characters in the body; NULL when no words name one
    source_end   INTEGER                -- end of those characters
);

CREATE TABLE IF NOT EXISTS quarantine (
    file_name      VARCHAR NOT NULL,
    content_sha256 VARCHAR,             -- NULL when the file could not be read at all
    codes          VARCHAR[] NOT NULL,  -- format codes that refused it
    message        VARCHAR NOT NULL,    -- what was found and what to do
    run_id         VARCHAR NOT NULL
);

CREATE TABLE IF NOT EXISTS refusals (
    file_name      VARCHAR NOT NULL,
    content_sha256 VARCHAR NOT NULL,    -- key with extraction: refused once per content and version
    extraction     VARCHAR NOT NULL,    -- pipeline and rules version whose facts failed; retried when it changes
    codes          VARCHAR[] NOT NULL,  -- failed expectations as suite.code, e.g. facts_figures.inverted_range
    message        VARCHAR NOT NULL,    -- each failure with the offending values
    run_id         VARCHAR NOT NULL
);

CREATE TABLE IF NOT EXISTS format_issues (
    file_name      VARCHAR NOT NULL,
    code           VARCHAR NOT NULL,
    severity       VARCHAR NOT NULL,    -- error | warning | info
    detail         VARCHAR NOT NULL,
    run_id         VARCHAR NOT NULL,
    content_sha256 VARCHAR
);

CREATE TABLE IF NOT EXISTS dq_results (
    run_id           VARCHAR NOT NULL,
    batch_no         INTEGER NOT NULL,  -- batch within the run, from 0
    suite            VARCHAR NOT NULL,  -- input_format, facts_mentions, facts_figures, ...
    expectation      VARCHAR NOT NULL,  -- GX expectation type
    column_name      VARCHAR,
    code             VARCHAR NOT NULL,  -- what a failure means (format code or fact rule)
    severity         VARCHAR NOT NULL,  -- error refuses the batch (facts) or quarantines (format)
    success          BOOLEAN NOT NULL,
    observed_value   VARCHAR,
    unexpected_count BIGINT,
    checked_at       TIMESTAMP DEFAULT current_timestamp
);
