package org.crmsuite.sales.events;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

import org.crmsuite.platform.events.IntegrationEvent;
import org.crmsuite.platform.events.Topics;

/** {@code crm.campaign.launched.v1}: a planned campaign started. */
public record CampaignLaunched(UUID campaignId, String name, String channel, String targetSegment, String budget, String currency,
                               LocalDate startDate, LocalDate endDate, String ownerId, String department, String launchedBy,
                               Instant launchedAt) implements IntegrationEvent {

    @Override
    public String eventType() {
        return "crm.campaign.launched.v1";
    }

    @Override
    public String aggregateId() {
        return campaignId.toString();
    }

    @Override
    public String topic() {
        return Topics.SALES;
    }
}
