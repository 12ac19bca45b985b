package org.crmsuite.analytics.model;

import java.math.BigDecimal;
import java.time.Instant;

/** A campaign's cost and response, from launched and completed. */
public record CampaignFact(String campaignId, String name, String channel, String ownerId, String department,
                           BigDecimal budget, BigDecimal actualCost, String currency, Integer memberCount,
                           Integer responseCount, Instant launchedAt, Instant completedAt) {
}
