package org.crmsuite.ticket.sla;

import java.time.Duration;

/** Targets for one priority and (optionally) one customer tier, counted in business time. */
public record SlaPolicy(String name, Duration firstResponse, Duration resolution) {
}
