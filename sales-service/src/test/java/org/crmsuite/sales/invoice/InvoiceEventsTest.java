package org.crmsuite.sales.invoice;

import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.crmsuite.platform.events.Topics;
import org.crmsuite.platform.test.EventProbe;
import org.crmsuite.sales.ApiTestSupport;
import org.crmsuite.platform.test.InboundEvents;
import org.crmsuite.sales.opportunity.OpportunityOpened;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** finance.invoice.events from a real Kafka: schema-checked on receipt, out of order, duplicated, early, malformed. */
class InvoiceEventsTest extends ApiTestSupport {

    static final String DEALS = "/api/v1/sales/opportunities";
    static final String CUSTOMER = UUID.randomUUID().toString();
    static final String TODAY = LocalDate.now(ZoneId.of("Asia/Shanghai")).toString();

    @Autowired
    ApplicationEventPublisher publisher;
    @Autowired
    PlatformTransactionManager transactions;

    String wonDeal() {
        ResponseEntity<Map> deal = post(REP, DEALS, Map.of("name", "开票测试", "customerId", UUID.randomUUID().toString(), "expectedCloseDate", TODAY,
                "lineItems", List.of(Map.of("product", "CRM seats", "quantity", 10, "unitPrice", "1200.00"))));
        assertThat(put(REP, DEALS + "/" + deal.getBody().get("id") + "/stage", Map.of("stage", "won"), etag(deal)).getStatusCode().value()).isEqualTo(200);
        return (String) deal.getBody().get("id");
    }

    static String issued(String invoice, String deal) {
        return """
                {"invoiceId":"%s","invoiceNumber":"INV-2026-%s","opportunityId":"%s","customerId":"%s","amount":"12000.00","currency":"CNY",
                 "issuedAt":"2026-11-20T02:00:00Z","dueDate":"2026-12-20"}""".formatted(invoice, invoice, deal, CUSTOMER);
    }

    static String paid(String invoice, String deal) {
        return """
                {"invoiceId":"%s","opportunityId":"%s","customerId":"%s","amount":"12000.00","currency":"CNY","paidAt":"2026-11-22T02:00:00Z"}""".formatted(invoice, deal, CUSTOMER);
    }

    Object invoiceStatus(String deal) {
        return get(REP, DEALS + "/" + deal).getBody().get("invoiceStatus");
    }

    @Test
    void aWonDealIsInvoicedThenPaidAndRepeatsChangeNothing() {
        String deal = wonDeal();
        String invoice = "I" + UUID.randomUUID().toString().substring(0, 8);
        try (InboundEvents events = new InboundEvents()) {
            events.send(Topics.FINANCE_INVOICES, "finance.invoice.issued.v1", invoice, issued(invoice, deal));
            await().atMost(Duration.ofSeconds(30)).until(() -> "INVOICED".equals(invoiceStatus(deal)));
            String paidId = events.send(Topics.FINANCE_INVOICES, "finance.invoice.paid.v1", invoice, paid(invoice, deal));
            await().atMost(Duration.ofSeconds(30)).until(() -> "PAID".equals(invoiceStatus(deal)));
            events.send(Topics.FINANCE_INVOICES, paidId, "finance.invoice.paid.v1", invoice, paid(invoice, deal));
            events.send(Topics.FINANCE_INVOICES, "finance.invoice.overdue.v1", invoice, """
                    {"invoiceId":"%s","opportunityId":"%s","customerId":"%s","amountDue":"12000.00","currency":"CNY","dueDate":"2026-12-20","daysOverdue":1,
                     "detectedAt":"2026-12-21T01:00:00Z"}""".formatted(invoice, deal, CUSTOMER));
        }
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(10)).until(() -> "PAID".equals(invoiceStatus(deal)));
        assertThat(db.sql("SELECT invoice_number FROM invoice WHERE invoice_id = :i").param("i", invoice).query(String.class).single())
                .isEqualTo("INV-2026-" + invoice);
    }

    @Test
    void paidBeforeIssuedEndsPaid() {
        String deal = wonDeal();
        String invoice = "I" + UUID.randomUUID().toString().substring(0, 8);
        try (InboundEvents events = new InboundEvents()) {
            events.send(Topics.FINANCE_INVOICES, "finance.invoice.paid.v1", invoice, paid(invoice, deal));
            events.send(Topics.FINANCE_INVOICES, "finance.invoice.issued.v1", invoice, issued(invoice, deal));
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> db.sql("SELECT count(*) FROM invoice WHERE invoice_id = :i AND issued_at IS NOT NULL")
                .param("i", invoice).query(Integer.class).single() == 1);
        assertThat(invoiceStatus(deal)).isEqualTo("PAID");
    }

    @Test
    void anInvoiceForADealNotKnownYetWaitsForIt() {
        UUID deal = UUID.randomUUID();
        String invoice = "I" + UUID.randomUUID().toString().substring(0, 8);
        try (InboundEvents events = new InboundEvents()) {
            events.send(Topics.FINANCE_INVOICES, "finance.invoice.issued.v1", invoice, issued(invoice, deal.toString()));
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> db.sql("SELECT count(*) FROM parked_invoice_event WHERE opportunity_id = :d")
                .param("d", deal).query(Integer.class).single() == 1);

        // The deal appears (say, migrated from the old CRM with its id): the parked invoice applies in the same transaction.
        new TransactionTemplate(transactions).executeWithoutResult(status -> {
            db.sql("""
                    INSERT INTO opportunity (id, name, customer_id, amount, currency, pipeline_id, stage, probability, status, owner_id, department,
                                             version, created_at, created_by, updated_at, updated_by)
                    SELECT :id, '迁移的成交', :customer, 12000.00, 'CNY', id, 'won', 100, 'WON', 'rep', '/sales/east', 0, :now, 'migration', :now, 'migration'
                    FROM pipeline LIMIT 1""").param("id", deal).param("customer", UUID.randomUUID()).param("now", Timestamp.from(Instant.now())).update();
            publisher.publishEvent(new OpportunityOpened(deal));
        });

        assertThat(invoiceStatus(deal.toString())).isEqualTo("INVOICED");
        assertThat(db.sql("SELECT count(*) FROM parked_invoice_event WHERE opportunity_id = :d").param("d", deal).query(Integer.class).single()).isZero();
    }

    @Test
    void aMalformedInvoiceGoesToTheDeadLetterTopicWithTheReason() {
        String id;
        try (InboundEvents events = new InboundEvents()) {
            id = events.send(Topics.FINANCE_INVOICES, "finance.invoice.issued.v1", "bad", """
                    {"invoiceId":"bad","opportunityId":"%s","amount":12000,"currency":"RMB!","issuedAt":"yesterday"}""".formatted(UUID.randomUUID()));
        }
        try (EventProbe dlt = EventProbe.onSharedKafka(Topics.FINANCE_INVOICES + ".DLT")) {
            dlt.awaitEvent(e -> e.id().equals(id));
            ConsumerRecord<String, String> dead = dlt.records().stream()
                    .filter(r -> id.equals(new String(r.headers().lastHeader("ce_id").value(), StandardCharsets.UTF_8))).findFirst().orElseThrow();
            String reason = new String(dead.headers().lastHeader("kafka_dlt-exception-message").value(), StandardCharsets.UTF_8);
            assertThat(reason).contains("breaks its schema").contains("amount");
        }
    }
}
