package org.crmsuite.analytics.model;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.crmsuite.analytics.event.AnalyticsEvent;
import org.crmsuite.analytics.event.EventOrder;

/**
 * The read models as pure functions of an aggregate's history: each fold sorts and de-duplicates the events first
 * ({@link EventOrder}), so the result does not depend on arrival order or redelivery. Events of other aggregates
 * and unknown types are ignored; a history that starts in the middle (the "opened" not received yet) still folds.
 */
public final class Folds {

    public static TicketFact ticket(String ticketId, List<AnalyticsEvent> history) {
        String number = null, customerId = null, subject = null, type = null, priority = null, queue = null,
                assignee = null, department = null, channel = null, status = null;
        Instant openedAt = null, firstRespondedAt = null, resolvedAt = null, closedAt = null, ratedAt = null, breachedAt = null;
        Integer csat = null, nps = null;
        boolean resolutionBreached = false;
        int reopenCount = 0;
        Set<String> breaches = new LinkedHashSet<>();
        List<TicketFact.Span> spans = new ArrayList<>();
        Instant openSince = null;
        boolean seen = false;
        for (AnalyticsEvent e : EventOrder.sorted(history)) {
            if (!e.type().startsWith("crm.ticket.") || !ticketId.equals(e.text("ticketId"))) {
                continue;
            }
            seen = true;
            number = or(e.text("number"), number);
            customerId = or(e.text("customerId"), customerId);
            Instant at = e.time();
            switch (e.type()) {
                case "crm.ticket.opened.v1" -> {
                    subject = or(e.text("ticketSubject"), subject);
                    type = or(e.text("type"), type);
                    priority = or(e.text("priority"), priority);
                    queue = or(e.text("queue"), queue);
                    assignee = e.text("assignee");
                    department = or(e.text("department"), department);
                    channel = or(e.text("channel"), channel);
                    openedAt = or(e.instant("openedAt"), at);
                    status = or(e.text("status"), "NEW");
                    if (openSince == null && closedState(status) == false) {
                        openSince = openedAt;
                    }
                }
                case "crm.ticket.assigned.v1" -> {
                    queue = or(e.text("queue"), queue);
                    assignee = e.text("assignee");
                }
                case "crm.ticket.escalated.v1" -> {
                    queue = or(e.text("queue"), queue);
                    assignee = e.has("assignee") ? e.text("assignee") : assignee;
                }
                case "crm.ticket.commented.v1" -> firstRespondedAt = min(firstRespondedAt, or(e.instant("commentedAt"), at));
                case "crm.ticket.status-changed.v1" -> {
                    String to = e.text("to");
                    if (to != null) {
                        status = to;
                        if (closedState(to) && openSince != null) {
                            spans.add(new TicketFact.Span(openSince, at));
                            openSince = null;
                        } else if (!closedState(to) && openSince == null) {
                            openSince = at;
                        }
                        if ("RESOLVED".equals(to)) {
                            resolvedAt = at;
                        }
                        if ("CLOSED".equals(to)) {
                            closedAt = at;
                        }
                    }
                }
                case "crm.ticket.resolved.v1" -> {
                    type = or(e.text("type"), type);
                    priority = or(e.text("priority"), priority);
                    queue = or(e.text("queue"), queue);
                    assignee = e.has("assignee") ? e.text("assignee") : assignee;
                    openedAt = openedAt == null ? e.instant("openedAt") : openedAt;
                    firstRespondedAt = min(firstRespondedAt, e.instant("firstRespondedAt"));
                    resolvedAt = or(e.instant("resolvedAt"), at);
                    resolutionBreached = resolutionBreached || e.bool("resolutionBreached");
                    breachedAt = e.bool("resolutionBreached") ? min(breachedAt, or(e.instant("resolvedAt"), at)) : breachedAt;
                    status = "RESOLVED";
                    if (openSince != null) {
                        spans.add(new TicketFact.Span(openSince, at));
                        openSince = null;
                    }
                }
                case "crm.ticket.closed.v1" -> {
                    closedAt = or(e.instant("closedAt"), at);
                    status = "CLOSED";
                    if (openSince != null) {
                        spans.add(new TicketFact.Span(openSince, at));
                        openSince = null;
                    }
                }
                case "crm.ticket.reopened.v1" -> {
                    status = "REOPENED";
                    resolvedAt = null;
                    closedAt = null;
                    reopenCount = Math.max(reopenCount + 1, e.integer("reopenCount") == null ? 0 : e.integer("reopenCount"));
                    if (openSince == null) {
                        openSince = at;
                    }
                }
                case "crm.ticket.sla-breached.v1" -> {
                    if (e.text("target") != null) {
                        breaches.add(e.text("target"));
                        breachedAt = min(breachedAt, or(e.instant("breachedAt"), at));
                    }
                    priority = or(priority, e.text("priority"));
                    queue = or(queue, e.text("queue"));
                }
                case "crm.ticket.satisfaction-rated.v1" -> {
                    csat = e.integer("csat");
                    nps = e.integer("nps");
                    ratedAt = or(e.instant("ratedAt"), at);
                    type = or(type, e.text("type"));
                    queue = or(queue, e.text("queue"));
                }
                default -> {
                    // sla-warning and types added later change nothing here
                }
            }
        }
        if (!seen) {
            return null;
        }
        if (openSince != null) {
            spans.add(new TicketFact.Span(openSince, null));
        }
        return new TicketFact(ticketId, number, customerId, subject, type, priority, queue, assignee, department, channel,
                status, openedAt, firstRespondedAt, resolvedAt, closedAt, List.copyOf(spans), List.copyOf(breaches),
                resolutionBreached, csat, nps, ratedAt, reopenCount, breachedAt);
    }

