-- Idempotency-Key on POST /api/v1/customers: the first request with a key registers; a repeat by the same caller
-- returns the customer created the first time. The key row is written in the registration's own transaction, so a
-- key exists if and only if its customer does; a concurrent repeat waits on the primary key until the first commits.
CREATE TABLE customer_idempotency_key (
    caller       VARCHAR(100) NOT NULL,
    idem_key     VARCHAR(200) NOT NULL,
    request_hash CHAR(64)     NOT NULL,   -- SHA-256 of the request body, to refuse the same key with another body
    customer_id  UUID REFERENCES customer (id),
    created_at   TIMESTAMPTZ  NOT NULL,
    PRIMARY KEY (caller, idem_key)
);
CREATE INDEX customer_idempotency_key_created_at ON customer_idempotency_key (created_at);
