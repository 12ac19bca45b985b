package org.crmsuite.analytics.projection;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;

import org.crmsuite.analytics.event.AnalyticsEvent;
import org.crmsuite.analytics.event.EventKeys;
import org.crmsuite.analytics.kpi.FactsMirror;
import org.crmsuite.analytics.model.Folds;
import org.junit.jupiter.api.Test;

import tools.jackson.databind.json.JsonMapper;

/**
 * Heap per event of the histories cache and per fact of the KPI mirror, measured (heap in use after a full GC, with
 * and without them), so ops can size the heap: {@code ./mvnw -B -o -Pbenchmark -pl analytics-service test
 * -Dtest=HeapSizingBenchmark}; {@code crm.benchmark.events} (100000) events of the freshness benchmark's mix
 * (ticket opened, ticket resolved, ERP order, opportunity created), parsed from JSON as the intake does. Writes
 * {@code analytics-service-heap.md} to {@code crm.benchmark.report-dir}.
 */
class HeapSizingBenchmark {

    static final int EVENTS = Integer.getInteger("crm.benchmark.events", 100_000);
    static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void heapPerCachedEventAndPerFact() throws Exception {
        long base = usedAfterGc();
        HistoryCache cache = new HistoryCache(Integer.MAX_VALUE);
        for (AnalyticsEvent event : events()) {
            Set<String> keys = EventKeys.of(event);
            cache.created(keys);
            cache.stored(event, keys);
        }
        long withCache = usedAfterGc();
        long entries = cache.events();
        long estimated = cache.bytes();
        double perEntry = (withCache - base) / (double) entries;
        double perEvent = (withCache - base) / (double) EVENTS;
        cache.clear();
        base = usedAfterGc();

        // another run of the mix, folded into facts as the projector folds them; the events are dropped before measuring
        Map<String, List<AnalyticsEvent>> byKey = new LinkedHashMap<>();
        for (AnalyticsEvent event : events()) {
            EventKeys.of(event).forEach(key -> byKey.computeIfAbsent(key, k -> new ArrayList<>()).add(event));
        }

        // the facts the KPI mirror would hold for these events, folded as the projector folds them
        FactsMirror mirror = new FactsMirror(new InMemoryReadModelStore(), Duration.ZERO, java.time.Clock.systemUTC());
        mirror.load();
        int facts = 0;
        for (Map.Entry<String, List<AnalyticsEvent>> entry : byKey.entrySet()) {
            String key = entry.getKey();
            String id = EventKeys.id(key);
            Object fact = key.startsWith(EventKeys.TICKET) ? Folds.ticket(id, entry.getValue())
                    : key.startsWith(EventKeys.ORDER) ? Folds.order(id, entry.getValue())
                    : key.startsWith(EventKeys.OPPORTUNITY) ? Folds.opportunity(id, entry.getValue()) : null;
            ReadModel model = key.startsWith(EventKeys.TICKET) ? ReadModel.TICKET : key.startsWith(EventKeys.ORDER) ? ReadModel.ORDER : ReadModel.OPPORTUNITY;
            if (fact != null) {
                mirror.written(model, id, fact);
                facts++;
            }
        }
        byKey.clear();
        long withMirror = usedAfterGc();
        mirror.facts(); // a KPI query's snapshot (immutable copies of the lists) and its derived indexes
        long withSnapshot = usedAfterGc();
        double perFact = (withMirror - base) / (double) facts;
        double perFactWithSnapshot = (withSnapshot - base) / (double) facts;

        String report = "## Heap per cached event and per KPI fact (`HeapSizingBenchmark`)\n\n"
                + EVENTS + " events of the freshness benchmark's mix, parsed from JSON as the intake parses them, run " + Instant.now()
                + " (" + System.getProperty("java.vm.version") + ", " + String.join(" ", ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .filter(a -> a.startsWith("-X")).toList()) + "); heap in use after a full GC with and without them:\n\n"
                + "| what | count | heap MB | bytes each |\n|---|---|---|---|\n"
                + "| histories cache, per cached entry (`history-cache-events` counts these: an event under 2 keys is 2) | " + entries + " | "
                + mb(withCache - base) + " | " + Math.round(perEntry) + " |\n"
                + "| histories cache, per distinct event | " + EVENTS + " | " + mb(withCache - base) + " | " + Math.round(perEvent) + " |\n"
                + "| KPI facts in `FactsMirror` (tickets, orders, opportunities) | " + facts + " | " + mb(withMirror - base) + " | " + Math.round(perFact) + " |\n"
                + "| the same with a KPI query's snapshot held | " + facts + " | " + mb(withSnapshot - base) + " | " + Math.round(perFactWithSnapshot) + " |\n\n"
                + "The cache's own estimate (what `history-cache-size` bounds; an event under two keys charged half to each) for the same entries: " + mb(estimated) + " MB, "
                + String.format(java.util.Locale.ROOT, "%.2f", estimated / (double) Math.max(1, withCache - base)) + "x the measured heap.\n";
        System.out.println(report);
        Path dir = Path.of(System.getProperty("crm.benchmark.report-dir", "target/benchmarks"));
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("analytics-service-heap.md"), report);
        if (mirror.facts() == null) {
            throw new AssertionError("keeps the mirror reachable until here");
        }
    }

    static String mb(long bytes) {
        return String.format(java.util.Locale.ROOT, "%.1f", bytes / 1048576.0);
    }

    static long usedAfterGc() throws InterruptedException {
        for (int i = 0; i < 4; i++) {
            System.gc();
            Thread.sleep(Duration.ofMillis(100)); // not a test wait: lets the collector finish before the reading
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    /** The mix of AnalyticsBenchmark: ticket opened, ticket resolved, ERP order, opportunity created, on 500 customers. */
    static List<AnalyticsEvent> events() {
        Random random = new Random(7);
        List<String> customers = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            customers.add(UUID.randomUUID().toString());
        }
        List<String[]> open = new ArrayList<>();
        List<AnalyticsEvent> events = new ArrayList<>(EVENTS);
        for (int i = 0; i < EVENTS; i++) {
            String customer = customers.get(random.nextInt(customers.size()));
            Instant now = Instant.parse("2026-12-01T00:00:00Z").plusMillis(i * 2L);
            String type;
            String json;
            String topic;
            int kind = i % 4;
            if (kind == 0 || (kind == 1 && open.isEmpty())) {
                String ticket = UUID.randomUUID().toString();
                open.add(new String[] {ticket, customer});
                type = "crm.ticket.opened.v1";
                topic = "crm.ticket.events";
                json = "{\"ticketId\":\"" + ticket + "\",\"number\":\"T-2026-" + (100000 + i) + "\",\"customerId\":\"" + customer
                        + "\",\"channel\":\"WEB\",\"type\":\"INCIDENT\",\"priority\":\"P3\",\"ticketSubject\":\"故障\",\"status\":\"NEW\",\"queue\":\"general\","
                        + "\"department\":\"/service/tier-1\",\"openedBy\":\"agent\",\"openedAt\":\"" + now + "\"}";
            } else if (kind == 1) {
                String[] ticket = open.remove(random.nextInt(open.size()));
                type = "crm.ticket.resolved.v1";
                topic = "crm.ticket.events";
                json = "{\"ticketId\":\"" + ticket[0] + "\",\"number\":\"T-2026-1\",\"customerId\":\"" + ticket[1] + "\",\"type\":\"INCIDENT\",\"priority\":\"P3\","
                        + "\"queue\":\"general\",\"resolution\":\"ok\",\"resolvedBy\":\"agent\",\"openedAt\":\"" + now.minusSeconds(60) + "\",\"resolvedAt\":\"" + now
                        + "\",\"resolutionBreached\":false}";
            } else if (kind == 2) {
                type = "erp.order.placed.v1";
                topic = "erp.order.events";
                json = "{\"orderId\":\"SO-" + i + "\",\"customerId\":\"" + customer + "\",\"amount\":\"1000.00\",\"currency\":\"CNY\",\"orderedAt\":\"" + now + "\"}";
            } else {
                type = "crm.opportunity.created.v1";
                topic = "crm.sales.events";
                json = "{\"opportunityId\":\"" + UUID.randomUUID() + "\",\"name\":\"商机\",\"customerId\":\"" + customer + "\",\"amount\":\"50000.00\","
                        + "\"currency\":\"CNY\",\"stage\":\"QUALIFY\",\"probability\":20,\"ownerId\":\"rep\",\"department\":\"/sales/east\",\"version\":1,"
                        + "\"createdBy\":\"rep\",\"createdAt\":\"" + now + "\"}";
            }
            events.add(new AnalyticsEvent(UUID.randomUUID().toString(), type, topic, customer, now, i % 3, i, JSON.readTree(json)));
        }
        return events;
    }
}
