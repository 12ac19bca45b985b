package org.crmsuite.analytics.support;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

import org.crmsuite.analytics.event.AnalyticsEvent;

import tools.jackson.databind.json.JsonMapper;

/**
 * Random but plausible event histories over half a year: customers (some merged, some named by USCC only in ERP and
 * finance), tickets with responses, resolutions, breaches, ratings and reopenings, leads, opportunities through
 * stages, campaigns, orders and invoices. Deterministic for a seed.
 */
public final class HistoryGenerator {

    public static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    static final JsonMapper JSON = JsonMapper.builder().build();
    static final String[] DEPARTMENTS = {"/sales/east", "/sales/west", "/service/tier-1"};
    static final String[] PEOPLE = {"rep", "rep.west", "agent.li", "agent.wang"};
    static final String[] QUEUES = {"billing", "technical", "general"};
    static final String[] PRIORITIES = {"P1", "P2", "P3", "P4"};
    static final String[] TYPES = {"CONSULTATION", "INCIDENT", "COMPLAINT", "REQUEST"};
    static final String[] STAGES = {"QUALIFY", "PROPOSAL", "NEGOTIATION"};

    private final Random random;
    private final List<AnalyticsEvent> events = new ArrayList<>();
    private final List<String> customers = new ArrayList<>();
    private final Map<String, String> usccOf = new LinkedHashMap<>();
    private final List<String> campaigns = new ArrayList<>();
    private final java.util.Set<Integer> merged = new java.util.HashSet<>();
    private final java.util.Set<String> namedByUscc = new java.util.HashSet<>();
    private long offset;

    public HistoryGenerator(long seed) {
        this.random = new Random(seed);
    }

    public record Sizes(int customers, int tickets, int leads, int opportunities, int campaigns, int orders, int invoices, int merges) {
        public static Sizes small() {
            return new Sizes(6, 20, 10, 12, 3, 30, 8, 2);
        }
    }

    public List<AnalyticsEvent> generate(Sizes sizes) {
        for (int i = 0; i < sizes.customers(); i++) {
            customer();
        }
        for (int i = 0; i < sizes.campaigns(); i++) {
            campaign();
        }
        for (int i = 0; i < sizes.tickets(); i++) {
            ticket();
        }
        for (int i = 0; i < sizes.leads(); i++) {
            lead();
        }
        for (int i = 0; i < sizes.opportunities(); i++) {
            opportunity();
        }
        for (int i = 0; i < sizes.orders(); i++) {
            order();
        }
        for (int i = 0; i < sizes.invoices(); i++) {
            invoice();
        }
        for (int i = 0; i < sizes.merges() && customers.size() > 2; i++) {
            merge();
        }
        // last, so the events above stay those of earlier versions for a seed
        for (String customer : customers) {
            qualityScores(customer);
        }
        for (String customer : customers) {
            if (!namedByUscc.contains(customer) && random.nextInt(6) == 0) {
                // an erasure clears the USCCs, so a customer ERP names by USCC only is not erased here (the recounts
                // of the order KPIs map USCCs from crm.customer.created, as nothing else erases them)
                Instant at = at(170);
                emit("crm.customer.erased.v1", "crm.customer.events", customer, at, "customerId", customer, "code", "C-000001",
                        "erasedContactIds", List.of(), "erasedBy", "steward", "erasedAt", at.toString());
            }
        }
        return List.copyOf(events);
    }

    /** The same events delivered out of order, with some delivered twice or three times. */
    public List<AnalyticsEvent> redelivered(List<AnalyticsEvent> history) {
        List<AnalyticsEvent> delivered = new ArrayList<>(history);
        int extra = random.nextInt(history.size() / 3 + 1);
        for (int i = 0; i < extra; i++) {
            delivered.add(history.get(random.nextInt(history.size())));
        }
        Collections.shuffle(delivered, random);
        return delivered;
    }

    Instant at(int maxDays) {
        return T0.plus(Duration.ofMinutes(random.nextInt(maxDays * 24 * 60)));
    }

