package org.crmsuite.customer.events;

import java.time.Instant;
import java.util.UUID;

import org.crmsuite.platform.events.IntegrationEvent;
import org.crmsuite.platform.events.Topics;

/** {@code crm.customer.created.v1}: a new customer record exists. Carries what consumers keep in their snapshots. */
public record CustomerCreated(UUID customerId, String code, String legalName, String shortName, String uscc,
                              String lifecycleStage, String valueTier, String status, String ownerId, String department,
                              Instant createdAt) implements IntegrationEvent {

    @Override
    public String eventType() {
        return "crm.customer.created.v1";
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
