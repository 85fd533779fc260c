-- actor_statements: who said what, when and where, direct or indirect.
-- Columns:
--   published     DATE     article date
--   source        VARCHAR  outlet or agency
--   speaker       VARCHAR  canonical name of the speaker, NULL when the article names none
--   speaker_type  VARCHAR  PER | ORG | LOC
--   speaker_words VARCHAR  the words naming the speaker as written ("er", "die Sprecherin",
--                          "Angaben der Polizei"); there also when no actor answers to them
--   mode          VARCHAR  direct (a quotation) | indirect (reported speech, attribution)
--   cue           VARCHAR  speech verb or attribution marker ("sagte", "laut", ":")
--   text          VARCHAR  what was said, without the attribution words
--   article_id, file_name, title  the article it comes from
CREATE OR REPLACE VIEW actor_statements AS
SELECT
    a.published,
    a.source,
    s.name AS speaker,
    s.type AS speaker_type,
    st.source_text AS speaker_words,
    st.mode,
    st.cue,
    st.text,
    a.article_id,
    a.file_name,
    a.title
FROM statements AS st
JOIN articles AS a USING (article_id)
LEFT JOIN actors AS s ON s.actor_id = st.speaker_actor_id;
