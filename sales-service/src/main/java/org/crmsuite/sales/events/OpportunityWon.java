package org.crmsuite.sales.events;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import org.crmsuite.platform.events.IntegrationEvent;
import org.crmsuite.platform.events.Topics;

/** {@code crm.opportunity.won.v1}: a deal was won; carries what finance needs to invoice. Amounts are decimal strings ("1200.00") with an ISO 4217 currency. */
public record OpportunityWon(UUID opportunityId, String name, UUID customerId, String amount, String currency, List<WonLineItem> lineItems, UUID campaignId, String ownerId, String department, String reason, long version, String wonBy, Instant wonAt) implements IntegrationEvent {

    @Override
    public String eventType() {
        return "crm.opportunity.won.v1";
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
