package org.crmsuite.ticket.ticket;

import java.util.List;
import java.util.Map;

import org.crmsuite.platform.web.CrmProblemException;
import org.crmsuite.platform.web.FieldViolation;
import org.crmsuite.platform.web.ProblemType;

/**
 * The version a client edited, from {@code If-Match: "<version>"} (the ETag it got with the ticket). Changes that
 * overwrite fields are refused without it (428), and with an old one (412), so nobody overwrites what they never saw.
 */
final class IfMatch {

    static final String HEADER = "If-Match";

    static long version(String header) {
        if (header == null || header.isBlank()) {
            throw new CrmProblemException(ProblemType.VERSION_REQUIRED,
                    "send the version you edited as If-Match: \"<version>\" (the ETag of the ticket you read)",
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
        throw CrmProblemException.invalid(HEADER, "must be the ticket's ETag, for example \"3\"");
    }

    private IfMatch() {
    }
}
