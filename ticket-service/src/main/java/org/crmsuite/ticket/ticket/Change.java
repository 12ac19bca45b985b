package org.crmsuite.ticket.ticket;

import java.time.Instant;

/** One line of the ticket's history: who changed which field from what to what, and when. */
public record Change(Instant at, String by, String field, String from, String to) {
}
