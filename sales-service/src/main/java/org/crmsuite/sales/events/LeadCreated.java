package org.crmsuite.sales.events;

import java.time.Instant;
import java.util.UUID;

import org.crmsuite.platform.events.IntegrationEvent;
import org.crmsuite.platform.events.Topics;

/** {@code crm.lead.created.v1}: a lead was registered. Carries no phone number or email (personal data stays in sales-service). */
public record LeadCreated(UUID leadId, String company, String source, UUID campaignId, int score, String ownerId, String department, long version, String createdBy, Instant createdAt) implements IntegrationEvent {

    @Override
    public String eventType() {
        return "crm.lead.created.v1";
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
