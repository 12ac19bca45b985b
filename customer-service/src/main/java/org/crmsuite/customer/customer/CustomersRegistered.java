package org.crmsuite.customer.customer;

import java.util.List;

/**
 * Published (in-process, synchronously, inside the transaction) when a batch of customers is registered at once (a
 * CSV import batch), so what was waiting for them (parked ERP orders) is looked up once for the whole batch.
 */
public record CustomersRegistered(List<CustomerRegistered> customers) {
}
