package org.crmsuite.benchmark;

import java.io.PrintStream;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.kafka.clients.producer.KafkaProducer;

import tools.jackson.databind.JsonNode;

/**
 * The department mix through the gateway: closed-loop virtual users, each picking its next request type by weight
 * (reps search and update customers and opportunities, agents work their queue, managers read dashboards and the
 * 360, stewards merge), while the ERP publishes orders on Kafka at a fixed rate and a probe measures event freshness
 * (a customer registered through the gateway, polled in analytics' 360 until it shows).
 */
public final class Mix {

    /** Who sends each request type (for the report). */
    public static final Map<String, String> WHO = Map.ofEntries(
            Map.entry("customer.search", "rep"), Map.entry("customer.read", "rep"), Map.entry("customer.update", "rep"),
            Map.entry("opportunity.list", "rep"), Map.entry("opportunity.update", "rep"), Map.entry("ticket.queue", "agent"),
            Map.entry("ticket.comment", "agent"), Map.entry("dashboard.kpi", "service.manager / sales.manager"),
            Map.entry("customer.360", "sales.manager"), Map.entry("customer.merge", "steward"), Map.entry("sales.forecast", "sales.manager"),
            Map.entry("erp.order.publish", "ERP (Kafka)"), Map.entry("freshness", "rep → analytics"));

    /** Which service answers each request type (for the profile). */
    public static final Map<String, String> SERVICE = Map.ofEntries(
            Map.entry("customer.search", "customer-service"), Map.entry("customer.read", "customer-service"),
            Map.entry("customer.update", "customer-service"), Map.entry("customer.merge", "customer-service"),
            Map.entry("opportunity.list", "sales-service"), Map.entry("opportunity.update", "sales-service"),
            Map.entry("sales.forecast", "sales-service"), Map.entry("ticket.queue", "ticket-service"),
            Map.entry("ticket.comment", "ticket-service"), Map.entry("dashboard.kpi", "analytics-service"),
            Map.entry("customer.360", "analytics-service"));

    private static final String[] SERVICE_KPIS = {"backlog", "sla-compliance", "first-response-time", "csat"};
    private static final String[] SALES_KPIS = {"pipeline-value", "win-rate", "repurchase-rate", "average-deal-size"};
    private static final List<String> CUSTOMER_FIELDS = List.of("legalName", "shortName", "uscc", "foreignCompany", "industry", "size",
            "province", "city", "district", "street", "website", "phone", "email", "valueTier", "tags", "sourceChannel",
            "marketingConsent", "preferredChannel", "doNotContact", "ownerId", "department");

    private final Api api;
    private final Loader data;
    private final PrintStream log;
    final Map<String, LatencyRecorder> recorders = new ConcurrentHashMap<>();
    final Map<String, String> firstErrors = new ConcurrentHashMap<>();
    final LatencyRecorder freshness = new LatencyRecorder();
    final LatencyRecorder erp = new LatencyRecorder();
    private final AtomicInteger mergeCursor = new AtomicInteger();
    volatile double seconds;
    volatile long erpSent;

    public Mix(Api api, Loader data, PrintStream log) {
        this.api = api;
        this.data = data;
        this.log = log;
    }

    public LatencyRecorder recorder(String type) {
        return recorders.computeIfAbsent(type, key -> new LatencyRecorder());
    }

