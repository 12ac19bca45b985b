package org.crmsuite.ticket.ticket;

import java.time.Instant;

/**
 * A comment on a ticket. Public comments are seen by the customer (and published as events); internal ones stay
 * with the service team.
 */
public record Comment(String id, String body, boolean internal, String author, Instant at) {

    /** Long enough for a pasted log excerpt, short enough that a ticket stays far below MongoDB's 16 MB document. */
    public static final int MAX_LENGTH = 10_000;
}
