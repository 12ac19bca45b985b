package org.crmsuite.platform.web;

import java.util.List;
import java.util.Map;

/**
 * A request the service refuses on purpose, with the problem type the client sees. Domain code throws the
 * subclasses; the platform's advice turns them into RFC 9457 responses.
 */
public class CrmProblemException extends RuntimeException {

    private final ProblemType type;
    private final List<FieldViolation> violations;
    private final Map<String, Object> properties;

    public CrmProblemException(ProblemType type, String detail) {
        this(type, detail, List.of(), Map.of());
    }

    public CrmProblemException(ProblemType type, String detail, List<FieldViolation> violations, Map<String, Object> properties) {
        super(detail);
        this.type = type;
        this.violations = List.copyOf(violations);
        this.properties = Map.copyOf(properties);
    }

    public ProblemType type() {
        return type;
    }

    public List<FieldViolation> violations() {
        return violations;
    }

    /** Extra members of the problem body (for example {@code location} of a merged customer's survivor). */
    public Map<String, Object> properties() {
        return properties;
    }

    public static CrmProblemException notFound(String what, Object id) {
        return new CrmProblemException(ProblemType.NOT_FOUND, what + " " + id + " does not exist");
    }

    public static CrmProblemException invalid(String field, String reason) {
        return new CrmProblemException(ProblemType.VALIDATION_FAILED, field + ": " + reason,
                List.of(new FieldViolation(field, reason)), Map.of());
    }

    public static CrmProblemException invalid(List<FieldViolation> violations) {
        return new CrmProblemException(ProblemType.VALIDATION_FAILED, "the request has " + violations.size()
                + " invalid field(s)", violations, Map.of());
    }

    public static CrmProblemException ruleViolated(String detail, List<FieldViolation> violations) {
        return new CrmProblemException(ProblemType.BUSINESS_RULE_VIOLATED, detail, violations, Map.of());
    }

    public static CrmProblemException conflict(String detail) {
        return new CrmProblemException(ProblemType.CONFLICT, detail);
    }

    public static CrmProblemException staleVersion(String what, Object id, long expected, long actual) {
        return new CrmProblemException(ProblemType.STALE_VERSION, what + " " + id + " was changed by someone else: you sent version "
                + expected + ", the current version is " + actual + "; reload and apply your change again",
                List.of(), Map.of("currentVersion", actual));
    }
}
