-- figure_timeline: every figure with what it counts, its qualifier, who claims it,
-- the outlet and the date, for questions like "how did the reported number of North
-- Korean soldiers change, and by whom".
-- Columns:
--   published        DATE     article date (header month, or the date found in the body)
--   source           VARCHAR  outlet or agency from the source line
--   counted          VARCHAR  lemma of the counted noun (Soldat, Prozent, Euro), NULL if none
--   value            DOUBLE   normalised number
--   low, high        DOUBLE   range bounds (ranges and vague amounts), else NULL
--   qualifier        VARCHAR  exact | approx | at_least | at_most | vague
--   claimed_by       VARCHAR  canonical name of the claimant, NULL when the article names none
--   claimed_by_type  VARCHAR  PER | ORG | LOC of the claimant
--   text             VARCHAR  the figure as written
--   article_id, file_name, title  the article it comes from
CREATE OR REPLACE VIEW figure_timeline AS
SELECT
    a.published,
    a.source,
    f.counted,
    f.value,
    f.low,
    f.high,
    f.qualifier,
    c.name AS claimed_by,
    c.type AS claimed_by_type,
    f.text,
    a.article_id,
    a.file_name,
    a.title
FROM figures AS f
JOIN articles AS a USING (article_id)
LEFT JOIN actors AS c ON c.actor_id = f.claimed_by_actor_id;
