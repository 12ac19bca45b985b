CREATE SEQUENCE customer_code_seq START 1;

CREATE TABLE customer (
    id               UUID         PRIMARY KEY,
    code             VARCHAR(16)  NOT NULL UNIQUE,            -- C-000123, for people
    legal_name       VARCHAR(200) NOT NULL,
    short_name       VARCHAR(100),
    uscc             VARCHAR(18) UNIQUE,                        -- unified social credit code (GB 32100-2015)
    industry         VARCHAR(100),
    lifecycle_stage  VARCHAR(20)  NOT NULL,
    value_tier       VARCHAR(20)  NOT NULL,
    status           VARCHAR(20)  NOT NULL,
    owner_id         VARCHAR(100) NOT NULL,
    department       VARCHAR(200),
    version          BIGINT       NOT NULL,
    created_at       TIMESTAMPTZ  NOT NULL,
    created_by       VARCHAR(100) NOT NULL,
    updated_at       TIMESTAMPTZ  NOT NULL,
    updated_by       VARCHAR(100) NOT NULL
);

CREATE INDEX customer_owner ON customer (owner_id);
CREATE INDEX customer_department ON customer (department);
CREATE INDEX customer_legal_name ON customer (legal_name);
