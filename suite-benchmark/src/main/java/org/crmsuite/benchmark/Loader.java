package org.crmsuite.benchmark;

import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;

import tools.jackson.databind.JsonNode;

/**
 * Loads the data set: customers through customer-service's CSV import, the stewards' merge pairs, tickets and
 * opportunities through the gateway's API, and a year of ERP orders on Kafka (then waits for analytics to take them
 * in). Each phase stops starting new work when its time budget (crm.benchmark.load-budget-seconds) is spent, and
 * reports what it reached.
 */
public final class Loader {

    /** What one phase reached. */
    public record Phase(String name, String how, int requested, int done, int failed, double seconds, String detail) {

        public double rate() {
            return seconds <= 0 ? 0 : done / seconds;
        }
    }

    private final BenchmarkConfig config;
    private final Api api;
    private final PrintStream log;
    final List<Phase> phases = Collections.synchronizedList(new ArrayList<>());
    /** A pool of visible customer ids (with their legal names) for the mix. */
    final List<String> customerIds = Collections.synchronizedList(new ArrayList<>());
    final Map<String, String> customerNames = new ConcurrentHashMap<>();
    final List<String[]> mergePairs = Collections.synchronizedList(new ArrayList<>());
    final List<String> ticketIds = Collections.synchronizedList(new ArrayList<>());
    final Map<String, Map<String, Object>> opportunities = new ConcurrentHashMap<>();
    /** The import's own rate: rows per second of server time, summed over chunks. */
    volatile double importRowsPerSecond;

    public Loader(BenchmarkConfig config, Api api, PrintStream log) {
        this.config = config;
        this.api = api;
        this.log = log;
    }

    private long deadline(long begin) {
        return config.loadBudgetSeconds() <= 0 ? Long.MAX_VALUE : begin + Duration.ofSeconds(config.loadBudgetSeconds()).toNanos();
    }

