package org.crmsuite.notification;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

/** Payloads shaped like the catalogue's schemas, for the tests. */
public final class TestEvents {

    private static final AtomicInteger NUMBERS = new AtomicInteger(1000);

    private TestEvents() {
    }

    public static String ticketNumber() {
        return "T-2026-" + String.format("%06d", NUMBERS.incrementAndGet());
    }

    public static Map<String, Object> ticketAssigned(String number, String assignee) {
        return new HashMap<>(Map.of("ticketId", UUID.randomUUID().toString(), "number", number, "customerId", UUID.randomUUID().toString(),
                "queue", "tier-1", "assignee", assignee, "assignedBy", "service.manager", "assignedAt", "2026-03-01T02:30:00Z"));
    }

    public static Map<String, Object> slaBreached(String number, String assignee) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        Map<String, Object> payload = new HashMap<>(Map.of("ticketId", UUID.randomUUID().toString(), "number", number,
                "customerId", UUID.randomUUID().toString(), "target", "RESOLUTION", "policy", "gold", "priority", "P1", "queue", "tier-1",
                "dueAt", now.minusSeconds(60).toString(), "breachedAt", now.toString()));
        payload.put("assignee", assignee);
        return payload;
    }

    public static Map<String, Object> activityDue(String owner) {
        return new HashMap<>(Map.of("activityId", UUID.randomUUID().toString(), "type", "CALL", "subject", "回访杭州云栖科技",
                "dueAt", Instant.now().plus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS).toString(), "ownerId", owner));
    }

    /** {@code crm.customer.quality-issue-assigned.v1} as customer-service records it (optional members included). */
    public static Map<String, Object> qualityIssueAssigned(String customerCode, String assignee) {
        Map<String, Object> payload = new HashMap<>(Map.of("issueId", UUID.randomUUID().toString(), "customerId", UUID.randomUUID().toString(),
                "customerCode", customerCode, "kind", "MISSING_FIELD", "field", "uscc", "score", 55, "department", "/sales/east",
                "assignee", assignee, "assignedBy", "steward.lead", "assignedAt", "2026-03-01T02:30:00Z"));
        payload.put("dueAt", "2026-03-08T10:00:00Z");
        payload.put("note", "营业执照上有统一社会信用代码，请补全");
        return payload;
    }

    public static Map<String, Object> opportunityWon(String owner) {
        return new HashMap<>(Map.of("opportunityId", UUID.randomUUID().toString(), "name", "华东仓储系统升级",
                "customerId", UUID.randomUUID().toString(), "amount", "135000.08", "currency", "CNY",
                "lineItems", List.of(Map.of("product", "WMS licence", "quantity", 3, "unitPrice", "40000.00", "lineTotal", "120000.00", "currency", "CNY")),
                "ownerId", owner, "version", 4, "wonBy", owner, "wonAt", "2026-03-01T08:00:00Z"));
    }
}
