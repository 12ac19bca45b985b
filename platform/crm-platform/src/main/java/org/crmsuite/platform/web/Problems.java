package org.crmsuite.platform.web;

import java.util.List;
import java.util.Locale;

import org.springframework.context.support.ResourceBundleMessageSource;
import org.springframework.http.ProblemDetail;

/**
 * Builds every problem body the suite sends, servlet and reactive alike: stable type, translated title, the detail,
 * and the offending fields under {@code errors}.
 */
public final class Problems {

    private static final ResourceBundleMessageSource TITLES = new ResourceBundleMessageSource();

    static {
        TITLES.setBasename("crm/platform/problems");
        TITLES.setDefaultEncoding("UTF-8");
        TITLES.setFallbackToSystemLocale(false);
    }

    public static ProblemDetail of(ProblemType type, String detail, Locale locale) {
        return of(type, detail, List.of(), locale);
    }

    public static ProblemDetail of(ProblemType type, String detail, List<FieldViolation> violations, Locale locale) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(type.status(), detail);
        problem.setType(type.uri());
        problem.setTitle(title(type, locale));
        if (!violations.isEmpty()) {
            problem.setProperty("errors", violations);
        }
        return problem;
    }

    public static String title(ProblemType type, Locale locale) {
        return TITLES.getMessage("problem." + type.slug(), null, type.status().getReasonPhrase(),
                locale == null ? Locale.ENGLISH : locale);
    }

    private Problems() {
    }
}
