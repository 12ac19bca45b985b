package org.crmsuite.ticket.ticket;

import java.time.Instant;

/** Who does something to a ticket and when: every command needs both for the history and the events. */
public record Actor(String id, Instant at) {
}
