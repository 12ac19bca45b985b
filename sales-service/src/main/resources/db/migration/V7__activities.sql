-- Calls, visits, meetings, emails and tasks, each linked to a lead, a deal or a customer; the reminder is claimed once
-- (reminder_sent_at) in the same transaction as its crm.activity.due.v1 outbox row.
CREATE TABLE activity (
    id                UUID          PRIMARY KEY,
    type              VARCHAR(10)   NOT NULL,
    subject           VARCHAR(200)  NOT NULL,
    notes             VARCHAR(2000),
    due_at            TIMESTAMPTZ   NOT NULL,
    remind_at         TIMESTAMPTZ,
    reminder_sent_at  TIMESTAMPTZ,
    lead_id           UUID,
    opportunity_id    UUID,
    customer_id       UUID,
    status            VARCHAR(10)   NOT NULL,
    outcome           VARCHAR(1000),
    closed_at         TIMESTAMPTZ,
    follow_up_plan_id UUID,
    plan_period       INT,
    owner_id          VARCHAR(100)  NOT NULL,
    department        VARCHAR(200),
    version           BIGINT        NOT NULL,
    created_at        TIMESTAMPTZ   NOT NULL,
    created_by        VARCHAR(100)  NOT NULL,
    updated_at        TIMESTAMPTZ   NOT NULL,
    updated_by        VARCHAR(100)  NOT NULL,
    CHECK (lead_id IS NOT NULL OR opportunity_id IS NOT NULL OR customer_id IS NOT NULL),
    CHECK (remind_at IS NULL OR remind_at <= due_at)
);
CREATE INDEX activity_reminder_pending ON activity (remind_at) WHERE reminder_sent_at IS NULL AND status = 'PLANNED';
CREATE INDEX activity_owner ON activity (owner_id);
CREATE INDEX activity_department ON activity (department);
CREATE INDEX activity_lead ON activity (lead_id);
CREATE INDEX activity_opportunity ON activity (opportunity_id);
CREATE INDEX activity_customer ON activity (customer_id);
-- One visit per plan and period, whoever creates it.
CREATE UNIQUE INDEX activity_plan_period ON activity (follow_up_plan_id, plan_period) WHERE follow_up_plan_id IS NOT NULL;

-- Regular visits to a key customer: the next VISIT is created when its period comes (next_due_at - lead time).
CREATE TABLE follow_up_plan (
    id              UUID          PRIMARY KEY,
    customer_id     UUID          NOT NULL,
    subject         VARCHAR(200)  NOT NULL,
    every           INT           NOT NULL CHECK (every BETWEEN 1 AND 365),
    unit            VARCHAR(5)    NOT NULL,
    next_period     INT           NOT NULL,
    next_due_at     TIMESTAMPTZ   NOT NULL,
    active          BOOLEAN       NOT NULL,
    owner_id        VARCHAR(100)  NOT NULL,
    department      VARCHAR(200),
    version         BIGINT        NOT NULL,
    created_at      TIMESTAMPTZ   NOT NULL,
    created_by      VARCHAR(100)  NOT NULL,
    updated_at      TIMESTAMPTZ   NOT NULL,
    updated_by      VARCHAR(100)  NOT NULL
);
CREATE INDEX follow_up_plan_due ON follow_up_plan (next_due_at) WHERE active;
CREATE INDEX follow_up_plan_customer ON follow_up_plan (customer_id);
