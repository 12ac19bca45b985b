package org.crmsuite.ticket.ticket;

import java.time.Instant;
import java.util.List;

import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

/**
 * When customer-service merges a duplicate into a survivor, the loser's tickets move to the survivor, each with a
 * history line. Repeatable: a second run finds nothing still pointing at the loser.
 */
@Component
public class CustomerMerges {

    static final String SYSTEM = "system:customer-merge";
    private static final int ATTEMPTS = 5;

    private final TicketStore store;

    CustomerMerges(TicketStore store) {
        this.store = store;
    }

    /** @return how many tickets moved */
    public int repoint(String loserId, String survivorId, Instant at) {
        return move(Query.query(Criteria.where("customerId").is(loserId)), t -> t.repointCustomer(loserId, survivorId, new Actor(SYSTEM, at)),
                survivorId);
    }

    /** The merge was undone: the tickets it moved go back to the former loser. */
    public int undo(String loserId, String survivorId, Instant at) {
        return move(Query.query(Criteria.where("customerId").is(survivorId).and("mergedFromCustomerIds").is(loserId)),
                t -> t.undoRepoint(loserId, survivorId, new Actor(SYSTEM, at)), loserId);
    }

    private int move(Query which, java.util.function.Predicate<Ticket> change, String target) {
        int moved = 0;
        List<Ticket> tickets = store.mongo().find(which, Ticket.class, TicketStore.COLLECTION);
        for (Ticket candidate : tickets) {
            for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
                Ticket ticket = store.find(candidate.id()).orElse(null);
                if (ticket == null) {
                    break;
                }
                long read = ticket.version();
                if (!change.test(ticket)) {
                    break;
                }
                if (store.update(ticket, read, List.of())) {
                    moved++;
                    break;
                }
                if (attempt == ATTEMPTS) {
                    // Leave it to the redelivery: the listener fails, the platform retries the record.
                    throw new IllegalStateException("ticket " + ticket.number() + " kept changing while moving it to customer " + target);
                }
            }
        }
        return moved;
    }
}
