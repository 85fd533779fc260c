-- figure_conflicts: reported numbers of one series in the same month that cannot all be
-- true, for "which claims contradict each other". One row per figure taking part in a
-- conflict (a month and series with at least one disagreeing pair between two articles);
-- the conflict's own figures repeat on each of its rows (SELECT DISTINCT conflict_id, ...
-- gives one row per conflict).
--
-- Definitions:
--   series    as in claim_series: figures with the same measure, unit and subject
--             (what is counted or measured, about which place or organisation).
--   interval  the values a figure allows (claim_series.lo, .hi).
--   voice     who gives the number: claimant (NULL = the article itself) plus outlet; one
--             voice correcting itself is no conflict.
--   conflict  two figures of one series and month from different voices whose intervals
--             do not overlap; a group is shown only when its disagreeing figures come from
--             two articles or more, so two different quantities of one article never make
--             a conflict. Figures without a date are left out.
-- Columns:
--   conflict_id    VARCHAR   the conflict: stable id of (month, series_id)
--   series_id      VARCHAR   the series (claim_series.series_id)
--   month          DATE      first day of the month the articles are dated
--   measure        VARCHAR   what the series measures
--   unit           VARCHAR   unit of the values, 'Anzahl' for counts
--   counted        VARCHAR   lemma of the counted noun
--   subject        VARCHAR   canonical name of the subject actor, NULL if none
--   subject_type   VARCHAR   LOC | ORG
--   article_id     VARCHAR   this figure's article
--   published      DATE      its date
--   source         VARCHAR   its outlet
--   file_name      VARCHAR   its file, relative to the inbox
--   value          DOUBLE    this figure's value
--   low, high      DOUBLE    its range bounds, else NULL
--   qualifier      VARCHAR   exact | approx | at_least | at_most | vague
--   claimed_by     VARCHAR   who the article credits for it, NULL when nobody
--   claimant       VARCHAR   claimed_by, or '(unattributed)'
--   text           VARCHAR   the figure as written
--   sentence       VARCHAR   the sentence it stands in
--   figures        BIGINT    figures of the conflict (in a disagreeing pair)
--   articles       BIGINT    distinct articles those figures come from
--   min_value      DOUBLE    smallest value among them
--   max_value      DOUBLE    largest value among them
--   spread         DOUBLE    max_value - min_value
--   spread_ratio   DOUBLE    max_value / min_value (NULL when min_value <= 0)
--   claimants      VARCHAR[] distinct claimant names, sorted; '(unattributed)' for figures
--                            the article credits to nobody
--   outlets        VARCHAR[] distinct outlets, sorted; '(no source)' when unknown
--   claims         VARCHAR[] each figure as "text = value [claimant; outlet; date]",
--                            sorted by value (then text, claimant, outlet, date); of a
--                            group of more than 20, the 10 lowest, '... N more ...' and
--                            the 10 highest (every figure is a row: filter by conflict_id)
--   article_ids    VARCHAR[] the articles, sorted; the first 50 of a larger group
CREATE OR REPLACE VIEW figure_conflicts AS
WITH voiced AS (
    SELECT
        row_number() OVER (ORDER BY article_id, start, "end", value, text) AS fig_no,
        *,
        date_trunc('month', published)::DATE AS month,
        coalesce(claimed_by, '(unattributed)') AS claimant,
        -- NULL-safe key of (claimant, outlet)
        coalesce(claimed_by_actor_id, chr(0)) || chr(1) || coalesce(source, chr(0)) AS voice
    FROM claim_series
    WHERE published IS NOT NULL
),
-- A figure disagrees with some figure of another voice in its group exactly when the
-- highest lower bound among the other voices lies above its upper bound, or the lowest
-- upper bound among them below its lower bound. So each group needs only its two best
-- voices on each side, not every pair of figures (hundreds of millions of pairs at
-- 50,000 articles).
voices AS (
    SELECT month, series_id, voice, max(lo) AS v_lo, min(hi) AS v_hi
    FROM voiced
    GROUP BY ALL
),
ranked AS (
    SELECT
        *,
        row_number() OVER (PARTITION BY month, series_id ORDER BY v_lo DESC, voice) AS lo_rank,
        row_number() OVER (PARTITION BY month, series_id ORDER BY v_hi ASC, voice) AS hi_rank
    FROM voices
),
extremes AS (
    SELECT
        month,
        series_id,
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
    JOIN extremes AS e ON v.month = e.month AND v.series_id = e.series_id
    WHERE (CASE WHEN v.voice = e.lo1_voice THEN e.lo2 ELSE e.lo1 END) > v.hi
        OR (CASE WHEN v.voice = e.hi1_voice THEN e.hi2 ELSE e.hi1 END) < v.lo
),
conflicts AS (
    SELECT
        g.month,
        g.series_id,
        substr(md5(g.month::VARCHAR || chr(1) || g.series_id), 1, 16) AS conflict_id,
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
        ) AS all_claims,
        -- bounded: every row of a group carries these lists, a group of n figures would
        -- otherwise cost n * n strings
        CASE WHEN len(all_claims) <= 20 THEN all_claims
             ELSE list_concat(
                 all_claims[1:10],
                 ['... ' || (len(all_claims) - 20)::VARCHAR || ' more ...'],
                 all_claims[-10:]
             ) END AS claims,
        list_slice(list_sort(list_distinct(list(g.article_id))), 1, 50) AS article_ids
    FROM voiced AS g
    JOIN involved USING (fig_no)
    GROUP BY g.month, g.series_id
    HAVING count(DISTINCT g.article_id) >= 2
)
SELECT
    c.conflict_id,
    g.series_id,
    g.month,
    g.measure,
    g.unit,
    g.counted,
    g.subject,
    g.subject_type,
    g.article_id,
    g.published,
    g.source,
    g.file_name,
    g.value,
    g.low,
    g.high,
    g.qualifier,
    g.claimed_by,
    g.claimant,
    g.text,
    g.sentence,
    c.figures,
    c.articles,
    c.min_value,
    c.max_value,
    c.spread,
    c.spread_ratio,
    c.claimants,
    c.outlets,
    c.claims,
    c.article_ids
FROM voiced AS g
JOIN involved USING (fig_no)
JOIN conflicts AS c USING (month, series_id);
