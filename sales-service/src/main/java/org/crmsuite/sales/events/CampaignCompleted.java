package org.crmsuite.sales.events;

import java.time.Instant;
import java.util.UUID;

import org.crmsuite.platform.events.IntegrationEvent;
import org.crmsuite.platform.events.Topics;

/** {@code crm.campaign.completed.v1}: a campaign ended, with its final cost and reach. */
public record CampaignCompleted(UUID campaignId, String name, String budget, String actualCost, String currency, int memberCount,
                                int responseCount, String ownerId, String department, String completedBy, Instant completedAt)
        implements IntegrationEvent {

    @Override
    public String eventType() {
        return "crm.campaign.completed.v1";
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
