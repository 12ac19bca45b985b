package org.crmsuite.analytics;

import static org.awaitility.Awaitility.await;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.crmsuite.analytics.event.AnalyticsEvent;
import org.crmsuite.analytics.model.CustomerProfile;
import org.crmsuite.analytics.model.InvoiceFact;
import org.crmsuite.analytics.model.LeadFact;
import org.crmsuite.analytics.model.OpportunityFact;
import org.crmsuite.analytics.model.OrderFact;
import org.crmsuite.analytics.model.TicketFact;
import org.crmsuite.analytics.projection.AppliedEvents;
import org.crmsuite.analytics.projection.MongoReadModelStore;
import org.crmsuite.analytics.projection.ReadModel;
import org.crmsuite.analytics.projection.ReadModelStore;
import org.crmsuite.platform.events.CloudEventHeaders;
import org.crmsuite.platform.events.Topics;
import org.crmsuite.platform.test.ApiTestClient;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.http.ResponseEntity;
import org.springframework.kafka.core.KafkaTemplate;

import tools.jackson.databind.json.JsonMapper;

/**
 * Freshness (an event published to Kafka until the customer 360 and the KPIs reflect it) at a steady event rate, and
 * the latency of the dashboard KPI queries over a year of history. Sizes by system property:
 * {@code crm.benchmark.rate} (500 events/s), {@code crm.benchmark.seconds} (30), {@code crm.benchmark.customers}
 * (100000), {@code crm.benchmark.dashboards} (3), {@code crm.benchmark.parts} ({@code freshness,dashboard}; {@code freshness}
 * alone runs only the intake part, in about a minute). Writes {@code analytics-service.md} (or
 * {@code analytics-service-<parts>.md} when not every part runs) to {@code crm.benchmark.report-dir}.
 */
@AnalyticsServiceTest
// measured with the production bucket size, not the tests' 3 (its own context: the benchmark runs alone)
@org.springframework.test.context.TestPropertySource(properties = "crm.analytics.stream-bucket-events=500")
@Import(AnalyticsBenchmark.Recorder.class)
class AnalyticsBenchmark extends ApiTestClient {

    static final int RATE = Integer.getInteger("crm.benchmark.rate", 500);
    static final int SECONDS = Integer.getInteger("crm.benchmark.seconds", 30);
    static final int CUSTOMERS = Integer.getInteger("crm.benchmark.customers", 100_000);
    static final int DASHBOARDS = Integer.getInteger("crm.benchmark.dashboards", 3);
    static final List<String> PARTS = List.of(System.getProperty("crm.benchmark.parts", "freshness,dashboard").split(","));
    static final int LIVE_CUSTOMERS = 500;
    /** {@code crm.benchmark.wait-warmup-360} (true): start the burst once the warm-up customers' 360s are written. */
    static final boolean WAIT_FOR_WARMUP_360 = Boolean.parseBoolean(System.getProperty("crm.benchmark.wait-warmup-360", "true"));
    static final JsonMapper JSON = JsonMapper.builder().build();
    static final Instant YEAR_END = Instant.parse("2026-11-01T00:00:00Z");

    @TestConfiguration
    static class Recorder {
        static final Map<String, Instant> SENT = new ConcurrentHashMap<>();
        /** Events whose effect on the customer 360 is not visible yet, and when they were sent. */
        static final Map<String, Instant> SENT_360 = new ConcurrentHashMap<>();
        static final ConcurrentLinkedQueue<Long> LATENCIES = new ConcurrentLinkedQueue<>();
        static final ConcurrentLinkedQueue<Long> LATENCIES_360 = new ConcurrentLinkedQueue<>();
        static final AtomicBoolean RECORDING = new AtomicBoolean();

        @Bean
        AppliedEvents benchmarkRecorder() {
            return new AppliedEvents() {
                @Override
                public void applied(AnalyticsEvent event, Instant visibleAt) {
                    Instant sent = SENT.remove(event.id());
                    if (sent != null && RECORDING.get()) {
                        LATENCIES.add(Duration.between(sent, visibleAt).toNanos());
                    }
                }

                @Override
                public void visibleIn360(AnalyticsEvent event, Instant visibleAt) {
                    Instant sent = SENT_360.remove(event.id());
                    if (sent != null && RECORDING.get()) {
                        LATENCIES_360.add(Duration.between(sent, visibleAt).toNanos());
                    }
                }
            };
        }
    }

