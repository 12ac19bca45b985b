package org.crmsuite.analytics.model;

import java.math.BigDecimal;
import java.time.Instant;

/** An ERP order; the customer is named by our id or by the USCC. */
public record OrderFact(String orderId, String orderNumber, String customerId, String uscc, BigDecimal amount,
                        String currency, Instant orderedAt, boolean cancelled, Instant cancelledAt) {

    public boolean countsAt(Instant instant) {
        return orderedAt != null && !cancelled;
    }
}
