-- Data quality stored per customer (for the stewards' worst-first list and the aggregates by department) and a daily
-- snapshot per department (quality over time). The score is refreshed for changed customers every few minutes and for
-- all once a day (timeliness decays with time); the snapshot is taken once a day by one instance (quality_snapshot_run).
ALTER TABLE customer
    ADD COLUMN quality_score     INT,
    ADD COLUMN quality_scored_at TIMESTAMPTZ;
CREATE INDEX customer_quality_worst ON customer (quality_score, code) WHERE status = 'ACTIVE';
CREATE INDEX customer_quality_stale ON customer (updated_at) WHERE quality_score IS NULL;

CREATE TABLE quality_snapshot (
    day           DATE         NOT NULL,
    department    VARCHAR(200) NOT NULL,   -- '' for customers without a department
    customers     INT          NOT NULL,
    average_score NUMERIC(5, 1) NOT NULL,
    poor          INT          NOT NULL,   -- customers scoring under 60
    PRIMARY KEY (day, department)
);

CREATE TABLE quality_snapshot_run (
    day      DATE        PRIMARY KEY,
    taken_at TIMESTAMPTZ NOT NULL
);
