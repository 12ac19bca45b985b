CREATE TABLE opportunity (
    id                   UUID          PRIMARY KEY,
    name                 VARCHAR(200)  NOT NULL,
    customer_id          UUID          NOT NULL,
    amount               NUMERIC(19,2),
    currency             VARCHAR(3)    NOT NULL,
    pipeline_id          UUID          NOT NULL REFERENCES pipeline (id),
    stage                VARCHAR(40)   NOT NULL,
    probability          INT           NOT NULL CHECK (probability BETWEEN 0 AND 100),
    expected_close_date  DATE,
    status               VARCHAR(10)   NOT NULL,
    close_reason         VARCHAR(500),
    closed_at            TIMESTAMPTZ,
    campaign_id          UUID,
    owner_id             VARCHAR(100)  NOT NULL,
    department           VARCHAR(200),
    version              BIGINT        NOT NULL,
    created_at           TIMESTAMPTZ   NOT NULL,
    created_by           VARCHAR(100)  NOT NULL,
    updated_at           TIMESTAMPTZ   NOT NULL,
    updated_by           VARCHAR(100)  NOT NULL
);
CREATE INDEX opportunity_owner ON opportunity (owner_id);
CREATE INDEX opportunity_department ON opportunity (department);
CREATE INDEX opportunity_customer ON opportunity (customer_id);
CREATE INDEX opportunity_close ON opportunity (status, expected_close_date);
CREATE INDEX opportunity_campaign ON opportunity (campaign_id);

CREATE TABLE opportunity_line_item (
    opportunity_id  UUID          NOT NULL REFERENCES opportunity (id),
    position        INT           NOT NULL,
    product         VARCHAR(200)  NOT NULL,
    quantity        NUMERIC(19,4) NOT NULL,
    unit_price      NUMERIC(19,2) NOT NULL,
    PRIMARY KEY (opportunity_id, position)
);

CREATE TABLE opportunity_competitor (
    opportunity_id  UUID          NOT NULL REFERENCES opportunity (id),
    position        INT           NOT NULL,
    name            VARCHAR(200)  NOT NULL,
    PRIMARY KEY (opportunity_id, position)
);

CREATE TABLE opportunity_stage_change (
    opportunity_id  UUID          NOT NULL REFERENCES opportunity (id),
    position        INT           NOT NULL,
    from_stage      VARCHAR(40),
    to_stage        VARCHAR(40)   NOT NULL,
    probability     INT           NOT NULL,
    changed_by      VARCHAR(100)  NOT NULL,
    changed_at      TIMESTAMPTZ   NOT NULL,
    PRIMARY KEY (opportunity_id, position)
);
