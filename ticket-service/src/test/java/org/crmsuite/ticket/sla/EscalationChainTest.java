package org.crmsuite.ticket.sla;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

import org.crmsuite.ticket.sla.EscalationChain.Recipient;
import org.crmsuite.ticket.sla.EscalationChain.Step;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The escalation chain without Spring: who hears at each level, and when each level is due. */
class EscalationChainTest {

    static final EscalationChain CHAIN = new EscalationChain(List.of(
            new Step(1.0, Recipient.QUEUE_MANAGER, null),
            new Step(1.5, Recipient.DEPARTMENT_HEAD, "service.director"),
            new Step(2.0, Recipient.USER, "operations.director"),
            new Step(3.0, Recipient.DEPARTMENT_HEAD, null)),
            Map.of("/service", "service.director", "/service/complaints", "complaints.lead"));

    @Test
    void eachLevelGoesToItsRecipientAndADepartmentHeadIsFoundUpTheGroupPath() {
        assertThat(CHAIN.levels()).isEqualTo(4);
        assertThat(CHAIN.recipient(1, "tier1.manager", "/service/tier-1")).isEqualTo("tier1.manager");
        assertThat(CHAIN.recipient(2, "tier1.manager", "/service/tier-1")).isEqualTo("service.director");
        assertThat(CHAIN.recipient(2, "c.manager", "/service/complaints")).isEqualTo("complaints.lead");
        assertThat(CHAIN.recipient(2, "c.manager", "/service/complaints/vip")).isEqualTo("complaints.lead");
        assertThat(CHAIN.recipient(3, "tier1.manager", "/service/tier-1")).isEqualTo("operations.director");
    }

    @Test
    void aLevelWithoutAKnownRecipientFallsBackToItsUserOrNobody() {
        assertThat(CHAIN.recipient(1, null, "/service/tier-1")).isNull();
        assertThat(CHAIN.recipient(2, "m", "/sales/emea")).isEqualTo("service.director");
        assertThat(CHAIN.recipient(4, "m", "/sales/emea")).isNull();
    }

    @Test
    void alertNamesAndFieldsPerLevel() {
        assertThat(EscalationChain.alertName(2)).isEqualTo("RESOLUTION_ESCALATION");
        assertThat(EscalationChain.alertName(3)).isEqualTo("RESOLUTION_ESCALATION_3");
        assertThat(EscalationChain.timeField(3)).isEqualTo("sla.escalateAt.L3");
        assertThat(CHAIN.furtherShares()).containsExactly(1.5, 2.0, 3.0);
    }

    @Test
    void aChainOutOfOrderOrWithoutTheBreachLevelIsRefusedAtStart() {
        assertThatThrownBy(() -> new EscalationChain(List.of(), Map.of())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new EscalationChain(List.of(new Step(1.5, Recipient.QUEUE_MANAGER, null)), Map.of()))
                .hasMessageContaining("level 1");
        assertThatThrownBy(() -> new EscalationChain(List.of(new Step(1.0, Recipient.QUEUE_MANAGER, null),
                new Step(2.0, Recipient.USER, "a"), new Step(2.0, Recipient.USER, "b")), Map.of()))
                .hasMessageContaining("level 3");
        assertThatThrownBy(() -> new Step(2.0, Recipient.USER, " ")).hasMessageContaining("user");
    }

    @Test
    void eachFurtherLevelIsDueAtItsShareOfTheResolutionTargetInBusinessTimeAndPausesMoveThemAll() {
        BusinessCalendar calendar = BusinessCalendarPropertiesTest.calendar(ZoneId.of("Asia/Shanghai"));
        SlaPlanner planner = new SlaPlanner(calendar, 0.75, CHAIN.furtherShares());
        Instant monday0900 = Instant.parse("2026-11-30T01:00:00Z");
        SlaClock clock = planner.start(new SlaPolicy("P1/default", Duration.ofHours(1), Duration.ofHours(4)), monday0900);

        assertThat(calendar.businessTimeBetween(monday0900, clock.escalationAt(2))).isEqualTo(Duration.ofHours(6));
        assertThat(calendar.businessTimeBetween(monday0900, clock.escalationAt(3))).isEqualTo(Duration.ofHours(8));
        assertThat(calendar.businessTimeBetween(monday0900, clock.escalationAt(4))).isEqualTo(Duration.ofHours(12));
        assertThat(clock.escalationAt(5)).isNull();

        Instant pausedAt = monday0900.plus(Duration.ofHours(1));
        SlaClock resumed = planner.resume(planner.pause(clock, pausedAt), pausedAt.plus(Duration.ofDays(1)));
        for (int level = 2; level <= 4; level++) {
            assertThat(calendar.businessTimeBetween(clock.escalationAt(level), resumed.escalationAt(level))).isEqualTo(Duration.ofHours(9));
        }
        assertThatThrownBy(() -> new SlaPlanner(calendar, 0.75, List.of(1.5, 1.2))).isInstanceOf(IllegalArgumentException.class);
    }
}
