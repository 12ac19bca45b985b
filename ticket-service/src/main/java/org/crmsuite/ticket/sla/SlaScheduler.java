package org.crmsuite.ticket.sla;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import io.micrometer.core.instrument.MeterRegistry;
import org.crmsuite.platform.outbox.PendingEvents;
import org.crmsuite.ticket.config.TicketProperties;
import org.crmsuite.ticket.events.TicketEscalated;
import org.crmsuite.ticket.events.TicketEvent;
import org.crmsuite.ticket.events.TicketSlaBreached;
import org.crmsuite.ticket.events.TicketSlaWarning;
import org.crmsuite.ticket.ticket.Ticket;
import org.crmsuite.ticket.ticket.TicketStatus;
import org.crmsuite.ticket.ticket.TicketStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;

/**
 * Raises SLA warnings, breaches and every level of the escalation chain exactly once per ticket (per resolution
 * cycle), however many replicas run it and however often they restart: each alert is claimed by one conditional
 * update of the ticket that adds the alert's name to {@code slaAlerts} only if it is not there yet, and pushes its
 * events in the same write. Of two instances claiming the same alert, MongoDB lets exactly one update match; the
 * other's matches nothing. The claim also re-checks the due time, the pause and the status, so a ticket changed since
 * it was read is left for the next round.
 */
public class SlaScheduler {

    private static final Logger log = LoggerFactory.getLogger(SlaScheduler.class);
    /** Waiting on the customer is paused; resolved and closed tickets have nothing left to miss. */
    static final Set<TicketStatus> RUNNING = EnumSet.of(TicketStatus.NEW, TicketStatus.ASSIGNED, TicketStatus.IN_PROGRESS, TicketStatus.REOPENED);

    /** One kind of claim: a warning, a breach, or a further escalation level. */
    private record Claimable(String name, String timeField, boolean aboutFirstResponse, SlaAlert alert, int escalationLevel) {
    }

    private final MongoTemplate mongo;
    private final PendingEvents pending;
    private final TicketProperties tickets;
    private final Clock clock;
    private final int batchSize;
    private final MeterRegistry meters;
    private final EscalationChain escalation;
    private final List<Claimable> claimables;

    public SlaScheduler(MongoTemplate mongo, PendingEvents pending, TicketProperties tickets, Clock clock, int batchSize, MeterRegistry meters,
                        EscalationChain escalation) {
        this.mongo = mongo;
        this.pending = pending;
        this.tickets = tickets;
        this.clock = clock;
        this.batchSize = batchSize;
        this.meters = meters;
        this.escalation = escalation;
        List<Claimable> all = new ArrayList<>();
        for (SlaAlert alert : SlaAlert.values()) {
            all.add(new Claimable(alert.name(), alert.timeField(), alert.aboutFirstResponse(), alert, 0));
        }
        for (int level = 2; level <= escalation.levels(); level++) {
            all.add(new Claimable(EscalationChain.alertName(level), EscalationChain.timeField(level), false, null, level));
        }
        this.claimables = List.copyOf(all);
    }

    /** One round over every kind of alert; returns how many alerts this instance raised. */
    public int runOnce() {
        Instant now = clock.instant();
        int raised = 0;
        for (Claimable claimable : claimables) {
            Query due = Query.query(dueCriteria(claimable, now)).with(Sort.by(claimable.timeField())).limit(batchSize);
            for (Ticket ticket : mongo.find(due, Ticket.class, TicketStore.COLLECTION)) {
                if (claim(claimable, ticket, now)) {
                    raised++;
                }
            }
        }
        return raised;
    }

    private static Criteria dueCriteria(Claimable claimable, Instant now) {
        Criteria criteria = Criteria.where(claimable.timeField()).lte(now)
                .and(TicketStore.SLA_ALERTS).ne(claimable.name())
                .and("status").in(RUNNING)
                .and("sla.pausedAt").is(null);
        if (claimable.aboutFirstResponse()) {
            criteria.and("firstRespondedAt").is(null);
        }
        return criteria;
    }

    private boolean claim(Claimable claimable, Ticket ticket, Instant now) {
        SlaAlert alert = claimable.alert();
        Instant at = alert == null ? ticket.sla().escalationAt(claimable.escalationLevel()) : switch (alert) {
            case FIRST_RESPONSE_WARNING -> ticket.sla().firstResponseWarnAt();
            case FIRST_RESPONSE_BREACH -> ticket.sla().firstResponseDueAt();
            case RESOLUTION_WARNING -> ticket.sla().resolutionWarnAt();
            case RESOLUTION_BREACH -> ticket.sla().resolutionDueAt();
        };
        if (at == null) {
            return false;
        }
        boolean aboutFirstResponse = claimable.aboutFirstResponse();
        Instant dueAt = aboutFirstResponse ? ticket.sla().firstResponseDueAt() : ticket.sla().resolutionDueAt();
        TicketProperties.Queue queue = tickets.queue(ticket.queue());
        String manager = queue == null ? null : queue.manager();
        List<TicketEvent> events = new ArrayList<>();
        String priority = ticket.priority().name();
        if (alert == null) {
            int level = claimable.escalationLevel();
            events.add(new TicketEscalated(ticket.id(), ticket.number(), ticket.customerId(), level,
                    escalation.recipient(level, manager, ticket.department()),
                    "still unresolved at " + escalation.step(level).share() + " × the RESOLUTION target", ticket.queue(),
                    ticket.assignee(), now));
        } else if (alert.breach()) {
            events.add(new TicketSlaBreached(ticket.id(), ticket.number(), ticket.customerId(), alert.target(), ticket.sla().policy(),
                    priority, ticket.queue(), ticket.assignee(), dueAt, now));
            events.add(new TicketEscalated(ticket.id(), ticket.number(), ticket.customerId(), 1,
                    escalation.recipient(1, manager, ticket.department()), alert.target() + " target missed", ticket.queue(),
                    ticket.assignee(), now));
        } else {
            events.add(new TicketSlaWarning(ticket.id(), ticket.number(), ticket.customerId(), alert.target(), ticket.sla().policy(),
                    priority, ticket.queue(), ticket.assignee(), dueAt, now));
        }
        Query unclaimed = Query.query(Criteria.where("_id").is(ticket.id()).andOperator(dueCriteria(claimable, now),
                Criteria.where(claimable.timeField()).is(at)));
        Update claim = new Update().push(TicketStore.SLA_ALERTS, claimable.name());
        claim.push(PendingEvents.FIELD).each(pending.pending(events).toArray());
        boolean won = mongo.updateFirst(unclaimed, claim, TicketStore.COLLECTION).getModifiedCount() == 1;
        if (won) {
            meters.counter("crm.ticket.sla.alerts", "alert", claimable.name(), "priority", priority).increment();
            log.info("SLA {} on ticket {} (due {})", claimable.name(), ticket.number(), dueAt);
        }
        return won;
    }
}
