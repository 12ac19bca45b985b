package org.crmsuite.customer.customer;

import java.util.List;
import java.util.UUID;

/**
 * What is announced about customers registered in bulk (the CSV import), decided before their rows are written: the
 * value an announcement keeps on the customer row ({@code quality_announced_score}) goes in with the {@code COPY}
 * instead of an {@code UPDATE} of every new row right after it (which rewrote each row and its ~20 index entries, three
 * of them GIN). Implemented by the quality feature; without it the batch announces through {@link CustomersChanged}.
 */
public interface BulkRegistrationAnnouncements {

    /** Computes the announcements of these new customers; writes nothing. */
    Prepared prepare(List<Customer> customers);

    interface Prepared {

        /** The announced quality score the new customer's row is written with (null: none announced). */
        Integer announcedScore(UUID customerId);

        /** Records the announcements (outbox) in the caller's transaction, once the rows are written. */
        void record();
    }
}
