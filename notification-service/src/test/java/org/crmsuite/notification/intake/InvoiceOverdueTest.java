package org.crmsuite.notification.intake;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import jakarta.mail.internet.MimeMessage;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.crmsuite.notification.NotificationTestSupport;
import org.crmsuite.platform.events.Topics;
import org.crmsuite.platform.test.EventProbe;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Issue 8: finance's overdue invoice reaches the owner of the invoiced opportunity or customer, found in the local
 * projection of customer and opportunity events; an invoice for a customer not known yet waits for it; a repeat
 * notifies once; an invalid record goes to the dead-letter topic with the reason.
 */
class InvoiceOverdueTest extends NotificationTestSupport {

    static final String OVERDUE = "finance.invoice.overdue.v1";

    @Test
    void anOverdueInvoiceMailsTheCustomersOwnerInTheirLanguageOnceEvenWhenRedelivered() throws Exception {
        preferences("rep.zhou", Map.of("language", "en", "zone", "Europe/Berlin", "email", "zhou@example.com"));
        String customerId = UUID.randomUUID().toString();
        customerCreated(customerId, "C-" + sixDigits(), "杭州云栖科技有限公司", uscc(), "rep.zhou");
        String invoice = "INV-" + sixDigits();
        Map<String, Object> payload = overdue(invoice, customerId, null, null);
        String eventId = publish(Topics.FINANCE_INVOICES, OVERDUE, invoice, payload);
        publish(Topics.FINANCE_INVOICES, eventId, OVERDUE, invoice, payload);

        MimeMessage mail = awaitMailTo("zhou@example.com", invoice);
        assertThat(mail.getSubject()).isEqualTo("Invoice " + invoice + " is overdue (杭州云栖科技有限公司)");
        assertThat(body(mail)).contains("was due on 2026-10-31 and is 12 day(s) overdue: 48600.00 CNY unpaid");
        await().atMost(Duration.ofSeconds(20)).until(() -> notificationsOf(eventId).stream().allMatch(n -> "DELIVERED".equals(n.get("status"))));
        assertThat(notificationsOf(eventId)).extracting(n -> n.get("recipient") + "/" + n.get("channel"))
                .containsExactly("rep.zhou/EMAIL", "rep.zhou/IN_APP");
        // a later invoice on the same key has been consumed: the repeat before it surely was too
        String marker = publish(Topics.FINANCE_INVOICES, OVERDUE, invoice, overdue(invoice + "-2", customerId, null, null));
        await().atMost(Duration.ofSeconds(30)).until(() -> !notificationsOf(marker).isEmpty());
        assertThat(mailsTo("zhou@example.com", invoice + " ")).hasSize(1);
    }

    @Test
    void anInvoiceForACustomerNotKnownYetWaitsAndReachesTheOwnerWhenTheCustomerAppears() throws Exception {
        String uscc = uscc();
        String invoice = "INV-" + sixDigits();
        String eventId = publish(Topics.FINANCE_INVOICES, OVERDUE, invoice, overdue(invoice, null, uscc, null));
        await().atMost(Duration.ofSeconds(30)).until(() -> waiting(eventId) == 1);
        assertThat(notificationsOf(eventId)).isEmpty();

        String customerId = UUID.randomUUID().toString();
        customerCreated(customerId, "C-" + sixDigits(), "宁波港通物流有限公司", uscc, "rep.sun");
        MimeMessage mail = awaitMailTo("rep.sun@crm.example.com", invoice);
        assertThat(mail.getSubject()).isEqualTo("发票 " + invoice + " 已逾期（宁波港通物流有限公司）");
        assertThat(waiting(eventId)).isZero();

        // erasure: the projection forgets the name and USCC, keeps the id and owner
        publish(Topics.CUSTOMER, "crm.customer.erased.v1", customerId, Map.of("customerId", customerId, "code", "C-000001",
                "erasedContactIds", List.of(), "erasedBy", "steward", "erasedAt", "2026-11-20T02:00:00Z"));
        await().atMost(Duration.ofSeconds(30)).until(() -> db.sql("SELECT count(*) FROM customer_owner WHERE customer_id = ? AND legal_name IS NULL AND uscc IS NULL")
                .param(UUID.fromString(customerId)).query(Long.class).single() == 1);
        assertThat(projected("customer_owner", "customer_id", customerId)).isEqualTo("rep.sun");
    }

