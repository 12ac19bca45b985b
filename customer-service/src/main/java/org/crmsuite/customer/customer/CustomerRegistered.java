package org.crmsuite.customer.customer;

import java.util.UUID;

/**
 * Published (in-process, synchronously, inside the registration's transaction) when a customer is registered, so
 * what was waiting for this customer (parked ERP orders) is applied in the same transaction.
 */
public record CustomerRegistered(UUID customerId, String uscc) {
}
