package org.crmsuite.ticket.ticket;

import java.time.Instant;
import java.util.EnumSet;
import java.util.List;

import org.crmsuite.platform.web.CrmProblemException;
import org.crmsuite.platform.web.ProblemType;
import org.crmsuite.ticket.events.TicketCommented;
import org.crmsuite.ticket.events.TicketEvent;
import org.crmsuite.ticket.events.TicketResolved;
import org.crmsuite.ticket.events.TicketStatusChanged;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The aggregate's rules without Spring: the flow, the events each command returns, the history and the limits. */
class TicketTest {

    static final Instant T0 = Instant.parse("2026-11-23T02:00:00Z");

    static Ticket newTicket() {
        return Ticket.open("T-2026-000001", new Ticket.Draft("c-1", null, Channel.EMAIL, TicketType.COMPLAINT, "billing",
                Priority.P2, "Wrong invoice", "amount"), null, "tier-1", "/service/tier-1", null, new Actor("agent", T0)).ticket();
    }

    @Test
    void theFlowAllowsExactlyTheDocumentedMoves() {
        assertThat(TicketStatus.NEW.next()).containsExactly(TicketStatus.ASSIGNED);
        assertThat(TicketStatus.IN_PROGRESS.next()).containsExactlyInAnyOrder(TicketStatus.WAITING_ON_CUSTOMER, TicketStatus.RESOLVED);
        assertThat(TicketStatus.WAITING_ON_CUSTOMER.next()).contains(TicketStatus.IN_PROGRESS);
        assertThat(TicketStatus.RESOLVED.next()).containsExactlyInAnyOrder(TicketStatus.CLOSED, TicketStatus.REOPENED);
        assertThat(TicketStatus.CLOSED.next()).isEmpty();
        assertThat(TicketStatus.REOPENED.next()).contains(TicketStatus.IN_PROGRESS);
    }

    @ParameterizedTest
    @EnumSource(TicketStatus.class)
    void everyMoveOutsideTheFlowIsRefusedNamingFromAndTo(TicketStatus target) {
        Ticket ticket = newTicket();
        if (TicketStatus.NEW.canMoveTo(target)) {
            return;
        }
        assertThatThrownBy(() -> ticket.changeStatus(target, "x", new Actor("agent", T0)))
                .isInstanceOfSatisfying(CrmProblemException.class, e -> {
                    assertThat(e.type()).isEqualTo(ProblemType.BUSINESS_RULE_VIOLATED);
                    assertThat(e.properties()).containsEntry("from", "NEW").containsEntry("to", target.name());
                });
        assertThat(ticket.version()).isZero();
    }

    @Test
    void commandsReturnTheirEventsAndRecordHistory() {
        Ticket ticket = newTicket();
        List<TicketEvent> assigned = ticket.assign("tier-1", "/service/tier-1", "agent", new Actor("manager", T0.plusSeconds(60)));
        assertThat(assigned).extracting(TicketEvent::eventType).containsExactly("crm.ticket.assigned.v1", "crm.ticket.status-changed.v1");
        assertThat(ticket.status()).isEqualTo(TicketStatus.ASSIGNED);

        assertThat(ticket.comment("internal", true, new Actor("agent", T0.plusSeconds(120)))).isEmpty();
        assertThat(ticket.firstRespondedAt()).isNull();
        assertThat(ticket.comment("public", false, new Actor("agent", T0.plusSeconds(180)))).singleElement().isInstanceOf(TicketCommented.class);
        assertThat(ticket.firstRespondedAt()).isEqualTo(T0.plusSeconds(180));

        ticket.changeStatus(TicketStatus.IN_PROGRESS, null, new Actor("agent", T0.plusSeconds(200)));
        assertThatThrownBy(() -> ticket.changeStatus(TicketStatus.RESOLVED, " ", new Actor("agent", T0.plusSeconds(300))))
                .isInstanceOf(CrmProblemException.class).hasMessageContaining("resolved");
        List<TicketEvent> resolved = ticket.changeStatus(TicketStatus.RESOLVED, "fixed", new Actor("agent", T0.plusSeconds(300)));
        assertThat(resolved).hasSize(2);
        assertThat(resolved.get(0)).isInstanceOfSatisfying(TicketStatusChanged.class, e -> {
            assertThat(e.from()).isEqualTo("IN_PROGRESS");
            assertThat(e.to()).isEqualTo("RESOLVED");
        });
        assertThat(resolved.get(1)).isInstanceOfSatisfying(TicketResolved.class, e -> assertThat(e.resolution()).isEqualTo("fixed"));
        assertThat(ticket.history()).extracting(Change::field).contains("assignee", "status", "resolution", "publicComment", "internalComment");
        assertThat(ticket.version()).isEqualTo(5);
    }

