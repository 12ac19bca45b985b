package org.crmsuite.customer.events;

import java.time.Instant;
import java.util.UUID;

import org.crmsuite.platform.events.IntegrationEvent;
import org.crmsuite.platform.events.Topics;

/**
 * {@code crm.contact.added.v1}: a person at a customer was added. Personal data (name, phones, email) stays out of events: Kafka keeps what it is given, and erasure must be able to reach every copy; consumers that need it read the API, masked by role. Keyed by the customer, so a customer's contact events stay in order with its own.
 */
public record ContactAdded(UUID customerId, UUID contactId, long version, String title, String preferredChannel, boolean primary, String addedBy, Instant addedAt) implements IntegrationEvent {

    @Override
    public String eventType() {
        return "crm.contact.added.v1";
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
