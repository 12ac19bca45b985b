package org.crmsuite.customer.events;

import java.time.Instant;
import java.util.UUID;

import org.crmsuite.platform.events.IntegrationEvent;
import org.crmsuite.platform.events.Topics;

/**
 * {@code crm.contact.erased.v1}: a person's data was erased on their request (PIPL / GDPR); consumers erase their copies too. Keyed by the customer, so a customer's contact events stay in order with its own.
 */
public record ContactErased(UUID customerId, UUID contactId, String erasedBy, Instant erasedAt) implements IntegrationEvent {

    @Override
    public String eventType() {
        return "crm.contact.erased.v1";
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
