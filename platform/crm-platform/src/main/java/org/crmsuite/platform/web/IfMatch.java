package org.crmsuite.platform.web;

import java.util.List;
import java.util.Map;

/**
 * The version a client edited, from {@code If-Match: "<version>"} (the ETag it got with the record). Updates without
 * it are refused with 428, so nobody overwrites a change they never saw.
 */
public final class IfMatch {

    public static final String HEADER = "If-Match";

    public static long version(String header) {
        if (header == null || header.isBlank()) {
            throw new CrmProblemException(ProblemType.VERSION_REQUIRED,
                    "send the version you edited as If-Match: \"<version>\" (the ETag of the record you read)",
                    List.of(new FieldViolation(HEADER, "required")), Map.of());
        }
        String value = header.strip();
        if (value.startsWith("W/")) {
            value = value.substring(2);
        }
        value = value.replace("\"", "");
        try {
            long version = Long.parseLong(value);
            if (version >= 0) {
                return version;
            }
        } catch (NumberFormatException e) {
            // refused below
        }
        throw CrmProblemException.invalid(HEADER, "must be the record's ETag, for example \"3\"");
    }

    /** Refuses the change when the record moved on since the client read it. */
    public static void require(String what, Object id, long expected, long actual) {
        if (expected != actual) {
            throw CrmProblemException.staleVersion(what, id, expected, actual);
        }
    }

    private IfMatch() {
    }
}
