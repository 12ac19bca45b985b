package org.crmsuite.analytics.kpi;

import java.util.List;

/**
 * One KPI: its name in the API, what it measures, the formula and the events that feed it (the documentation is
 * generated from these), the dimensions it can be broken down by, and the computation.
 */
public record KpiDefinition(String name, String area, String title, String formula, List<String> feedingEvents,
                            List<Dimension> dimensions, Computation computation) {

    @FunctionalInterface
    public interface Computation {
        List<KpiRow> compute(Facts facts, Period period, Dimension by, KpiSettings settings);
    }
}
