-- Merges of duplicate customers, with what is needed to undo one within the undo window.
CREATE TABLE customer_merge (
    id                  UUID         PRIMARY KEY,
    survivor_id         UUID         NOT NULL REFERENCES customer (id),
    loser_id            UUID         NOT NULL REFERENCES customer (id),
    survivor_before     TEXT         NOT NULL,   -- the survivor's facts before the merge (JSON)
    survivor_version    BIGINT       NOT NULL,   -- the survivor's version right after the merge
    loser_uscc          VARCHAR(18),             -- moved to the survivor or cleared (USCCs are unique)
    moved_contacts      UUID[]       NOT NULL,
    demoted_contact     UUID,                    -- the loser's primary contact, demoted because the survivor has one
    repointed_children  UUID[]       NOT NULL,   -- group members whose parent was the loser
    merged_by           VARCHAR(100) NOT NULL,
    merged_at           TIMESTAMPTZ  NOT NULL,
    undone_by           VARCHAR(100),
    undone_at           TIMESTAMPTZ
);
CREATE INDEX customer_merge_survivor ON customer_merge (survivor_id);
CREATE INDEX customer_merge_loser ON customer_merge (loser_id);
