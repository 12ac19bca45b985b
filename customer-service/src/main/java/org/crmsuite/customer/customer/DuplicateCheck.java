package org.crmsuite.customer.customer;

import java.util.List;
import java.util.UUID;

/**
 * Finds existing customers that may be the same company (implemented by the dedup feature; an interface here so
 * the customer aggregate does not depend on it).
 */
public interface DuplicateCheck {

    /** Candidates at or above the reporting threshold, best first; {@code except} is left out (the customer itself). */
    List<DuplicateCandidate> candidates(CustomerDetails customer, UUID except);

    /** Puts the pairs in the stewards' review queue (a customer registered although candidates were found). */
    void flag(UUID customerId, List<DuplicateCandidate> candidates);
}
