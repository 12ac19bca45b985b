-- Finance's invoices for won deals (finance.invoice.events): the deal shows INVOICED, OVERDUE or PAID.
ALTER TABLE opportunity ADD COLUMN invoice_status VARCHAR(10);

CREATE TABLE invoice (
    invoice_id      VARCHAR(100)  PRIMARY KEY,
    opportunity_id  UUID          NOT NULL,
    invoice_number  VARCHAR(100),
    amount          NUMERIC(19,2),
    currency        VARCHAR(3)    NOT NULL,
    status          VARCHAR(10)   NOT NULL,
    issued_at       TIMESTAMPTZ,
    due_date        DATE,
    paid_at         TIMESTAMPTZ,
    updated_at      TIMESTAMPTZ   NOT NULL
);
CREATE INDEX invoice_opportunity ON invoice (opportunity_id);

-- Invoice events for a deal this service does not know yet: kept, and applied when the deal appears.
CREATE TABLE parked_invoice_event (
    event_id        VARCHAR(200)  PRIMARY KEY,
    opportunity_id  UUID          NOT NULL,
    event_type      VARCHAR(100)  NOT NULL,
    payload         TEXT          NOT NULL,
    received_at     TIMESTAMPTZ   NOT NULL
);
CREATE INDEX parked_invoice_event_opportunity ON parked_invoice_event (opportunity_id, received_at);