    @Autowired
    KafkaTemplate<String, String> kafka;
    @Autowired
    ReadModelStore store;
    @Autowired
    io.micrometer.core.instrument.MeterRegistry meters;

    final Random random = new Random(7);
    final StringBuilder report = new StringBuilder();

    void send(String topic, String key, String type, Map<String, Object> payload) {
        String id = UUID.randomUUID().toString();
        ProducerRecord<String, String> record = new ProducerRecord<>(topic, key, JSON.writeValueAsString(payload));
        Instant now = Instant.now();
        record.headers().add(CloudEventHeaders.ID, id.getBytes(StandardCharsets.UTF_8));
        record.headers().add(CloudEventHeaders.TYPE, type.getBytes(StandardCharsets.UTF_8));
        record.headers().add(CloudEventHeaders.SUBJECT, key.getBytes(StandardCharsets.UTF_8));
        record.headers().add(CloudEventHeaders.TIME, now.toString().getBytes(StandardCharsets.UTF_8));
        Recorder.SENT.put(id, now);
        Recorder.SENT_360.put(id, now);
        kafka.send(record);
    }

    static Map<String, Object> map(Object... pairs) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put((String) pairs[i], pairs[i + 1]);
        }
        return map;
    }

    @Test
    void freshnessAndDashboardLatency() throws Exception {
        Runtime rt = Runtime.getRuntime();
        report.append("# analytics-service benchmark\n\n`./mvnw -B -o -Pbenchmark -pl analytics-service test -Dtest=AnalyticsBenchmark` (class `AnalyticsBenchmark`), run ")
                .append(Instant.now()).append(".\n\nMachine: ").append(rt.availableProcessors()).append(" cores (shared with other builds), ")
                .append(System.getProperty("java.vm.name")).append(' ').append(System.getProperty("java.vm.version")).append(", max heap ")
                .append(rt.maxMemory() / (1024 * 1024)).append(" MB, JVM options `").append(String.join(" ",
                        java.lang.management.ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                                .filter(a -> a.startsWith("-X")).toList())).append("`.\n\n")
                .append("Everything runs in one JVM: the service (Tomcat, Spring Boot 4, one Kafka listener thread), the MongoDB wire server ")
                .append("(mongo-java-server, in memory), embedded Kafka (KRaft, 3 partitions per topic) and the load generator.\n\n");
        if (PARTS.contains("freshness")) {
            freshness();
            write();
        }
        if (PARTS.contains("dashboard")) {
            dashboard();
            write();
        }
        System.out.println(report);
    }

    /** After each part, so a part that fails leaves the numbers of the one before. */
    void write() throws java.io.IOException {
        Path dir = Path.of(System.getProperty("crm.benchmark.report-dir", "target/benchmarks"));
        Files.createDirectories(dir);
        String name = PARTS.containsAll(List.of("freshness", "dashboard")) ? "analytics-service" : "analytics-service-" + String.join("-", PARTS);
        Files.writeString(dir.resolve(name + ".md"), report.toString());
    }

    // ---- freshness ------------------------------------------------------------------------------------------

    void freshness() {
        List<String> customers = new ArrayList<>();
        for (int i = 0; i < LIVE_CUSTOMERS; i++) {
            String id = UUID.randomUUID().toString();
            customers.add(id);
            send(Topics.CUSTOMER, id, "crm.customer.created.v1", map("customerId", id, "code", "C-" + (100000 + i), "legalName", "客户" + i,
                    "lifecycleStage", "ACTIVE", "valueTier", "STANDARD", "status", "ACTIVE", "ownerId", "rep", "department", "/sales/east",
                    "createdAt", Instant.now().toString()));
        }
        long warmup = LIVE_CUSTOMERS;
        await().atMost(Duration.ofMinutes(5)).until(() -> store.eventCount() >= warmup);
        if (WAIT_FOR_WARMUP_360) {
            // the 360 pass of the 500 new customers (hundreds of ms) otherwise overlaps the burst's first second
            await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofMillis(100)).until(Recorder.SENT_360::isEmpty);
        }
        Recorder.SENT.clear();
        Recorder.SENT_360.clear();
        Recorder.RECORDING.set(true);
        String loadBefore = loadAverage();

        int total = RATE * SECONDS;
        List<String> openTickets = new ArrayList<>();
        long start = System.nanoTime();
        for (int i = 0; i < total; i++) {
            long due = start + (long) i * 1_000_000_000L / RATE;
            long wait = due - System.nanoTime();
            if (wait > 0) {
                java.util.concurrent.locks.LockSupport.parkNanos(wait);
            }
            sendOne(i, customers, openTickets);
        }
        double sendSeconds = (System.nanoTime() - start) / 1e9;
        long expected = warmup + total;
        // the waits below ask the cheap condition first: countDocuments scans the whole event store on the wire server
        await().atMost(Duration.ofMinutes(20)).pollInterval(Duration.ofMillis(100)).until(() -> Recorder.SENT.isEmpty() && store.eventCount() >= expected);
        double drainSeconds = (System.nanoTime() - start) / 1e9;
        await().atMost(Duration.ofMinutes(20)).pollInterval(Duration.ofMillis(100)).until(Recorder.SENT_360::isEmpty);
        double drain360Seconds = (System.nanoTime() - start) / 1e9;
        Recorder.RECORDING.set(false);
        String loadAfter = loadAverage();
        List<Double> ms = Recorder.LATENCIES.stream().map(n -> n / 1e6).sorted().toList();
        List<Double> ms360 = Recorder.LATENCIES_360.stream().map(n -> n / 1e6).sorted().toList();
        report.append("## Freshness\n\n").append(total).append(" events (ticket opened, ticket resolved, ERP order, opportunity created, in turn; ")
                .append(LIVE_CUSTOMERS).append(" customers created first) published at a target of ").append(RATE).append(" events/s for ")
                .append(SECONDS).append(" s (").append(String.format("%.0f", total / sendSeconds)).append(" events/s achieved by the publisher); the last one was applied after ")
                .append(String.format("%.1f", drainSeconds)).append(" s, so the service consumed **").append(String.format("%.0f", total / drainSeconds))
                .append(" events/s** (the 360s of every touched customer were written after ").append(String.format("%.1f", drain360Seconds))
                .append(" s). The burst started ").append(WAIT_FOR_WARMUP_360 ? "after" : "without waiting for")
                .append(" the warm-up customers' 360s were written. Load average (1, 5, 15 min) before: ").append(loadBefore).append(", after: ").append(loadAfter)
                .append(".\n\nFreshness = from the publish (the event's `ce_time`) to the moment its effect is visible: for the KPIs, when its fact ")
                .append("read models are written (KPI queries read the in-memory facts, which follow every write; `facts-cache-ttl` = 0); for the ")
                .append("customer 360, when the 360 of every customer it touches is written:\n\n")
                .append("| read path | events measured | p50 ms | p90 ms | p99 ms | max ms |\n|---|---|---|---|---|---|\n")
                .append(row("KPI (facts)", ms)).append(row("customer 360", ms360)).append('\n').append(passes()).append("\n\n");
        backlog(customers, openTickets);
    }

    /** The sustained intake rate: a backlog of {@code crm.benchmark.backlog} events published at once, until applied. */
    void backlog(List<String> customers, List<String> openTickets) {
        int backlog = Integer.getInteger("crm.benchmark.backlog", 10_000);
        if (backlog <= 0) {
            return;
        }
        long before = store.eventCount();
        String loadBefore = loadAverage();
        long start = System.nanoTime();
        for (int i = 0; i < backlog; i++) {
            sendOne(RATE * SECONDS + i, customers, openTickets); // numbers and order ids after the paced part's
        }
        double sendSeconds = (System.nanoTime() - start) / 1e9;
        await().atMost(Duration.ofMinutes(20)).pollInterval(Duration.ofMillis(100)).until(() -> Recorder.SENT.isEmpty() && store.eventCount() >= before + backlog);
        double kpiSeconds = (System.nanoTime() - start) / 1e9;
        await().atMost(Duration.ofMinutes(20)).pollInterval(Duration.ofMillis(100)).until(Recorder.SENT_360::isEmpty);
        double seconds360 = (System.nanoTime() - start) / 1e9;
        report.append("Sustained intake: a backlog of ").append(backlog).append(" events of the same mix published at once (in ")
                .append(String.format("%.1f", sendSeconds)).append(" s) was applied to the KPI facts in ").append(String.format("%.1f", kpiSeconds))
                .append(" s (**").append(String.format("%.0f", backlog / kpiSeconds)).append(" events/s**) and to the 360s in ")
                .append(String.format("%.1f", seconds360)).append(" s (**").append(String.format("%.0f", backlog / seconds360))
                .append(" events/s**). Load average before: ").append(loadBefore).append(", after: ").append(loadAverage()).append(". ")
                .append(passes()).append("\n\n");
    }

    /** The customer 360 passes so far (the second, coalescing pass; absent before it existed), then resets them. */
    String passes() {
        io.micrometer.core.instrument.Timer pass = meters.find("crm.analytics.customer360.pass").timer();
        io.micrometer.core.instrument.DistributionSummary keys = meters.find("crm.analytics.customer360.pass.keys").summary();
        if (pass == null || keys == null || pass.count() == 0) {
            return "(No separate customer 360 pass: the 360s are written with the facts.)";
        }
        String text = "Customer 360 passes since the start: " + pass.count() + ", mean " + f(pass.mean(java.util.concurrent.TimeUnit.MILLISECONDS))
                + " ms, longest " + f(pass.max(java.util.concurrent.TimeUnit.MILLISECONDS)) + " ms; customer keys refolded per pass: mean "
                + f(keys.mean()) + ", most " + f(keys.max()) + " (" + f(keys.totalAmount()) + " refolds in all).";
        return text;
    }

    /** The i-th event of the mix: ticket opened, ticket resolved, ERP order, opportunity created, in turn, on a random customer. */
    void sendOne(int i, List<String> customers, List<String> openTickets) {
        String customer = customers.get(random.nextInt(customers.size()));
        int kind = i % 4;
        if (kind == 0 || (kind == 1 && openTickets.isEmpty())) {
            String ticket = UUID.randomUUID().toString();
            openTickets.add(ticket + "|" + customer);
            send(Topics.TICKET, ticket, "crm.ticket.opened.v1", map("ticketId", ticket, "number", "T-2026-" + (100000 + i), "customerId", customer,
                    "channel", "WEB", "type", "INCIDENT", "priority", "P3", "ticketSubject", "故障", "status", "NEW", "queue", "general",
                    "department", "/service/tier-1", "openedBy", "agent", "openedAt", Instant.now().toString()));
        } else if (kind == 1) {
            String[] ticket = openTickets.remove(random.nextInt(openTickets.size())).split("\\|");
            send(Topics.TICKET, ticket[0], "crm.ticket.resolved.v1", map("ticketId", ticket[0], "number", "T-2026-1", "customerId", ticket[1],
                    "type", "INCIDENT", "priority", "P3", "queue", "general", "resolution", "ok", "resolvedBy", "agent",
                    "openedAt", Instant.now().minusSeconds(60).toString(), "resolvedAt", Instant.now().toString(), "resolutionBreached", false));
        } else if (kind == 2) {
            String order = "SO-" + i;
            send(Topics.ERP_ORDERS, order, "erp.order.placed.v1", map("orderId", order, "customerId", customer, "amount", "1000.00",
                    "currency", "CNY", "orderedAt", Instant.now().toString()));
        } else {
            String opportunity = UUID.randomUUID().toString();
            send(Topics.SALES, opportunity, "crm.opportunity.created.v1", map("opportunityId", opportunity, "name", "商机", "customerId", customer,
                    "amount", "50000.00", "currency", "CNY", "stage", "QUALIFY", "probability", 20, "ownerId", "rep", "department", "/sales/east",
                    "version", 1, "createdBy", "rep", "createdAt", Instant.now().toString()));
        }
    }

    static String row(String path, List<Double> ms) {
        return "| " + path + " | " + ms.size() + " | " + f(pct(ms, 50)) + " | " + f(pct(ms, 90)) + " | " + f(pct(ms, 99)) + " | "
                + f(ms.isEmpty() ? 0 : ms.get(ms.size() - 1)) + " |\n";
    }

    static String loadAverage() {
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return parts[0] + ", " + parts[1] + ", " + parts[2];
        } catch (java.io.IOException | RuntimeException e) {
            return "n/a";
        }
    }

    static double pct(List<Double> sorted, int p) {
        if (sorted.isEmpty()) {
            return 0;
        }
        return sorted.get(Math.max(0, (int) Math.ceil(p / 100.0 * sorted.size()) - 1));
    }

    static String f(double value) {
        return String.format(java.util.Locale.ROOT, "%.1f", value);
    }

    // ---- dashboard ------------------------------------------------------------------------------------------

    void dashboard() throws Exception {
        MongoReadModelStore mongo = (MongoReadModelStore) store;
        long seedStart = System.nanoTime();
        Map<String, Object> profiles = new LinkedHashMap<>();
        Map<String, Object> tickets = new LinkedHashMap<>();
        Map<String, Object> orders = new LinkedHashMap<>();
        Map<String, Object> opportunities = new LinkedHashMap<>();
        Map<String, Object> leads = new LinkedHashMap<>();
        Map<String, Object> invoices = new LinkedHashMap<>();
        Map<String, Object> qualities = new LinkedHashMap<>();
        String[] departments = {"/sales/east", "/sales/west", "/sales/north", "/sales/south"};
        String[] queues = {"billing", "technical", "general", "vip"};
        String[] priorities = {"P1", "P2", "P3", "P4"};
        Instant yearStart = YEAR_END.minus(Duration.ofDays(365));
        for (int c = 0; c < CUSTOMERS; c++) {
            String id = "bench-" + c;
            String department = departments[c % departments.length];
            String owner = "rep." + (c % 50);
            profiles.put(id, new CustomerProfile(id, "C-" + (200000 + c), "公司" + c, null, null, List.of(), null, null, owner, department,
                    c % 10 == 0 ? "KEY" : "STANDARD", "ACTIVE", "ACTIVE", yearStart, yearStart));
            int orderCount = random.nextInt(6);
            for (int o = 0; o < orderCount; o++) {
                String orderId = id + "-o" + o;
                orders.put(orderId, new OrderFact(orderId, null, id, null, BigDecimal.valueOf(1000 + random.nextInt(100_000)), "CNY",
                        at(yearStart), random.nextInt(20) == 0, null));
            }
            Instant opened = at(yearStart);
            Instant responded = opened.plus(Duration.ofMinutes(5 + random.nextInt(600)));
            boolean resolved = random.nextInt(10) > 0;
            Instant resolvedAt = resolved ? responded.plus(Duration.ofMinutes(30 + random.nextInt(5000))) : null;
            tickets.put(id + "-t", new TicketFact(id + "-t", "T-2026-" + c, id, "问题", "INCIDENT", priorities[c % 4], queues[c % 4], "agent." + (c % 40),
                    "/service/tier-" + (1 + c % 2), "WEB", resolved ? "RESOLVED" : "IN_PROGRESS", opened, responded, resolvedAt, null,
                    List.of(new TicketFact.Span(opened, resolvedAt)), random.nextInt(10) == 0 ? List.of("RESOLUTION") : List.of(), false,
                    resolved && random.nextBoolean() ? 1 + random.nextInt(5) : null, resolved && random.nextInt(3) == 0 ? random.nextInt(11) : null,
                    resolvedAt, 0));
            if (c % 2 == 0) {
                Instant created = at(yearStart);
                int outcome = random.nextInt(3);
                opportunities.put(id + "-p", new OpportunityFact(id + "-p", "商机", id, owner, department, null, BigDecimal.valueOf(10_000 + random.nextInt(900_000)),
                        "CNY", outcome == 1 ? 100 : outcome == 2 ? 0 : 20 + random.nextInt(60), "PROPOSAL", List.of("QUALIFY", "PROPOSAL"),
                        outcome == 0 ? "OPEN" : outcome == 1 ? "WON" : "LOST", created, outcome == 0 ? null : created.plus(Duration.ofDays(1 + random.nextInt(90))), null));
                leads.put(id + "-l", new LeadFact(id + "-l", "线索", "WEBSITE", null, owner, department, "CONVERTED", created.minus(Duration.ofDays(10)),
                        null, random.nextBoolean() ? created : null, null, id));
            }
            // a score at creation and a rescoring in the year (data-quality by department over time)
            Instant rescored = at(yearStart);
            qualities.put(id, new org.crmsuite.analytics.model.CustomerQuality(id, List.of(
                    new org.crmsuite.analytics.model.CustomerQuality.Score(yearStart, 40 + random.nextInt(40), department, owner, Map.of("COMPLETENESS", 1)),
                    new org.crmsuite.analytics.model.CustomerQuality.Score(rescored, 50 + random.nextInt(51), department, owner, Map.of()))));
            if (c % 3 == 0) {
                Instant issued = at(yearStart);
                invoices.put(id + "-i", new InvoiceFact(id + "-i", null, id, null, null, BigDecimal.valueOf(5000), null, "CNY", issued, null,
                        null, random.nextInt(10) == 0 ? issued.plus(Duration.ofDays(40)) : null, random.nextInt(10) == 0 ? "OVERDUE" : "ISSUED"));
            }
        }
        mongo.insertAll(ReadModel.PROFILE, profiles);
        mongo.insertAll(ReadModel.TICKET, tickets);
        mongo.insertAll(ReadModel.ORDER, orders);
        mongo.insertAll(ReadModel.OPPORTUNITY, opportunities);
        mongo.insertAll(ReadModel.LEAD, leads);
        mongo.insertAll(ReadModel.INVOICE, invoices);
        mongo.insertAll(ReadModel.QUALITY, qualities);
        double seedSeconds = (System.nanoTime() - seedStart) / 1e9;
        int documents = profiles.size() + tickets.size() + orders.size() + opportunities.size() + leads.size() + invoices.size() + qualities.size();
        profiles.clear();
        tickets.clear();
        orders.clear();
        opportunities.clear();
        leads.clear();
        invoices.clear();
        qualities.clear();

        List<String> queries = List.of(
                "resolution-time?by=queue", "first-response-time?by=priority", "sla-compliance?by=month", "backlog?by=queue", "csat", "nps",
                "win-rate?by=owner", "pipeline-value?by=department", "lead-conversion?by=month", "retention?by=month", "repurchase-rate",
                "rfm", "churn-risk?by=department", "data-quality?by=department", "data-quality?by=month");
        Map<String, List<Double>> latencies = new LinkedHashMap<>();
        String analyst = org.crmsuite.platform.test.TestIssuer.get().token("analyst", List.of("analyst"), List.of("/sales"),
                Duration.ofHours(2), Map.of());
        // a manager sees the records of one department of four: the record-level filter runs on every query
        String manager = org.crmsuite.platform.test.TestIssuer.get().token("manager.east", List.of("sales-manager"), List.of("/sales/east"),
                Duration.ofHours(2), Map.of());
        for (int round = 0; round < DASHBOARDS + 1; round++) {
            Thread.sleep(500);
            for (String[] user : List.of(new String[] {"analyst", analyst}, new String[] {"sales-manager /sales/east", manager})) {
                for (String query : queries) {
                    String uri = "/api/v1/analytics/kpis/" + query + (query.contains("?") ? "&" : "?") + "from=2025-11-01&to=2026-11-01";
                    long t0 = System.nanoTime();
                    ResponseEntity<Map> response = get(user[1], uri);
                    double millis = (System.nanoTime() - t0) / 1e6;
                    if (response.getStatusCode().value() != 200) {
                        throw new IllegalStateException(uri + " answered " + response.getStatusCode() + ": " + response.getBody());
                    }
                    if (round > 0) { // round 0 warms up
                        latencies.computeIfAbsent("`" + query + "` | " + user[0], k -> new ArrayList<>()).add(millis);
                    }
                }
            }
        }
        report.append("## Dashboard KPI queries over a year of history\n\n").append(CUSTOMERS).append(" customers with a year of read models: ")
                .append(documents).append(" documents (profiles, up to 5 ERP orders each, one ticket each, an opportunity and a lead for every second, ")
                .append("an invoice for every third), written straight into the read-model collections in ").append(f(seedSeconds)).append(" s. ")
                .append("A dashboard is the ").append(queries.size()).append(" queries below, sequentially, over one year, as an analyst (all records) ")
                .append("and again as a sales manager of `/sales/east` (a quarter of the records, filtered per query); ")
                .append(DASHBOARDS).append(" dashboards after one warm-up. No query reads the database: the facts are in memory (`FactsMirror`, ")
                .append("filled by the writes as they happen), so each time is the computation over every fact plus HTTP and JSON.\n\n")
                .append("| query | as | runs | p50 ms | p95 ms | max ms |\n|---|---|---|---|---|---|\n");
        latencies.forEach((query, values) -> {
            List<Double> sorted = values.stream().sorted().toList();
            report.append("| ").append(query).append(" | ").append(sorted.size()).append(" | ").append(f(pct(sorted, 50))).append(" | ")
                    .append(f(pct(sorted, 95))).append(" | ").append(f(sorted.get(sorted.size() - 1))).append(" |\n");
        });
        double dashboardTotal = latencies.values().stream().mapToDouble(v -> v.stream().mapToDouble(Double::doubleValue).sum()).sum() / DASHBOARDS / 2;
        System.gc();
        long usedMb = (Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory()) / (1024 * 1024);
        report.append("\nA whole dashboard took ").append(f(dashboardTotal)).append(" ms on average. Heap in use after a GC, with the wire ")
                .append("server's copy of every document and the service's in-memory facts in the same JVM: ").append(usedMb).append(" MB.\n\n");
    }

    Instant at(Instant yearStart) {
        return yearStart.plus(Duration.ofMinutes(random.nextInt(365 * 24 * 60)));
    }
}
