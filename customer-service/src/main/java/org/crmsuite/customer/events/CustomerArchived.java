package org.crmsuite.customer.events;

import java.time.Instant;
import java.util.UUID;

import org.crmsuite.platform.events.IntegrationEvent;
import org.crmsuite.platform.events.Topics;

/** {@code crm.customer.archived.v1}: the customer is no longer worked; its record stays, so references from tickets and deals keep resolving. */
public record CustomerArchived(UUID customerId, String code, long version, String reason, String archivedBy, Instant archivedAt) implements IntegrationEvent {

    @Override
    public String eventType() {
        return "crm.customer.archived.v1";
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
