package org.crmsuite.ticket.ticket;

/** P1 is the most urgent (service down for the customer), P4 the least (a question that can wait). */
public enum Priority {
    P1, P2, P3, P4
}
