package org.crmsuite.analytics.projection;

import java.time.Instant;

import org.crmsuite.analytics.event.AnalyticsEvent;

/** Told of every event the intake applied, and when its effect became visible (benchmarks, tests, extensions). */
@FunctionalInterface
public interface AppliedEvents {

    void applied(AnalyticsEvent event, Instant visibleAt);
}
