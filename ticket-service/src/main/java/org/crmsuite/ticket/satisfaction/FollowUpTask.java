package org.crmsuite.ticket.satisfaction;

import java.time.Instant;

/** A call back the queue's manager owes a customer who rated a complaint 1 or 2. */
public record FollowUpTask(String kind, String assignee, String reason, Instant createdAt, Instant dueAt) {
}
