package org.crmsuite.analytics.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.crmsuite.analytics.event.AnalyticsEvent;
import org.crmsuite.analytics.event.EventKeys;
import org.crmsuite.analytics.projection.InMemoryReadModelStore;
import org.crmsuite.analytics.projection.Projector;
import org.crmsuite.analytics.projection.ReadModel;
import org.junit.jupiter.api.Test;

import tools.jackson.databind.json.JsonMapper;

/** The read models as plain functions of events, without Spring. */
class FoldsTest {

    static final JsonMapper JSON = JsonMapper.builder().build();
    final List<AnalyticsEvent> events = new ArrayList<>();

    AnalyticsEvent event(String type, String at, Map<String, Object> payload) {
        AnalyticsEvent event = new AnalyticsEvent("e" + events.size(), type, "t", null, Instant.parse(at), 0, events.size(), JSON.valueToTree(payload));
        events.add(event);
        return event;
    }

    @Test
    void aTicketOpenedAndAssignedInTheSameMillisecondFoldsInLifecycleOrderWhateverTheArrival() {
        AnalyticsEvent assigned = event("crm.ticket.assigned.v1", "2026-03-01T08:00:00Z", Map.of("ticketId", "t1", "queue", "vip", "assignee", "agent.li"));
        AnalyticsEvent opened = event("crm.ticket.opened.v1", "2026-03-01T08:00:00Z", Map.of("ticketId", "t1", "queue", "general", "priority", "P1",
                "type", "COMPLAINT", "status", "NEW", "openedAt", "2026-03-01T08:00:00Z"));
        TicketFact fact = Folds.ticket("t1", List.of(assigned, opened));
        assertThat(fact.queue()).isEqualTo("vip");
        assertThat(fact.assignee()).isEqualTo("agent.li");
        assertThat(fact).isEqualTo(Folds.ticket("t1", List.of(opened, assigned, opened)));
        assertThat(fact.openAt(Instant.parse("2026-03-02T00:00:00Z"))).isTrue();
    }

    @Test
    void reopeningStartsANewOpenSpanAndClearsTheResolution() {
        event("crm.ticket.opened.v1", "2026-03-01T08:00:00Z", Map.of("ticketId", "t1", "status", "NEW", "openedAt", "2026-03-01T08:00:00Z"));
        event("crm.ticket.resolved.v1", "2026-03-01T10:00:00Z", Map.of("ticketId", "t1", "resolvedAt", "2026-03-01T10:00:00Z", "resolutionBreached", false));
        event("crm.ticket.reopened.v1", "2026-03-02T10:00:00Z", Map.of("ticketId", "t1", "reopenCount", 1));
        TicketFact fact = Folds.ticket("t1", events);
        assertThat(fact.resolvedAt()).isNull();
        assertThat(fact.openPeriods()).hasSize(2);
        assertThat(fact.openAt(Instant.parse("2026-03-01T12:00:00Z"))).isFalse();
        assertThat(fact.openAt(Instant.parse("2026-03-03T00:00:00Z"))).isTrue();
    }

    @Test
    void anErasedCustomerKeepsNoPersonalData() {
        event("crm.customer.created.v1", "2026-01-01T00:00:00Z", Map.of("customerId", "c1", "legalName", "甲公司", "uscc", "91330100MA27XK8L9Q",
                "ownerId", "rep", "department", "/sales/east", "valueTier", "KEY", "lifecycleStage", "ACTIVE", "status", "ACTIVE"));
        event("crm.customer.updated.v1", "2026-01-02T00:00:00Z", Map.of("customerId", "c1", "changedFields", List.of("phone"), "changes", Map.of("phone", "+8613800000000")));
        assertThat(Folds.profile("c1", events).phone()).isEqualTo("+8613800000000");
        event("crm.customer.erased.v1", "2026-01-03T00:00:00Z", Map.of("customerId", "c1", "erasedContactIds", List.of()));
        CustomerProfile erased = Folds.profile("c1", events);
        assertThat(erased.phone()).isNull();
        assertThat(erased.legalName()).isNull();
        assertThat(erased.usccs()).isEmpty();
        assertThat(erased.status()).isEqualTo("ERASED");
    }

