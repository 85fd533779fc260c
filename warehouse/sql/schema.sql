-- newsfacts warehouse: tables. Loaded by warehouse.load.ensure_schema (idempotent).
-- Character offsets (start, "end") are 0-based, end-exclusive, into articles.body,
-- so substr(body, start + 1, "end" - start) = surface/text.
-- Keys ("-- key" below) are unique because the loader inserts only rows whose key is
-- not there yet (warehouse.load._insert) and one run writes at a time. They are not
-- declared as PRIMARY KEYs: DuckDB rewrites a key's whole index at every checkpoint
-- (each batch's close), ~280 MB more per close in a 50,000-article warehouse.

-- Every table and column carries a comment (the '-- ' text), also in DuckDB (COMMENT ON).

-- runs: one row per run of the ingest flow, what it saw and did.
CREATE TABLE IF NOT EXISTS runs (
    run_id       VARCHAR NOT NULL,      -- key: uuid of the flow run (Prefect's id when under Prefect)
    started_at   TIMESTAMP NOT NULL,    -- when the run began (UTC)
    finished_at  TIMESTAMP,             -- NULL while running or after a crash
    inbox        VARCHAR,               -- the folder the run read
    files_seen   INTEGER,               -- files found in the inbox
    loaded       INTEGER,               -- articles inserted by this run
    duplicates   INTEGER,               -- files whose content was already loaded (incl. unchanged reruns)
    quarantined  INTEGER,               -- files refused with their reasons (see quarantine)
    refused      INTEGER,               -- files whose facts failed an error-level fact check (see refusals)
    model        VARCHAR,               -- spaCy pipeline name and version
    status       VARCHAR,               -- running | completed | completed_with_refusals | failed | cancelled | crashed
    kind         VARCHAR,               -- ingest (newsfacts run) | reprocess (newsfacts reprocess)
    extraction   VARCHAR                -- pipeline and rules version the run extracted with
);

-- articles: one row per distinct article file content that passed the format checks.
CREATE TABLE IF NOT EXISTS articles (
    article_id   VARCHAR NOT NULL,      -- key: SHA-256 of the file's bytes
    file_name    VARCHAR NOT NULL,      -- path relative to the inbox
    published    DATE,                  -- from the header (first of month) or the body
    date_origin  VARCHAR,               -- header | body | NULL (no date found)
    source       VARCHAR,               -- publisher or agency from the 'Quelle:' line
    title        VARCHAR,               -- first line of the body
    body         VARCHAR NOT NULL,      -- article text without header and source line
    run_id       VARCHAR NOT NULL,      -- the run that loaded it (runs.run_id)
    encoding     VARCHAR,               -- how the file's bytes were decoded (utf-8, cp1252, ...)
    size_bytes   BIGINT,                -- size of the file
    extraction   VARCHAR                -- pipeline and rules that made its current facts (see newsfacts reprocess)
);

-- actors: persons, organisations and places, one row per real-world actor across articles.
CREATE TABLE IF NOT EXISTS actors (
    actor_id     VARCHAR NOT NULL,      -- key: stable: derived from type and canonical name
    name         VARCHAR NOT NULL,      -- fullest form seen
    type         VARCHAR NOT NULL CHECK (type IN ('PER', 'ORG', 'LOC'))  -- PER | ORG | LOC
);

-- actor_aliases: the surface forms under which an actor appeared; key (actor_id, alias).
CREATE TABLE IF NOT EXISTS actor_aliases (
    actor_id     VARCHAR NOT NULL,      -- the actor (actors.actor_id)
    alias        VARCHAR NOT NULL,      -- a surface form as written in some article
    extraction   VARCHAR                -- pipeline and rules that made it ('de_newsfacts-0.7.0+rules.6d87...'; an older warehouse's rows: its runs' model)
);

-- mentions: each place in an article's body where an actor is named.
CREATE TABLE IF NOT EXISTS mentions (
    article_id   VARCHAR NOT NULL,      -- the article (articles.article_id)
    actor_id     VARCHAR NOT NULL,      -- the actor named (actors.actor_id)
    surface      VARCHAR NOT NULL,      -- the words as written
    role         VARCHAR,               -- title or function attached to a person here
    start        INTEGER NOT NULL,      -- first character in articles.body (0-based)
    "end"        INTEGER NOT NULL,      -- character after the last one
    extraction   VARCHAR                -- pipeline and rules that made it ('de_newsfacts-0.7.0+rules.6d87...'; an older warehouse's rows: its runs' model)
);

-- figures: reported numbers with what they count, a qualifier and who claims them.
CREATE TABLE IF NOT EXISTS figures (
    article_id   VARCHAR NOT NULL,      -- the article (articles.article_id)
    value        DOUBLE NOT NULL,       -- normalised number ("1,5 Millionen" = 1500000)
    low          DOUBLE,                -- range bounds ("10.000 bis 12.000"; vague amounts)
    high         DOUBLE,                -- upper bound of a range or vague amount
    qualifier    VARCHAR NOT NULL,      -- exact | approx | at_least | at_most | vague
    counted      VARCHAR,               -- lemma of the counted noun, e.g. Soldat
    claimed_by_actor_id VARCHAR,        -- who the article credits for the number
    text         VARCHAR NOT NULL,      -- the figure as written
    start        INTEGER NOT NULL,      -- first character in articles.body (0-based)
    "end"        INTEGER NOT NULL,      -- character after the last one
    measure      VARCHAR,               -- what it measures: the counted noun, or for a unit (Prozent, Euro) the subject of its clause (Inflationsrate)
    extraction   VARCHAR                -- pipeline and rules that made it ('de_newsfacts-0.7.0+rules.6d87...'; an older warehouse's rows: its runs' model)
);

-- statements: direct and indirect speech, one row per attributed proposition.
CREATE TABLE IF NOT EXISTS statements (
    article_id   VARCHAR NOT NULL,      -- the article (articles.article_id)
    speaker_actor_id VARCHAR,           -- NULL when the article names no speaker
    mode         VARCHAR NOT NULL,      -- direct | indirect
    text         VARCHAR NOT NULL,      -- what was said, without attribution words
    cue          VARCHAR,               -- speech verb or attribution marker
    start        INTEGER NOT NULL,      -- first character of text in articles.body (0-based)
    "end"        INTEGER NOT NULL,      -- character after the last one
    source_text  VARCHAR,               -- the words naming the speaker: 'er', 'die Sprecherin', 'Angaben der Polizei'
    source_start INTEGER,               -- their characters in the body; NULL when no words name one
    source_end   INTEGER,               -- end of those characters
    form         VARCHAR,               -- quotation | clause | phrase
    extraction   VARCHAR                -- pipeline and rules that made it ('de_newsfacts-0.7.0+rules.6d87...'; an older warehouse's rows: its runs' model)
);

-- inbox_files: each inbox file as a run last read it, so that the next run knows an
-- unchanged file by its size and modification time without reading it again.
CREATE TABLE IF NOT EXISTS inbox_files (
    file_name      VARCHAR NOT NULL,    -- path relative to the inbox
    size_bytes     BIGINT NOT NULL,     -- its size when read
    mtime_ns       BIGINT NOT NULL,     -- its modification time when read (ns since 1970)
    content_sha256 VARCHAR NOT NULL,    -- SHA-256 of its bytes then
    read_at_ns     BIGINT NOT NULL,     -- when the run read it (ns since 1970)
    run_id         VARCHAR NOT NULL     -- the run that read it (runs.run_id)
);

-- quarantine: files refused by the format checks, with their reasons; they stay in the inbox.
CREATE TABLE IF NOT EXISTS quarantine (
    file_name      VARCHAR NOT NULL,    -- path relative to the inbox
    content_sha256 VARCHAR,             -- NULL when the file could not be read at all
    codes          VARCHAR[] NOT NULL,  -- format codes that refused it
    message        VARCHAR NOT NULL,    -- what was found and what to do
    run_id         VARCHAR NOT NULL     -- the run that refused it
);

-- refusals: files whose extracted facts failed an error-level fact check; retried when the extraction changes.
CREATE TABLE IF NOT EXISTS refusals (
    file_name      VARCHAR NOT NULL,    -- path relative to the inbox
    content_sha256 VARCHAR NOT NULL,    -- key with extraction: refused once per content and version
    extraction     VARCHAR NOT NULL,    -- pipeline and rules version whose facts failed; retried when it changes
    codes          VARCHAR[] NOT NULL,  -- failed expectations as suite.code, e.g. facts_figures.inverted_range
    message        VARCHAR NOT NULL,    -- each failure with the offending values
    run_id         VARCHAR NOT NULL     -- the run that refused it
);

-- format_issues: every finding of the format checks, also warnings on files that loaded.
CREATE TABLE IF NOT EXISTS format_issues (
    file_name      VARCHAR NOT NULL,    -- path relative to the inbox
    code           VARCHAR NOT NULL,    -- format code, e.g. missing_source_line
    severity       VARCHAR NOT NULL,    -- error | warning | info
    detail         VARCHAR NOT NULL,    -- what was found
    run_id         VARCHAR NOT NULL,    -- the run that checked it
    content_sha256 VARCHAR              -- the file's content hash, NULL when unreadable
);

-- dq_results: each Great Expectations result of each batch of each run.
CREATE TABLE IF NOT EXISTS dq_results (
    run_id           VARCHAR NOT NULL,  -- the run (runs.run_id)
    batch_no         INTEGER NOT NULL,  -- batch within the run, from 0
    suite            VARCHAR NOT NULL,  -- input_format, facts_mentions, facts_figures, ...
    expectation      VARCHAR NOT NULL,  -- GX expectation type
    column_name      VARCHAR,           -- the column checked, NULL for table-level expectations
    code             VARCHAR NOT NULL,  -- what a failure means (format code or fact rule)
    severity         VARCHAR NOT NULL,  -- error refuses the batch (facts) or quarantines (format)
    success          BOOLEAN NOT NULL,  -- whether the expectation held
    observed_value   VARCHAR,           -- what GX observed, as text
    unexpected_count BIGINT,            -- rows that failed it
    checked_at       TIMESTAMP DEFAULT current_timestamp  -- when it ran
);
