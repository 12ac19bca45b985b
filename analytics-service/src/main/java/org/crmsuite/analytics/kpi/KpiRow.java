package org.crmsuite.analytics.kpi;

import java.util.Map;

/** One group of a KPI (the dimension value, or "all") and its numbers, in a stable order. */
public record KpiRow(String group, Map<String, Object> values) {
}
