package org.crmsuite.customer.customer;

/** One field of a record that changed: the history keeps from and to, the updated event the new value. */
public record FieldChange(String field, Object from, Object to) {
}
