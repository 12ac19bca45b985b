package org.crmsuite.ticket.satisfaction;

import java.time.Instant;

/** The customer's answer: CSAT 1-5, optional NPS 0-10, optional comment. */
public record Satisfaction(int csat, Integer nps, String comment, Instant ratedAt) {
}
