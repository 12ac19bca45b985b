package org.crmsuite.ticket.ticket;

public enum TicketType {
    CONSULTATION, INCIDENT, COMPLAINT, REQUEST, FEEDBACK
}
