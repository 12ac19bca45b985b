package org.crmsuite.analytics.event;

import java.util.Comparator;
import java.util.List;

/**
 * The one order in which an aggregate's history is folded, whatever order the events arrived in: by {@code ce_time},
 * then by lifecycle (a ticket's "opened" before its "assigned" in the same millisecond), then by the position in its
 * partition (an aggregate's events share one), then by id. Folding a sorted, de-duplicated history makes every read
 * model independent of arrival order and redelivery.
 */
public final class EventOrder {

    public static final Comparator<AnalyticsEvent> ORDER = Comparator
            .comparing(AnalyticsEvent::time)
            .thenComparingInt(EventOrder::rank)
            .thenComparing(AnalyticsEvent::topic)
            .thenComparingInt(AnalyticsEvent::partition)
            .thenComparingLong(AnalyticsEvent::offset)
            .thenComparing(AnalyticsEvent::id);

    /** De-duplicated by id, in {@link #ORDER}. */
    public static List<AnalyticsEvent> sorted(List<AnalyticsEvent> events) {
        return events.stream()
                .collect(java.util.stream.Collectors.toMap(AnalyticsEvent::id, e -> e, (a, b) -> a, java.util.LinkedHashMap::new))
                .values().stream().sorted(ORDER).toList();
    }

    static int rank(AnalyticsEvent event) {
        String type = event.type();
        if (type.endsWith(".created.v1") || type.endsWith(".opened.v1") || type.endsWith(".launched.v1")
                || type.endsWith(".placed.v1") || type.endsWith(".issued.v1")) {
            return 0;
        }
        if (type.endsWith(".resolved.v1") || type.endsWith(".won.v1") || type.endsWith(".lost.v1")
                || type.endsWith(".converted.v1") || type.endsWith(".completed.v1") || type.endsWith(".paid.v1")) {
            return 2;
        }
        if (type.endsWith(".closed.v1") || type.endsWith(".satisfaction-rated.v1")) {
            return 3;
        }
        return 1;
    }

    private EventOrder() {
    }
}
