package org.crmsuite.customer.quality;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;

import org.crmsuite.platform.web.FieldViolation;

/** A data-quality issue of a customer record, assigned to a steward to fix; and the rules its input follows. */
public record QualityIssue(UUID issueId, UUID customerId, String customerCode, String department, Kind kind, String field,
                           String assignee, String assignedBy, Instant assignedAt, Instant dueAt, String note, Status status,
                           String resolvedBy, Instant resolvedAt, String resolution, long version) {

    public enum Kind { MISSING_FIELD, INVALID_FIELD, STALE, SUSPECTED_DUPLICATE, INCONSISTENT }

    public enum Status { OPEN, RESOLVED }

    public static final int MAX_NOTE = 2000;
    public static final int MAX_USER_ID = 100;
    /** A customer API field name (uscc, province, registeredAddress.city ...): the issue names fields, never values. */
    static final Pattern FIELD = Pattern.compile("^[a-zA-Z][a-zA-Z0-9.]{0,59}$");
    static final Pattern CONTROL = Pattern.compile("\\p{Cntrl}");

    /** What is wrong with an assignment; empty when it may be recorded. */
    public static List<FieldViolation> checkAssignment(Kind kind, String field, String assignee, Instant dueAt, String note, Instant now) {
        List<FieldViolation> violations = new ArrayList<>();
        if (kind == null) {
            violations.add(new FieldViolation("kind", "required, one of " + List.of(Kind.values())));
        }
        if (field != null && !FIELD.matcher(field).matches()) {
            violations.add(new FieldViolation("field", "must be a customer field name such as uscc or province"));
        } else if (field == null && (kind == Kind.MISSING_FIELD || kind == Kind.INVALID_FIELD)) {
            violations.add(new FieldViolation("field", "required for " + kind));
        }
        violations.addAll(checkReassignment(assignee, dueAt, note, now));
        return violations;
    }

    /** What is wrong with giving an issue to another steward (a new due time and note optional); empty when fine. */
    public static List<FieldViolation> checkReassignment(String assignee, Instant dueAt, String note, Instant now) {
        List<FieldViolation> violations = new ArrayList<>(checkAssignee(assignee));
        if (dueAt != null && dueAt.isBefore(now)) {
            violations.add(new FieldViolation("dueAt", "must not be in the past"));
        }
        violations.addAll(checkNote("note", note));
        return violations;
    }

    public static List<FieldViolation> checkAssignee(String assignee) {
        if (assignee == null || assignee.isBlank()) {
            return List.of(new FieldViolation("assignee", "required: the user id of the steward"));
        }
        if (assignee.length() > MAX_USER_ID || CONTROL.matcher(assignee).find() || !assignee.strip().equals(assignee)) {
            return List.of(new FieldViolation("assignee", "must be a user id of at most " + MAX_USER_ID
                    + " characters, without control characters or surrounding spaces"));
        }
        return List.of();
    }

    public static List<FieldViolation> checkNote(String name, String note) {
        if (note == null) {
            return List.of();
        }
        if (note.length() > MAX_NOTE) {
            return List.of(new FieldViolation(name, "at most " + MAX_NOTE + " characters"));
        }
        // line breaks are fine in a note; other control characters break exports, mails and logs
        if (CONTROL.matcher(note.replace("\n", "").replace("\r", "").replace("\t", "")).find()) {
            return List.of(new FieldViolation(name, "must not contain control characters"));
        }
        return List.of();
    }

    /** A blank note is no note. */
    static String text(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
