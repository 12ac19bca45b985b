-- A converted lead remembers the customer it became (created or matched in customer-service) and the deal it opened.
ALTER TABLE lead ADD COLUMN customer_id UUID;
ALTER TABLE lead ADD COLUMN customer_created BOOLEAN;
ALTER TABLE lead ADD COLUMN opportunity_id UUID;
ALTER TABLE lead ADD COLUMN converted_at TIMESTAMPTZ;
ALTER TABLE lead ADD COLUMN converted_by VARCHAR(100);
CREATE INDEX lead_customer ON lead (customer_id);
