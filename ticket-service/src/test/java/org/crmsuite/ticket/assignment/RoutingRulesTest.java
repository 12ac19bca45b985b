package org.crmsuite.ticket.assignment;

import java.util.List;

import org.crmsuite.ticket.ticket.TicketType;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RoutingRulesTest {

    final RoutingRules rules = new RoutingRules(List.of(
            new RoutingRules.Rule(TicketType.COMPLAINT, null, "complaints"),
            new RoutingRules.Rule(null, "network", "tier-2"),
            new RoutingRules.Rule(TicketType.INCIDENT, "billing", "billing")), "tier-1");

    @Test
    void theFirstMatchingRuleWinsAndCategoriesMatchTheirBranch() {
        assertThat(rules.queueFor(TicketType.COMPLAINT, "network/vpn")).isEqualTo("complaints");
        assertThat(rules.queueFor(TicketType.INCIDENT, "network/vpn")).isEqualTo("tier-2");
        assertThat(rules.queueFor(TicketType.REQUEST, "network")).isEqualTo("tier-2");
        assertThat(rules.queueFor(TicketType.INCIDENT, "networking")).isEqualTo("tier-1");
        assertThat(rules.queueFor(TicketType.INCIDENT, "billing/invoice")).isEqualTo("billing");
        assertThat(rules.queueFor(TicketType.REQUEST, "billing/invoice")).isEqualTo("tier-1");
        assertThat(rules.queueFor(TicketType.CONSULTATION, null)).isEqualTo("tier-1");
    }
}
