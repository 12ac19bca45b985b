-- Verification: the customer's facts were confirmed with the customer (by phone, email or a visit), by whom and when.
ALTER TABLE customer
    ADD COLUMN last_verified_at TIMESTAMPTZ,
    ADD COLUMN verified_by      VARCHAR(100),
    ADD COLUMN verified_via     VARCHAR(20);
