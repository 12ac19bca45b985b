package org.crmsuite.analytics.model;

import org.crmsuite.analytics.event.AnalyticsEvent;

/** One short line per event for the timeline; names numbers and states, never personal data. */
final class Timeline {

    static String summary(AnalyticsEvent e) {
        String type = e.type();
        return switch (type) {
            case "crm.customer.created.v1" -> "Customer " + v(e, "code") + " created (" + v(e, "lifecycleStage") + ", " + v(e, "valueTier") + ")";
            case "crm.customer.updated.v1" -> "Customer updated: " + String.join(", ", e.texts("changedFields"));
            case "crm.customer.lifecycle-stage-changed.v1" -> "Stage " + v(e, "fromStage") + " → " + v(e, "toStage");
            case "crm.customer.merged.v1" -> "Customer " + v(e, "loserCode") + " merged into " + v(e, "survivorCode");
            case "crm.customer.merge-undone.v1" -> "Merge of " + v(e, "loserCode") + " into " + v(e, "survivorCode") + " undone";
            case "crm.customer.archived.v1" -> "Customer archived";
            case "crm.customer.erased.v1" -> "Personal data erased";
            case "crm.customer.quality-scored.v1" -> "Data quality scored " + v(e, "score") + " (was " + v(e, "previousScore") + ")";
            case "crm.ticket.opened.v1" -> "Ticket " + v(e, "number") + " opened (" + v(e, "priority") + ", " + v(e, "type") + ")";
            case "crm.ticket.resolved.v1" -> "Ticket " + v(e, "number") + " resolved";
            case "crm.ticket.closed.v1" -> "Ticket " + v(e, "number") + " closed";
            case "crm.ticket.reopened.v1" -> "Ticket " + v(e, "number") + " reopened";
            case "crm.ticket.sla-breached.v1" -> "Ticket " + v(e, "number") + " breached its " + v(e, "target") + " SLA";
            case "crm.ticket.satisfaction-rated.v1" -> "Ticket " + v(e, "number") + " rated CSAT " + v(e, "csat");
            case "crm.opportunity.created.v1" -> "Opportunity " + v(e, "name") + " created (" + v(e, "amount") + " " + v(e, "currency") + ")";
            case "crm.opportunity.stage-changed.v1" -> "Opportunity stage " + v(e, "fromStage") + " → " + v(e, "toStage");
            case "crm.opportunity.won.v1" -> "Opportunity " + v(e, "name") + " won (" + v(e, "amount") + " " + v(e, "currency") + ")";
            case "crm.opportunity.lost.v1" -> "Opportunity lost: " + v(e, "reason");
            case "erp.order.placed.v1" -> "Order " + v(e, "orderId") + " placed (" + v(e, "amount") + " " + v(e, "currency") + ")";
            case "erp.order.cancelled.v1" -> "Order " + v(e, "orderId") + " cancelled";
            case "finance.invoice.issued.v1" -> "Invoice " + v(e, "invoiceId") + " issued (" + v(e, "amount") + " " + v(e, "currency") + ")";
            case "finance.invoice.paid.v1" -> "Invoice " + v(e, "invoiceId") + " paid";
            case "finance.invoice.overdue.v1" -> "Invoice " + v(e, "invoiceId") + " overdue (" + v(e, "amountDue") + " " + v(e, "currency") + ")";
            default -> type.replaceFirst("\\.v[0-9]+$", "");
        };
    }

    private static String v(AnalyticsEvent e, String field) {
        String value = e.text(field);
        return value == null ? "-" : value;
    }

    private Timeline() {
    }
}
