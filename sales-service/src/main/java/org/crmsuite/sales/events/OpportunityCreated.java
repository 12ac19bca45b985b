package org.crmsuite.sales.events;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import org.crmsuite.platform.events.IntegrationEvent;
import org.crmsuite.platform.events.Topics;

/** {@code crm.opportunity.created.v1}: a deal was opened. Amounts are decimal strings ("1200.00") with an ISO 4217 currency. */
public record OpportunityCreated(UUID opportunityId, String name, UUID customerId, String amount, String currency, String stage, int probability, LocalDate expectedCloseDate, UUID campaignId, String ownerId, String department, long version, String createdBy, Instant createdAt) implements IntegrationEvent {

    @Override
    public String eventType() {
        return "crm.opportunity.created.v1";
    }

    @Override
    public String aggregateId() {
        return opportunityId.toString();
    }

    @Override
    public String topic() {
        return Topics.SALES;
    }
}
