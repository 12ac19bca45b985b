-- The stewards' review queue: pairs of customers that may be the same company, found on registration
-- (registered anyway) and by the periodic scan. One row per unordered pair.
CREATE TABLE duplicate_pair (
    id           UUID         PRIMARY KEY,
    customer_a   UUID         NOT NULL REFERENCES customer (id),   -- the smaller id of the pair
    customer_b   UUID         NOT NULL REFERENCES customer (id),
    score        INT          NOT NULL,
    reasons      TEXT         NOT NULL,                           -- one reason per line
    status       VARCHAR(20)  NOT NULL,                           -- OPEN, DISMISSED
    found_at     TIMESTAMPTZ  NOT NULL,
    reviewed_by  VARCHAR(100),
    reviewed_at  TIMESTAMPTZ,
    UNIQUE (customer_a, customer_b),
    CHECK (customer_a < customer_b)
);
CREATE INDEX duplicate_pair_open ON duplicate_pair (status, score DESC, found_at);

-- How far the periodic scan has come: customers changed after this were not scanned yet.
CREATE TABLE duplicate_scan (
    id           INT          PRIMARY KEY CHECK (id = 1),
    scanned_to   TIMESTAMPTZ  NOT NULL
);
INSERT INTO duplicate_scan (id, scanned_to) VALUES (1, '1970-01-01T00:00:00Z');
