package org.crmsuite.benchmark;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The benchmark's sizes and knobs, from system properties {@code crm.benchmark.*} (defaults: the sizes of issue 11).
 * Every size is configurable so that a quick run is possible.
 */
public record BenchmarkConfig(Path repository, Path stateFolder, Path reportFile, Path workFolder, Path keycloakZip,
                              int customers, int tickets, int opportunities, int yearEvents, int mergePairs,
                              int importChunk, int loadConcurrency, long loadBudgetSeconds,
                              int users, long mixSeconds, int erpRate, long freshnessIntervalMillis,
                              long ceilingSeconds, int postgresRows, int kafkaRecords, long profileSeconds,
                              Map<String, Integer> mix, String note, String serviceJvmOptions) {

    /** The department mix: request type and weight (override with crm.benchmark.mix=name=weight,...). */
    public static final Map<String, Integer> DEFAULT_MIX;

    static {
        Map<String, Integer> mix = new LinkedHashMap<>();
        mix.put("customer.search", 25);
        mix.put("customer.read", 15);
        mix.put("customer.update", 6);
        mix.put("opportunity.list", 10);
        mix.put("opportunity.update", 5);
        mix.put("ticket.queue", 15);
        mix.put("ticket.comment", 6);
        mix.put("dashboard.kpi", 8);
        mix.put("customer.360", 6);
        mix.put("customer.merge", 2);
        mix.put("sales.forecast", 2);
        DEFAULT_MIX = Map.copyOf(mix);
        ORDER = mix;
    }

    private static final Map<String, Integer> ORDER;

    public static BenchmarkConfig fromSystemProperties() {
        Path repository = Path.of(System.getProperty("crm.benchmark.repo", findRepository(Path.of("").toAbsolutePath()).toString()));
        Path module = findRepository(Path.of("").toAbsolutePath()).resolve("suite-benchmark");
        Path reportDir = Path.of(System.getProperty("crm.benchmark.report-dir", module.resolveSibling("docs/benchmarks").toString()));
        Path work = Path.of(System.getProperty("crm.benchmark.work", module.resolve("target/suite-benchmark").toString()));
        String keycloak = System.getProperty("crm.benchmark.keycloak-zip", "");
        Map<String, Integer> mix = System.getProperty("crm.benchmark.mix") == null ? ORDER
                : MixScheduler.parseWeights(System.getProperty("crm.benchmark.mix"));
        return new BenchmarkConfig(repository.toAbsolutePath().normalize(),
                work.resolve("stack-state-" + System.currentTimeMillis()), reportDir.resolve("suite.md"), work,
                keycloak.isBlank() ? null : Path.of(keycloak),
                integer("customers", 1_000_000), integer("tickets", 200_000), integer("opportunities", 100_000),
                integer("year-events", 500_000), integer("merge-pairs", 200),
                integer("import-chunk", 5_000), integer("load-concurrency", 8), longValue("load-budget-seconds", 0),
                integer("users", 16), longValue("mix-seconds", 600), integer("erp-rate", 500), longValue("freshness-interval-millis", 1_000),
                longValue("ceiling-seconds", 20), integer("postgres-rows", 200_000), integer("kafka-records", 200_000),
                longValue("profile-seconds", 30), mix, System.getProperty("crm.benchmark.note", ""),
                System.getProperty("crm.benchmark.service-jvm-options", ""));
    }

    /** The nearest folder upwards that holds local-stack/pom.xml (the repository root). */
    public static Path findRepository(Path from) {
        for (Path dir = from.toAbsolutePath().normalize(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("local-stack").resolve("pom.xml"))) {
                return dir;
            }
        }
        throw new IllegalArgumentException("cannot find the repository root above " + from + ": set -Dcrm.benchmark.repo=<folder>");
    }

    private static int integer(String name, int fallback) {
        return Integer.parseInt(System.getProperty("crm.benchmark." + name, String.valueOf(fallback)).replace("_", ""));
    }

    private static long longValue(String name, long fallback) {
        return Long.parseLong(System.getProperty("crm.benchmark." + name, String.valueOf(fallback)).replace("_", ""));
    }
}
