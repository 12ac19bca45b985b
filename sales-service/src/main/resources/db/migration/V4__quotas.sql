-- A seller's target for a month, per currency (won amounts are compared only with a quota in the same currency).
CREATE TABLE sales_quota (
    owner_id    VARCHAR(100)  NOT NULL,
    month       CHAR(7)       NOT NULL,          -- 2026-12
    currency    VARCHAR(3)    NOT NULL,
    amount      NUMERIC(19,2) NOT NULL CHECK (amount >= 0),
    set_by      VARCHAR(100)  NOT NULL,
    set_at      TIMESTAMPTZ   NOT NULL,
    PRIMARY KEY (owner_id, month, currency)
);