    @Test
    void aMergeFoldsTheLosersHistoryIntoTheSurvivorAndAnUndoTakesItBack() {
        InMemoryReadModelStore store = new InMemoryReadModelStore();
        Projector projector = new Projector(store);
        projector.apply(event("crm.customer.created.v1", "2026-01-01T00:00:00Z", Map.of("customerId", "s", "ownerId", "rep")));
        projector.apply(event("crm.customer.created.v1", "2026-01-01T00:00:00Z", Map.of("customerId", "l", "ownerId", "rep", "uscc", "91330100MA27XK8L9Q")));
        projector.apply(event("erp.order.placed.v1", "2026-02-01T00:00:00Z", Map.of("orderId", "o1", "uscc", "91330100MA27XK8L9Q", "amount", "10.00")));
        projector.apply(event("crm.customer.merged.v1", "2026-03-01T00:00:00Z", Map.of("mergeId", "m", "loserId", "l", "survivorId", "s")));
        Customer360 survivor = store.get(ReadModel.CUSTOMER_360, "s", Customer360.class);
        assertThat(survivor.orders()).extracting(OrderFact::orderId).containsExactly("o1");
        assertThat(survivor.mergedCustomerIds()).containsExactly("l");
        assertThat(store.get(ReadModel.CUSTOMER_360, "l", Customer360.class).mergedInto()).isEqualTo("s");

        projector.apply(event("crm.customer.merge-undone.v1", "2026-03-02T00:00:00Z", Map.of("mergeId", "m", "loserId", "l", "survivorId", "s")));
        assertThat(store.get(ReadModel.CUSTOMER_360, "s", Customer360.class).orders()).isEmpty();
        assertThat(store.get(ReadModel.CUSTOMER_360, "l", Customer360.class).orders()).hasSize(1);
        assertThat(EventKeys.of(events.get(2))).containsExactly("order:o1", "uscc:91330100MA27XK8L9Q");
    }

    @Test
    void eventsOfAnUnknownKindAreStoredAndChangeNoReadModel() {
        InMemoryReadModelStore store = new InMemoryReadModelStore();
        Projector projector = new Projector(store);
        assertThat(projector.apply(event("crm.loyalty.points-earned.v1", "2026-01-01T00:00:00Z", Map.of("customerId", "c", "points", 10)))).isTrue();
        assertThat(projector.apply(events.get(0))).isFalse();
        assertThat(store.eventCount()).isEqualTo(1);
        assertThat(store.snapshot()).isEmpty();
    }

    @Test
    void churnRulesNameTheirReasons() {
        Instant now = Instant.parse("2026-06-01T00:00:00Z");
        TicketFact complaint = new TicketFact("t", "T-1", "c", "s", "COMPLAINT", "P2", "q", null, null, null, "NEW",
                Instant.parse("2026-05-30T00:00:00Z"), null, null, null, List.of(new TicketFact.Span(Instant.parse("2026-05-30T00:00:00Z"), null)),
                List.of("FIRST_RESPONSE"), false, 2, null, Instant.parse("2026-05-31T00:00:00Z"), 0);
        ChurnRisk risk = ChurnRules.assess("c", List.of(complaint), List.of(), List.of(), List.of(), now, ChurnRules.Settings.DEFAULT);
        assertThat(risk.reasons()).extracting(ChurnRisk.Reason::rule).containsExactly("OPEN_COMPLAINTS", "LOW_CSAT", "SLA_BREACHES");
        assertThat(risk.score()).isEqualTo(55);
        ChurnRisk silent = ChurnRules.assess("c", List.of(), List.of(), List.of(), List.of(), now, ChurnRules.Settings.DEFAULT);
        assertThat(silent.reasons()).extracting(ChurnRisk.Reason::rule).containsExactly("NO_CONTACT");
    }
}
