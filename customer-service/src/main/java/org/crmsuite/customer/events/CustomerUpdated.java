package org.crmsuite.customer.events;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.crmsuite.platform.events.IntegrationEvent;
import org.crmsuite.platform.events.Topics;

/** {@code crm.customer.updated.v1}: the editable facts of a customer changed; carries the names of the changed fields and their new values (a field cleared to null is listed in changedFields and absent from changes), and {@code current}: the customer's facts after the change. */
public record CustomerUpdated(UUID customerId, String code, long version, List<String> changedFields, Map<String, Object> changes, String updatedBy, Instant updatedAt,
                              CustomerSnapshot current) implements IntegrationEvent {

    /** Without the snapshot (changes that are not the customer's own facts, e.g. a group member re-parented by a merge). */
    public CustomerUpdated(UUID customerId, String code, long version, List<String> changedFields, Map<String, Object> changes, String updatedBy,
                           Instant updatedAt) {
        this(customerId, code, version, changedFields, changes, updatedBy, updatedAt, null);
    }

    @Override
    public String eventType() {
        return "crm.customer.updated.v1";
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