    Instant after(Instant start, int maxHours) {
        return start.plus(Duration.ofMinutes(1 + random.nextInt(maxHours * 60)));
    }

    <T> T pick(T[] values) {
        return values[random.nextInt(values.length)];
    }

    String id() {
        return new UUID(random.nextLong(), random.nextLong()).toString();
    }

    String money(int max) {
        return BigDecimal.valueOf(random.nextInt(max * 100) + 100, 2).toPlainString();
    }

    void emit(String type, String topic, String subject, Instant time, Object... fields) {
        Map<String, Object> payload = new LinkedHashMap<>();
        for (int i = 0; i < fields.length; i += 2) {
            payload.put((String) fields[i], fields[i + 1]);
        }
        events.add(new AnalyticsEvent(id(), type, topic, subject, time, 0, offset++, JSON.valueToTree(payload)));
    }

    void customer() {
        String id = id();
        String uscc = "91330" + String.format("%013d", Math.abs(random.nextLong() % 1_000_000_000_0000L));
        customers.add(id);
        usccOf.put(id, uscc);
        Instant created = T0.minus(Duration.ofDays(random.nextInt(200)));
        emit("crm.customer.created.v1", "crm.customer.events", id, created, "customerId", id, "code", "C-" + String.format("%06d", customers.size()),
                "legalName", "公司" + customers.size(), "uscc", uscc, "lifecycleStage", "ACTIVE", "valueTier", pick(new String[]{"KEY", "STANDARD", "SMALL"}),
                "status", "ACTIVE", "ownerId", pick(PEOPLE), "department", pick(DEPARTMENTS), "createdAt", created.toString());
        if (random.nextBoolean()) {
            Instant at = at(150);
            emit("crm.customer.updated.v1", "crm.customer.events", id, at, "customerId", id, "code", "C-000001", "version", 2,
                    "changedFields", List.of("phone", "email"), "changes", Map.of("phone", "+8613812345678", "email", "li@example.com"),
                    "updatedBy", "rep", "updatedAt", at.toString());
        }
    }

    void campaign() {
        String id = id();
        campaigns.add(id);
        Instant launched = at(60);
        String owner = pick(PEOPLE);
        String department = pick(DEPARTMENTS);
        emit("crm.campaign.launched.v1", "crm.sales.events", id, launched, "campaignId", id, "name", "C" + campaigns.size(),
                "budget", "10000.00", "currency", "CNY", "startDate", "2026-01-01", "ownerId", owner, "department", department,
                "launchedBy", owner, "launchedAt", launched.toString());
        if (random.nextInt(4) > 0) {
            Instant done = after(launched, 24 * 60);
            emit("crm.campaign.completed.v1", "crm.sales.events", id, done, "campaignId", id, "name", "C" + campaigns.size(),
                    "budget", "10000.00", "actualCost", money(20000), "currency", "CNY", "memberCount", 100 + random.nextInt(900),
                    "responseCount", random.nextInt(100), "ownerId", owner, "department", department, "completedBy", owner,
                    "completedAt", done.toString());
        }
    }

