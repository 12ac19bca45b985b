package org.crmsuite.customer.events;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.crmsuite.platform.events.IntegrationEvent;
import org.crmsuite.platform.events.Topics;

/**
 * {@code crm.customer.erased.v1}: a customer's identifying data (and its contacts') was erased on request; every
 * service erases its copies of names, codes and contact data and keeps only the id for its statistics.
 */
public record CustomerErased(UUID customerId, String code, List<UUID> erasedContactIds, String erasedBy, Instant erasedAt)
        implements IntegrationEvent {

    @Override
    public String eventType() {
        return "crm.customer.erased.v1";
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
