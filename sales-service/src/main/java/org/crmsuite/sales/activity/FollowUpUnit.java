package org.crmsuite.sales.activity;

import java.time.ZonedDateTime;

/** The unit of a follow-up plan's rhythm: every N days or every N weeks. */
public enum FollowUpUnit {
    DAYS, WEEKS;

    /** The due time {@code every} units after {@code from}, on the calendar of from's zone. */
    public ZonedDateTime after(ZonedDateTime from, int every) {
        return this == DAYS ? from.plusDays(every) : from.plusWeeks(every);
    }
}
