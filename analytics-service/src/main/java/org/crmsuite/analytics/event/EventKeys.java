package org.crmsuite.analytics.event;

import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The read-model keys an event belongs to ({@code ticket:<id>}, {@code customer:<id>}, {@code uscc:<code>} ...):
 * the event store indexes events by them, and the projector refolds each key an event touches. An unknown type has
 * no keys: it is stored and otherwise ignored.
 */
public final class EventKeys {

    public static final String CUSTOMER = "customer:";
    /** A customer's master-data events only (the profile fold needs no tickets or orders). */
    public static final String PROFILE = "profile:";
    public static final String USCC = "uscc:";
    public static final String TICKET = "ticket:";
    public static final String OPPORTUNITY = "opportunity:";
    public static final String LEAD = "lead:";
    public static final String CAMPAIGN = "campaign:";
    public static final String ORDER = "order:";
    public static final String INVOICE = "invoice:";
    public static final String MERGE = "merge:";

    public static Set<String> of(AnalyticsEvent event) {
        Set<String> keys = new LinkedHashSet<>();
        String type = event.type();
        if (type.startsWith("crm.customer.merged.") || type.startsWith("crm.customer.merge-undone.")) {
            add(keys, MERGE, event.text("mergeId"));
            add(keys, CUSTOMER, event.text("loserId"));
            add(keys, CUSTOMER, event.text("survivorId"));
        } else if (type.startsWith("crm.customer.")) {
            add(keys, PROFILE, event.text("customerId"));
            add(keys, CUSTOMER, event.text("customerId"));
        } else if (type.startsWith("crm.contact.")) {
            add(keys, CUSTOMER, event.text("customerId"));
        } else if (type.startsWith("crm.ticket.")) {
            add(keys, TICKET, event.text("ticketId"));
            add(keys, CUSTOMER, event.text("customerId"));
        } else if (type.startsWith("crm.opportunity.")) {
            add(keys, OPPORTUNITY, event.text("opportunityId"));
            add(keys, CUSTOMER, event.text("customerId"));
        } else if (type.startsWith("crm.lead.")) {
            add(keys, LEAD, event.text("leadId"));
            add(keys, CUSTOMER, event.text("customerId"));
        } else if (type.startsWith("crm.campaign.")) {
            add(keys, CAMPAIGN, event.text("campaignId"));
        } else if (type.startsWith("crm.activity.")) {
            add(keys, CUSTOMER, event.text("customerId"));
        } else if (type.startsWith("erp.order.")) {
            add(keys, ORDER, event.text("orderId"));
            customerOrUscc(event, keys);
        } else if (type.startsWith("finance.invoice.")) {
            add(keys, INVOICE, event.text("invoiceId"));
            customerOrUscc(event, keys);
        }
        return keys;
    }

    /** ERP and finance name the customer by our id or by the USCC; a USCC is matched to the customer when folding. */
    private static void customerOrUscc(AnalyticsEvent event, Set<String> keys) {
        if (event.text("customerId") != null) {
            add(keys, CUSTOMER, event.text("customerId"));
        } else {
            add(keys, USCC, event.text("uscc"));
        }
    }

    private static void add(Set<String> keys, String prefix, String id) {
        if (id != null && !id.isBlank()) {
            keys.add(prefix + id);
        }
    }

    public static String id(String key) {
        return key.substring(key.indexOf(':') + 1);
    }

    private EventKeys() {
    }
}
