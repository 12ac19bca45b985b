-- Fuzzy search and duplicate candidates on the normalised name (legal form stripped).
--
-- pg_trgm works on Chinese when the database's LC_CTYPE classifies CJK characters as letters (C.UTF-8,
-- zh_CN.UTF-8, en_US.UTF-8 do; plain C does not). Even then trigrams are weak on short Chinese names: a typo in a
-- four-character name leaves 2 of 8 trigrams in common (similarity 0.25, under pg_trgm's 0.3 threshold). So a
-- character-bigram array sits beside the trigram index: it works in every locale and scores a typo in a
-- four-character name at 3 of 5 bigrams.
CREATE EXTENSION IF NOT EXISTS pg_trgm;

CREATE INDEX customer_name_trgm ON customer USING gin (name_normalised gin_trgm_ops);

-- The distinct character bigrams of a text, spaces excluded ("云栖科技" -> {云栖, 栖科, 科技}).
CREATE FUNCTION crm_bigrams(t TEXT) RETURNS TEXT[]
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
    SELECT coalesce(array_agg(DISTINCT gram), '{}')
    FROM (SELECT substr(t, i, 2) AS gram FROM generate_series(1, char_length(t) - 1) AS i) grams
    WHERE gram !~ '\s'
$$;

ALTER TABLE customer ADD COLUMN name_bigrams TEXT[] GENERATED ALWAYS AS (crm_bigrams(name_normalised)) STORED;
CREATE INDEX customer_name_bigrams ON customer USING gin (name_bigrams);
CREATE INDEX customer_short_name_trgm ON customer USING gin (lower(short_name) gin_trgm_ops);