    /** Customers through POST /api/v1/customers/imports/{id} (direct to customer-service: see README, the gateway's 10 s time limit). */
    public void customers() throws InterruptedException {
        long begin = System.nanoTime();
        long deadline = deadline(begin);
        String base = "http://127.0.0.1:8081";
        DataGen gen = new DataGen(11);
        AtomicInteger created = new AtomicInteger();
        AtomicInteger duplicates = new AtomicInteger();
        AtomicInteger rejected = new AtomicInteger();
        AtomicInteger failedChunks = new AtomicInteger();
        AtomicLong serverMillis = new AtomicLong();
        AtomicInteger processed = new AtomicInteger();
        String run = Long.toString(System.currentTimeMillis(), 36);
        int parallel = Math.max(1, Math.min(2, config.loadConcurrency()));
        Semaphore slots = new Semaphore(parallel);
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int from = 0; from < config.customers() && System.nanoTime() < deadline; from += config.importChunk()) {
                int start = from;
                int end = Math.min(config.customers(), from + config.importChunk());
                slots.acquire();
                if (System.nanoTime() >= deadline) {
                    slots.release();
                    break;
                }
                pool.submit(() -> {
                    try {
                        Api.Answer answer = api.send("rep", "POST", base, "/api/v1/customers/imports/bench-" + run + "-" + start,
                                gen.customersCsv(start, end), null, "text/csv; charset=UTF-8");
                        if (answer.ok()) {
                            JsonNode summary = answer.json();
                            created.addAndGet(summary.path("created").asInt());
                            duplicates.addAndGet(summary.path("duplicates").asInt());
                            rejected.addAndGet(summary.path("rejected").asInt());
                            processed.addAndGet(summary.path("rowsProcessed").asInt());
                            serverMillis.addAndGet(answer.micros() / 1000);
                        } else {
                            failedChunks.incrementAndGet();
                            log.println("  import chunk " + start + " failed: " + answer.status() + " " + abbreviate(answer.body()));
                        }
                        log.printf("  customers: %d rows processed (%d created) after %.0f s%n", processed.get(), created.get(),
                                (System.nanoTime() - begin) / 1e9);
                    } finally {
                        slots.release();
                    }
                });
            }
        }
        double seconds = (System.nanoTime() - begin) / 1e9;
        importRowsPerSecond = seconds <= 0 ? 0 : processed.get() / seconds;
        phases.add(new Phase("customers", "CSV import, " + config.importChunk() + "-row files, " + parallel + " at a time, direct to customer-service",
                config.customers(), created.get(), rejected.get(), seconds,
                processed.get() + " rows processed: " + created.get() + " created, " + duplicates.get() + " duplicates, "
                        + rejected.get() + " rejected; " + failedChunks.get() + " files failed"));
    }

    /** Pages through the rep's customers (as the rep: the mix's reps see their own) to fill the id pool. */
    public void collectCustomerIds(int wanted) {
        for (int page = 0; customerIds.size() < wanted; page++) {
            Api.Answer answer = api.get("rep", StackLauncher.GATEWAY, "/api/v1/customers?size=200&sort=createdAt&page=" + page);
            if (!answer.ok()) {
                log.println("  listing customers failed: " + answer.status() + " " + abbreviate(answer.body()));
                return;
            }
            JsonNode items = answer.json().path("items");
            if (items.isEmpty()) {
                return;
            }
            for (JsonNode item : items) {
                String id = item.path("id").asString();
                customerIds.add(id);
                customerNames.put(id, item.path("legalName").asString());
            }
        }
    }

    /** Near-duplicate pairs for the stewards to merge (registered with createAnyway). */
    public void mergePairs() throws InterruptedException {
        long begin = System.nanoTime();
        AtomicInteger failed = new AtomicInteger();
        long deadline = deadline(begin);
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            Semaphore slots = new Semaphore(config.loadConcurrency());
            for (int i = 0; i < config.mergePairs() && System.nanoTime() < deadline; i++) {
                int index = i;
                slots.acquire();
                pool.submit(() -> {
                    try {
                        String name = DataGen.chineseName(new Random(7_000_000L + index));
                        String phone = String.format("138%08d", index);
                        Api.Answer survivor = api.post("rep", StackLauncher.GATEWAY, "/api/v1/customers", DataGen.customerBody(name, phone));
                        Api.Answer loser = api.post("rep", StackLauncher.GATEWAY, "/api/v1/customers",
                                DataGen.customerBody(name.replace("有限公司", "股份有限公司"), phone));
                        if (survivor.ok() && loser.ok()) {
                            mergePairs.add(new String[] {survivor.json().path("id").asString(), loser.json().path("id").asString()});
                        } else {
                            failed.incrementAndGet();
                            if (failed.get() <= 3) {
                                log.println("  merge pair failed: " + survivor.status() + "/" + loser.status() + " " + abbreviate(survivor.body() + loser.body()));
                            }
                        }
                    } finally {
                        slots.release();
                    }
                });
            }
        }
        phases.add(new Phase("merge pairs", "2 x POST /api/v1/customers (createAnyway) through the gateway", config.mergePairs(),
                mergePairs.size(), failed.get(), (System.nanoTime() - begin) / 1e9, ""));
    }

    public void tickets() throws InterruptedException {
        AtomicInteger retried = new AtomicInteger();
        createThroughGateway("tickets", "ticket", config.tickets(), 3_000_000L, (index, random) -> {
            String customer = customerIds.get(random.nextInt(customerIds.size()));
            Map<String, Object> body = DataGen.ticketBody(customer, random);
            Api.Answer answer = api.post("agent", StackLauncher.GATEWAY, "/api/v1/tickets", body);
            // ticket-service asks to try again when its customer snapshot has not caught up with a customer just
            // imported; a client waits a moment and does, so the loader does too (at most 10 times, a second apart).
            for (int attempt = 0; attempt < 10 && isTryAgainLater(answer); attempt++) {
                retried.incrementAndGet();
                try {
                    Thread.sleep(1_000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return answer;
                }
                answer = api.post("agent", StackLauncher.GATEWAY, "/api/v1/tickets", body);
            }
            if (answer.ok() && ticketIds.size() < 20_000) {
                ticketIds.add(answer.json().path("id").asString());
            }
            return answer;
        }, "POST /api/v1/tickets through the gateway", () -> retried.get() == 0 ? ""
                : retried.get() + " answers \"try again in a moment\" (customer not yet in ticket-service's snapshot) retried after 1 s");
    }

    static boolean isTryAgainLater(Api.Answer answer) {
        return answer.status() == 422 && answer.body() != null && answer.body().contains("try again in a moment");
    }

    public void opportunities() throws InterruptedException {
        createThroughGateway("opportunities", "opportunity", config.opportunities(), 5_000_000L, (index, random) -> {
            String customer = customerIds.get(random.nextInt(customerIds.size()));
            Map<String, Object> body = DataGen.opportunityBody(customer, random, "基准商机 " + index);
            Api.Answer answer = api.post("rep", StackLauncher.GATEWAY, "/api/v1/sales/opportunities", body);
            if (answer.ok() && opportunities.size() < 20_000) {
                opportunities.put(answer.json().path("id").asString(), body);
            }
            return answer;
        }, "POST /api/v1/sales/opportunities through the gateway", () -> "");
    }

    /** One record created per call, {@code loadConcurrency} at a time, until {@code count} or the phase's time budget. */
    private void createThroughGateway(String phase, String singular, int count, long seedBase,
                                      java.util.function.BiFunction<Integer, Random, Api.Answer> create, String how,
                                      java.util.function.Supplier<String> detail)
            throws InterruptedException {
        long begin = System.nanoTime();
        long deadline = deadline(begin);
        AtomicInteger done = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        Semaphore slots = new Semaphore(config.loadConcurrency());
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < count && System.nanoTime() < deadline && !customerIds.isEmpty(); i++) {
                int index = i;
                slots.acquire();
                pool.submit(() -> {
                    try {
                        Api.Answer answer = create.apply(index, new Random(seedBase + index));
                        if (answer.ok()) {
                            if (done.incrementAndGet() % 500 == 0) {
                                log.printf("  %s: %d after %.0f s%n", phase, done.get(), (System.nanoTime() - begin) / 1e9);
                            }
                        } else if (failed.incrementAndGet() <= 3) {
                            log.println("  " + singular + " failed: " + answer.status() + " " + abbreviate(answer.body()));
                        }
                    } finally {
                        slots.release();
                    }
                });
            }
        }
        phases.add(new Phase(phase, how + ", " + config.loadConcurrency() + " at a time",
                count, done.get(), failed.get(), (System.nanoTime() - begin) / 1e9, detail.get()));
    }

    /** A year of ERP orders (orderedAt spread over the last 365 days) for the pooled customers, on erp.order.events. */
    public void yearOfEvents() throws Exception {
        if (customerIds.isEmpty()) {
            return;
        }
        long begin = System.nanoTime();
        Instant now = Instant.now();
        AtomicInteger failed = new AtomicInteger();
        int sent = 0;
        try (KafkaProducer<String, String> producer = Kafka.producer()) {
            Random random = new Random(99);
            long deadline = deadline(begin);
            for (; sent < config.yearEvents() && System.nanoTime() < deadline; sent++) {
                String orderId = DataGen.newOrderId(sent);
                Instant at = now.minusSeconds(random.nextLong(365L * 24 * 3600));
                producer.send(Kafka.orderRecord(orderId, DataGen.orderPlaced(orderId, customerIds.get(random.nextInt(customerIds.size())), at, random)),
                        (metadata, error) -> {
                            if (error != null) {
                                failed.incrementAndGet();
                            }
                        });
            }
            producer.flush();
        }
        double produceSeconds = (System.nanoTime() - begin) / 1e9;
        phases.add(new Phase("a year of ERP orders", "kafka-clients producer on erp.order.events (acks=all)", config.yearEvents(), sent - failed.get(),
                failed.get(), produceSeconds, "orderedAt spread over the last 365 days, " + customerIds.size() + " customers"));
        // How fast analytics takes them in: wait until its consumer group has caught up (or the budget is spent).
        long drainBegin = System.nanoTime();
        long deadline = deadline(drainBegin);
        try (Admin admin = Kafka.admin()) {
            long startLag = Kafka.lag(admin, Kafka.ANALYTICS_GROUP, Kafka.ANALYTICS_TOPICS);
            long lag = startLag;
            while (lag > 0 && System.nanoTime() < deadline) {
                Thread.sleep(5_000);
                lag = Kafka.lag(admin, Kafka.ANALYTICS_GROUP, Kafka.ANALYTICS_TOPICS);
                log.printf("  analytics lag: %d records after %.0f s%n", lag, (System.nanoTime() - drainBegin) / 1e9);
            }
            double seconds = (System.nanoTime() - drainBegin) / 1e9;
            phases.add(new Phase("analytics intake of the backlog", "analytics-service consumer group lag over its 5 topics", (int) startLag,
                    (int) (startLag - Math.max(0, lag)), 0, seconds, "lag " + startLag + " at the start, " + lag + " at the end"
                    + (lag > 0 ? " (budget spent before it caught up)" : "")));
        }
    }

    static String abbreviate(String text) {
        return text == null ? "" : text.length() > 300 ? text.substring(0, 300) + "..." : text;
    }
}
