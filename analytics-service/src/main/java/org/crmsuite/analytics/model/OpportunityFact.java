package org.crmsuite.analytics.model;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** An opportunity as the sales KPIs need it; {@code stagePath} lists the stages it passed, in order. */
public record OpportunityFact(String opportunityId, String name, String customerId, String ownerId, String department,
                              String campaignId, BigDecimal amount, String currency, int probability, String stage,
                              List<String> stagePath, String outcome, Instant createdAt, Instant closedAt,
                              LocalDate expectedCloseDate) {

    public static final String OPEN = "OPEN";
    public static final String WON = "WON";
    public static final String LOST = "LOST";

    /** Open at the instant: created before it and not closed by then. */
    public boolean openAt(Instant instant) {
        return createdAt != null && createdAt.isBefore(instant) && (closedAt == null || closedAt.isAfter(instant) || OPEN.equals(outcome));
    }
}
