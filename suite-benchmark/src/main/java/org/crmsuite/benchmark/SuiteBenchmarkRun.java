package org.crmsuite.benchmark;

import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.apache.kafka.clients.admin.Admin;

import org.crmsuite.benchmark.ReportWriter.RequestRow;
import org.crmsuite.benchmark.ReportWriter.Verdict;

/**
 * The whole run: start the stack, measure the ceilings, load the data, drive the mix, profile the slowest path, write
 * the report, stop the stack. A phase that fails is reported and the run goes on with what it has; the stack is
 * always stopped.
 */
public final class SuiteBenchmarkRun {

    private final BenchmarkConfig config;
    private final PrintStream log;
    private final List<String> notes = new ArrayList<>();
    private final Api api = new Api();

    public SuiteBenchmarkRun(BenchmarkConfig config, PrintStream log) {
        this.config = config;
        this.log = log;
    }

    public static void main(String[] args) throws Exception {
        new SuiteBenchmarkRun(BenchmarkConfig.fromSystemProperties(), System.out).run();
    }

    public Path run() throws Exception {
        Instant started = Instant.now();
        String loadBefore = loadAverage();
        Loader data = new Loader(config, api, log);
        Mix mix = new Mix(api, data, log);
        Mix quiet = new Mix(api, data, log);
        double[] mixWall = {0};
        List<Ceilings.Rate> ceilings = new ArrayList<>();
        Map<String, LatencyRecorder> directVsGateway = new LinkedHashMap<>();
        List<ProcStats.Sample> idle = List.of();
        List<ProcStats.Sample> beforeMix = List.of();
        List<ProcStats.Sample> afterMix = List.of();
        long lagBefore = -1;
        long lagAfter = -1;
        String profiled = null;
        JfrProfile.Summary profile = null;
        Duration startup = null;
        try (StackLauncher stack = new StackLauncher(config)) {
            log.println("Starting the local stack from " + config.repository() + " (state " + config.stateFolder() + ")");
            stack.start(Duration.ofMinutes(20));
            startup = stack.startupTime();
            log.println("Stack ready in " + startup.toSeconds() + " s");
            Map<String, List<Long>> parts = ProcStats.parts(stack.launcherProcess().orElseThrow(), config.stateFolder());
            Thread.sleep(15_000); // let the JVMs settle before reading their idle memory
            idle = ProcStats.sample(parts);
            for (String user : List.of("rep", "agent", "sales.manager", "service.manager", "steward")) {
                api.token(user);
            }

            phase("PostgreSQL ceiling", () -> ceilings.addAll(Ceilings.postgres(config.postgresRows())));
            phase("Kafka ceiling", () -> ceilings.add(Ceilings.kafka(config.kafkaRecords())));

            phase("freshness on a quiet stack", () -> quiet.probeOnly(20, 500));
            phase("customers", data::customers);
            phase("customer id pool", () -> data.collectCustomerIds(5_000));
            log.println("Customer pool: " + data.customerIds.size());
            phase("merge pairs", data::mergePairs);
            phase("tickets", data::tickets);
            phase("opportunities", data::opportunities);
            phase("a year of events", data::yearOfEvents);

            phase("direct vs gateway", () -> {
                if (data.customerIds.isEmpty()) {
                    throw new IllegalStateException("no customers loaded");
                }
                var random = new java.util.SplittableRandom(5);
                directVsGateway.put("direct to customer-service :8081", Ceilings.closedLoop(config.users(), config.ceilingSeconds(),
                        () -> api.get("rep", "http://127.0.0.1:8081", "/api/v1/customers/" + data.customerIds.get(random.split().nextInt(data.customerIds.size())))));
                directVsGateway.put("through the gateway :8080", Ceilings.closedLoop(config.users(), config.ceilingSeconds(),
                        () -> api.get("rep", StackLauncher.GATEWAY, "/api/v1/customers/" + data.customerIds.get(random.split().nextInt(data.customerIds.size())))));
            });

            try (Admin admin = Kafka.admin()) {
                lagBefore = Kafka.lag(admin, Kafka.ANALYTICS_GROUP, Kafka.ANALYTICS_TOPICS);
                beforeMix = ProcStats.sample(parts);
                long mixBegin = System.nanoTime();
                log.println("Department mix: " + config.users() + " users for " + config.mixSeconds() + " s, ERP " + config.erpRate() + " orders/s");
                phase("department mix", () -> mix.run(config.mix(), config.users(), config.mixSeconds(), config.erpRate(), config.freshnessIntervalMillis()));
                afterMix = ProcStats.sample(parts);
                mixWall[0] = (System.nanoTime() - mixBegin) / 1e9;
                lagAfter = Kafka.lag(admin, Kafka.ANALYTICS_GROUP, Kafka.ANALYTICS_TOPICS);
            }

            Optional<Map.Entry<String, LatencyRecorder>> slowest = mix.recorders.entrySet().stream()
                    .filter(entry -> entry.getValue().count() >= 5 && Mix.SERVICE.containsKey(entry.getKey()))
                    .max(Comparator.comparingLong(entry -> entry.getValue().percentileMicros(95)));
            if (slowest.isPresent() && config.profileSeconds() > 0) {
                profiled = slowest.get().getKey();
                String service = Mix.SERVICE.get(profiled);
                List<Long> pids = parts.get(service);
                String type = profiled;
                JfrProfile.Summary[] result = new JfrProfile.Summary[1];
                phase("JFR profile of " + type, () -> {
                    long pid = pids.getFirst();
                    Path file = config.workFolder().resolve("profile-" + service + ".jfr").toAbsolutePath();
                    JfrProfile.start(pid, file);
                    mix.runOnly(type, Math.max(2, config.users() / 2), config.profileSeconds());
                    JfrProfile.stop(pid, file);
                    result[0] = JfrProfile.summarise(JfrProfile.printSamples(file), 12);
                    log.println("JFR recording: " + file);
                });
                profile = result[0];
            }
            phase("delivery check", () -> delivery.addAll(DeliveryCheck.run(Duration.ofSeconds(120))));
        } catch (Exception e) {
            notes.add("The run stopped early: " + e);
            e.printStackTrace(log);
        }
        this.quietFreshness = quiet.freshness;
        this.mixWallSeconds = mixWall[0];
        Path report = write(started, loadBefore, startup, data, mix, ceilings, directVsGateway, idle, beforeMix, afterMix, lagBefore, lagAfter,
                profiled, profile);
        log.println("Report: " + report);
        return report;
    }