    void ticket() {
        String id = id();
        String customer = customers.get(random.nextInt(customers.size()));
        String number = "T-2026-" + String.format("%06d", offset);
        String queue = pick(QUEUES);
        String priority = pick(PRIORITIES);
        String type = pick(TYPES);
        String assignee = random.nextInt(5) == 0 ? null : pick(PEOPLE);
        Instant opened = at(170);
        Map<String, Object> open = new LinkedHashMap<>(Map.of("ticketId", id, "number", number, "customerId", customer, "channel", "WEB",
                "type", type, "priority", priority, "ticketSubject", "问题", "status", assignee == null ? "NEW" : "ASSIGNED",
                "queue", queue, "openedBy", "agent.li"));
        open.put("department", pick(DEPARTMENTS));
        open.put("assignee", assignee);
        open.put("openedAt", opened.toString());
        emitMap("crm.ticket.opened.v1", "crm.ticket.events", id, opened, open);
        Instant now = opened;
        Instant firstResponse = null;
        if (random.nextInt(4) > 0) {
            now = after(now, 30);
            firstResponse = now;
            emit("crm.ticket.commented.v1", "crm.ticket.events", id, now, "ticketId", id, "number", number, "customerId", customer,
                    "commentId", id(), "author", "agent.li", "body", "您好", "commentedAt", now.toString());
            emit("crm.ticket.status-changed.v1", "crm.ticket.events", id, now, "ticketId", id, "number", number, "customerId", customer,
                    "from", "ASSIGNED", "to", "IN_PROGRESS", "changedBy", "agent.li", "changedAt", now.toString());
        }
        if (random.nextInt(4) == 0) {
            now = after(now, 20);
            emit("crm.ticket.sla-breached.v1", "crm.ticket.events", id, now, "ticketId", id, "number", number, "customerId", customer,
                    "target", random.nextBoolean() ? "FIRST_RESPONSE" : "RESOLUTION", "policy", "std", "priority", priority, "queue", queue,
                    "dueAt", now.toString(), "breachedAt", now.toString());
        }
        int rounds = random.nextInt(3);
        for (int round = 0; round < rounds; round++) {
            if (round > 0) {
                now = after(now, 48);
                emit("crm.ticket.reopened.v1", "crm.ticket.events", id, now, "ticketId", id, "number", number, "customerId", customer,
                        "reopenedBy", "agent.li", "reopenedAt", now.toString(), "reopenCount", round);
            }
            now = after(now, 200);
            Map<String, Object> resolved = new LinkedHashMap<>(Map.of("ticketId", id, "number", number, "customerId", customer, "type", type,
                    "priority", priority, "queue", queue, "resolution", "done", "resolvedBy", "agent.li", "openedAt", opened.toString(),
                    "resolvedAt", now.toString()));
            resolved.put("resolutionBreached", random.nextInt(6) == 0);
            resolved.put("assignee", assignee);
            resolved.put("firstRespondedAt", firstResponse == null ? null : firstResponse.toString());
            emitMap("crm.ticket.resolved.v1", "crm.ticket.events", id, now, resolved);
        }
        if (rounds > 0 && random.nextBoolean()) {
            now = after(now, 50);
            Map<String, Object> rated = new LinkedHashMap<>(Map.of("ticketId", id, "number", number, "customerId", customer, "type", type,
                    "queue", queue, "csat", 1 + random.nextInt(5), "hasComment", false, "ratedAt", now.toString()));
            rated.put("nps", random.nextBoolean() ? random.nextInt(11) : null);
            emitMap("crm.ticket.satisfaction-rated.v1", "crm.ticket.events", id, now, rated);
        }
        if (rounds > 0 && random.nextBoolean()) {
            now = after(now, 100);
            emit("crm.ticket.closed.v1", "crm.ticket.events", id, now, "ticketId", id, "number", number, "customerId", customer,
                    "closedBy", "agent.li", "closedAt", now.toString());
        }
    }

    void lead() {
        String id = id();
        Instant created = at(150);
        String owner = pick(PEOPLE);
        String department = pick(DEPARTMENTS);
        String campaign = campaigns.isEmpty() || random.nextBoolean() ? null : campaigns.get(random.nextInt(campaigns.size()));
        Map<String, Object> lead = new LinkedHashMap<>(Map.of("leadId", id, "company", "线索", "source", pick(new String[]{"WEBSITE", "REFERRAL", "CAMPAIGN"}),
                "score", 50, "ownerId", owner, "department", department, "version", 1, "createdBy", owner, "createdAt", created.toString()));
        lead.put("campaignId", campaign);
        emitMap("crm.lead.created.v1", "crm.sales.events", id, created, lead);
        int outcome = random.nextInt(3);
        Instant at = after(created, 300);
        if (outcome == 1) {
            emit("crm.lead.converted.v1", "crm.sales.events", id, at, "leadId", id, "company", "线索", "customerId", customers.get(0),
                    "customerCreated", false, "ownerId", owner, "department", department, "version", 3, "convertedBy", owner, "convertedAt", at.toString());
        } else if (outcome == 2) {
            emit("crm.lead.disqualified.v1", "crm.sales.events", id, at, "leadId", id, "company", "线索", "fromStatus", "NEW", "reason", "no budget",
                    "ownerId", owner, "department", department, "version", 2, "disqualifiedBy", owner, "disqualifiedAt", at.toString());
        }
    }