    /** Runs the mix for this long with this many users, the ERP at erpRate orders/s, a freshness probe every interval. */
    public void run(Map<String, Integer> weights, int users, long durationSeconds, int erpRate, long freshnessIntervalMillis) throws InterruptedException {
        MixScheduler<String> scheduler = new MixScheduler<>(weights);
        long begin = System.nanoTime();
        long end = begin + durationSeconds * 1_000_000_000L;
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int u = 0; u < users; u++) {
                SplittableRandom random = new SplittableRandom(1000 + u);
                pool.submit(() -> {
                    while (System.nanoTime() < end) {
                        String type = scheduler.next(random);
                        try {
                            execute(type, random);
                        } catch (RuntimeException e) {
                            recorder(type).recordError();
                            firstErrors.putIfAbsent(type, String.valueOf(e));
                        }
                    }
                });
            }
            if (erpRate > 0 && !data.customerIds.isEmpty()) {
                pool.submit(() -> publishOrders(erpRate, end));
            }
            if (freshnessIntervalMillis > 0) {
                pool.submit(() -> probeFreshness(freshnessIntervalMillis, end));
            }
        }
        seconds = Math.min((System.nanoTime() - begin) / 1e9, durationSeconds); // freshness polls may outlive the mix
    }

    /** Only one request type, for the profile: a new Mix on the same data, so this run's figures stay apart. */
    public void runOnly(String type, int users, long durationSeconds) throws InterruptedException {
        new Mix(api, data, log).run(Map.of(type, 1), users, durationSeconds, 0, 0);
    }

    /** Freshness probes only (no other load): the pipeline's own delay on a quiet stack. */
    public void probeOnly(int probes, long intervalMillis) throws InterruptedException {
        run(Map.of("customer.read", 0, "none", 1), 0, probes * intervalMillis / 1000 + 5, 0, intervalMillis);
    }

    void execute(String type, SplittableRandom random) {
        String gw = StackLauncher.GATEWAY;
        switch (type) {
            case "customer.search" -> {
                String name = data.customerNames.get(pick(data.customerIds, random));
                String q = name == null ? "有限公司" : name.substring(0, Math.min(4, name.length()));
                time(type, api.get("rep", gw, "/api/v1/customers?size=20&q=" + Api.encode(q)));
            }
            case "customer.read" -> time(type, api.get("rep", gw, "/api/v1/customers/" + pick(data.customerIds, random)));
            case "customer.update" -> {
                String id = pick(data.customerIds, random);
                Api.Answer read = api.get("rep", gw, "/api/v1/customers/" + id);
                if (!read.ok()) {
                    time(type, read);
                    return;
                }
                JsonNode customer = read.json();
                Map<String, Object> body = new LinkedHashMap<>();
                for (String field : CUSTOMER_FIELDS) {
                    if (customer.has(field) && !customer.get(field).isNull()) {
                        body.put(field, Api.JSON.treeToValue(customer.get(field), Object.class));
                    }
                }
                body.put("street", "基准路 " + random.nextInt(1000) + " 号");
                body.put("saveAnyway", true);
                time(type, api.send("rep", "PUT", gw, "/api/v1/customers/" + id, body, read.version(), null));
            }
            case "opportunity.list" -> time(type, api.get("rep", gw, "/api/v1/sales/opportunities?size=20&page=" + random.nextInt(5)));
            case "opportunity.update" -> {
                List<String> ids = new ArrayList<>(data.opportunities.keySet());
                String id = pick(ids, random);
                Api.Answer read = api.get("rep", gw, "/api/v1/sales/opportunities/" + id);
                if (!read.ok()) {
                    time(type, read);
                    return;
                }
                Map<String, Object> body = new LinkedHashMap<>(data.opportunities.get(id));
                body.remove("customerId"); // not part of an edit (OpportunityEdit)
                body.put("name", "基准商机 更新 " + random.nextInt(1_000_000));
                time(type, api.send("rep", "PUT", gw, "/api/v1/sales/opportunities/" + id, body, read.version(), null));
            }
            case "ticket.queue" -> time(type, api.get("agent", gw, "/api/v1/tickets?queue=tier-1&size=20&sort=priority&page=" + random.nextInt(3)));
            case "ticket.comment" -> time(type, api.post("agent", gw, "/api/v1/tickets/" + pick(data.ticketIds, random) + "/comments",
                    Map.of("body", "基准测试：已联系客户 " + random.nextInt(1000), "internal", true)));
            case "dashboard.kpi" -> {
                boolean service = random.nextBoolean();
                String kpi = service ? SERVICE_KPIS[random.nextInt(SERVICE_KPIS.length)] : SALES_KPIS[random.nextInt(SALES_KPIS.length)];
                LocalDate today = LocalDate.now();
                time(type, api.get(service ? "service.manager" : "sales.manager", gw, "/api/v1/analytics/kpis/" + kpi + "?from="
                        + today.minusYears(1) + "&to=" + today.plusDays(1)));
            }
            case "customer.360" -> time(type, api.get("sales.manager", gw, "/api/v1/analytics/customers/" + pick(data.customerIds, random)
                    + "/360?timelineLimit=20"));
            case "customer.merge" -> {
                int index = mergeCursor.getAndIncrement();
                if (index >= data.mergePairs.size()) {
                    return; // the pairs are used up: nothing to merge (not an error)
                }
                String[] pair = data.mergePairs.get(index);
                Api.Answer survivor = api.get("steward", gw, "/api/v1/customers/" + pair[0]);
                Api.Answer loser = api.get("steward", gw, "/api/v1/customers/" + pair[1]);
                if (!survivor.ok() || !loser.ok()) {
                    time(type, survivor.ok() ? loser : survivor);
                    return;
                }
                time(type, api.send("steward", "POST", gw, "/api/v1/customers/" + pair[0] + "/merge",
                        Map.of("loserId", pair[1], "loserVersion", loser.version(), "fields", Map.of()), survivor.version(), null));
            }
            case "sales.forecast" -> {
                YearMonth now = YearMonth.now();
                time(type, api.get("sales.manager", gw, "/api/v1/sales/forecast?from=" + now + "&to=" + now.plusMonths(2)));
            }
            default -> throw new IllegalArgumentException("unknown request type " + type);
        }
    }

    private void time(String type, Api.Answer answer) {
        if (answer.ok()) {
            recorder(type).record(answer.micros());
        } else {
            recorder(type).recordError();
            firstErrors.putIfAbsent(type, answer.status() + " " + Loader.abbreviate(answer.body()));
        }
    }

    private static String pick(List<String> ids, SplittableRandom random) {
        if (ids.isEmpty()) {
            throw new IllegalStateException("no data loaded for this request type");
        }
        return ids.get(random.nextInt(ids.size()));
    }

    private void publishOrders(int rate, long end) {
        Random random = new Random(42);
        long sent = 0;
        long begin = System.nanoTime();
        try (KafkaProducer<String, String> producer = Kafka.producer()) {
            while (System.nanoTime() < end) {
                long due = begin + (long) (sent * 1e9 / rate);
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                }
                String orderId = DataGen.newOrderId(10_000_000L + sent);
                String customer = data.customerIds.get(random.nextInt(data.customerIds.size()));
                long sendAt = System.nanoTime();
                producer.send(Kafka.orderRecord(orderId, DataGen.orderPlaced(orderId, customer, java.time.Instant.now(), random)), (meta, error) -> {
                    if (error == null) {
                        erp.record((System.nanoTime() - sendAt) / 1_000);
                    } else {
                        erp.recordError();
                    }
                });
                sent++;
            }
            producer.flush();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            erpSent = sent;
        }
    }

    /** Registers a customer through the gateway and polls analytics' 360 (direct, every 20 ms) until it shows. */
    private void probeFreshness(long intervalMillis, long end) {
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            probeFreshness(intervalMillis, end, pool);
        }
    }

    private void probeFreshness(long intervalMillis, long end, ExecutorService pool) {
        int n = 0;
        while (System.nanoTime() < end - 5_000_000_000L) {
            int index = n++;
            pool.submit(() -> {
                String name = DataGen.chineseName(new Random(9_000_000L + index + System.nanoTime()));
                Api.Answer created = api.post("rep", StackLauncher.GATEWAY, "/api/v1/customers",
                        DataGen.customerBody(name, String.format("137%08d", index)));
                if (!created.ok()) {
                    freshness.recordError();
                    firstErrors.putIfAbsent("freshness", created.status() + " " + Loader.abbreviate(created.body()));
                    return;
                }
                long committed = System.nanoTime();
                String id = created.json().path("id").asString();
                while (System.nanoTime() - committed < 120_000_000_000L) {
                    Api.Answer seen = api.get("rep", "http://127.0.0.1:8084", "/api/v1/analytics/customers/" + id + "/360?timelineLimit=1");
                    if (seen.ok()) {
                        freshness.record((System.nanoTime() - committed) / 1_000);
                        return;
                    }
                    try {
                        Thread.sleep(20);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
                freshness.recordError();
                firstErrors.putIfAbsent("freshness", "not in the 360 after 120 s");
            });
            try {
                Thread.sleep(intervalMillis);
            } catch (InterruptedException e) {
                return;
            }
        }
    }
}
