-- figure_conflicts: reported numbers about the same thing in the same month that cannot
-- all be true, for "which claims contradict each other". One row per group of figures
-- (month, counted, subject) that holds at least one disagreeing pair.
--
-- Definitions:
--   subject   what a figure is about, beyond its counted noun: the place or organisation
--             (LOC/ORG actor) mentioned most often in the figure's sentence, else the one
--             mentioned most often in the article; the figure's own claimant is never its
--             subject. Ties go to the actor mentioned more often in the whole article, then
--             to the name. The sentence runs from the last ". ", "! " or "? " before the
--             figure to the next one after it (abbreviations such as "Dr. " may cut it
--             short). NULL when the article mentions no other place or organisation.
--   interval  the values a figure allows: [low, high] for ranges and vague amounts
--             ("Tausende" = [1000, 9999]); exact [value, value]; approx value +-10 %;
--             at_least [value, +inf); at_most (-inf, value].
--   voice     who gives the number: claimant (NULL = the article itself) plus outlet.
--   conflict  two figures with the same month (of the article date), counted noun and
--             subject, from different voices (other claimant or other outlet), whose
--             intervals do not overlap. Figures without a counted noun or without a date
--             are left out.
-- Columns:
--   month          DATE      first day of the month the articles are dated
--   counted        VARCHAR   lemma of the counted noun
--   subject        VARCHAR   canonical name of the subject actor (see above), NULL if none
--   subject_type   VARCHAR   LOC | ORG
--   figures        BIGINT    figures in the group that take part in a disagreeing pair
--   articles       BIGINT    distinct articles those figures come from
--   min_value      DOUBLE    smallest value among them
--   max_value      DOUBLE    largest value among them
--   spread         DOUBLE    max_value - min_value
--   spread_ratio   DOUBLE    max_value / min_value (NULL when min_value <= 0)
--   claimants      VARCHAR[] distinct claimant names, sorted; '(unattributed)' for figures
--                            the article credits to nobody
--   outlets        VARCHAR[] distinct outlets, sorted; '(no source)' when unknown
--   claims         VARCHAR[] each figure as "text = value [claimant; outlet; date]",
--                            sorted by value
--   article_ids    VARCHAR[] the articles, sorted
CREATE OR REPLACE VIEW figure_conflicts AS
WITH fig AS (
    SELECT
        row_number() OVER (ORDER BY f.article_id, f.start, f."end", f.value, f.text) AS fig_no,
        f.article_id,
        f.value,
        f.counted,
        f.claimed_by_actor_id,
        f.text,
        f.start,
        f."end",
        a.published,
        a.source,
        date_trunc('month', a.published)::DATE AS month,
        CASE
            WHEN f.low IS NOT NULL AND f.high IS NOT NULL THEN least(f.low, f.high)
            WHEN f.qualifier = 'approx' THEN least(f.value * 0.9, f.value * 1.1)
            WHEN f.qualifier = 'at_most' THEN '-inf'::DOUBLE
            ELSE f.value
        END AS lo,
        CASE
            WHEN f.low IS NOT NULL AND f.high IS NOT NULL THEN greatest(f.low, f.high)
            WHEN f.qualifier = 'approx' THEN greatest(f.value * 0.9, f.value * 1.1)
            WHEN f.qualifier = 'at_least' THEN 'inf'::DOUBLE
            ELSE f.value
        END AS hi,
        length(regexp_extract(substr(a.body, 1, f.start), '(?s)^.*[.!?]\s', 0)) AS sent_start,
        f."end" + coalesce(
            nullif(length(regexp_extract(substr(a.body, f."end" + 1), '(?s)^.*?[.!?](\s|$)', 0)), 0),
            length(a.body) - f."end"
        ) AS sent_end
    FROM figures AS f
    JOIN articles AS a USING (article_id)
    WHERE f.counted IS NOT NULL AND a.published IS NOT NULL
),
candidates AS (
    SELECT
        fig.fig_no,
        m.actor_id,
        t.name,
        t.type,
        count(*) FILTER (WHERE m.start >= fig.sent_start AND m."end" <= fig.sent_end)
            AS in_sentence,
        count(*) AS in_article
    FROM fig
    JOIN mentions AS m ON m.article_id = fig.article_id
    JOIN actors AS t ON t.actor_id = m.actor_id AND t.type IN ('LOC', 'ORG')
    WHERE m.actor_id IS DISTINCT FROM fig.claimed_by_actor_id
    GROUP BY ALL
),
subject AS (
    SELECT fig_no, actor_id, name, type
    FROM candidates
    QUALIFY row_number() OVER (
        PARTITION BY fig_no ORDER BY in_sentence DESC, in_article DESC, name, actor_id
    ) = 1
),
grouped AS (
    SELECT
        fig.*,
        s.actor_id AS subject_id,
        s.name AS subject,
        s.type AS subject_type,
        coalesce(c.name, '(unattributed)') AS claimant
    FROM fig
    LEFT JOIN subject AS s USING (fig_no)
    LEFT JOIN actors AS c ON c.actor_id = fig.claimed_by_actor_id
),
pairs AS (
    SELECT x.fig_no AS x_no, y.fig_no AS y_no
    FROM grouped AS x
    JOIN grouped AS y
        ON x.fig_no < y.fig_no
        AND x.month = y.month
        AND x.counted = y.counted
        AND x.subject_id IS NOT DISTINCT FROM y.subject_id
        AND (
            x.claimed_by_actor_id IS DISTINCT FROM y.claimed_by_actor_id
            OR x.source IS DISTINCT FROM y.source
        )
        AND (x.lo > y.hi OR y.lo > x.hi)
),
involved AS (
    SELECT x_no AS fig_no FROM pairs
    UNION
    SELECT y_no FROM pairs
)
SELECT
    g.month,
    g.counted,
    any_value(g.subject) AS subject,
    any_value(g.subject_type) AS subject_type,
    count(*) AS figures,
    count(DISTINCT g.article_id) AS articles,
    min(g.value) AS min_value,
    max(g.value) AS max_value,
    max(g.value) - min(g.value) AS spread,
    CASE WHEN min(g.value) > 0 THEN max(g.value) / min(g.value) END AS spread_ratio,
    list_sort(list_distinct(list(g.claimant))) AS claimants,
    list_sort(list_distinct(list(coalesce(g.source, '(no source)')))) AS outlets,
    list(
        g.text || ' = ' || g.value::VARCHAR || ' [' || g.claimant || '; '
        || coalesce(g.source, '(no source)') || '; ' || g.published::VARCHAR || ']'
        ORDER BY g.value, g.text
    ) AS claims,
    list_sort(list_distinct(list(g.article_id))) AS article_ids
FROM grouped AS g
JOIN involved USING (fig_no)
GROUP BY g.month, g.counted, g.subject_id;