    void opportunity() {
        String id = id();
        String customer = customers.get(random.nextInt(customers.size()));
        Instant created = at(150);
        String owner = pick(PEOPLE);
        String department = pick(DEPARTMENTS);
        String amount = money(500000);
        String campaign = campaigns.isEmpty() || random.nextBoolean() ? null : campaigns.get(random.nextInt(campaigns.size()));
        Map<String, Object> opp = new LinkedHashMap<>(Map.of("opportunityId", id, "name", "商机", "customerId", customer, "amount", amount,
                "currency", "CNY", "stage", STAGES[0], "probability", 10, "ownerId", owner, "department", department, "version", 1));
        opp.put("createdBy", owner);
        opp.put("createdAt", created.toString());
        opp.put("campaignId", campaign);
        emitMap("crm.opportunity.created.v1", "crm.sales.events", id, created, opp);
        Instant now = created;
        int stage = 0;
        int moves = random.nextInt(STAGES.length);
        for (int i = 0; i < moves; i++) {
            now = after(now, 240);
            amount = random.nextBoolean() ? money(500000) : amount;
            emit("crm.opportunity.stage-changed.v1", "crm.sales.events", id, now, "opportunityId", id, "customerId", customer,
                    "fromStage", STAGES[stage], "toStage", STAGES[stage + 1], "probability", 30 * (stage + 1) + 10, "amount", amount,
                    "currency", "CNY", "ownerId", owner, "department", department, "version", 2 + i, "changedBy", owner, "changedAt", now.toString());
            stage++;
        }
        int outcome = random.nextInt(3);
        now = after(now, 500);
        if (outcome == 1) {
            Map<String, Object> won = new LinkedHashMap<>(Map.of("opportunityId", id, "name", "商机", "customerId", customer, "amount", amount,
                    "currency", "CNY", "lineItems", List.of(), "ownerId", owner, "department", department, "version", 9, "wonBy", owner));
            won.put("wonAt", now.toString());
            won.put("campaignId", campaign);
            emitMap("crm.opportunity.won.v1", "crm.sales.events", id, now, won);
        } else if (outcome == 2) {
            emit("crm.opportunity.lost.v1", "crm.sales.events", id, now, "opportunityId", id, "customerId", customer, "fromStage", STAGES[stage],
                    "amount", amount, "currency", "CNY", "reason", "price", "competitors", List.of(), "ownerId", owner, "department", department,
                    "version", 9, "lostBy", owner, "lostAt", now.toString());
        }
    }

    void order() {
        String id = "SO-" + offset;
        String customer = customers.get(random.nextInt(customers.size()));
        Instant ordered = T0.minus(Duration.ofDays(100)).plus(Duration.ofMinutes(random.nextInt(280 * 24 * 60)));
        Map<String, Object> order = new LinkedHashMap<>(Map.of("orderId", id, "amount", money(200000), "currency", "CNY", "orderedAt", ordered.toString()));
        if (random.nextInt(3) == 0) {
            order.put("uscc", usccOf.get(customer));
            namedByUscc.add(customer);
        } else {
            order.put("customerId", customer);
        }
        emitMap("erp.order.placed.v1", "erp.order.events", id, ordered, order);
        if (random.nextInt(8) == 0) {
            Instant cancelled = after(ordered, 48);
            emit("erp.order.cancelled.v1", "erp.order.events", id, cancelled, "orderId", id, "customerId", customer, "cancelledAt", cancelled.toString());
        }
    }

