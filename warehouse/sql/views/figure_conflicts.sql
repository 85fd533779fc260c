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
--                            sorted by value (then text, claimant, outlet, date)
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
-- Places and organisations, numbered by name (then id) for the tie-break below.
places_and_orgs AS (
    SELECT actor_id, name, type, row_number() OVER (ORDER BY name, actor_id) AS name_order
    FROM actors
    WHERE type IN ('LOC', 'ORG')
),
candidates AS (
    SELECT
        fig.fig_no,
        m.actor_id,
        t.name_order,
        count(*) FILTER (WHERE m.start >= fig.sent_start AND m."end" <= fig.sent_end)
            AS in_sentence,
        count(*) AS in_article
    FROM fig
    JOIN mentions AS m ON m.article_id = fig.article_id
    JOIN places_and_orgs AS t ON t.actor_id = m.actor_id
    WHERE m.actor_id IS DISTINCT FROM fig.claimed_by_actor_id
    GROUP BY ALL
),
-- The best candidate per figure by (in_sentence, in_article, earliest name): an
-- aggregate, much cheaper than sorting every figure's candidates in a window.
subject AS (
    SELECT best.fig_no, t.actor_id, t.name, t.type
    FROM (
        SELECT fig_no, arg_max(actor_id, (in_sentence, in_article, -name_order)) AS actor_id
        FROM candidates
        GROUP BY fig_no
    ) AS best
    JOIN places_and_orgs AS t USING (actor_id)
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
-- A figure disagrees with some figure of another voice in its group exactly when the
-- highest lower bound among the other voices lies above its upper bound, or the lowest
-- upper bound among them below its lower bound. So each group needs only its two best
-- voices on each side, not every pair of figures (hundreds of millions of pairs at
-- 50,000 articles).
voiced AS (
    SELECT
        *,
        -- NULL-safe key of (claimant, outlet)
        coalesce(claimed_by_actor_id, chr(0)) || chr(1) || coalesce(source, chr(0)) AS voice
    FROM grouped
),
voices AS (
    SELECT month, counted, subject_id, voice, max(lo) AS v_lo, min(hi) AS v_hi
    FROM voiced
    GROUP BY ALL
),
ranked AS (
    SELECT
        *,
        row_number() OVER (PARTITION BY month, counted, subject_id ORDER BY v_lo DESC, voice)
            AS lo_rank,
        row_number() OVER (PARTITION BY month, counted, subject_id ORDER BY v_hi ASC, voice)
            AS hi_rank
    FROM voices
),
extremes AS (
    SELECT
        month,
        counted,
        subject_id,
        any_value(voice) FILTER (WHERE lo_rank = 1) AS lo1_voice,
        any_value(v_lo) FILTER (WHERE lo_rank = 1) AS lo1,
        any_value(v_lo) FILTER (WHERE lo_rank = 2) AS lo2,
        any_value(voice) FILTER (WHERE hi_rank = 1) AS hi1_voice,
        any_value(v_hi) FILTER (WHERE hi_rank = 1) AS hi1,
        any_value(v_hi) FILTER (WHERE hi_rank = 2) AS hi2
    FROM ranked
    WHERE lo_rank <= 2 OR hi_rank <= 2
    GROUP BY ALL
),
involved AS (
    SELECT v.fig_no
    FROM voiced AS v
    JOIN extremes AS e
        ON v.month = e.month
        AND v.counted = e.counted
        AND v.subject_id IS NOT DISTINCT FROM e.subject_id
    WHERE (CASE WHEN v.voice = e.lo1_voice THEN e.lo2 ELSE e.lo1 END) > v.hi
        OR (CASE WHEN v.voice = e.hi1_voice THEN e.hi2 ELSE e.hi1 END) < v.lo
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
        ORDER BY g.value, g.text, g.claimant, g.source, g.published, g.fig_no
    ) AS claims,
    list_sort(list_distinct(list(g.article_id))) AS article_ids
FROM grouped AS g
JOIN involved USING (fig_no)
GROUP BY g.month, g.counted, g.subject_id;
