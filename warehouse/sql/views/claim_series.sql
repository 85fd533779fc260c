-- claim_series: reported numbers grouped into series that measure the same thing, across
-- articles, outlets, dates and claimants, for "how did this number move, and who said so".
-- One row per figure in a series.
--
-- Definitions:
--   measure   what a figure measures (figures.measure): the counted noun ("Soldat"), or
--             for a figure counted in a unit the subject of its clause ("Inflationsrate"
--             for "8,7 Prozent"); the counted noun where the extraction left it NULL.
--   unit      the counted noun when it differs from the measure (Prozent, Euro, Jahr),
--             else 'Anzahl' (a count of what is measured).
--   subject   what the figure is about beyond its measure: the place or organisation
--             (LOC/ORG actor) mentioned most often in the figure's sentence, else the one
--             mentioned most often in the article; never the figure's own claimant. Ties go
--             to the actor mentioned more often in the whole article, then to the name.
--             The sentence runs from the last ". ", "! " or "? " before the figure to the
--             next one after it. NULL when the article mentions no other place or
--             organisation.
--   series    the figures with one (measure, unit, subject); figures without a counted
--             noun are left out.
--   interval  the values a figure allows: [low, high] for ranges and vague amounts
--             ("Tausende" = [1000, 9999]); exact [value, value]; approx value +-10 %;
--             at_least [value, +inf); at_most (-inf, value].
-- Columns:
--   series_id        VARCHAR  stable id of the series (hash of measure, unit and subject id)
--   measure          VARCHAR  what the series measures (see above)
--   counted          VARCHAR  lemma of the counted noun
--   unit             VARCHAR  unit of the values, 'Anzahl' for counts
--   subject          VARCHAR  canonical name of the subject actor, NULL if none
--   subject_type     VARCHAR  LOC | ORG
--   value            DOUBLE   normalised number
--   low, high        DOUBLE   range bounds, else NULL
--   lo, hi           DOUBLE   the interval the figure allows (see above)
--   qualifier        VARCHAR  exact | approx | at_least | at_most | vague
--   claimed_by       VARCHAR  canonical name of the claimant, NULL when the article names none
--   claimed_by_actor_id  VARCHAR  the claimant's actor id
--   article_id       VARCHAR  the article (articles.article_id)
--   published        DATE     article date, NULL when none was found
--   source           VARCHAR  outlet or agency
--   file_name        VARCHAR  the article's file, relative to the inbox
--   title            VARCHAR  the article's first line
--   text             VARCHAR  the figure as written
--   sentence         VARCHAR  the sentence it stands in
--   start, end       INTEGER  the figure's characters in articles.body
--   series_figures   BIGINT   figures in the series
--   series_articles  BIGINT   distinct articles in the series
--   series_voices    BIGINT   distinct (claimant, outlet) pairs in the series
CREATE OR REPLACE VIEW claim_series AS
WITH fig AS (
    SELECT
        row_number() OVER (ORDER BY f.article_id, f.start, f."end", f.value, f.text) AS fig_no,
        f.article_id,
        f.value,
        f.counted,
        f.measure,
        f.low,
        f.high,
        f.qualifier,
        f.claimed_by_actor_id,
        f.text,
        f.start,
        f."end",
        a.published,
        a.source,
        a.file_name,
        a.title,
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
    WHERE f.counted IS NOT NULL
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
        coalesce(fig.measure, fig.counted) AS series_measure,
        CASE WHEN coalesce(fig.measure, fig.counted) = fig.counted THEN 'Anzahl'
             ELSE fig.counted END AS unit
    FROM fig
    LEFT JOIN subject AS s USING (fig_no)
),
keyed AS (
    SELECT
        *,
        substr(md5(series_measure || chr(1) || unit || chr(1) || coalesce(subject_id, '')), 1, 16)
            AS series_id,
        coalesce(claimed_by_actor_id, chr(0)) || chr(1) || coalesce(source, chr(0)) AS voice
    FROM grouped
)
SELECT
    k.series_id,
    k.series_measure AS measure,
    k.counted,
    k.unit,
    k.subject,
    k.subject_type,
    k.value,
    k.low,
    k.high,
    k.lo,
    k.hi,
    k.qualifier,
    c.name AS claimed_by,
    k.claimed_by_actor_id,
    k.article_id,
    k.published,
    k.source,
    k.file_name,
    k.title,
    k.text,
    trim(substr(b.body, k.sent_start + 1, k.sent_end - k.sent_start)) AS sentence,
    k.start,
    k."end",
    count(*) OVER w AS series_figures,
    count(DISTINCT k.article_id) OVER w AS series_articles,
    count(DISTINCT k.voice) OVER w AS series_voices
FROM keyed AS k
JOIN articles AS b USING (article_id)
LEFT JOIN actors AS c ON c.actor_id = k.claimed_by_actor_id
WINDOW w AS (PARTITION BY k.series_id);
