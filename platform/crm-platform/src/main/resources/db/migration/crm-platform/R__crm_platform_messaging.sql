-- Owned by the CRM platform (crm-platform): the transactional outbox and the consumers' record of applied events.
-- A repeatable migration with IF NOT EXISTS, so each PostgreSQL service picks it up beside its own versioned
-- migrations without sharing version numbers with the platform.

CREATE TABLE IF NOT EXISTS outbox_event (
    position     BIGSERIAL    PRIMARY KEY,        -- publication order
    event_id     UUID         NOT NULL UNIQUE,    -- ce_id
    topic        VARCHAR(255) NOT NULL,
    event_key    VARCHAR(255) NOT NULL,           -- Kafka record key: the aggregate id
    event_type   VARCHAR(255) NOT NULL,           -- ce_type
    source       VARCHAR(255) NOT NULL,           -- ce_source
    subject      VARCHAR(255) NOT NULL,           -- ce_subject
    occurred_at  TIMESTAMPTZ  NOT NULL,           -- ce_time
    data_schema  VARCHAR(512),
    payload      TEXT         NOT NULL,           -- JSON as published, byte for byte
    traceparent  VARCHAR(128),
    published_at TIMESTAMPTZ,
    attempts     INT          NOT NULL DEFAULT 0,
    last_error   TEXT
);

CREATE INDEX IF NOT EXISTS outbox_event_unpublished ON outbox_event (position) WHERE published_at IS NULL;
CREATE INDEX IF NOT EXISTS outbox_event_published_at ON outbox_event (published_at) WHERE published_at IS NOT NULL;

CREATE TABLE IF NOT EXISTS processed_event (
    consumer     VARCHAR(200) NOT NULL,
    event_id     VARCHAR(200) NOT NULL,
    processed_at TIMESTAMPTZ  NOT NULL DEFAULT now(),
    PRIMARY KEY (consumer, event_id)
);
