package org.crmsuite.analytics.model;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;

/** A finance invoice: issued, then paid or overdue (paid wins over overdue). */
public record InvoiceFact(String invoiceId, String invoiceNumber, String customerId, String uscc, String opportunityId,
                          BigDecimal amount, BigDecimal amountDue, String currency, Instant issuedAt, LocalDate dueDate,
                          Instant paidAt, Instant overdueAt, String status) {

    public boolean overdue() {
        return "OVERDUE".equals(status);
    }
}
