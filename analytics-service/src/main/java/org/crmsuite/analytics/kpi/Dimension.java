package org.crmsuite.analytics.kpi;

import java.util.Arrays;
import java.util.Optional;

/** What a KPI can be broken down by ({@code ?by=}); each KPI lists the ones that make sense for it. */
public enum Dimension {
    NONE("none"), QUEUE("queue"), AGENT("agent"), PRIORITY("priority"), TYPE("type"), CHANNEL("channel"),
    OWNER("owner"), DEPARTMENT("department"), SOURCE("source"), CAMPAIGN("campaign"), TIER("tier"), MONTH("month");

    private final String param;

    Dimension(String param) {
        this.param = param;
    }

    public String param() {
        return param;
    }

    public static Optional<Dimension> of(String param) {
        if (param == null || param.isBlank()) {
            return Optional.of(NONE);
        }
        return Arrays.stream(values()).filter(d -> d.param.equals(param)).findFirst();
    }
}
