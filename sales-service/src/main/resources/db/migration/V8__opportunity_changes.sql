-- Field-level history of a deal's facts: who changed what from what to what (stage moves have their own history).
CREATE TABLE opportunity_change (
    id              BIGSERIAL     PRIMARY KEY,
    opportunity_id  UUID          NOT NULL REFERENCES opportunity (id),
    version         BIGINT        NOT NULL,
    field           VARCHAR(40)   NOT NULL,
    from_value      TEXT,
    to_value        TEXT,
    changed_by      VARCHAR(100)  NOT NULL,
    changed_at      TIMESTAMPTZ   NOT NULL
);
CREATE INDEX opportunity_change_opportunity ON opportunity_change (opportunity_id, id);
