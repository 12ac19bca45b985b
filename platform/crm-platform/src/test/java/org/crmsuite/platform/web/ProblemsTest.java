package org.crmsuite.platform.web;

import java.util.List;
import java.util.Locale;

import org.junit.jupiter.api.Test;
import org.springframework.http.ProblemDetail;

import static org.assertj.core.api.Assertions.assertThat;

class ProblemsTest {

    @Test
    void everyTypeHasATitleInEnglishAndChinese() {
        for (ProblemType type : ProblemType.values()) {
            assertThat(Problems.title(type, Locale.ENGLISH)).as(type.name()).isNotBlank();
            assertThat(Problems.title(type, Locale.SIMPLIFIED_CHINESE)).as(type.name()).isNotEqualTo(Problems.title(type, Locale.ENGLISH));
        }
    }

    @Test
    void aProblemCarriesTypeTitleDetailAndFields() {
        ProblemDetail problem = Problems.of(ProblemType.VALIDATION_FAILED, "uscc: check character",
                List.of(new FieldViolation("uscc", "check character")), Locale.SIMPLIFIED_CHINESE);
        assertThat(problem.getStatus()).isEqualTo(400);
        assertThat(problem.getType().toString()).isEqualTo("urn:crm:problem:validation-failed");
        assertThat(problem.getTitle()).isEqualTo("请求中有无效字段");
        assertThat(problem.getProperties()).containsKey("errors");
    }
}
