package org.crmsuite.sales.events;

import java.time.Instant;
import java.util.UUID;

import org.crmsuite.platform.events.IntegrationEvent;
import org.crmsuite.platform.events.Topics;

/**
 * {@code crm.lead.converted.v1}: a qualified lead became a customer (created in customer-service, or linked to one it
 * matched) and an opportunity. Carries no phone number or email.
 */
public record LeadConverted(UUID leadId, String company, UUID customerId, boolean customerCreated, UUID opportunityId, UUID campaignId,
                            String ownerId, String department, long version, String convertedBy, Instant convertedAt) implements IntegrationEvent {

    @Override
    public String eventType() {
        return "crm.lead.converted.v1";
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
