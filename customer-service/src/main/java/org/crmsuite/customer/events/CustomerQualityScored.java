package org.crmsuite.customer.events;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.crmsuite.platform.events.IntegrationEvent;
import org.crmsuite.platform.events.Topics;

/**
 * {@code crm.customer.quality-scored.v1}: the customer's data-quality score differs from the last one announced
 * ({@code previousScore}, null on the first). No personal data: the issues name fields, never their values.
 */
public record CustomerQualityScored(UUID customerId, String code, String department, String ownerId, int score, Integer previousScore,
                                    int completeness, int validity, int timeliness, int consistency, List<Issue> issues,
                                    Instant scoredAt) implements IntegrationEvent {

    public record Issue(String dimension, String field, String issue) {
    }

    @Override
    public String eventType() {
        return "crm.customer.quality-scored.v1";
    }

    @Override
    public String aggregateId() {
        return customerId.toString();
    }

    @Override
    public String topic() {
        return Topics.CUSTOMER;
    }
}
