package org.crmsuite.platform.events;

import java.util.List;

/** The topic catalogue of the design notes (events.md). Each topic has a dead-letter twin {@code <topic>.DLT}. */
public final class Topics {

    public static final String CUSTOMER = "crm.customer.events";
    public static final String TICKET = "crm.ticket.events";
    public static final String SALES = "crm.sales.events";
    public static final String NOTIFICATION = "crm.notification.events";
    public static final String ERP_ORDERS = "erp.order.events";
    public static final String FINANCE_INVOICES = "finance.invoice.events";

    public static final List<String> ALL = List.of(CUSTOMER, TICKET, SALES, NOTIFICATION, ERP_ORDERS, FINANCE_INVOICES);

    public static final String DEAD_LETTER_SUFFIX = ".DLT";

    public static String deadLetterOf(String topic) {
        return topic + DEAD_LETTER_SUFFIX;
    }

    private Topics() {
    }
}
