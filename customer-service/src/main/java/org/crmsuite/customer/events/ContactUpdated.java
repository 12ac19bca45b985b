package org.crmsuite.customer.events;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.crmsuite.platform.events.IntegrationEvent;
import org.crmsuite.platform.events.Topics;

/**
 * {@code crm.contact.updated.v1}: a contact changed; names every changed field, with new values only for fields that are not personal data. Keyed by the customer, so a customer's contact events stay in order with its own.
 */
public record ContactUpdated(UUID customerId, UUID contactId, long version, List<String> changedFields, Map<String, Object> changes, String updatedBy, Instant updatedAt) implements IntegrationEvent {

    @Override
    public String eventType() {
        return "crm.contact.updated.v1";
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
