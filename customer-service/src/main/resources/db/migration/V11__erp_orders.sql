-- Issue 8, ERP orders (erp.order.events): the date of the customer's latest order (never moves backwards; the at-risk
-- rule reads it), and orders for customers the suite does not know yet, parked until that customer is registered.
ALTER TABLE customer
    ADD COLUMN last_order_at TIMESTAMPTZ;

CREATE TABLE parked_order_event (
    event_id    VARCHAR(200) PRIMARY KEY,   -- ce_id of the order event
    order_id    VARCHAR(64)  NOT NULL,
    order_label VARCHAR(200) NOT NULL,      -- order number, or the order id when there is none
    customer_id UUID,                       -- as named by the ERP (may be unknown here)
    uscc        VARCHAR(18),
    ordered_at  TIMESTAMPTZ  NOT NULL,
    payload     TEXT         NOT NULL,
    parked_at   TIMESTAMPTZ  NOT NULL
);
CREATE INDEX parked_order_event_uscc ON parked_order_event (uscc) WHERE uscc IS NOT NULL;
CREATE INDEX parked_order_event_customer ON parked_order_event (customer_id) WHERE customer_id IS NOT NULL;
