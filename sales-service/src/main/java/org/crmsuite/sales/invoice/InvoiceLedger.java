package org.crmsuite.sales.invoice;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import org.crmsuite.sales.opportunity.OpportunityOpened;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Finance's invoices against deals. An invoice's status only moves forward (ISSUED → OVERDUE → PAID; PAID is final),
 * so records that arrive out of order (paid before issued) end in the right state. The deal's invoice status is
 * derived from its invoices: PAID when all are paid, OVERDUE when one is overdue, otherwise INVOICED. Events for a deal
 * not known yet are parked and applied, in arrival order, in the transaction that opens it.
 */
@Component
class InvoiceLedger {

    private static final Logger log = LoggerFactory.getLogger(InvoiceLedger.class);

    private final JdbcClient jdbc;
    private final JsonMapper json;
    private final Clock clock;

    InvoiceLedger(JdbcClient jdbc, JsonMapper json, Clock clock) {
        this.jdbc = jdbc;
        this.json = json;
        this.clock = clock;
    }

    /** Applies the event, or parks it when the deal is unknown; runs inside the consumer's transaction. */
    void apply(String eventId, String type, UUID opportunityId, JsonNode data) {
        boolean known = jdbc.sql("SELECT count(*) FROM opportunity WHERE id = :id").param("id", opportunityId).query(Integer.class).single() > 0;
        if (!known) {
            jdbc.sql("""
                            INSERT INTO parked_invoice_event (event_id, opportunity_id, event_type, payload, received_at)
                            VALUES (:event, :opportunity, :type, :payload, :now) ON CONFLICT DO NOTHING""")
                    .param("event", eventId).param("opportunity", opportunityId).param("type", type).param("payload", json.writeValueAsString(data))
                    .param("now", Timestamp.from(clock.instant())).update();
            log.info("{} {} for unknown opportunity {}: parked until it appears", type, eventId, opportunityId);
            return;
        }
        record(type, opportunityId, data);
        refresh(opportunityId);
    }

    @EventListener
    void opened(OpportunityOpened opened) {
        List<String[]> parked = jdbc.sql("SELECT event_type, payload FROM parked_invoice_event WHERE opportunity_id = :id ORDER BY received_at, event_id")
                .param("id", opened.opportunityId()).query((rs, n) -> new String[] {rs.getString(1), rs.getString(2)}).list();
        if (parked.isEmpty()) {
            return;
        }
        for (String[] event : parked) {
            record(event[0], opened.opportunityId(), json.readTree(event[1]));
        }
        jdbc.sql("DELETE FROM parked_invoice_event WHERE opportunity_id = :id").param("id", opened.opportunityId()).update();
        refresh(opened.opportunityId());
        log.info("{} parked invoice event(s) applied to the new opportunity {}", parked.size(), opened.opportunityId());
    }

    private void record(String type, UUID opportunityId, JsonNode data) {
        String status = switch (type) {
            case "finance.invoice.paid.v1" -> "PAID";
            case "finance.invoice.overdue.v1" -> "OVERDUE";
            default -> "ISSUED";
        };
        BigDecimal amount = data.hasNonNull("amount") ? new BigDecimal(data.get("amount").asString())
                : data.hasNonNull("amountDue") ? new BigDecimal(data.get("amountDue").asString()) : null;
        jdbc.sql("""
                        INSERT INTO invoice (invoice_id, opportunity_id, invoice_number, amount, currency, status, issued_at, due_date, paid_at, updated_at)
                        VALUES (:invoice, :opportunity, :number, :amount, :currency, :status, :issued, :due, :paid, :now)
                        ON CONFLICT (invoice_id) DO UPDATE SET
                            invoice_number = coalesce(EXCLUDED.invoice_number, invoice.invoice_number),
                            amount = CASE WHEN :type = 'finance.invoice.issued.v1' OR invoice.amount IS NULL THEN EXCLUDED.amount ELSE invoice.amount END,
                            issued_at = coalesce(EXCLUDED.issued_at, invoice.issued_at),
                            due_date = coalesce(EXCLUDED.due_date, invoice.due_date),
                            paid_at = coalesce(EXCLUDED.paid_at, invoice.paid_at),
                            status = CASE WHEN invoice.status = 'PAID' OR EXCLUDED.status = 'PAID' THEN 'PAID'
                                          WHEN invoice.status = 'OVERDUE' OR EXCLUDED.status = 'OVERDUE' THEN 'OVERDUE'
                                          ELSE 'ISSUED' END,
                            updated_at = EXCLUDED.updated_at""")
                .param("invoice", data.get("invoiceId").asString()).param("opportunity", opportunityId)
                .param("number", text(data, "invoiceNumber")).param("amount", amount).param("currency", data.get("currency").asString())
                .param("status", status).param("type", type)
                .param("issued", timestamp(text(data, "issuedAt"))).param("due", text(data, "dueDate") == null ? null : LocalDate.parse(text(data, "dueDate")))
                .param("paid", timestamp(text(data, "paidAt"))).param("now", Timestamp.from(clock.instant()))
                .update();
    }

    private void refresh(UUID opportunityId) {
        jdbc.sql("""
                        UPDATE opportunity SET invoice_status = (
                            SELECT CASE WHEN bool_and(status = 'PAID') THEN 'PAID' WHEN bool_or(status = 'OVERDUE') THEN 'OVERDUE' ELSE 'INVOICED' END
                            FROM invoice WHERE opportunity_id = :id)
                        WHERE id = :id""")
                .param("id", opportunityId).update();
    }

    private static String text(JsonNode data, String field) {
        JsonNode node = data.get(field);
        return node == null || node.isNull() ? null : node.asString();
    }

    private static Timestamp timestamp(String text) {
        return text == null ? null : Timestamp.from(Instant.parse(text));
    }
}
