package org.crmsuite.sales.events;

import java.time.Instant;
import java.util.UUID;

import org.crmsuite.platform.events.IntegrationEvent;
import org.crmsuite.platform.events.Topics;

/** {@code crm.activity.due.v1}: the reminder time of a planned activity came; published once per activity. */
public record ActivityDue(UUID activityId, String type, String subject, Instant dueAt, Instant remindAt, UUID leadId, UUID opportunityId,
                          UUID customerId, String ownerId, String department) implements IntegrationEvent {

    @Override
    public String eventType() {
        return "crm.activity.due.v1";
    }

    @Override
    public String aggregateId() {
        return activityId.toString();
    }

    @Override
    public String topic() {
        return Topics.SALES;
    }
}
