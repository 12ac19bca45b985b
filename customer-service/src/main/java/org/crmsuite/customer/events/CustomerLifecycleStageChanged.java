package org.crmsuite.customer.events;

import java.time.Instant;
import java.util.UUID;

import org.crmsuite.platform.events.IntegrationEvent;
import org.crmsuite.platform.events.Topics;

/** {@code crm.customer.lifecycle-stage-changed.v1}: the relationship moved to another stage (prospect, onboarding, active, at risk, churned). */
public record CustomerLifecycleStageChanged(UUID customerId, String code, long version, String fromStage, String toStage, String reason, String changedBy, Instant changedAt) implements IntegrationEvent {

    @Override
    public String eventType() {
        return "crm.customer.lifecycle-stage-changed.v1";
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
