-- source_coverage: what each outlet delivered per month, for "which outlets cover
-- what, and how much did we extract from them".
-- Columns:
--   source          VARCHAR  outlet or agency from the source line; NULL when the article
--                            has none (see format_issues code missing_source_line)
--   month           DATE     first day of the article month; NULL when no date was found
--   articles        BIGINT   articles loaded
--   actors          BIGINT   distinct actors mentioned in them
--   persons         BIGINT   of which PER
--   organisations   BIGINT   of which ORG
--   places          BIGINT   of which LOC
--   mentions        BIGINT   actor mentions
--   figures         BIGINT   figures extracted
--   statements      BIGINT   statements extracted (direct and indirect)
--   first_published DATE     earliest article date in the group
--   last_published  DATE     latest article date in the group
CREATE OR REPLACE VIEW source_coverage AS
WITH per_article AS (
    SELECT
        a.article_id,
        a.source,
        date_trunc('month', a.published)::DATE AS month,
        a.published,
        (SELECT count(*) FROM mentions AS m WHERE m.article_id = a.article_id) AS mentions,
        (SELECT count(*) FROM figures AS f WHERE f.article_id = a.article_id) AS figures,
        (SELECT count(*) FROM statements AS s WHERE s.article_id = a.article_id) AS statements
    FROM articles AS a
),
group_actors AS (
    SELECT DISTINCT
        a.source,
        date_trunc('month', a.published)::DATE AS month,
        m.actor_id,
        t.type
    FROM mentions AS m
    JOIN articles AS a USING (article_id)
    JOIN actors AS t ON t.actor_id = m.actor_id
),
actor_counts AS (
    SELECT
        source,
        month,
        count(*) AS actors,
        count(*) FILTER (WHERE type = 'PER') AS persons,
        count(*) FILTER (WHERE type = 'ORG') AS organisations,
        count(*) FILTER (WHERE type = 'LOC') AS places
    FROM group_actors
    GROUP BY ALL
)
SELECT
    p.source,
    p.month,
    count(*) AS articles,
    coalesce(any_value(c.actors), 0) AS actors,
    coalesce(any_value(c.persons), 0) AS persons,
    coalesce(any_value(c.organisations), 0) AS organisations,
    coalesce(any_value(c.places), 0) AS places,
    sum(p.mentions)::BIGINT AS mentions,
    sum(p.figures)::BIGINT AS figures,
    sum(p.statements)::BIGINT AS statements,
    min(p.published) AS first_published,
    max(p.published) AS last_published
FROM per_article AS p
LEFT JOIN actor_counts AS c
    ON c.source IS NOT DISTINCT FROM p.source AND c.month IS NOT DISTINCT FROM p.month
GROUP BY p.source, p.month;
