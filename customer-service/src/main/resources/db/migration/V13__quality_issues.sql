-- Data-quality issues assigned to data stewards (issue 6), and the last quality score announced per customer by
-- crm.customer.quality-scored.v1 (issue 7): a score is announced only when it differs from this one.
ALTER TABLE customer
    ADD COLUMN quality_announced_score INT;   -- NULL: never announced (the next scoring announces it, previousScore null)

CREATE TABLE quality_issue (
    id          UUID          PRIMARY KEY,
    customer_id UUID          NOT NULL REFERENCES customer (id),
    kind        VARCHAR(30)   NOT NULL,
    field       VARCHAR(60),
    assignee    VARCHAR(100)  NOT NULL,
    assigned_by VARCHAR(100)  NOT NULL,
    assigned_at TIMESTAMPTZ   NOT NULL,
    due_at      TIMESTAMPTZ,
    note        VARCHAR(2000),
    status      VARCHAR(20)   NOT NULL,
    resolved_by VARCHAR(100),
    resolved_at TIMESTAMPTZ,
    resolution  VARCHAR(2000),
    created_by  VARCHAR(100)  NOT NULL,
    created_at  TIMESTAMPTZ   NOT NULL,
    version     BIGINT        NOT NULL,
    CONSTRAINT quality_issue_kind CHECK (kind IN ('MISSING_FIELD', 'INVALID_FIELD', 'STALE', 'SUSPECTED_DUPLICATE', 'INCONSISTENT')),
    CONSTRAINT quality_issue_status CHECK (status IN ('OPEN', 'RESOLVED'))
);
-- A steward's work list: their open issues, oldest due first.
CREATE INDEX quality_issue_work_list ON quality_issue (assignee, status, due_at);
CREATE INDEX quality_issue_due ON quality_issue (status, due_at);
CREATE INDEX quality_issue_customer ON quality_issue (customer_id);
