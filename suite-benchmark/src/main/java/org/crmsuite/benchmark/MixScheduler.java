package org.crmsuite.benchmark;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;

/**
 * Picks the next request type of the department mix by weight: a type of weight 30 in a mix summing to 100 is picked
 * 30 % of the time. Thread-safe when each caller passes its own random generator.
 *
 * @param <T> what is scheduled (a request type)
 */
public final class MixScheduler<T> {

    private final List<T> items = new ArrayList<>();
    private final int[] cumulative;
    private final int total;

    public MixScheduler(Map<T, Integer> weights) {
        if (weights.isEmpty()) {
            throw new IllegalArgumentException("the mix is empty");
        }
        cumulative = new int[weights.size()];
        int sum = 0;
        int i = 0;
        for (Map.Entry<T, Integer> entry : weights.entrySet()) {
            if (entry.getValue() < 0) {
                throw new IllegalArgumentException("negative weight for " + entry.getKey());
            }
            sum += entry.getValue();
            items.add(entry.getKey());
            cumulative[i++] = sum;
        }
        if (sum == 0) {
            throw new IllegalArgumentException("every weight is 0");
        }
        total = sum;
    }

    public T next(RandomGenerator random) {
        int draw = random.nextInt(total);
        for (int i = 0; i < cumulative.length; i++) {
            if (draw < cumulative[i]) {
                return items.get(i);
            }
        }
        throw new IllegalStateException("unreachable");
    }

    /** Each item's share of the mix (0 to 1), in the order given. */
    public Map<T, Double> shares() {
        Map<T, Double> shares = new LinkedHashMap<>();
        int previous = 0;
        for (int i = 0; i < items.size(); i++) {
            shares.put(items.get(i), (double) (cumulative[i] - previous) / total);
            previous = cumulative[i];
        }
        return shares;
    }

    /** Parses {@code name=weight,name=weight} (used to override the mix from a system property). */
    public static Map<String, Integer> parseWeights(String text) {
        Map<String, Integer> weights = new LinkedHashMap<>();
        for (String part : text.split(",")) {
            String trimmed = part.trim();
            if (trimmed.isEmpty()) {
                continue;
            }
            int eq = trimmed.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("expected name=weight, got '" + trimmed + "'");
            }
            weights.put(trimmed.substring(0, eq).trim(), Integer.parseInt(trimmed.substring(eq + 1).trim()));
        }
        return weights;
    }
}
