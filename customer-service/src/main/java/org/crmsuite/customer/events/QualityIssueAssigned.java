package org.crmsuite.customer.events;

import java.time.Instant;
import java.util.UUID;

import org.crmsuite.platform.events.IntegrationEvent;
import org.crmsuite.platform.events.Topics;

/**
 * {@code crm.customer.quality-issue-assigned.v1}: a data-quality issue of a customer was assigned (or reassigned, same
 * issueId) to a steward; notification-service tells the assignee. Score and department are the record's at assignment.
 */
public record QualityIssueAssigned(UUID issueId, UUID customerId, String customerCode, String kind, String field, Integer score,
                                   String department, String assignee, String assignedBy, Instant assignedAt, Instant dueAt,
                                   String note) implements IntegrationEvent {

    @Override
    public String eventType() {
        return "crm.customer.quality-issue-assigned.v1";
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
