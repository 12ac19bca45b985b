package org.crmsuite.customer.customer;

import java.util.List;

/**
 * In-process, synchronous: these customers were registered or changed in the current transaction (facts, stage,
 * status or verification). The data-quality feature listens to announce scores that changed, in the same transaction.
 */
public record CustomersChanged(List<Customer> customers) {

    public static CustomersChanged of(Customer... customers) {
        return new CustomersChanged(List.of(customers));
    }
}