    @Test
    void theOpportunitysOwnerHearsBeforeTheCustomersAndAnOwnerChangeIsFollowed() throws Exception {
        String customerId = UUID.randomUUID().toString();
        String code = "C-" + sixDigits();
        customerCreated(customerId, code, "苏州精工机械有限公司", uscc(), "rep.li");
        String opportunityId = UUID.randomUUID().toString();
        publish(Topics.SALES, "crm.opportunity.created.v1", opportunityId, Map.ofEntries(Map.entry("opportunityId", opportunityId),
                Map.entry("name", "产线改造"), Map.entry("customerId", customerId), Map.entry("amount", "90000.00"), Map.entry("currency", "CNY"),
                Map.entry("stage", "PROPOSAL"), Map.entry("probability", 60), Map.entry("ownerId", "rep.ma"), Map.entry("version", 0),
                Map.entry("createdBy", "rep.ma"), Map.entry("createdAt", "2026-09-01T02:00:00Z")));
        // opportunities and invoices come on different topics, in no order between them: the projection has it first
        await().atMost(Duration.ofSeconds(30)).until(() -> "rep.ma".equals(projected("opportunity_owner", "opportunity_id", opportunityId)));
        String invoice = "INV-" + sixDigits();
        publish(Topics.FINANCE_INVOICES, OVERDUE, invoice, overdue(invoice, customerId, null, opportunityId));
        awaitMailTo("rep.ma@crm.example.com", invoice);

        publish(Topics.CUSTOMER, "crm.customer.updated.v1", customerId, Map.of("customerId", customerId, "code", code, "version", 3,
                "changedFields", List.of("ownerId"), "changes", Map.of("ownerId", "rep.he"), "updatedBy", "sales.manager",
                "updatedAt", "2026-11-01T02:00:00Z"));
        await().atMost(Duration.ofSeconds(30)).until(() -> "rep.he".equals(projected("customer_owner", "customer_id", customerId)));
        String second = "INV-" + sixDigits();
        publish(Topics.FINANCE_INVOICES, OVERDUE, second, overdue(second, customerId, null, null));
        awaitMailTo("rep.he@crm.example.com", second);
        assertThat(mailsTo("rep.li@crm.example.com", second)).isEmpty();
    }

    @Test
    void aMergeTellsTheOwnersOfBothRecordsAndALaterInvoiceOfTheDuplicateReachesTheSurvivorsOwner() throws Exception {
        String loser = UUID.randomUUID().toString();
        String survivor = UUID.randomUUID().toString();
        String loserCode = "C-" + sixDigits();
        String survivorCode = "C-" + sixDigits();
        customerCreated(loser, loserCode, "无锡恒通电子有限公司", null, "rep.gao");
        customerCreated(survivor, survivorCode, "无锡恒通电子股份有限公司", uscc(), "rep.lin");
        await().atMost(Duration.ofSeconds(30)).until(() -> "rep.gao".equals(projected("customer_owner", "customer_id", loser)));
        String merged = publish(Topics.CUSTOMER, "crm.customer.merged.v1", loser, Map.of("mergeId", UUID.randomUUID().toString(), "loserId", loser,
                "loserCode", loserCode, "survivorId", survivor, "survivorCode", survivorCode, "movedContactIds", List.of(), "mergedBy", "steward",
                "mergedAt", "2026-11-20T02:00:00Z", "undoableUntil", "2026-11-27T02:00:00Z"));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(notificationsOf(merged))
                .extracting(n -> n.get("recipient") + "/" + n.get("channel")).contains("rep.gao/IN_APP", "rep.lin/IN_APP", "steward/IN_APP"));

