-- actor_network: pairs of actors mentioned in the same article, for "who appears
-- together with whom". Each unordered pair appears once (actor_a_id < actor_b_id), and
-- only pairs that share at least one article.
-- Columns:
--   actor_a_id, actor_b_id  VARCHAR  the two actors (actor_a_id sorts before actor_b_id)
--   actor_a, actor_b        VARCHAR  their canonical names
--   actor_a_type            VARCHAR  PER | ORG | LOC of actor_a
--   actor_b_type            VARCHAR  PER | ORG | LOC of actor_b
--   shared_articles         BIGINT   articles that mention both
--   sources                 VARCHAR[] outlets of those articles, distinct and sorted
--                                    (articles without a source line are left out)
--   first_published         DATE     earliest date of a shared article
--   last_published          DATE     latest date of a shared article
CREATE OR REPLACE VIEW actor_network AS
WITH article_actors AS (
    SELECT DISTINCT article_id, actor_id FROM mentions
)
SELECT
    x.actor_id AS actor_a_id,
    y.actor_id AS actor_b_id,
    ax.name AS actor_a,
    ay.name AS actor_b,
    ax.type AS actor_a_type,
    ay.type AS actor_b_type,
    count(*) AS shared_articles,
    list_sort(list_distinct(list(a.source))) AS sources,
    min(a.published) AS first_published,
    max(a.published) AS last_published
FROM article_actors AS x
JOIN article_actors AS y ON y.article_id = x.article_id AND x.actor_id < y.actor_id
JOIN articles AS a ON a.article_id = x.article_id
JOIN actors AS ax ON ax.actor_id = x.actor_id
JOIN actors AS ay ON ay.actor_id = y.actor_id
GROUP BY ALL;
