package org.crmsuite.ticket.customer;

import java.util.function.Supplier;

/** Where customer-service is, read per call (from the configuration; tests point it at their stub). */
@FunctionalInterface
public interface CustomerServiceEndpoint extends Supplier<String> {
}
