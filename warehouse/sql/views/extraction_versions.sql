-- extraction_versions: which pipeline and rules made the facts the warehouse holds, and
-- how many; after `newsfacts reprocess` every article's facts are of one version.
-- Columns:
--   extraction      VARCHAR  pipeline and rules version ('de_newsfacts-0.7.0+rules.6d87...');
--                            a warehouse made before versioned facts: its runs' model
--   articles        BIGINT   articles whose current facts this extraction made
--   mentions        BIGINT   their actor mentions
--   figures         BIGINT   their figures
--   statements      BIGINT   their statements
--   first_loaded    TIMESTAMP  start of the first run that loaded or reprocessed with it
--   last_loaded     TIMESTAMP  start of the last such run
CREATE OR REPLACE VIEW extraction_versions AS
WITH facts AS (
    SELECT extraction, 'mentions' AS kind, count(*) AS n FROM mentions GROUP BY ALL
    UNION ALL
    SELECT extraction, 'figures', count(*) FROM figures GROUP BY ALL
    UNION ALL
    SELECT extraction, 'statements', count(*) FROM statements GROUP BY ALL
),
articles_by_version AS (
    SELECT extraction, count(*) AS articles FROM articles GROUP BY ALL
),
runs_by_version AS (
    SELECT coalesce(extraction, model) AS extraction, min(started_at) AS first_loaded,
           max(started_at) AS last_loaded
    FROM runs GROUP BY ALL
)
SELECT
    v.extraction,
    coalesce(a.articles, 0) AS articles,
    coalesce(sum(f.n) FILTER (WHERE f.kind = 'mentions'), 0)::BIGINT AS mentions,
    coalesce(sum(f.n) FILTER (WHERE f.kind = 'figures'), 0)::BIGINT AS figures,
    coalesce(sum(f.n) FILTER (WHERE f.kind = 'statements'), 0)::BIGINT AS statements,
    r.first_loaded,
    r.last_loaded
FROM (SELECT extraction FROM articles_by_version UNION SELECT extraction FROM facts) v
LEFT JOIN articles_by_version a USING (extraction)
LEFT JOIN facts f USING (extraction)
LEFT JOIN runs_by_version r USING (extraction)
GROUP BY v.extraction, a.articles, r.first_loaded, r.last_loaded
ORDER BY r.first_loaded NULLS FIRST, v.extraction;
