package org.crmsuite.sales.events;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import org.crmsuite.platform.events.IntegrationEvent;
import org.crmsuite.platform.events.Topics;

/** {@code crm.opportunity.lost.v1}: a deal was lost, with the reason and the competitors in play. Amounts are decimal strings ("1200.00") with an ISO 4217 currency. */
public record OpportunityLost(UUID opportunityId, UUID customerId, String fromStage, String amount, String currency, String reason, List<String> competitors, String ownerId, String department, long version, String lostBy, Instant lostAt) implements IntegrationEvent {

    @Override
    public String eventType() {
        return "crm.opportunity.lost.v1";
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
