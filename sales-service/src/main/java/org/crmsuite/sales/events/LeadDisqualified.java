package org.crmsuite.sales.events;

import java.time.Instant;
import java.util.UUID;

import org.crmsuite.platform.events.IntegrationEvent;
import org.crmsuite.platform.events.Topics;

/** {@code crm.lead.disqualified.v1}: a lead is not worth pursuing, with the reason. Carries no phone number or email (personal data stays in sales-service). */
public record LeadDisqualified(UUID leadId, String company, String fromStatus, String reason, UUID campaignId, String ownerId, String department, long version, String disqualifiedBy, Instant disqualifiedAt) implements IntegrationEvent {

    @Override
    public String eventType() {
        return "crm.lead.disqualified.v1";
    }

    @Override
    public String aggregateId() {
        return leadId.toString();
    }

    @Override
    public String topic() {
        return Topics.SALES;
    }
}
