package org.crmsuite.ticket;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.bson.Document;
import org.crmsuite.platform.outbox.PendingEvents;
import org.crmsuite.platform.test.TestIssuer;
import org.crmsuite.ticket.config.TicketProperties;
import org.crmsuite.ticket.sla.EscalationChain;
import org.crmsuite.ticket.sla.SlaPlanner;
import org.crmsuite.ticket.sla.SlaProperties;
import org.crmsuite.ticket.sla.SlaScheduler;
import org.crmsuite.ticket.ticket.Actor;
import org.crmsuite.ticket.ticket.Channel;
import org.crmsuite.ticket.ticket.Priority;
import org.crmsuite.ticket.ticket.Ticket;
import org.crmsuite.ticket.ticket.TicketStatus;
import org.crmsuite.ticket.ticket.TicketStore;
import org.crmsuite.ticket.ticket.TicketType;
import org.crmsuite.platform.test.UseKafka;
import org.crmsuite.platform.test.UseMongo;
import org.crmsuite.platform.test.UseTestIssuer;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Open-ticket throughput over HTTP, the SLA scan over many open tickets and the agent's queue view at that size, on
 * the embedded MongoDB wire server. Not a test: run it alone with
 * {@code ./mvnw -B -o -Pbenchmark -pl ticket-service test -Dtest=TicketBenchmark}; sizes by system property
 * ({@code crm.benchmark.tickets} open tickets in the database, {@code crm.benchmark.opens} tickets opened over HTTP,
 * {@code crm.benchmark.clients} concurrent HTTP clients, {@code crm.benchmark.views} queue-view requests,
 * {@code crm.benchmark.overdue-share} share of old tickets with alerts due, {@code crm.benchmark.batch-size} the
 * scheduler's batch size). Writes {@code ticket-service.md} to {@code crm.benchmark.report-dir}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        // The production default (the tests poll faster); on the wire server every poll scans the whole collection.
        "crm.outbox.poll-interval=500ms",
        "crm.ticket.sla.scheduler.enabled=false",
        "logging.level.org.apache.kafka=WARN", "logging.level.kafka=WARN", "logging.level.state.change.logger=WARN"})
@UseMongo
@UseKafka
@UseTestIssuer
@Import({MutableClock.Configuration.class, CustomerServiceStub.Configuration.class})
class TicketBenchmark {

    static final int TICKETS = Integer.getInteger("crm.benchmark.tickets", 100_000);
    static final int OPENS = Integer.getInteger("crm.benchmark.opens", 1_000);
    static final int CLIENTS = Integer.getInteger("crm.benchmark.clients", 4);
    static final int VIEWS = Integer.getInteger("crm.benchmark.views", 100);
    static final int VIEW_WARM_UP = Integer.getInteger("crm.benchmark.view-warm-up", 5);
    static final int BATCH = Integer.getInteger("crm.benchmark.batch-size", 500);
    static final double OVERDUE = Double.parseDouble(System.getProperty("crm.benchmark.overdue-share", "0.02"));
    static final String[] QUEUES = {"tier-1", "tier-2", "complaints"};
    /** Monday 30 November 2026, 11:00 in Shanghai. */
    static final Instant NOW = Instant.parse("2026-11-30T03:00:00Z");
    static final String AGENT_ID = "agent.bench.1";
    private static volatile String token;
    private static volatile long tokenMintedAt;

    /** The agent's token, minted again every minute (test tokens expire; a full run takes longer than their life). */
    static String agent() {
        if (token == null || System.nanoTime() - tokenMintedAt > 60_000_000_000L) {
            synchronized (TicketBenchmark.class) {
                if (token == null || System.nanoTime() - tokenMintedAt > 60_000_000_000L) {
                    token = TestIssuer.get().token(AGENT_ID, List.of("service-agent"), List.of("/service/tier-1"));
                    tokenMintedAt = System.nanoTime();
                }
            }
        }
        return token;
    }

