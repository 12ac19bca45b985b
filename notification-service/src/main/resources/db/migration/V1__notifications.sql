-- notification-service: rules (data, editable through the admin API), templates, preferences, webhook subscriptions,
-- and the deliveries with their attempt log. The outbox and processed_event tables come from the platform.

-- Who hears about which event type through which channels. recipient is an expression:
--   event:<field>     the user id in that payload field (assignee, ownerId, escalatedTo, followUpAssignee ...)
--   queue-manager     the managers of the event's queue (crm.notification.directory.queue-managers)
--   role:<role>       the members of a realm role (crm.notification.directory.role-members), e.g. role:data-steward
--   user:<id>         one fixed user
--   webhooks          every active webhook subscription listing the event type (channel WEBHOOK)
-- condition (optional): <field> <op> <integer>, op one of < <= = >= >, e.g. "csat <= 2".
CREATE TABLE notification_rule (
    id          UUID         PRIMARY KEY,
    event_type  VARCHAR(200) NOT NULL,
    recipient   VARCHAR(200) NOT NULL,
    channels    VARCHAR(200) NOT NULL,            -- comma-separated: EMAIL,IN_APP,SMS or WEBHOOK
    condition   VARCHAR(200),
    enabled     BOOLEAN      NOT NULL DEFAULT TRUE,
    description VARCHAR(500),
    version     BIGINT       NOT NULL DEFAULT 0,
    UNIQUE (event_type, recipient)
);
CREATE INDEX notification_rule_type ON notification_rule (event_type) WHERE enabled;

INSERT INTO notification_rule (id, event_type, recipient, channels, condition, description) VALUES
 ('00000000-0000-0000-0001-000000000001', 'crm.ticket.assigned.v1',           'event:assignee',         'IN_APP,EMAIL', NULL, 'the new assignee'),
 ('00000000-0000-0000-0001-000000000002', 'crm.ticket.sla-warning.v1',        'event:assignee',         'IN_APP,EMAIL', NULL, 'the assignee, before the deadline'),
 ('00000000-0000-0000-0001-000000000003', 'crm.ticket.sla-breached.v1',       'queue-manager',          'IN_APP,EMAIL,SMS', NULL, 'the queue manager'),
 ('00000000-0000-0000-0001-000000000004', 'crm.ticket.sla-breached.v1',       'event:assignee',         'IN_APP,EMAIL', NULL, 'the assignee'),
 ('00000000-0000-0000-0001-000000000005', 'crm.ticket.escalated.v1',          'event:escalatedTo',      'IN_APP,EMAIL', NULL, 'whom the ticket was escalated to'),
 ('00000000-0000-0000-0001-000000000006', 'crm.ticket.escalated.v1',          'queue-manager',          'IN_APP', NULL, 'the queue manager'),
 ('00000000-0000-0000-0001-000000000007', 'crm.ticket.satisfaction-rated.v1', 'event:followUpAssignee', 'IN_APP,EMAIL', 'csat <= 2', 'low rating: the follow-up owner'),
 ('00000000-0000-0000-0001-000000000008', 'crm.ticket.satisfaction-rated.v1', 'queue-manager',          'IN_APP,EMAIL', 'csat <= 2', 'low rating: the queue manager'),
 ('00000000-0000-0000-0001-000000000009', 'crm.opportunity.won.v1',           'event:ownerId',          'IN_APP,EMAIL', NULL, 'the opportunity owner'),
 ('00000000-0000-0000-0001-000000000010', 'crm.opportunity.won.v1',           'webhooks',               'WEBHOOK', NULL, 'finance and other subscribers'),
 ('00000000-0000-0000-0001-000000000011', 'crm.activity.due.v1',              'event:ownerId',          'IN_APP,EMAIL', NULL, 'the activity owner'),
 ('00000000-0000-0000-0001-000000000012', 'crm.customer.merged.v1',           'role:data-steward',      'IN_APP', NULL, 'the data stewards'),
 ('00000000-0000-0000-0001-000000000013', 'crm.customer.merged.v1',           'webhooks',               'WEBHOOK', NULL, 'ERP and other subscribers'),
 ('00000000-0000-0000-0001-000000000014', 'crm.customer.quality-issue-assigned.v1', 'event:assignee',   'IN_APP,EMAIL', NULL, 'the steward the issue was assigned to');

