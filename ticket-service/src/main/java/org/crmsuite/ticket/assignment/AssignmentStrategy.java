package org.crmsuite.ticket.assignment;

/** How a queue hands new tickets to its agents. */
public enum AssignmentStrategy {
    /** Tickets wait in the queue until someone takes them or a manager assigns them. */
    MANUAL,
    /** Available agents in turn. */
    ROUND_ROBIN,
    /** The available agent with the fewest open tickets (ties: alphabetical). */
    LEAST_LOADED
}