    @LocalServerPort
    int port;
    @Autowired
    MutableClock clock;
    @Autowired
    MongoTemplate mongo;
    @Autowired
    PendingEvents pending;
    @Autowired
    TicketProperties tickets;
    @Autowired
    SlaPlanner planner;
    @Autowired
    SlaProperties sla;
    @Autowired
    EscalationChain escalation;

    final StringBuilder report = new StringBuilder();
    double worstViewP95;
    double quietP50;
    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void run() throws Exception {
        clock.set(NOW);
        mongo.remove(new Query(), TicketStore.COLLECTION);
        header();

        progress("opening over HTTP");
        openThroughput();
        write();
        progress("loading " + TICKETS + " tickets");
        long loadMillis = load();
        progress("SLA scan");
        slaScan(loadMillis);
        write();
        progress("queue views");
        queueView();
        report.append(NOTES).append(String.format(Locale.ROOT,
                "- **Targets** (the issue sets none; these are the ones I hold the service to): queue view p95 under 300 ms at %d tickets: "
                        + "**%s** (worst p95 %.0f ms); a steady-state SLA scan round well inside the 30 s scheduler interval: **%s** (p50 %.0f ms). "
                        + "Both are measured on the wire server; on MongoDB 7 with the indexes above they are index probes.%n",
                TICKETS, worstViewP95 < 300 ? "met" : "missed", worstViewP95, quietP50 < 10_000 ? "met" : "missed", quietP50));
        write();
        progress("done");
        System.out.println(report);
    }

    static final String NOTES = "\n" +
            "## Notes: what these numbers mean, targets, and a real MongoDB 7\n" +
            "\n" +
            "- **Load on the machine.** The 2 cores are shared with other engineers' builds and test runs, so every number here\n" +
            "  is several times worse than on an idle machine of the same size; compare runs of the same day, not absolute\n" +
            "  values. One production pod would also not host the database, Kafka, the stub and the load generator.\n" +
            "- **The wire server has no secondary indexes** (mongo-java-server keeps only unique ones: `_id`, `number` and\n" +
            "  `{_id, version}`): every list and scheduler query is a scan of all documents in Java, plus an in-memory sort of the\n" +
            "  matches for the page. A list is one such scan (nothing is counted unless `count=true`); a save finds its ticket\n" +
            "  through the unique `{_id, version}` index instead of scanning. The outbox relay's poll (every 500 ms) scans the\n" +
            "  collection too and competes for the same collection lock.\n" +
            "- **On MongoDB 7** the indexes `TicketStore` creates turn the views into index walks that stop after `size + 1`\n" +
            "  entries: `{queue:1, createdAt:-1}` (queue view), `{queue:1, status:1, priority:1}` (open work),\n" +
            "  `{assignee:1, createdAt:-1}` (my tickets), with the record-level `$or` checked on the fetched documents (not\n" +
            "  measured here: no MongoDB on this machine; check `explain()` on production-size data). The scheduler's\n" +
            "  `sla.<field> <= now` queries read only index entries already due; long-open breached tickets stay in that range\n" +
            "  (a partial index on the running statuses would keep it small).\n" +
            "- **Writes on MongoDB 7** are durable (journal, `w: majority` in a replica set), which adds a few milliseconds per\n" +
            "  write that the in-memory wire server does not pay. A comment sends only the new comment and history entry\n" +
            "  (`$push`) and the changed fields (`$set`). Opening a ticket does two writes (the year counter's `findAndModify`,\n" +
            "  then the insert); the counter is one hot document per year, the first limit I would expect under heavy opening.\n";

