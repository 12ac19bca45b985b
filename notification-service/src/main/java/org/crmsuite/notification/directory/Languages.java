package org.crmsuite.notification.directory;

import java.util.Locale;

/** The two languages templates exist in; a Keycloak locale ({@code zh}, {@code zh-CN}, {@code en-GB}) maps onto one of them. */
final class Languages {

    private Languages() {
    }

    static String normalise(String locale) {
        if (locale == null || locale.isBlank()) {
            return null;
        }
        String value = locale.strip().toLowerCase(Locale.ROOT);
        if (value.startsWith("zh")) {
            return "zh-CN";
        }
        if (value.startsWith("en")) {
            return "en";
        }
        return null;
    }
}
