-- Campaigns are launched and completed; members (leads or customers) are targeted and their responses recorded.
ALTER TABLE campaign ADD COLUMN status VARCHAR(10) NOT NULL DEFAULT 'PLANNED';
ALTER TABLE campaign ADD COLUMN launched_at TIMESTAMPTZ;
ALTER TABLE campaign ADD COLUMN completed_at TIMESTAMPTZ;
CREATE INDEX campaign_status ON campaign (status, starts_on);

CREATE TABLE campaign_member (
    id           UUID          PRIMARY KEY,
    campaign_id  UUID          NOT NULL REFERENCES campaign (id),
    lead_id      UUID,
    customer_id  UUID,
    added_by     VARCHAR(100)  NOT NULL,
    added_at     TIMESTAMPTZ   NOT NULL,
    CHECK ((lead_id IS NULL) <> (customer_id IS NULL))
);
CREATE UNIQUE INDEX campaign_member_lead ON campaign_member (campaign_id, lead_id) WHERE lead_id IS NOT NULL;
CREATE UNIQUE INDEX campaign_member_customer ON campaign_member (campaign_id, customer_id) WHERE customer_id IS NOT NULL;

CREATE TABLE campaign_response (
    id           UUID          PRIMARY KEY,
    campaign_id  UUID          NOT NULL REFERENCES campaign (id),
    member_id    UUID          NOT NULL REFERENCES campaign_member (id),
    kind         VARCHAR(20)   NOT NULL,
    note         VARCHAR(500),
    recorded_by  VARCHAR(100)  NOT NULL,
    responded_at TIMESTAMPTZ   NOT NULL
);
CREATE INDEX campaign_response_campaign ON campaign_response (campaign_id, member_id);
