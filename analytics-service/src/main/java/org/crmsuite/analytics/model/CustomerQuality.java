package org.crmsuite.analytics.model;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The data-quality scores customer-service announced for one customer ({@code crm.customer.quality-scored.v1}),
 * oldest first, so the score at any past instant can be read back: the KPI needs "the latest score at or before the
 * period's end", not only today's. Carries no personal data (scores, departments, issue counts).
 */
public record CustomerQuality(String customerId, List<Score> scores) {

    /**
     * One announced score.
     *
     * @param department the customer's department when scored (as the event says)
     * @param issues     open issues by dimension (COMPLETENESS, VALIDITY, TIMELINESS, CONSISTENCY), sorted by name
     */
    public record Score(Instant scoredAt, int score, String department, String ownerId, Map<String, Integer> issues) {
    }

    /** The latest score strictly before {@code end} (a period's exclusive end), or null. */
    public Score at(Instant end) {
        Score latest = null;
        for (Score s : scores) {
            if (s.scoredAt().isBefore(end)) {
                latest = s; // scores are sorted by scoredAt
            }
        }
        return latest;
    }
}
