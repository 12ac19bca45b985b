package org.crmsuite.ticket.ticket;

import java.time.Instant;

import org.crmsuite.ticket.sla.SlaClock;
import org.crmsuite.ticket.sla.SlaPlanner;
import org.crmsuite.ticket.sla.SlaProperties;
import org.springframework.stereotype.Component;

/** Applies the SLA rules to a ticket after each change: which clock moves for which status. */
@Component
public class TicketSla {

    private final SlaPlanner planner;
    private final SlaProperties properties;

    TicketSla(SlaPlanner planner, SlaProperties properties) {
        this.planner = planner;
        this.properties = properties;
    }

    SlaClock start(Priority priority, String tier, Instant at) {
        return planner.start(properties.policy(priority, tier), at);
    }

    SlaClock retargeted(Ticket ticket) {
        return ticket.sla() == null ? null : planner.retarget(ticket.sla(), properties.policy(ticket.priority(), ticket.customerTier()));
    }

    SlaClock afterStatus(Ticket ticket, Instant at) {
        SlaClock clock = ticket.sla();
        if (clock == null) {
            return null;
        }
        return switch (ticket.status()) {
            case WAITING_ON_CUSTOMER -> planner.pause(clock, at);
            case REOPENED -> planner.restart(clock, at);
            default -> planner.resume(clock, at);
        };
    }
}
