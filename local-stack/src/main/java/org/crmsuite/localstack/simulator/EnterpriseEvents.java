package org.crmsuite.localstack.simulator;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What an ERP and a finance system would publish about the demo customers: realistic payloads of the inbound event
 * types of the integration guide (erp.order.*, finance.invoice.*). Pure: the simulator decides when, this class what.
 */
public final class EnterpriseEvents {

    public static final String ORDERS = "erp.order.events";
    public static final String INVOICES = "finance.invoice.events";

    /** One record to publish: the topic, the record key (= ce_subject), the CloudEvents type and source, the payload. */
    public record Outbound(String topic, String key, String type, String source, Map<String, Object> payload) {
    }

    /** A customer as the ERP knows it: our id if the ERP was told it, else only the unified social credit code. */
    public record KnownCustomer(UUID id, String uscc) {
    }

    private static final List<Product> CATALOGUE = List.of(
            new Product("Edge gateway X2", "1620.00"), new Product("Industrial sensor pack (10)", "860.00"),
            new Product("Cloud monitoring, 12 months", "12800.00"), new Product("On-site maintenance day", "3200.00"),
            new Product("Spare parts kit", "450.00"), new Product("Training workshop", "9600.00"));

    private record Product(String name, String unitPrice) {
    }

    private final Random random;
    private final AtomicLong orderNumbers;
    private final AtomicLong invoiceNumbers = new AtomicLong(1);

    public EnterpriseEvents(Random random, long firstOrderNumber) {
        this.random = random;
        this.orderNumbers = new AtomicLong(firstOrderNumber);
    }

    /** An order of one to three catalogue lines; the customer named by USCC when it has one (as most ERPs would). */
    public Outbound orderPlaced(KnownCustomer customer, Instant at) {
        String orderId = "SO-" + at.atZone(ZoneOffset.UTC).getYear() + "-" + String.format("%06d", orderNumbers.getAndIncrement());
        List<Map<String, Object>> lines = new ArrayList<>();
        BigDecimal total = BigDecimal.ZERO;
        int lineCount = 1 + random.nextInt(3);
        for (int i = 0; i < lineCount; i++) {
            Product product = CATALOGUE.get(random.nextInt(CATALOGUE.size()));
            int quantity = 1 + random.nextInt(40);
            BigDecimal lineTotal = new BigDecimal(product.unitPrice()).multiply(BigDecimal.valueOf(quantity)).setScale(2, RoundingMode.HALF_UP);
            total = total.add(lineTotal);
            lines.add(Map.of("product", product.name(), "quantity", Integer.toString(quantity), "lineTotal", lineTotal.toPlainString()));
        }
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("orderId", orderId);
        payload.put("orderNumber", orderId);
        boolean byUscc = customer.uscc() != null && random.nextInt(3) > 0;
        payload.put("customerId", byUscc ? null : customer.id().toString());
        payload.put("uscc", byUscc ? customer.uscc() : null);
        payload.put("amount", total.setScale(2, RoundingMode.HALF_UP).toPlainString());
        payload.put("currency", "CNY");
        payload.put("orderedAt", at.toString());
        payload.put("lines", lines);
        return new Outbound(ORDERS, orderId, "erp.order.placed.v1", "/erp", payload);
    }

    public Outbound orderCancelled(Outbound placed, Instant at) {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("orderId", placed.key());
        payload.put("customerId", placed.payload().get("customerId"));
        payload.put("uscc", placed.payload().get("uscc"));
        payload.put("reason", "cancelled by the customer before delivery");
        payload.put("cancelledAt", at.toString());
        return new Outbound(ORDERS, placed.key(), "erp.order.cancelled.v1", "/erp", payload);
    }

    /** Finance invoices a won deal: the payload of crm.opportunity.won.v1 carries all it needs. */
    public Outbound invoiceIssued(Map<String, Object> opportunityWon, Instant at, int paymentTermDays) {
        String invoiceId = "INV-" + at.atZone(ZoneOffset.UTC).getYear() + "-" + String.format("%05d", invoiceNumbers.getAndIncrement());
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("invoiceId", invoiceId);
        payload.put("invoiceNumber", "0310026001-" + invoiceId.substring(invoiceId.lastIndexOf('-') + 1));
        payload.put("customerId", opportunityWon.get("customerId"));
        payload.put("opportunityId", opportunityWon.get("opportunityId"));
        payload.put("amount", opportunityWon.get("amount"));
        payload.put("currency", opportunityWon.get("currency"));
        payload.put("issuedAt", at.toString());
        payload.put("dueDate", LocalDate.ofInstant(at, ZoneOffset.UTC).plusDays(paymentTermDays).toString());
        return new Outbound(INVOICES, invoiceId, "finance.invoice.issued.v1", "/finance", payload);
    }

    public Outbound invoicePaid(Outbound issued, Instant at) {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("invoiceId", issued.key());
        payload.put("customerId", issued.payload().get("customerId"));
        payload.put("opportunityId", issued.payload().get("opportunityId"));
        payload.put("amount", issued.payload().get("amount"));
        payload.put("currency", issued.payload().get("currency"));
        payload.put("paidAt", at.toString());
        return new Outbound(INVOICES, issued.key(), "finance.invoice.paid.v1", "/finance", payload);
    }

    public Outbound invoiceOverdue(Outbound issued, Instant at) {
        LocalDate due = LocalDate.parse((String) issued.payload().get("dueDate"));
        long days = Math.max(0, LocalDate.ofInstant(at, ZoneOffset.UTC).toEpochDay() - due.toEpochDay());
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("invoiceId", issued.key());
        payload.put("customerId", issued.payload().get("customerId"));
        payload.put("opportunityId", issued.payload().get("opportunityId"));
        payload.put("amountDue", issued.payload().get("amount"));
        payload.put("currency", issued.payload().get("currency"));
        payload.put("dueDate", due.toString());
        payload.put("daysOverdue", days);
        payload.put("detectedAt", at.toString());
        return new Outbound(INVOICES, issued.key(), "finance.invoice.overdue.v1", "/finance", payload);
    }
}