    /** Writes what was measured so far, so that a run cut short still leaves its numbers. */
    void write() throws IOException {
        Path dir = Path.of(System.getProperty("crm.benchmark.report-dir", "target/benchmarks"));
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("ticket-service.md"), report.toString());
    }

    static void progress(String phase) {
        System.err.println("BENCHMARK " + Instant.now() + " " + phase);
    }

    void header() {
        Runtime rt = Runtime.getRuntime();
        report.append("# ticket-service benchmark\n\n")
                .append("`./mvnw -B -o -Pbenchmark -pl ticket-service test -Dtest=TicketBenchmark` (class `TicketBenchmark`), run ")
                .append(Instant.now()).append(".\n\n")
                .append("Machine: ").append(rt.availableProcessors()).append(" cores (shared with other builds), ")
                .append(System.getProperty("java.vm.name")).append(' ').append(System.getProperty("java.runtime.version"))
                .append(", max heap ").append(rt.maxMemory() / (1024 * 1024)).append(" MB, JVM options `")
                .append(String.join(" ", ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                        .filter(a -> a.startsWith("-X") && !a.startsWith("-XX:+EnableDynamic")).toList())).append("`.\n\n")
                .append("Everything runs in one JVM: the service (Tomcat, Spring Boot 4), the MongoDB wire server (mongo-java-server, ")
                .append("in memory), embedded Kafka (the outbox relay publishes every event), the WireMock customer-service stub and ")
                .append("the load generator (JDK HttpClient). Sizes: ").append(TICKETS).append(" open tickets, ").append(OPENS)
                .append(" opened over HTTP by ").append(CLIENTS).append(" clients, ").append(VIEWS).append(" queue views, scheduler batch ")
                .append(BATCH).append(", overdue share ").append(OVERDUE).append(".\n\n");
    }

    /** POST /api/v1/tickets from several clients at once, after a warm-up. */
    void openThroughput() throws Exception {
        int warmUp = Math.max(50, OPENS / 10);
        timeOpens(warmUp);
        long started = System.nanoTime();
        long[] latencies = timeOpens(OPENS);
        double seconds = (System.nanoTime() - started) / 1e9;
        report.append("## Opening tickets over HTTP\n\n")
                .append(String.format(Locale.ROOT, "%d tickets by %d concurrent clients in %.1f s: **%.0f tickets/s**; latency p50 %s, p95 %s, p99 %s ms (after %d warm-up opens).%n%n",
                        OPENS, CLIENTS, seconds, OPENS / seconds, ms(latencies, 50), ms(latencies, 95), ms(latencies, 99), warmUp))
                .append("Each open: JWT check, customer-service call through OpenFeign + circuit breaker (WireMock stub), routing, ")
                .append("the year counter (`findAndModify`), SLA due times on the business calendar, least-loaded/round-robin ")
                .append("assignment where configured, one insert with the pending events; the relay publishes them to Kafka meanwhile.\n\n");
    }

    long[] timeOpens(int count) throws Exception {
        long[] latencies = new long[count];
        AtomicInteger next = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
        try {
            List<Future<?>> runs = new ArrayList<>();
            for (int c = 0; c < CLIENTS; c++) {
                runs.add(pool.submit(() -> {
                    for (int i; (i = next.getAndIncrement()) < count; ) {
                        String body = "{\"customerId\":\"" + UUID.randomUUID() + "\",\"channel\":\"WEB\",\"type\":\"INCIDENT\",\"priority\":\"P3\","
                                + "\"subject\":\"无法导出报表 #" + i + "\",\"queue\":\"" + QUEUES[i % 2] + "\"}";
                        long t0 = System.nanoTime();
                        HttpResponse<Void> response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/tickets"))
                                .header("Authorization", "Bearer " + agent()).header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.discarding());
                        latencies[i] = System.nanoTime() - t0;
                        if (response.statusCode() != 201) {
                            throw new IllegalStateException("open answered " + response.statusCode());
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> run : runs) {
                run.get();
            }
        } finally {
            pool.shutdown();
        }
        return latencies;
    }

    /**
     * Writes the open tickets straight into MongoDB (as the service stores them, SLA due times included): most opened
     * within the last half hour (nothing due yet), {@code OVERDUE} of them days ago so that their alerts are all due.
     */
    long load() {
        long started = System.nanoTime();
        SplittableRandom random = new SplittableRandom(42);
        List<Document> batch = new ArrayList<>();
        for (int i = 0; i < TICKETS; i++) {
            boolean old = random.nextDouble() < OVERDUE;
            Instant opened = old ? NOW.minus(Duration.ofMinutes(random.nextInt(3 * 24 * 60, 10 * 24 * 60)))
                    : NOW.minus(Duration.ofSeconds(random.nextInt(1, 1800)));
            double p = random.nextDouble();
            Priority priority = p < 0.05 ? Priority.P1 : p < 0.20 ? Priority.P2 : p < 0.70 ? Priority.P3 : Priority.P4;
            String queue = QUEUES[random.nextInt(QUEUES.length)];
            Actor by = new Actor("agent.bench." + random.nextInt(1, 31), opened);
            Ticket ticket = Ticket.open(String.format(Locale.ROOT, "T-2001-%07d", i),
                    new Ticket.Draft(UUID.randomUUID().toString(), null, Channel.EMAIL, TicketType.INCIDENT, null, priority,
                            "系统无法登录 " + i, null),
                    new Ticket.CustomerContext("客户 " + i, "STANDARD"), queue, tickets.queue(queue).department(),
                    planner.start(sla.policy(priority, "STANDARD"), opened), by).ticket();
            if (random.nextDouble() < 0.7) {
                ticket.assign(queue, tickets.queue(queue).department(), "agent.bench." + random.nextInt(1, 31), by);
                if (random.nextBoolean()) {
                    ticket.changeStatus(TicketStatus.IN_PROGRESS, null, by);
                }
            }
            Document document = new Document();
            mongo.getConverter().write(ticket, document);
            batch.add(document);
            if (batch.size() == 1_000) {
                mongo.getCollection(TicketStore.COLLECTION).insertMany(batch);
                batch.clear();
            }
        }
        if (!batch.isEmpty()) {
            mongo.getCollection(TicketStore.COLLECTION).insertMany(batch);
        }
        return (System.nanoTime() - started) / 1_000_000;
    }

    void slaScan(long loadMillis) {
        long open = mongo.count(Query.query(Criteria.where("status").in(List.of("NEW", "ASSIGNED", "IN_PROGRESS"))), TicketStore.COLLECTION);
        SlaScheduler scheduler = new SlaScheduler(mongo, pending, tickets, clock, BATCH, new SimpleMeterRegistry(), escalation);

        long started = System.nanoTime();
        int rounds = 0;
        int alerts = 0;
        for (int raised; (raised = scheduler.runOnce()) > 0; rounds++) {
            alerts += raised;
            progress("round " + rounds + ": " + alerts + " alerts");
        }
        rounds++;
        double drainSeconds = (System.nanoTime() - started) / 1e9;

        long[] quiet = new long[5];
        for (int i = 0; i < quiet.length; i++) {
            long t0 = System.nanoTime();
            assertThat(scheduler.runOnce()).isZero();
            quiet[i] = System.nanoTime() - t0;
        }
        quietP50 = Double.parseDouble(ms(quiet, 50));
        report.append("## SLA scan\n\n")
                .append(String.format(Locale.ROOT, "%d open tickets (%d in the running statuses; loaded in %.1f s straight into the wire server).%n%n",
                        TICKETS, open, loadMillis / 1000.0))
                .append(String.format(Locale.ROOT, "- Backlog: %.1f %% of the tickets opened 3 to 10 days earlier, so all their alerts are due at once: "
                        + "**%d alerts raised in %.1f s** (%d rounds of batch %d, %.0f alerts/s), each claimed by one conditional update carrying its events.%n",
                        OVERDUE * 100, alerts, drainSeconds, rounds, BATCH, alerts / drainSeconds))
                .append(String.format(Locale.ROOT, "- Steady state, nothing new due (one round = one query per alert kind, %d kinds): **p50 %s ms**, max %s ms over %d rounds.%n%n",
                        4 + escalation.levels() - 1, ms(quiet, 50), ms(quiet, 100), quiet.length));
    }

    void queueView() throws Exception {
        String[][] views = {
                {"queue view `GET /api/v1/tickets?queue=tier-1&size=20` (newest first)", "/api/v1/tickets?queue=tier-1&size=20"},
                {"open work `GET /api/v1/tickets?queue=tier-1&status=IN_PROGRESS&size=20&sort=priority`", "/api/v1/tickets?queue=tier-1&status=IN_PROGRESS&size=20&sort=priority"},
                {"my tickets `GET /api/v1/tickets?assignee=" + AGENT_ID + "&size=20`", "/api/v1/tickets?assignee=" + AGENT_ID + "&size=20"},
                // Every request a page never read before (size 20, 21, ...), so no remembered page boundary narrows it.
                {"queue view, first read of a page `GET /api/v1/tickets?queue=tier-1&size=20+i`", "/api/v1/tickets?queue=tier-1&size=%d"}};
        report.append("## The agent's queue view at ").append(TICKETS).append(" tickets\n\n")
                .append("One agent of `/service/tier-1` (record-level access applied in the query), ").append(VIEWS)
                .append(" sequential requests each after ").append(VIEW_WARM_UP).append(" warm-up requests:\n\n| view | p50 ms | p95 ms | p99 ms |\n|---|---|---|---|\n");
        for (String[] view : views) {
            int fresh = 20;
            for (int i = 0; i < VIEW_WARM_UP; i++) {
                get(String.format(Locale.ROOT, view[1], 100 + i));
            }
            long[] latencies = new long[VIEWS];
            for (int i = 0; i < VIEWS; i++) {
                String path = String.format(Locale.ROOT, view[1], fresh++);
                long t0 = System.nanoTime();
                get(path);
                latencies[i] = System.nanoTime() - t0;
            }
            worstViewP95 = Math.max(worstViewP95, Double.parseDouble(ms(latencies, 95)));
            report.append("| ").append(view[0]).append(" | ").append(ms(latencies, 50)).append(" | ").append(ms(latencies, 95))
                    .append(" | ").append(ms(latencies, 99)).append(" |\n");
            write();
            progress("view done: " + view[1]);
        }
        report.append('\n');
        comments();
    }

    /** The comment path: an agent comments on one ticket of the queue, {@code VIEWS} times in a row after a warm-up. */
    void comments() throws Exception {
        String id = mongo.findOne(Query.query(Criteria.where("queue").is("tier-1")), Document.class, TicketStore.COLLECTION).getString("_id");
        String path = "/api/v1/tickets/" + id + "/comments";
        for (int i = 0; i < VIEW_WARM_UP; i++) {
            post(path, "{\"body\":\"热身 " + i + "\",\"internal\":true}");
        }
        long[] latencies = new long[VIEWS];
        for (int i = 0; i < VIEWS; i++) {
            long t0 = System.nanoTime();
            post(path, "{\"body\":\"您好，我们正在处理 #" + i + "\"}");
            latencies[i] = System.nanoTime() - t0;
        }
        report.append("## Commenting at ").append(TICKETS).append(" tickets\n\n")
                .append("The same agent posts ").append(VIEWS).append(" public comments in a row to one ticket of its queue (after ")
                .append(VIEW_WARM_UP).append(" internal warm-up comments): `POST /api/v1/tickets/{id}/comments` ")
                .append(String.format(Locale.ROOT, "p50 %s, p95 %s, p99 %s ms.%n%n", ms(latencies, 50), ms(latencies, 95), ms(latencies, 99)));
        write();
        progress("comments done");
    }

    void post(String path, String body) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Authorization", "Bearer " + agent()).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 201) {
            throw new IllegalStateException(path + " answered " + response.statusCode() + ": " + response.body());
        }
    }

    void get(String path) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Authorization", "Bearer " + agent()).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException(path + " answered " + response.statusCode() + ": " + response.body());
        }
    }

    static String ms(long[] nanos, int percentile) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        int index = (int) Math.ceil(percentile / 100.0 * sorted.length) - 1;
        return String.format(Locale.ROOT, "%.1f", sorted[Math.max(0, Math.min(index, sorted.length - 1))] / 1e6);
    }
}
