package org.crmsuite.ticket.events;

import org.crmsuite.platform.events.IntegrationEvent;
import org.crmsuite.platform.events.Topics;

/** Every ticket event goes to {@code crm.ticket.events}, keyed by the ticket id so one ticket's events stay in order. */
public interface TicketEvent extends IntegrationEvent {

    String ticketId();

    @Override
    default String aggregateId() {
        return ticketId();
    }

    @Override
    default String topic() {
        return Topics.TICKET;
    }
}
