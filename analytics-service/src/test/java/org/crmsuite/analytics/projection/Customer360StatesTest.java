package org.crmsuite.analytics.projection;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.crmsuite.analytics.event.AnalyticsEvent;
import org.crmsuite.analytics.model.Customer360;
import org.crmsuite.analytics.model.Customer360State;
import org.junit.jupiter.api.Test;

import tools.jackson.databind.json.JsonMapper;

/** The kept 360 states: bounded like the histories cache, and a written 360 remembered until its state goes. */
class Customer360StatesTest {

    static final JsonMapper JSON = JsonMapper.builder().build();

    static Customer360State state(String customer, int events) {
        Customer360State state = new Customer360State(customer, Set.of(), List.of("customer:" + customer));
        for (int i = 0; i < events; i++) {
            state.addAll(List.of(new AnalyticsEvent(customer + "-" + i, "erp.order.placed.v1", "erp.order.events", null,
                    Instant.parse("2026-01-01T00:00:00Z").plusSeconds(i), 0, i,
                    JSON.valueToTree(Map.of("orderId", customer + "-o" + i, "customerId", customer, "amount", "1.00")))));
        }
        return state;
    }

    @Test
    void theLeastRecentlyUsedStatesGoBeyondEitherBound() {
        Customer360States byCount = new Customer360States(10, Long.MAX_VALUE);
        byCount.put("a", state("a", 6), 600);
        byCount.put("b", state("b", 6), 600);
        assertThat(byCount.get("a")).isNull();
        assertThat(byCount.get("b")).isNotNull();

        Customer360States byBytes = new Customer360States(1_000, 1_000);
        byBytes.put("a", state("a", 2), 600);
        byBytes.put("b", state("b", 2), 600);
        assertThat(byBytes.get("a")).isNull();
        assertThat(byBytes.get("b")).isNotNull();

        assertThat(new Customer360States(0, 1_000).enabled()).isFalse();
        assertThat(new Customer360States(1_000, 0).enabled()).isFalse();
    }

    @Test
    void anUnchangedViewIsKnownOnlyAfterItWasWrittenAndUntilTheStateGoes() {
        Customer360States states = new Customer360States(1_000, Long.MAX_VALUE);
        Customer360State state = state("a", 3);
        states.put("a", state, 300);
        Customer360 view = state.view(null);
        assertThat(states.unchanged("a", view)).isFalse();
        states.written("a", view);
        assertThat(states.unchanged("a", state.view(null))).isTrue();
        states.unknown("a");
        assertThat(states.unchanged("a", view)).isFalse();
        states.written("a", view);
        states.remove("a");
        assertThat(states.unchanged("a", view)).isFalse();
    }
}