    @Test
    void closedIsFinalAndLimitsHold() {
        Ticket ticket = newTicket();
        Actor by = new Actor("agent", T0);
        ticket.assign("tier-1", "/service/tier-1", "agent", by);
        ticket.changeStatus(TicketStatus.IN_PROGRESS, null, by);
        ticket.changeStatus(TicketStatus.RESOLVED, "done", by);
        ticket.changeStatus(TicketStatus.CLOSED, null, by);
        for (TicketStatus target : EnumSet.allOf(TicketStatus.class)) {
            assertThatThrownBy(() -> ticket.changeStatus(target, "x", by)).isInstanceOf(CrmProblemException.class);
        }
        assertThatThrownBy(() -> ticket.comment("late", false, by)).isInstanceOf(CrmProblemException.class);

        Ticket open = newTicket();
        assertThatThrownBy(() -> open.comment("x".repeat(Comment.MAX_LENGTH + 1), false, by))
                .isInstanceOfSatisfying(CrmProblemException.class, e -> assertThat(e.violations()).extracting(v -> v.field()).containsExactly("body"));
        assertThatThrownBy(() -> open.attach("big", "application/zip", Attachment.MAX_BYTES + 1, "s3://x", null, by))
                .isInstanceOf(CrmProblemException.class);
    }

    @Test
    void aComplaintRatedOneOrTwoOpensACallBackForTheQueueManagerAndALinkWorksOnce() {
        Ticket ticket = newTicket();
        Actor by = new Actor("agent", T0);
        ticket.assign("tier-1", "/service/tier-1", "agent", by);
        ticket.changeStatus(TicketStatus.IN_PROGRESS, null, by);
        assertThatThrownBy(() -> ticket.issueSurvey("hash", T0.plusSeconds(3600), by)).isInstanceOf(CrmProblemException.class);
        ticket.changeStatus(TicketStatus.RESOLVED, "refunded", by);
        ticket.issueSurvey("hash", T0.plusSeconds(3600), by);

        List<TicketEvent> rated = ticket.rate(2, 0, "slow", "service.manager", T0.plusSeconds(7200), T0.plusSeconds(60));

        assertThat(rated).singleElement().isInstanceOfSatisfying(org.crmsuite.ticket.events.TicketSatisfactionRated.class,
                e -> assertThat(e.followUpAssignee()).isEqualTo("service.manager"));
        assertThat(ticket.followUpTask().assignee()).isEqualTo("service.manager");
        assertThatThrownBy(() -> ticket.rate(5, null, null, "service.manager", T0, T0.plusSeconds(120)))
                .isInstanceOfSatisfying(CrmProblemException.class, e -> assertThat(e.type()).isEqualTo(ProblemType.CONFLICT));
    }

    @Test
    void anExpiredSurveyIsGoneAndAGoodRatingOpensNoTask() {
        Ticket ticket = Ticket.open("T-2026-000002", new Ticket.Draft("c-1", null, Channel.EMAIL, TicketType.INCIDENT, null,
                Priority.P3, "x", null), null, "tier-1", "/service/tier-1", null, new Actor("agent", T0)).ticket();
        Actor by = new Actor("agent", T0);
        ticket.assign("tier-1", "/service/tier-1", "agent", by);
        ticket.changeStatus(TicketStatus.RESOLVED, "done", by);
        ticket.issueSurvey("hash", T0.plusSeconds(60), by);
        assertThatThrownBy(() -> ticket.rate(4, null, null, "m", T0, T0.plusSeconds(60)))
                .isInstanceOfSatisfying(CrmProblemException.class, e -> assertThat(e.type()).isEqualTo(ProblemType.GONE));
        ticket.issueSurvey("hash2", T0.plusSeconds(600), by);
        assertThat(ticket.rate(1, null, null, "m", T0, T0.plusSeconds(120))).hasSize(1);
        assertThat(ticket.followUpTask()).isNull();
    }

    @Test
    void numbersHaveTheYearAndSixDigits() {
        assertThat(TicketNumbers.format(2026, 123)).isEqualTo("T-2026-000123");
        assertThat(TicketNumbers.format(2026, 1_234_567)).isEqualTo("T-2026-1234567");
    }
}
