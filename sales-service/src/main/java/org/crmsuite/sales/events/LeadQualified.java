package org.crmsuite.sales.events;

import java.time.Instant;
import java.util.UUID;

import org.crmsuite.platform.events.IntegrationEvent;
import org.crmsuite.platform.events.Topics;

/** {@code crm.lead.qualified.v1}: a lead is worth a deal. Carries no phone number or email (personal data stays in sales-service). */
public record LeadQualified(UUID leadId, String company, UUID campaignId, int score, String ownerId, String department, long version, String qualifiedBy, Instant qualifiedAt) implements IntegrationEvent {

    @Override
    public String eventType() {
        return "crm.lead.qualified.v1";
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
