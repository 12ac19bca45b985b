package org.crmsuite.ticket.satisfaction;

import java.time.Instant;

/**
 * A call back the queue's manager owes a customer who rated a complaint 1 or 2. Open until completed with the
 * outcome of the call ({@code completedAt} set).
 */
public record FollowUpTask(String kind, String assignee, String reason, Instant createdAt, Instant dueAt, Instant completedAt,
                           String completedBy, String outcome) {

    public enum Status { OPEN, DONE }

    public static FollowUpTask open(String kind, String assignee, String reason, Instant createdAt, Instant dueAt) {
        return new FollowUpTask(kind, assignee, reason, createdAt, dueAt, null, null, null);
    }

    public Status status() {
        return completedAt == null ? Status.OPEN : Status.DONE;
    }

    public FollowUpTask completed(String by, String outcomeOfTheCall, Instant at) {
        return new FollowUpTask(kind, assignee, reason, createdAt, dueAt, at, by, outcomeOfTheCall);
    }
}