    public static OpportunityFact opportunity(String opportunityId, List<AnalyticsEvent> history) {
        String name = null, customerId = null, ownerId = null, department = null, campaignId = null, currency = null,
                stage = null, outcome = OpportunityFact.OPEN;
        BigDecimal amount = null;
        int probability = 0;
        Instant createdAt = null, closedAt = null;
        java.time.LocalDate expectedClose = null;
        List<String> path = new ArrayList<>();
        boolean seen = false;
        for (AnalyticsEvent e : EventOrder.sorted(history)) {
            if (!e.type().startsWith("crm.opportunity.") || !opportunityId.equals(e.text("opportunityId"))) {
                continue;
            }
            seen = true;
            name = or(e.text("name"), name);
            customerId = or(e.text("customerId"), customerId);
            ownerId = or(e.text("ownerId"), ownerId);
            department = e.has("department") ? e.text("department") : department;
            campaignId = or(e.text("campaignId"), campaignId);
            currency = or(e.text("currency"), currency);
            amount = e.has("amount") ? e.decimal("amount") : amount;
            switch (e.type()) {
                case "crm.opportunity.created.v1" -> {
                    createdAt = or(e.instant("createdAt"), e.time());
                    stage = e.text("stage");
                    probability = e.integer("probability") == null ? probability : e.integer("probability");
                    expectedClose = e.date("expectedCloseDate");
                    if (stage != null && (path.isEmpty() || !path.get(0).equals(stage))) {
                        path.add(0, stage);
                    }
                }
                case "crm.opportunity.stage-changed.v1" -> {
                    if (path.isEmpty() && e.text("fromStage") != null) {
                        path.add(e.text("fromStage"));
                    }
                    stage = e.text("toStage");
                    if (stage != null) {
                        path.add(stage);
                    }
                    probability = e.integer("probability") == null ? probability : e.integer("probability");
                    expectedClose = e.has("expectedCloseDate") ? e.date("expectedCloseDate") : expectedClose;
                }
                case "crm.opportunity.won.v1" -> {
                    outcome = OpportunityFact.WON;
                    closedAt = or(e.instant("wonAt"), e.time());
                    probability = 100;
                }
                case "crm.opportunity.lost.v1" -> {
                    if (path.isEmpty() && e.text("fromStage") != null) {
                        path.add(e.text("fromStage"));
                    }
                    outcome = OpportunityFact.LOST;
                    closedAt = or(e.instant("lostAt"), e.time());
                    probability = 0;
                }
                default -> {
                }
            }
        }
        return seen ? new OpportunityFact(opportunityId, name, customerId, ownerId, department, campaignId, amount, currency,
                probability, stage, List.copyOf(path), outcome, createdAt, closedAt, expectedClose) : null;
    }

