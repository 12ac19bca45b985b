package org.crmsuite.customer.events;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.crmsuite.platform.events.IntegrationEvent;
import org.crmsuite.platform.events.Topics;

/**
 * {@code crm.customer.merged.v1}: the loser was a duplicate of the survivor; every service re-points its references
 * from loserId to survivorId. Keyed by the loser, so it follows the loser's earlier events in order. The survivor's
 * new facts come in its own crm.customer.updated.v1.
 */
public record CustomerMerged(UUID mergeId, UUID loserId, String loserCode, UUID survivorId, String survivorCode,
                             List<UUID> movedContactIds, String mergedBy, Instant mergedAt, Instant undoableUntil)
        implements IntegrationEvent {

    @Override
    public String eventType() {
        return "crm.customer.merged.v1";
    }

    @Override
    public String aggregateId() {
        return loserId.toString();
    }

    @Override
    public String topic() {
        return Topics.CUSTOMER;
    }
}
