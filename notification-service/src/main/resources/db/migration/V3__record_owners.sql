-- Who owns which customer and opportunity: a local projection of crm.customer.* and crm.opportunity.* events (never
-- read from another service's database), so an event that names only a customer, a USCC or an opportunity (an
-- overdue invoice from finance) can notify the record's owner. Rebuilt by replaying the topics from the start.
CREATE TABLE customer_owner (
    customer_id UUID         PRIMARY KEY,
    code        VARCHAR(40),
    legal_name  VARCHAR(200),
    uscc        VARCHAR(18),
    owner_id    VARCHAR(200),
    merged_into UUID,                                  -- set when the customer was merged into another (a redirect)
    updated_at  TIMESTAMPTZ  NOT NULL DEFAULT now()
);
CREATE INDEX customer_owner_uscc ON customer_owner (uscc) WHERE uscc IS NOT NULL;

CREATE TABLE opportunity_owner (
    opportunity_id UUID         PRIMARY KEY,
    customer_id    UUID,
    owner_id       VARCHAR(200) NOT NULL,
    updated_at     TIMESTAMPTZ  NOT NULL DEFAULT now()
);

-- Events whose rules name the record's owner while the owner is not known yet (the customer or opportunity has
-- not reached this service): kept, and planned again when the projection learns one of the keys.
CREATE TABLE waiting_event (
    event_id       VARCHAR(200) PRIMARY KEY,
    event_type     VARCHAR(200) NOT NULL,
    source         VARCHAR(500),
    subject        VARCHAR(500),
    event_time     TIMESTAMPTZ,
    topic          VARCHAR(200),
    payload        TEXT         NOT NULL,
    customer_id    UUID,
    uscc           VARCHAR(18),
    opportunity_id UUID,
    received_at    TIMESTAMPTZ  NOT NULL DEFAULT now()
);
CREATE INDEX waiting_event_customer ON waiting_event (customer_id) WHERE customer_id IS NOT NULL;
CREATE INDEX waiting_event_uscc ON waiting_event (uscc) WHERE uscc IS NOT NULL;
CREATE INDEX waiting_event_opportunity ON waiting_event (opportunity_id) WHERE opportunity_id IS NOT NULL;

-- Finance: an overdue invoice notifies the owner of its opportunity, else of its customer (recipient "owner").
INSERT INTO notification_rule (id, event_type, recipient, channels, condition, description) VALUES
 ('00000000-0000-0000-0001-000000000015', 'finance.invoice.overdue.v1', 'owner', 'IN_APP,EMAIL', NULL, 'the owner of the invoiced opportunity or customer');

INSERT INTO notification_template (id, event_type, channel, locale, subject, body) VALUES
 ('00000000-0000-0000-0002-000000000101', 'finance.invoice.overdue.v1', 'EMAIL', 'en', 'Invoice {{invoiceId}} is overdue ({{customerName}})',
  E'Hello,\n\nInvoice {{invoiceId}} of {{customerName}} ({{customerCode}}) was due on {{dueDate}} and is {{daysOverdue}} day(s) overdue: {{amountDue}} {{currency}} unpaid (detected {{detectedAt|time}}).\nPlease follow up with the customer.\n\n— CRM notifications'),
 ('00000000-0000-0000-0002-000000000102', 'finance.invoice.overdue.v1', 'EMAIL', 'zh-CN', '发票 {{invoiceId}} 已逾期（{{customerName}}）',
  E'您好，\n\n客户 {{customerName}}（{{customerCode}}）的发票 {{invoiceId}} 已于 {{dueDate}} 到期，逾期 {{daysOverdue}} 天，未付金额 {{amountDue}} {{currency}}（发现于 {{detectedAt|time}}）。\n请及时跟进催收。\n\n—— CRM 通知'),
 ('00000000-0000-0000-0002-000000000103', 'finance.invoice.overdue.v1', 'IN_APP', 'en', 'Invoice {{invoiceId}} is overdue ({{customerName}})',
  E'Invoice {{invoiceId}} of {{customerName}}: {{amountDue}} {{currency}} due {{dueDate}}, {{daysOverdue}} day(s) overdue.'),
 ('00000000-0000-0000-0002-000000000104', 'finance.invoice.overdue.v1', 'IN_APP', 'zh-CN', '发票 {{invoiceId}} 已逾期（{{customerName}}）',
  E'客户 {{customerName}} 的发票 {{invoiceId}}：{{amountDue}} {{currency}}，{{dueDate}} 到期，已逾期 {{daysOverdue}} 天。');

-- When the source event happened (its ce_time), for the event-to-delivery latency metric.
ALTER TABLE notification ADD COLUMN source_event_at TIMESTAMPTZ;

-- domain.md: a merge tells the owners of both records (from the projection; the event names no owners).
INSERT INTO notification_rule (id, event_type, recipient, channels, condition, description) VALUES
 ('00000000-0000-0000-0001-000000000016', 'crm.customer.merged.v1', 'owner-of:loserId',    'IN_APP', NULL, 'the owner of the merged duplicate'),
 ('00000000-0000-0000-0001-000000000017', 'crm.customer.merged.v1', 'owner-of:survivorId', 'IN_APP', NULL, 'the owner of the surviving record');