    private LatencyRecorder quietFreshness = new LatencyRecorder();
    private final List<DeliveryCheck.Result> delivery = new ArrayList<>();
    private double mixWallSeconds;

    interface Step {
        void run() throws Exception;
    }

    private void phase(String name, Step step) {
        long begin = System.nanoTime();
        log.println("== " + name);
        try {
            step.run();
        } catch (Exception | AssertionError e) {
            notes.add("Phase '" + name + "' failed: " + e);
            log.println("   failed: " + e);
        }
        log.printf("   %s took %.0f s%n", name, (System.nanoTime() - begin) / 1e9);
    }

    private Path write(Instant started, String loadBefore, Duration startup, Loader data, Mix mix, List<Ceilings.Rate> ceilings,
                       Map<String, LatencyRecorder> directVsGateway, List<ProcStats.Sample> idle, List<ProcStats.Sample> beforeMix,
                       List<ProcStats.Sample> afterMix, long lagBefore, long lagAfter, String profiled, JfrProfile.Summary profile) throws Exception {
        ReportWriter md = new ReportWriter();
        md.heading(1, "Suite benchmark (issue 11)");
        md.paragraph("`flock /tmp/crm-stack.lock ./mvnw -B -Pbenchmark -pl suite-benchmark test -Dtest=SuiteBenchmark` "
                + "(sizes and knobs: `-Dcrm.benchmark.*`, see the README's \"Benchmarks\" section). Generated by `SuiteBenchmarkRun`.");
        if (!config.note().isBlank()) {
            md.paragraph("> **" + config.note() + "**");
        }
        md.bullets(List.of(
                "Run: " + started + ", " + ReportWriter.number(Duration.between(started, Instant.now()).toSeconds() / 60.0, 1) + " min in all; stack ready in "
                        + (startup == null ? "n/a" : startup.toSeconds() + " s"),
                "Machine: " + Runtime.getRuntime().availableProcessors() + " cores, " + memTotal() + " memory, " + System.getProperty("os.name") + " "
                        + System.getProperty("os.version") + "; load average before " + loadBefore + ", after " + loadAverage()
                        + " (a shared machine: other engineers' builds run on the same cores)",
                "JVM: " + System.getProperty("java.vm.name") + " " + System.getProperty("java.version") + "; load driver heap max "
                        + Runtime.getRuntime().maxMemory() / (1024 * 1024) + " MB (" + String.join(" ", ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                        .filter(arg -> arg.startsWith("-Xm") || arg.startsWith("-XX:+Use")).toList()) + "); the stack's applications run as the "
                        + "local stack starts them (-Xmx256m, analytics-service -Xmx640m, SerialGC, C1 only, exit on OutOfMemoryError"
                        + (config.serviceJvmOptions().isBlank() ? "" : ", then `" + config.serviceJvmOptions() + "`")
                        + "), the launcher JVM (Kafka, MongoDB wire server) with -Xmx512m",
                "Stack: the local-stack launcher jar of " + config.repository() + ", new state folder, no demo data, no ERP simulator; "
                        + "gateway rate limits lifted (a department is simulated with a handful of demo accounts); everything on one machine, "
                        + "the load driver included",
                "Load: " + config.users() + " closed-loop virtual users (no think time) for " + config.mixSeconds() + " s; ERP at "
                        + config.erpRate() + " orders/s; a freshness probe every " + config.freshnessIntervalMillis() + " ms"));

        md.heading(2, "Sizes");
        List<List<String>> sizes = new ArrayList<>();
        for (Loader.Phase phase : data.phases) {
            sizes.add(List.of(phase.name(), phase.how(), String.valueOf(phase.requested()), String.valueOf(phase.done()), String.valueOf(phase.failed()),
                    ReportWriter.number(phase.seconds(), 0), ReportWriter.number(phase.rate(), 1), phase.detail()));
        }
        md.table(List.of("data", "how", "asked", "reached", "failed", "s", "per s", "detail"), sizes);

        md.heading(2, "Ceilings (same machine, same run)");
        List<List<String>> ceilingRows = new ArrayList<>();
        for (Ceilings.Rate rate : ceilings) {
            ceilingRows.add(List.of(rate.what(), String.valueOf(rate.units()), ReportWriter.number(rate.seconds(), 1),
                    ReportWriter.number(rate.perSecond(), 0) + " " + rate.unit() + "/s"));
        }
        List<RequestRow> dvg = new ArrayList<>();
        directVsGateway.forEach((name, recorder) -> dvg.add(RequestRow.of("GET /api/v1/customers/{id} " + name, "rep", recorder, config.ceilingSeconds())));
        for (RequestRow row : dvg) {
            ceilingRows.add(List.of(row.name() + ", " + config.users() + " users", String.valueOf(row.requests()), ReportWriter.number(row.seconds(), 0),
                    ReportWriter.number(row.throughput(), 1) + " req/s (p95 " + ReportWriter.millis(row.p95Micros()) + " ms, errors "
                            + ReportWriter.percent(row.errorRate(), 1) + ")"));
        }
        md.table(List.of("ceiling", "units", "s", "rate"), ceilingRows);

        double copy = ceilings.stream().filter(r -> r.what().contains("COPY")).mapToDouble(Ceilings.Rate::perSecond).findFirst().orElse(0);
        double insert = ceilings.stream().filter(r -> r.what().contains("INSERT")).mapToDouble(Ceilings.Rate::perSecond).findFirst().orElse(0);
        double kafka = ceilings.stream().filter(r -> r.what().contains("Kafka")).mapToDouble(Ceilings.Rate::perSecond).findFirst().orElse(0);
        double direct = dvg.size() == 2 ? dvg.get(0).throughput() : 0;
        double gateway = dvg.size() == 2 ? dvg.get(1).throughput() : 0;
        double ticketsRate = data.phases.stream().filter(p -> p.name().equals("tickets")).mapToDouble(Loader.Phase::rate).findFirst().orElse(0);
        double oppRate = data.phases.stream().filter(p -> p.name().equals("opportunities")).mapToDouble(Loader.Phase::rate).findFirst().orElse(0);
        double ordersRate = data.phases.stream().filter(p -> p.name().startsWith("a year")).mapToDouble(Loader.Phase::rate).findFirst().orElse(0);
        double intake = data.phases.stream().filter(p -> p.name().startsWith("analytics")).mapToDouble(Loader.Phase::rate).findFirst().orElse(0);

        md.heading(2, "The suite's figures as a share of their ceilings");
        md.table(List.of("suite figure", "measured", "ceiling it is read against", "share"), List.of(
                List.of("customer CSV import (rows/s, wall clock)", ReportWriter.number(data.importRowsPerSecond, 1), "PostgreSQL COPY rows/s",
                        ReportWriter.shareOf(data.importRowsPerSecond, copy)),
                List.of("customer CSV import (rows/s)", ReportWriter.number(data.importRowsPerSecond, 1), "PostgreSQL batched INSERT rows/s",
                        ReportWriter.shareOf(data.importRowsPerSecond, insert)),
                List.of("opportunities created through the gateway (/s)", ReportWriter.number(oppRate, 1), "PostgreSQL batched INSERT rows/s",
                        ReportWriter.shareOf(oppRate, insert)),
                List.of("tickets created through the gateway (/s, MongoDB wire server)", ReportWriter.number(ticketsRate, 1), "PostgreSQL batched INSERT rows/s (no MongoDB ceiling measured)",
                        ReportWriter.shareOf(ticketsRate, insert)),
                List.of("ERP orders published (records/s)", ReportWriter.number(ordersRate, 0), "Kafka produce records/s", ReportWriter.shareOf(ordersRate, kafka)),
                List.of("analytics intake of the backlog (events/s)", ReportWriter.number(intake, 1), "Kafka produce records/s", ReportWriter.shareOf(intake, kafka)),
                List.of("GET customer through the gateway (req/s)", ReportWriter.number(gateway, 1), "the same read direct to customer-service",
                        ReportWriter.shareOf(gateway, direct))));

        md.heading(2, "Department mix through the gateway");
        List<RequestRow> rows = new ArrayList<>();
        for (String type : config.mix().keySet()) {
            LatencyRecorder recorder = mix.recorders.get(type);
            if (recorder != null) {
                rows.add(RequestRow.of(type, Mix.WHO.getOrDefault(type, ""), recorder, mix.seconds));
            }
        }
        RequestRow erpRow = RequestRow.of("erp.order.publish (Kafka ack)", Mix.WHO.get("erp.order.publish"), mix.erp, mix.seconds);
        rows.add(erpRow);
        md.requestTable(rows);
        long all = rows.stream().filter(r -> !r.name().startsWith("erp")).mapToLong(RequestRow::requests).sum();
        long errors = rows.stream().filter(r -> !r.name().startsWith("erp")).mapToLong(RequestRow::errors).sum();
        md.paragraph("HTTP in all: " + all + " requests, " + ReportWriter.number(all / Math.max(1, mix.seconds), 1) + " req/s, error rate "
                + ReportWriter.percent(all + errors == 0 ? 0 : (double) errors / (all + errors), 2) + ". ERP: " + mix.erpSent + " orders sent in "
                + ReportWriter.number(mix.seconds, 0) + " s (" + ReportWriter.number(mix.erpSent / Math.max(1, mix.seconds), 0) + "/s of " + config.erpRate()
                + " asked). Latency is measured by the driver from send to the last byte of the body (ms).");
        if (!mix.firstErrors.isEmpty()) {
            List<List<String>> errorRows = new ArrayList<>();
            mix.firstErrors.forEach((type, error) -> errorRows.add(List.of(type, error)));
            md.paragraph("First error seen per request type:");
            md.table(List.of("request", "first error"), errorRows);
        }
        Map<String, Double> throughputChart = new LinkedHashMap<>();
        Map<String, Double> p95Chart = new LinkedHashMap<>();
        for (RequestRow row : rows) {
            if (!row.name().startsWith("erp")) {
                throughputChart.put(row.name(), row.throughput());
                p95Chart.put(row.name(), row.p95Micros() / 1000.0);
            }
        }
        md.barChart("Throughput per request type (req/s)", throughputChart, "req/s", 40);
        md.barChart("p95 latency per request type (ms)", p95Chart, "ms", 40);

        md.heading(2, "Event freshness: commit to analytics");
        md.paragraph("A customer registered through the gateway every " + config.freshnessIntervalMillis() + " ms during the mix (commit = the 201 "
                + "received); analytics-service's 360 polled directly every 20 ms until it answers 200 for it: customer-service outbox → Kafka → "
                + "analytics intake → read model. Meanwhile the ERP published " + ReportWriter.number(mix.erpSent / Math.max(1, mix.seconds), 0)
                + " orders/s into the same intake.");
        md.table(List.of("when", "samples", "not seen in 120 s", "p50 ms", "p95 ms", "p99 ms", "max ms", "analytics lag (records)"), List.of(
                freshnessRow("quiet stack, before loading (20 probes, 2/s)", quietFreshness, "n/a"),
                freshnessRow("during the mix, ERP at " + config.erpRate() + "/s", mix.freshness, lagBefore + " at the start, " + lagAfter + " at the end")));

        md.heading(2, "CPU and memory per JVM");
        List<List<String>> procRows = new ArrayList<>();
        double totalCores = 0;
        for (int i = 0; i < idle.size(); i++) {
            ProcStats.Sample idleSample = idle.get(i);
            ProcStats.Sample before = i < beforeMix.size() ? beforeMix.get(i) : null;
            ProcStats.Sample after = i < afterMix.size() ? afterMix.get(i) : null;
            double cores = before == null || after == null ? 0 : ProcStats.coreShare(before, after, mixWallSeconds);
            totalCores += cores;
            procRows.add(List.of(idleSample.part(), idleSample.pids().size() <= 3 ? idleSample.pids().toString() : idleSample.pids().size() + " processes",
                    String.valueOf(idleSample.residentKiB() / 1024), after == null ? "" : String.valueOf(after.residentKiB() / 1024),
                    ReportWriter.percent(cores, 0)));
        }
        md.table(List.of("part", "pids", "RSS idle MB", "RSS after the mix MB", "CPU during the mix (100 % = one core)"), procRows);
        md.paragraph("CPU is averaged over the " + ReportWriter.number(mixWallSeconds, 0) + " s between the samples before and after the mix "
                + "(the mix itself plus the freshness probes' last polls).");
        md.paragraph("The stack used " + ReportWriter.percent(totalCores, 0) + " of one core on average during the mix, of the "
                + Runtime.getRuntime().availableProcessors() * 100 + " % the machine has; the rest went to the load driver and the other engineers' builds.");
        Map<String, Double> rssChart = new LinkedHashMap<>();
        idle.forEach(sample -> rssChart.put(sample.part().replaceAll(" \\(.*", ""), sample.residentKiB() / 1024.0));
        md.barChart("Resident memory, idle stack (MB; target: every JVM under 300)", rssChart, "MB", 40);

        md.heading(2, "Delivery: every event an outbox marked sent is in Kafka");
        if (delivery.isEmpty()) {
            md.paragraph("Not checked (the run stopped before the check).");
        } else {
            md.paragraph("After the run, each PostgreSQL service's outbox rows marked sent are looked up by their CloudEvents id on "
                    + "the topic the service publishes (read from the beginning). A missing id is an event lost between the relay and "
                    + "the broker. \"Waiting\" is rows not yet sent after up to 120 s for the relays to drain.");
            md.table(List.of("service", "topic", "marked sent", "waiting", "ids on Kafka", "missing"),
                    delivery.stream().map(DeliveryCheck::row).toList());
        }

        md.heading(2, "Targets");
        List<Verdict> verdicts = new ArrayList<>();
        LatencyRecorder search = mix.recorders.get("customer.search");
        int customersReached = data.phases.stream().filter(p -> p.name().equals("customers")).mapToInt(Loader.Phase::done).findFirst().orElse(0);
        if (search != null) {
            verdicts.add(ReportWriter.below("customer search p95 < 50 ms at 1,000,000 customers", "p95 at " + customersReached + " customers",
                    search.percentileMicros(95) / 1000.0, 50, "ms"));
        }
        if (direct > 0) {
            verdicts.add(ReportWriter.atLeast("gateway keeps 80 % of direct throughput", "gateway / direct in %", gateway / direct * 100, 80, "%"));
        }
        verdicts.add(ReportWriter.atLeast("import at 5,000 rows/s or more", "rows/s", data.importRowsPerSecond, 5_000, "rows/s"));
        if (mix.freshness.count() == 0 && mix.freshness.errors() > 0) {
            verdicts.add(new Verdict("event freshness p99 < 1 s at 500 events/s", "no probe seen within 120 s at "
                    + ReportWriter.number(mix.erpSent / Math.max(1, mix.seconds), 0) + " ERP events/s", false, "over by more than 119 s (> 120x the limit)"));
        }
        if (quietFreshness.count() > 0) {
            verdicts.add(ReportWriter.below("event freshness p99 < 1 s (quiet stack, for comparison)", "p99 ms",
                    quietFreshness.percentileMicros(99) / 1000.0, 1000, "ms"));
        }
        if (mix.freshness.count() > 0) {
            verdicts.add(ReportWriter.below("event freshness p99 < 1 s at 500 events/s", "p99 at " + ReportWriter.number(mix.erpSent / Math.max(1, mix.seconds), 0)
                    + " ERP events/s, ms", mix.freshness.percentileMicros(99) / 1000.0, 1000, "ms"));
        }
        if (!delivery.isEmpty()) {
            long missing = delivery.stream().mapToLong(result -> result.missing().size()).sum();
            long sent = delivery.stream().mapToLong(DeliveryCheck.Result::sent).sum();
            verdicts.add(new Verdict("no event marked sent is missing from Kafka", missing + " missing of " + sent, missing == 0,
                    missing == 0 ? "met" : missing + " lost"));
        }
        for (ProcStats.Sample sample : idle) {
            if (!sample.part().startsWith("PostgreSQL") && sample.residentKiB() > 0) {
                verdicts.add(ReportWriter.below("idle JVM under 300 MB resident: " + sample.part(), "RSS MB", sample.residentKiB() / 1024.0, 300, "MB"));
            }
        }
        md.verdicts(verdicts);

        md.heading(2, "Profile of the slowest path");
        if (profile == null) {
            md.paragraph("No profile was taken" + (profiled == null ? " (no request type had enough samples)." : " (the profiling phase failed, see the notes)."));
        } else {
            md.paragraph("The slowest request type of the mix by p95 was **" + profiled + "** (" + Mix.SERVICE.get(profiled) + "). It was run alone for "
                    + config.profileSeconds() + " s while JFR recorded the service's JVM (`jcmd <pid> JFR.start settings=profile`), then "
                    + "`jfr print --events jdk.ExecutionSample --stack-depth 64` was summarised: " + profile.samples() + " execution samples.");
            md.paragraph("Hottest top frames (self time):");
            md.table(List.of("frame", "samples", "share"), shareRows(profile.selfFrames(), profile.samples()));
            md.paragraph("By package of the top frame:");
            md.table(List.of("package", "samples", "share"), shareRows(profile.packages(), profile.samples()));
            md.paragraph("Application frames most often on the stack (inclusive):");
            md.table(List.of("frame", "samples", "share"), shareRows(profile.appFrames(), profile.samples()));
        }

        md.heading(2, "Notes");
        List<String> allNotes = new ArrayList<>(notes);
        allNotes.addAll(StackHealth.problems(config.stateFolder().resolve("logs"), config.workFolder().resolve("launcher.out")));
        if (allNotes.isEmpty()) {
            allNotes.add("Every phase completed.");
        }
        md.bullets(allNotes);
        md.raw("<!-- notes by hand below -->\n");
        Path file = config.reportFile();
        String previous = Files.isRegularFile(file) ? Files.readString(file) : "";
        int manual = previous.indexOf("<!-- notes by hand below -->\n");
        if (manual >= 0) {
            md.raw(previous.substring(manual + "<!-- notes by hand below -->\n".length()));
        }
        md.writeTo(file);
        return file;
    }

    private static List<String> freshnessRow(String when, LatencyRecorder recorder, String lag) {
        return List.of(when, String.valueOf(recorder.count()), String.valueOf(recorder.errors()), ReportWriter.millis(recorder.percentileMicros(50)),
                ReportWriter.millis(recorder.percentileMicros(95)), ReportWriter.millis(recorder.percentileMicros(99)),
                ReportWriter.millis(recorder.maxMicros()), lag);
    }

    private static List<List<String>> shareRows(Map<String, Integer> counts, int total) {
        List<List<String>> rows = new ArrayList<>();
        counts.forEach((frame, count) -> rows.add(List.of("`" + frame + "`", String.valueOf(count), ReportWriter.percent(total == 0 ? 0 : (double) count / total, 1))));
        return rows;
    }

    static String loadAverage() {
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return parts[0] + " " + parts[1] + " " + parts[2];
        } catch (Exception e) {
            return "n/a";
        }
    }

    static String memTotal() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
                if (line.startsWith("MemTotal:")) {
                    return ReportWriter.number(Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0 / 1024.0, 1) + " GiB";
                }
            }
        } catch (Exception e) {
            // not Linux
        }
        return "n/a";
    }
}
