package org.crmsuite.sales.events;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import org.crmsuite.platform.events.IntegrationEvent;
import org.crmsuite.platform.events.Topics;

/** {@code crm.opportunity.stage-changed.v1}: a deal moved between stages (also sent when it is won or lost, before the won or lost event). Amounts are decimal strings ("1200.00") with an ISO 4217 currency. */
public record OpportunityStageChanged(UUID opportunityId, UUID customerId, String fromStage, String toStage, int probability, String amount, String currency, LocalDate expectedCloseDate, String ownerId, String department, long version, String changedBy, Instant changedAt) implements IntegrationEvent {

    @Override
    public String eventType() {
        return "crm.opportunity.stage-changed.v1";
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