    public static LeadFact lead(String leadId, List<AnalyticsEvent> history) {
        String company = null, source = null, campaignId = null, ownerId = null, department = null, status = null, customerId = null;
        Instant createdAt = null, qualifiedAt = null, convertedAt = null, disqualifiedAt = null;
        boolean seen = false;
        for (AnalyticsEvent e : EventOrder.sorted(history)) {
            if (!e.type().startsWith("crm.lead.") || !leadId.equals(e.text("leadId"))) {
                continue;
            }
            seen = true;
            company = or(e.text("company"), company);
            campaignId = or(e.text("campaignId"), campaignId);
            ownerId = or(e.text("ownerId"), ownerId);
            department = e.has("department") ? e.text("department") : department;
            switch (e.type()) {
                case "crm.lead.created.v1" -> {
                    createdAt = or(e.instant("createdAt"), e.time());
                    source = e.text("source");
                    status = status == null ? "NEW" : status;
                }
                case "crm.lead.qualified.v1" -> {
                    qualifiedAt = or(e.instant("qualifiedAt"), e.time());
                    status = "QUALIFIED";
                }
                case "crm.lead.converted.v1" -> {
                    convertedAt = or(e.instant("convertedAt"), e.time());
                    customerId = e.text("customerId");
                    status = "CONVERTED";
                }
                case "crm.lead.disqualified.v1" -> {
                    disqualifiedAt = or(e.instant("disqualifiedAt"), e.time());
                    status = "DISQUALIFIED";
                }
                default -> {
                }
            }
        }
        return seen ? new LeadFact(leadId, company, source, campaignId, ownerId, department, status, createdAt, qualifiedAt,
                convertedAt, disqualifiedAt, customerId) : null;
    }

    public static CampaignFact campaign(String campaignId, List<AnalyticsEvent> history) {
        String name = null, channel = null, ownerId = null, department = null, currency = null;
        BigDecimal budget = null, actualCost = null;
        Integer members = null, responses = null;
        Instant launchedAt = null, completedAt = null;
        boolean seen = false;
        for (AnalyticsEvent e : EventOrder.sorted(history)) {
            if (!e.type().startsWith("crm.campaign.") || !campaignId.equals(e.text("campaignId"))) {
                continue;
            }
            seen = true;
            name = or(e.text("name"), name);
            ownerId = or(e.text("ownerId"), ownerId);
            department = e.has("department") ? e.text("department") : department;
            currency = or(e.text("currency"), currency);
            budget = or(e.decimal("budget"), budget);
            if ("crm.campaign.launched.v1".equals(e.type())) {
                channel = e.text("channel");
                launchedAt = or(e.instant("launchedAt"), e.time());
            } else if ("crm.campaign.completed.v1".equals(e.type())) {
                actualCost = e.decimal("actualCost");
                members = e.integer("memberCount");
                responses = e.integer("responseCount");
                completedAt = or(e.instant("completedAt"), e.time());
            }
        }
        return seen ? new CampaignFact(campaignId, name, channel, ownerId, department, budget, actualCost, currency, members,
                responses, launchedAt, completedAt) : null;
    }