-- Message text per event type, channel and language. {{field}} is a payload field; {{field|time}} formats an
-- instant in the recipient's zone and language. SMS falls back to the IN_APP text.
CREATE TABLE notification_template (
    id         UUID         PRIMARY KEY,
    event_type VARCHAR(200) NOT NULL,
    channel    VARCHAR(20)  NOT NULL,
    locale     VARCHAR(20)  NOT NULL,
    subject    VARCHAR(500) NOT NULL,
    body       TEXT         NOT NULL,
    version    BIGINT       NOT NULL DEFAULT 0,
    UNIQUE (event_type, channel, locale)
);

CREATE TABLE user_preference (
    user_id     VARCHAR(200) PRIMARY KEY,
    language    VARCHAR(20)  NOT NULL,
    zone        VARCHAR(60)  NOT NULL,
    email       VARCHAR(320),
    phone       VARCHAR(40),
    quiet_start TIME,
    quiet_end   TIME,
    channels    TEXT         NOT NULL DEFAULT '{}',   -- JSON: event type -> [channels]
    version     BIGINT       NOT NULL DEFAULT 0,
    updated_at  TIMESTAMPTZ  NOT NULL DEFAULT now()
);

CREATE TABLE webhook_subscription (
    id          UUID          PRIMARY KEY,
    name        VARCHAR(200)  NOT NULL,
    url         VARCHAR(2000) NOT NULL,
    event_types TEXT          NOT NULL,              -- comma-separated ce_types
    secret      VARCHAR(200)  NOT NULL,              -- HMAC key; never returned by the API
    active      BOOLEAN       NOT NULL DEFAULT TRUE,
    created_by  VARCHAR(200)  NOT NULL,
    created_at  TIMESTAMPTZ   NOT NULL DEFAULT now(),
    version     BIGINT        NOT NULL DEFAULT 0
);

-- One message to one recipient on one channel for one source event: the unique key makes a redelivered event a no-op.
CREATE TABLE notification (
    id                UUID          PRIMARY KEY,
    source_event_id   VARCHAR(200)  NOT NULL,
    source_event_type VARCHAR(200)  NOT NULL,
    recipient         VARCHAR(200)  NOT NULL,        -- user id, or webhook:<subscription id>
    channel           VARCHAR(20)   NOT NULL,
    address           VARCHAR(2000),                 -- email, phone or URL at the time of planning
    locale            VARCHAR(20),
    subject           VARCHAR(500),
    body              TEXT          NOT NULL,
    urgent            BOOLEAN       NOT NULL DEFAULT FALSE,
    status            VARCHAR(20)   NOT NULL,        -- PENDING, SENDING, DELIVERED, DEAD
    attempts          INT           NOT NULL DEFAULT 0,
    next_attempt_at   TIMESTAMPTZ   NOT NULL,
    lease_until       TIMESTAMPTZ,
    last_error        TEXT,
    created_at        TIMESTAMPTZ   NOT NULL DEFAULT now(),
    delivered_at      TIMESTAMPTZ,
    read_at           TIMESTAMPTZ,
    UNIQUE (source_event_id, recipient, channel)
);
CREATE INDEX notification_due ON notification (next_attempt_at) WHERE status IN ('PENDING', 'SENDING');
CREATE INDEX notification_inbox ON notification (recipient, created_at DESC) WHERE channel = 'IN_APP' AND status = 'DELIVERED';
CREATE INDEX notification_dead ON notification (created_at DESC) WHERE status = 'DEAD';

CREATE TABLE delivery_attempt (
    id              BIGSERIAL    PRIMARY KEY,
    notification_id UUID         NOT NULL REFERENCES notification (id),
    attempt         INT          NOT NULL,
    status          VARCHAR(20)  NOT NULL,           -- DELIVERED, FAILED
    error           TEXT,
    duration_ms     BIGINT       NOT NULL,
    attempted_at    TIMESTAMPTZ  NOT NULL DEFAULT now()
);
CREATE INDEX delivery_attempt_notification ON delivery_attempt (notification_id, attempt);
