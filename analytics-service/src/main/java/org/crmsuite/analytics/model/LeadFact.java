package org.crmsuite.analytics.model;

import java.time.Instant;

/** A lead's way through qualification. */
public record LeadFact(String leadId, String company, String source, String campaignId, String ownerId, String department,
                       String status, Instant createdAt, Instant qualifiedAt, Instant convertedAt, Instant disqualifiedAt,
                       String customerId) {
}