    public static OrderFact order(String orderId, List<AnalyticsEvent> history) {
        String number = null, customerId = null, uscc = null, currency = null;
        BigDecimal amount = null;
        Instant orderedAt = null, cancelledAt = null;
        boolean cancelled = false, seen = false;
        for (AnalyticsEvent e : EventOrder.sorted(history)) {
            if (!e.type().startsWith("erp.order.") || !orderId.equals(e.text("orderId"))) {
                continue;
            }
            seen = true;
            customerId = or(e.text("customerId"), customerId);
            uscc = or(e.text("uscc"), uscc);
            if ("erp.order.placed.v1".equals(e.type())) {
                number = e.text("orderNumber");
                amount = e.decimal("amount");
                currency = e.text("currency");
                orderedAt = or(e.instant("orderedAt"), e.time());
            } else if ("erp.order.cancelled.v1".equals(e.type())) {
                cancelled = true;
                cancelledAt = or(e.instant("cancelledAt"), e.time());
            }
        }
        return seen ? new OrderFact(orderId, number, customerId, uscc, amount, currency, orderedAt, cancelled, cancelledAt) : null;
    }

    public static InvoiceFact invoice(String invoiceId, List<AnalyticsEvent> history) {
        String number = null, customerId = null, uscc = null, opportunityId = null, currency = null, status = null;
        BigDecimal amount = null, amountDue = null;
        Instant issuedAt = null, paidAt = null, overdueAt = null;
        java.time.LocalDate dueDate = null;
        boolean seen = false;
        for (AnalyticsEvent e : EventOrder.sorted(history)) {
            if (!e.type().startsWith("finance.invoice.") || !invoiceId.equals(e.text("invoiceId"))) {
                continue;
            }
            seen = true;
            customerId = or(e.text("customerId"), customerId);
            uscc = or(e.text("uscc"), uscc);
            opportunityId = or(e.text("opportunityId"), opportunityId);
            currency = or(e.text("currency"), currency);
            dueDate = or(e.date("dueDate"), dueDate);
            switch (e.type()) {
                case "finance.invoice.issued.v1" -> {
                    number = e.text("invoiceNumber");
                    amount = e.decimal("amount");
                    issuedAt = or(e.instant("issuedAt"), e.time());
                    status = status == null ? "ISSUED" : status;
                }
                case "finance.invoice.overdue.v1" -> {
                    amountDue = e.decimal("amountDue");
                    overdueAt = or(e.instant("detectedAt"), e.time());
                    if (paidAt == null) {
                        status = "OVERDUE";
                    }
                }
                case "finance.invoice.paid.v1" -> {
                    paidAt = or(e.instant("paidAt"), e.time());
                    amount = amount == null ? e.decimal("amount") : amount;
                    status = "PAID";
                }
                default -> {
                }
            }
        }
        return seen ? new InvoiceFact(invoiceId, number, customerId, uscc, opportunityId, amount, amountDue, currency, issuedAt,
                dueDate, paidAt, overdueAt, status) : null;
    }

    public static CustomerProfile profile(String customerId, List<AnalyticsEvent> history) {
        String code = null, legalName = null, shortName = null, uscc = null, phone = null, email = null, ownerId = null,
                department = null, tier = null, stage = null, status = null;
        Instant createdAt = null, updatedAt = null;
        Set<String> usccs = new LinkedHashSet<>();
        boolean seen = false;
        for (AnalyticsEvent e : EventOrder.sorted(history)) {
            if (!e.type().startsWith("crm.customer.") || !customerId.equals(e.text("customerId"))) {
                continue;
            }
            seen = true;
            code = or(e.text("code"), code);
            if (!e.type().startsWith(QUALITY_EVENTS)) {
                updatedAt = e.time(); // a (re)scoring is no change of master data
            }
            switch (e.type()) {
                case "crm.customer.created.v1" -> {
                    legalName = e.text("legalName");
                    shortName = e.text("shortName");
                    uscc = e.text("uscc");
                    stage = e.text("lifecycleStage");
                    tier = e.text("valueTier");
                    status = e.text("status");
                    ownerId = e.text("ownerId");
                    department = e.text("department");
                    createdAt = or(e.instant("createdAt"), e.time());
                }
                case "crm.customer.updated.v1" -> {
                    legalName = e.changed("legalName") ? e.change("legalName") : legalName;
                    shortName = e.changed("shortName") ? e.change("shortName") : shortName;
                    uscc = e.changed("uscc") ? e.change("uscc") : uscc;
                    phone = e.changed("phone") ? e.change("phone") : phone;
                    email = e.changed("email") ? e.change("email") : email;
                    ownerId = e.changed("ownerId") ? e.change("ownerId") : ownerId;
                    department = e.changed("department") ? e.change("department") : department;
                    tier = e.changed("valueTier") ? e.change("valueTier") : tier;
                    stage = e.changed("lifecycleStage") ? e.change("lifecycleStage") : stage;
                    status = e.changed("status") ? e.change("status") : status;
                }
                case "crm.customer.lifecycle-stage-changed.v1" -> stage = or(e.text("toStage"), stage);
                case "crm.customer.archived.v1" -> status = "ARCHIVED";
                case "crm.customer.erased.v1" -> {
                    status = "ERASED";
                    legalName = null;
                    shortName = null;
                    uscc = null;
                    phone = null;
                    email = null;
                    usccs.clear();
                }
                default -> {
                }
            }
            if (uscc != null) {
                usccs.add(uscc);
            }
        }
        return seen ? new CustomerProfile(customerId, code, legalName, shortName, uscc, List.copyOf(usccs), phone, email,
                ownerId, department, tier, stage, status, createdAt, updatedAt) : null;
    }

