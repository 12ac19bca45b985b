CREATE TABLE lead (
    id                 UUID          PRIMARY KEY,
    company            VARCHAR(200)  NOT NULL,
    contact_name       VARCHAR(100),
    contact_title      VARCHAR(100),
    contact_phone      VARCHAR(40),
    contact_email      VARCHAR(200),
    source             VARCHAR(20)   NOT NULL,
    campaign_id        UUID,
    score              INT           NOT NULL CHECK (score BETWEEN 0 AND 100),
    status             VARCHAR(20)   NOT NULL,
    disqualify_reason  VARCHAR(500),
    owner_id           VARCHAR(100)  NOT NULL,
    department         VARCHAR(200),
    version            BIGINT        NOT NULL,
    created_at         TIMESTAMPTZ   NOT NULL,
    created_by         VARCHAR(100)  NOT NULL,
    updated_at         TIMESTAMPTZ   NOT NULL,
    updated_by         VARCHAR(100)  NOT NULL
);
CREATE INDEX lead_owner ON lead (owner_id);
CREATE INDEX lead_department ON lead (department);
CREATE INDEX lead_status ON lead (status);
CREATE INDEX lead_campaign ON lead (campaign_id);
