package org.crmsuite.analytics.projection;

import java.time.Instant;

import org.crmsuite.analytics.event.AnalyticsEvent;

/** Told of every event the intake applied, and when its effect became visible (benchmarks, tests, extensions). */
@FunctionalInterface
public interface AppliedEvents {

    /** The event's effect on the KPI facts (and every read model but the customer 360) is visible from {@code visibleAt}. */
    void applied(AnalyticsEvent event, Instant visibleAt);

    /** The event's effect on the customer 360s it touches is visible from {@code visibleAt}. */
    default void visibleIn360(AnalyticsEvent event, Instant visibleAt) {
    }
}