    /** Data-quality events: they change no master data, only {@link #quality}. */
    static final String QUALITY_EVENTS = "crm.customer.quality-";

    /**
     * Every score announced for the customer, oldest first (by scoredAt, then the event order), each with its issue
     * counts by dimension; null when the customer was never scored.
     */
    public static CustomerQuality quality(String customerId, List<AnalyticsEvent> history) {
        List<CustomerQuality.Score> scores = new ArrayList<>();
        for (AnalyticsEvent e : EventOrder.sorted(history)) {
            if (!"crm.customer.quality-scored.v1".equals(e.type()) || !customerId.equals(e.text("customerId")) || e.integer("score") == null) {
                continue;
            }
            java.util.Map<String, Integer> issues = new java.util.TreeMap<>();
            tools.jackson.databind.JsonNode list = e.data().get("issues");
            if (list != null && list.isArray()) {
                for (tools.jackson.databind.JsonNode issue : list) {
                    tools.jackson.databind.JsonNode dimension = issue.get("dimension");
                    if (dimension != null && dimension.isString()) {
                        issues.merge(dimension.asString(), 1, Integer::sum);
                    }
                }
            }
            scores.add(new CustomerQuality.Score(or(e.instant("scoredAt"), e.time()), e.integer("score"), e.text("department"),
                    e.text("ownerId"), java.util.Collections.unmodifiableMap(issues)));
        }
        if (scores.isEmpty()) {
            return null;
        }
        scores.sort(java.util.Comparator.comparing(CustomerQuality.Score::scoredAt)); // stable: ties keep the event order
        return new CustomerQuality(customerId, List.copyOf(scores));
    }

    public static MergeFact merge(String mergeId, List<AnalyticsEvent> history) {
        MergeFact fact = null;
        for (AnalyticsEvent e : EventOrder.sorted(history)) {
            if (!mergeId.equals(e.text("mergeId"))) {
                continue;
            }
            if ("crm.customer.merged.v1".equals(e.type())) {
                fact = new MergeFact(mergeId, e.text("loserId"), e.text("survivorId"), true, e.time());
            } else if ("crm.customer.merge-undone.v1".equals(e.type())) {
                fact = new MergeFact(mergeId, e.text("loserId"), e.text("survivorId"), false, e.time());
            }
        }
        return fact;
    }

    static boolean closedState(String status) {
        return "RESOLVED".equals(status) || "CLOSED".equals(status);
    }

    static <T> T or(T value, T fallback) {
        return value != null ? value : fallback;
    }

    static Instant min(Instant a, Instant b) {
        return a == null ? b : b == null ? a : a.isBefore(b) ? a : b;
    }

    private Folds() {
    }
}
