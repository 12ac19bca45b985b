package org.crmsuite.analytics.kpi;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;

/** Median, nearest-rank percentiles and rounding, as the KPI definitions document them. */
public final class Stats {

    /** The middle value; the mean of the two middle values for an even count; null when empty. */
    public static Double median(List<Double> values) {
        if (values.isEmpty()) {
            return null;
        }
        double[] sorted = sorted(values);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    /** Nearest rank: the smallest value with at least p % of the values at or below it; null when empty. */
    public static Double percentile(List<Double> values, int p) {
        if (values.isEmpty()) {
            return null;
        }
        double[] sorted = sorted(values);
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(0, rank - 1)];
    }

    /** Unboxed and sorted (the same total order as {@link Double#compareTo}): much cheaper than sorting the boxes. */
    private static double[] sorted(List<Double> values) {
        double[] sorted = new double[values.size()];
        for (int i = 0; i < sorted.length; i++) {
            sorted[i] = values.get(i);
        }
        java.util.Arrays.sort(sorted);
        return sorted;
    }

    public static Double average(List<Double> values) {
        return values.isEmpty() ? null : round(values.stream().mapToDouble(Double::doubleValue).sum() / values.size());
    }

    /** A share 0..1 rounded to 4 places; null when nothing to divide by. */
    public static Double ratio(long part, long whole) {
        return whole == 0 ? null : round((double) part / whole);
    }

    public static Double round(Double value) {
        return value == null ? null : BigDecimal.valueOf(value).setScale(4, RoundingMode.HALF_UP).doubleValue();
    }

    public static BigDecimal money(BigDecimal value) {
        return value.setScale(2, RoundingMode.HALF_UP);
    }

    private Stats() {
    }
}
