package org.crmsuite.customer.events;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.crmsuite.platform.events.IntegrationEvent;
import org.crmsuite.platform.events.Topics;

/**
 * {@code crm.customer.merge-undone.v1}: a merge was undone within its window; the loser is a customer of its own
 * again. Services that re-pointed references on crm.customer.merged.v1 may keep them on the survivor or move back
 * those they can tell apart (movedContactIds went back to the loser). Keyed by the loser, like the merge.
 */
public record CustomerMergeUndone(UUID mergeId, UUID loserId, String loserCode, UUID survivorId, String survivorCode,
                                  List<UUID> movedContactIds, String undoneBy, Instant undoneAt) implements IntegrationEvent {

    @Override
    public String eventType() {
        return "crm.customer.merge-undone.v1";
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
