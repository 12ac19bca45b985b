package org.crmsuite.benchmark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

class MixSchedulerTest {

    @Test
    void picksEachTypeInProportionToItsWeight() {
        Map<String, Integer> weights = new LinkedHashMap<>();
        weights.put("search", 60);
        weights.put("update", 30);
        weights.put("merge", 10);
        MixScheduler<String> scheduler = new MixScheduler<>(weights);
        SplittableRandom random = new SplittableRandom(7);
        Map<String, Integer> counts = new HashMap<>();
        int draws = 100_000;
        for (int i = 0; i < draws; i++) {
            counts.merge(scheduler.next(random), 1, Integer::sum);
        }
        assertThat(counts.get("search") / (double) draws).isCloseTo(0.6, within(0.01));
        assertThat(counts.get("update") / (double) draws).isCloseTo(0.3, within(0.01));
        assertThat(counts.get("merge") / (double) draws).isCloseTo(0.1, within(0.01));
    }

    @Test
    void aZeroWeightIsNeverPicked() {
        MixScheduler<String> scheduler = new MixScheduler<>(new LinkedHashMap<>(Map.of("a", 0, "b", 5)));
        SplittableRandom random = new SplittableRandom(1);
        for (int i = 0; i < 10_000; i++) {
            assertThat(scheduler.next(random)).isEqualTo("b");
        }
    }

    @Test
    void sharesAddUpToOne() {
        MixScheduler<String> scheduler = new MixScheduler<>(BenchmarkConfig.DEFAULT_MIX);
        assertThat(scheduler.shares().values().stream().mapToDouble(Double::doubleValue).sum()).isCloseTo(1.0, within(1e-9));
    }

    @Test
    void theDefaultMixNamesOnlyKnownRequestTypes() {
        assertThat(Mix.WHO).containsKeys(BenchmarkConfig.DEFAULT_MIX.keySet().toArray(String[]::new));
        assertThat(Mix.SERVICE).containsKeys(BenchmarkConfig.DEFAULT_MIX.keySet().toArray(String[]::new));
    }

    @Test
    void parsesAWeightOverride() {
        assertThat(MixScheduler.parseWeights("customer.search=5, ticket.queue=3,")).containsExactly(
                Map.entry("customer.search", 5), Map.entry("ticket.queue", 3));
        assertThatThrownBy(() -> MixScheduler.parseWeights("search")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void refusesAnEmptyOrAllZeroMix() {
        assertThatThrownBy(() -> new MixScheduler<>(Map.of())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new MixScheduler<>(Map.of("a", 0))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new MixScheduler<>(Map.of("a", -1))).isInstanceOf(IllegalArgumentException.class);
    }
}
