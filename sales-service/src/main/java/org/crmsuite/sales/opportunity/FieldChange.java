package org.crmsuite.sales.opportunity;

import java.time.Instant;

/** One field of a deal changed by one edit: its old and new value as text (amounts as decimal strings). */
public record FieldChange(String field, String from, String to, long version, String changedBy, Instant changedAt) {
}