        String invoice = "INV-" + sixDigits();
        publish(Topics.FINANCE_INVOICES, OVERDUE, invoice, overdue(invoice, loser, null, null));
        MimeMessage mail = awaitMailTo("rep.lin@crm.example.com", invoice);
        assertThat(mail.getSubject()).contains("无锡恒通电子股份有限公司");
    }

    @Test
    void anInvalidInvoiceGoesToTheDeadLetterTopicWithTheReason() {
        String invoice = "INV-" + sixDigits();
        Map<String, Object> bad = overdue(invoice, UUID.randomUUID().toString(), null, null);
        bad.put("amountDue", "48600");
        bad.remove("dueDate");
        String eventId = publish(Topics.FINANCE_INVOICES, OVERDUE, invoice, bad);
        try (EventProbe dlt = EventProbe.onSharedKafka(Topics.deadLetterOf(Topics.FINANCE_INVOICES))) {
            dlt.awaitEvent(e -> e.id().equals(eventId));
            ConsumerRecord<String, String> dead = dlt.records().stream()
                    .filter(r -> eventId.equals(new String(r.headers().lastHeader("ce_id").value(), StandardCharsets.UTF_8))).findFirst().orElseThrow();
            String reason = new String(dead.headers().lastHeader("kafka_dlt-exception-message").value(), StandardCharsets.UTF_8);
            assertThat(reason).contains("breaks its schema").contains("amountDue").contains("dueDate");
        }
        assertThat(notificationsOf(eventId)).isEmpty();
        assertThat(db.sql("SELECT count(*) FROM processed_event WHERE event_id = ?").param(eventId).query(Long.class).single()).isZero();
    }

    private String projected(String table, String key, String id) {
        return db.sql("SELECT owner_id FROM " + table + " WHERE " + key + " = ?").param(UUID.fromString(id)).query(String.class).optional().orElse(null);
    }

    private long waiting(String eventId) {
        return db.sql("SELECT count(*) FROM waiting_event WHERE event_id = ?").param(eventId).query(Long.class).single();
    }

    static void customerCreated(String customerId, String code, String name, String uscc, String owner) {
        Map<String, Object> payload = new HashMap<>(Map.of("customerId", customerId, "code", code, "legalName", name, "lifecycleStage", "ACTIVE",
                "valueTier", "KEY", "status", "ACTIVE", "ownerId", owner, "createdAt", "2026-01-05T02:00:00Z"));
        payload.put("uscc", uscc);
        publish(Topics.CUSTOMER, "crm.customer.created.v1", customerId, payload);
    }

    static Map<String, Object> overdue(String invoice, String customerId, String uscc, String opportunityId) {
        Map<String, Object> payload = new HashMap<>(Map.of("invoiceId", invoice, "amountDue", "48600.00", "currency", "CNY",
                "dueDate", "2026-10-31", "detectedAt", "2026-11-12T01:00:00Z"));
        if (customerId != null) {
            payload.put("customerId", customerId);
        }
        if (uscc != null) {
            payload.put("uscc", uscc);
        }
        if (opportunityId != null) {
            payload.put("opportunityId", opportunityId);
        }
        return payload;
    }

    static String sixDigits() {
        return String.format("%06d", ThreadLocalRandom.current().nextInt(1_000_000));
    }

    static String uscc() {
        return "91" + sixDigits() + String.format("%010d", ThreadLocalRandom.current().nextLong(10_000_000_000L));
    }

    private static MimeMessage awaitMailTo(String address, String containing) {
        await().atMost(Duration.ofSeconds(30)).until(() -> !mailsTo(address, containing).isEmpty());
        return mailsTo(address, containing).getFirst();
    }

    static List<MimeMessage> mailsTo(String address, String containing) {
        return Arrays.stream(MAIL.getReceivedMessages()).filter(m -> {
            try {
                return Arrays.stream(m.getAllRecipients()).anyMatch(r -> r.toString().equals(address))
                        && (m.getSubject().contains(containing) || body(m).contains(containing));
            } catch (Exception e) {
                return false;
            }
        }).toList();
    }

    static String body(MimeMessage message) throws Exception {
        Object content = message.getContent();
        return content instanceof String text ? text : String.valueOf(content);
    }
}