    void invoice() {
        String id = "INV-" + offset;
        String customer = customers.get(random.nextInt(customers.size()));
        Instant issued = at(150);
        String amount = money(100000);
        emit("finance.invoice.issued.v1", "finance.invoice.events", id, issued, "invoiceId", id, "customerId", customer, "amount", amount,
                "currency", "CNY", "issuedAt", issued.toString(), "dueDate", "2026-06-30");
        int outcome = random.nextInt(3);
        Instant at = after(issued, 24 * 40);
        if (outcome == 1) {
            emit("finance.invoice.paid.v1", "finance.invoice.events", id, at, "invoiceId", id, "customerId", customer, "amount", amount,
                    "currency", "CNY", "paidAt", at.toString());
        } else if (outcome == 2) {
            emit("finance.invoice.overdue.v1", "finance.invoice.events", id, at, "invoiceId", id, "customerId", customer, "amountDue", amount,
                    "currency", "CNY", "dueDate", "2026-06-30", "daysOverdue", 3, "detectedAt", at.toString());
        }
    }

    void merge() {
        // survivors have lower indexes and a customer loses at most once: no cycles, as customer-service guarantees
        int a = random.nextInt(customers.size());
        int b = random.nextInt(customers.size());
        if (a == b || merged.contains(Math.max(a, b))) {
            return;
        }
        merged.add(Math.max(a, b));
        String loser = customers.get(Math.max(a, b));
        String survivor = customers.get(Math.min(a, b));
        String mergeId = id();
        Instant at = at(170);
        emit("crm.customer.merged.v1", "crm.customer.events", survivor, at, "mergeId", mergeId, "loserId", loser, "loserCode", "C-000001",
                "survivorId", survivor, "survivorCode", "C-000002", "movedContactIds", List.of(), "mergedBy", "steward", "mergedAt", at.toString(),
                "undoableUntil", at.plus(Duration.ofDays(30)).toString());
        if (random.nextInt(4) == 0) {
            Instant undone = after(at, 100);
            emit("crm.customer.merge-undone.v1", "crm.customer.events", survivor, undone, "mergeId", mergeId, "loserId", loser, "loserCode", "C-000001",
                    "survivorId", survivor, "survivorCode", "C-000002", "movedContactIds", List.of(), "undoneBy", "steward", "undoneAt", undone.toString());
        }
    }

    static final String[] QUALITY_DIMENSIONS = {"COMPLETENESS", "VALIDITY", "TIMELINESS", "CONSISTENCY"};

    /** Up to four data-quality scores at increasing instants, each with its issues; a quarter of customers never scored. */
    void qualityScores(String customer) {
        int count = random.nextInt(5);
        Instant at = at(120);
        Integer previous = null;
        for (int i = 0; i < count; i++) {
            at = after(at, 24 * 30);
            int score = random.nextInt(101);
            List<Map<String, Object>> issues = new ArrayList<>();
            for (int n = random.nextInt(4); n > 0; n--) {
                issues.add(Map.of("dimension", pick(QUALITY_DIMENSIONS), "field", "uscc", "issue", "invalid"));
            }
            Map<String, Object> scored = new LinkedHashMap<>(Map.of("customerId", customer, "code", "C-000001", "score", score,
                    "completeness", Math.min(50, score / 2), "validity", 10, "timeliness", 10, "consistency", 5, "issues", issues,
                    "scoredAt", at.toString()));
            scored.put("department", pick(DEPARTMENTS));
            scored.put("ownerId", pick(PEOPLE));
            scored.put("previousScore", previous);
            emitMap("crm.customer.quality-scored.v1", "crm.customer.events", customer, at, scored);
            previous = score;
        }
    }

    void emitMap(String type, String topic, String subject, Instant time, Map<String, Object> payload) {
        events.add(new AnalyticsEvent(id(), type, topic, subject, time, 0, offset++, JSON.valueToTree(payload)));
    }
}
