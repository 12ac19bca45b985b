package org.crmsuite.customer.quality;

import java.time.Instant;
import java.util.List;

import org.crmsuite.platform.web.FieldViolation;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The rules of an assignment, without Spring. */
class QualityIssueTest {

    static final Instant NOW = Instant.parse("2026-12-01T02:00:00Z");

    private static List<String> fields(List<FieldViolation> violations) {
        return violations.stream().map(FieldViolation::field).toList();
    }

    @Test
    void aCompleteAssignmentPasses() {
        assertThat(QualityIssue.checkAssignment(QualityIssue.Kind.MISSING_FIELD, "uscc", "steward", NOW.plusSeconds(60),
                "请补全\n谢谢", NOW)).isEmpty();
        assertThat(QualityIssue.checkAssignment(QualityIssue.Kind.STALE, null, "steward", null, null, NOW)).isEmpty();
    }

    @Test
    void eachBadInputNamesItsField() {
        assertThat(fields(QualityIssue.checkAssignment(null, null, " ", NOW.minusSeconds(1), "x".repeat(2001), NOW)))
                .containsExactly("kind", "assignee", "dueAt", "note");
        assertThat(fields(QualityIssue.checkAssignment(QualityIssue.Kind.INVALID_FIELD, null, "steward", null, null, NOW)))
                .containsExactly("field");
        assertThat(fields(QualityIssue.checkAssignment(QualityIssue.Kind.INCONSISTENT, "city;", "steward", null, "bell\u0007", NOW)))
                .containsExactly("field", "note");
        assertThat(fields(QualityIssue.checkAssignee(" steward"))).containsExactly("assignee");
        assertThat(fields(QualityIssue.checkAssignee("a".repeat(101)))).containsExactly("assignee");
        assertThat(QualityIssue.checkNote("note", "x".repeat(2000))).isEmpty();
    }
}
