package org.crmsuite.customer.events;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.crmsuite.platform.events.IntegrationEvent;
import org.crmsuite.platform.events.Topics;

/** {@code crm.customer.created.v1}: a new customer record exists. Carries what consumers keep in their snapshots and what ERP and
 * finance need to open the account without calling back (issue 8): registered address, the company's channels, USCC. */
public record CustomerCreated(UUID customerId, String code, String legalName, String shortName, String uscc,
                              String lifecycleStage, String valueTier, String status, String ownerId, String department,
                              Instant createdAt, Boolean foreignCompany, String industry, String size,
                              CustomerSnapshot.Address registeredAddress, String phone, String email, String website, UUID parentId,
                              List<String> tags) implements IntegrationEvent {

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
