-- Issue 3: the complete customer master record, its change history, contacts and search.

ALTER TABLE customer
    ADD COLUMN foreign_company     BOOLEAN      NOT NULL DEFAULT FALSE,  -- foreign companies have no USCC
    ADD COLUMN company_size        VARCHAR(20),
    ADD COLUMN province            VARCHAR(50),
    ADD COLUMN city                VARCHAR(50),
    ADD COLUMN district            VARCHAR(50),
    ADD COLUMN street              VARCHAR(200),
    ADD COLUMN website             VARCHAR(300),
    ADD COLUMN phone               VARCHAR(20),                          -- switchboard, E.164
    ADD COLUMN email               VARCHAR(254),                         -- general inbox, lower-case
    ADD COLUMN parent_id           UUID REFERENCES customer (id),
    ADD COLUMN source_channel      VARCHAR(30),
    ADD COLUMN marketing_consent   BOOLEAN      NOT NULL DEFAULT FALSE,
    ADD COLUMN consent_recorded_at TIMESTAMPTZ,
    ADD COLUMN preferred_channel   VARCHAR(20),
    ADD COLUMN do_not_contact      BOOLEAN      NOT NULL DEFAULT FALSE,
    ADD COLUMN status_reason       VARCHAR(500),
    ADD COLUMN merged_into         UUID REFERENCES customer (id),
    ADD COLUMN name_normalised     VARCHAR(200);                         -- legal form stripped, for matching

UPDATE customer SET name_normalised = lower(legal_name);
ALTER TABLE customer ALTER COLUMN name_normalised SET NOT NULL;

CREATE INDEX customer_parent ON customer (parent_id);
CREATE INDEX customer_phone ON customer (phone);
CREATE INDEX customer_stage ON customer (lifecycle_stage);
CREATE INDEX customer_tier ON customer (value_tier);
CREATE INDEX customer_region ON customer (province, city, district);
CREATE INDEX customer_created_at ON customer (created_at);
CREATE INDEX customer_updated_at ON customer (updated_at);

CREATE TABLE customer_tag (
    customer_id UUID        NOT NULL REFERENCES customer (id),
    tag         VARCHAR(50) NOT NULL,
    PRIMARY KEY (customer_id, tag)
);
CREATE INDEX customer_tag_tag ON customer_tag (tag);

-- Field-level history of customers and contacts: who changed what from what to what, and when.
CREATE TABLE change_history (
    id          BIGSERIAL    PRIMARY KEY,
    customer_id UUID         NOT NULL,
    entity_type VARCHAR(20)  NOT NULL,   -- CUSTOMER or CONTACT
    entity_id   UUID         NOT NULL,
    field       VARCHAR(100) NOT NULL,
    old_value   TEXT,
    new_value   TEXT,
    changed_by  VARCHAR(100) NOT NULL,
    changed_at  TIMESTAMPTZ  NOT NULL
);
CREATE INDEX change_history_customer ON change_history (customer_id, changed_at DESC, id DESC);
CREATE INDEX change_history_entity ON change_history (entity_id, changed_at DESC);

-- Contacts: the people at a customer. Personal data (PIPL / GDPR): masked for roles without the right,
-- exportable, and erased by anonymising in place (the row stays, so history and references keep their shape).
CREATE TABLE contact (
    id                UUID         PRIMARY KEY,
    customer_id       UUID         NOT NULL REFERENCES customer (id),
    name              VARCHAR(100) NOT NULL,
    title             VARCHAR(100),
    email             VARCHAR(254),
    preferred_channel VARCHAR(20),
    primary_contact   BOOLEAN      NOT NULL DEFAULT FALSE,
    status            VARCHAR(20)  NOT NULL,                 -- ACTIVE, REMOVED, ERASED
    version           BIGINT       NOT NULL,
    created_at        TIMESTAMPTZ  NOT NULL,
    created_by        VARCHAR(100) NOT NULL,
    updated_at        TIMESTAMPTZ  NOT NULL,
    updated_by        VARCHAR(100) NOT NULL
);
CREATE INDEX contact_customer ON contact (customer_id);
CREATE INDEX contact_email ON contact (email);
-- One primary contact per customer, enforced by the database as well as the service.
CREATE UNIQUE INDEX contact_one_primary ON contact (customer_id) WHERE primary_contact AND status = 'ACTIVE';

CREATE TABLE contact_phone (
    contact_id UUID        NOT NULL REFERENCES contact (id),
    position   INT         NOT NULL,
    number     VARCHAR(20) NOT NULL,                         -- E.164
    PRIMARY KEY (contact_id, position)
);
CREATE INDEX contact_phone_number ON contact_phone (number);
