package org.crmsuite.platform.web;

/**
 * One reason a request was refused: the offending field (a JSON path such as {@code contacts[0].email}, or a
 * parameter or header name) and why, in words a person can act on.
 */
public record FieldViolation(String field, String reason) {
}
