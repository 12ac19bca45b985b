package org.crmsuite.customer.customer;

import java.util.List;
import java.util.UUID;

/**
 * Finds existing customers that may be the same company (implemented by the dedup feature; an interface here so
 * the customer aggregate does not depend on it).
 */
public interface DuplicateCheck {

    /**
     * Candidates at or above the reporting threshold, best first; {@code except} is left out (the customer itself),
     * and so are the customers a steward dismissed as "not the same company" as {@code except}.
     */
    List<DuplicateCandidate> candidates(CustomerDetails customer, UUID except);

    /** Puts the pairs in the stewards' review queue (a customer registered although candidates were found). */
    void flag(UUID customerId, List<DuplicateCandidate> candidates);

    /**
     * The duplicate check of a batch of new customers (a CSV import batch): the database is asked once per kind of
     * fact for the whole batch, and rows are also compared with the rows of the batch accepted before them.
     */
    Batch batch(List<CustomerDetails> customers);

    interface Batch {

        /** Candidates of row {@code index} (0-based in the batch): existing customers and earlier accepted rows. */
        List<DuplicateCandidate> candidates(int index);

        /** Row {@code index} was registered as this customer: later rows are compared with it. */
        void accepted(int index, UUID id, String code, String legalName);
    }
}
