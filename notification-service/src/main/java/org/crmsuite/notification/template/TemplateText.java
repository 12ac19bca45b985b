package org.crmsuite.notification.template;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import tools.jackson.databind.JsonNode;

/**
 * A message text with {@code {{field}}} and {@code {{field|time}}} placeholders. Parsing finds every placeholder, so a
 * template naming a variable its event does not carry is refused when it is saved, never rendered as a blank.
 */
public final class TemplateText {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{\\s*([^}|\\s]*)\\s*(?:\\|\\s*([^}\\s]*)\\s*)?}}");
    private static final Set<String> FORMATS = Set.of("time");

    private final String text;

    public TemplateText(String text) {
        this.text = text;
    }

    /** The problems of this text against the variables its event offers; empty when it is fine. */
    public List<String> problems(Set<String> variables) {
        List<String> problems = new ArrayList<>();
        Matcher matcher = PLACEHOLDER.matcher(text);
        while (matcher.find()) {
            String name = matcher.group(1);
            String format = matcher.group(2);
            if (!variables.contains(name)) {
                problems.add("unknown variable {{" + name + "}}; known: " + String.join(", ", new LinkedHashSet<>(variables.stream().sorted().toList())));
            }
            if (format != null && !FORMATS.contains(format)) {
                problems.add("unknown format |" + format + " in {{" + name + "}}; known: time");
            }
        }
        String rest = PLACEHOLDER.matcher(text).replaceAll("");
        if (rest.contains("{{") || rest.contains("}}")) {
            problems.add("unbalanced {{ or }}");
        }
        return problems;
    }

    /** The text with the payload's values; instants formatted in the recipient's zone and language. */
    public String render(JsonNode payload, Locale locale, ZoneId zone) {
        Matcher matcher = PLACEHOLDER.matcher(text);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            JsonNode node = payload.get(matcher.group(1));
            String value = node == null || node.isNull() ? "" : node.isValueNode() ? node.asString() : node.toString();
            if ("time".equals(matcher.group(2)) && !value.isEmpty()) {
                value = time(value, locale, zone);
            }
            matcher.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        matcher.appendTail(out);
        return out.toString();
    }

    static String time(String value, Locale locale, ZoneId zone) {
        try {
            DateTimeFormatter format = DateTimeFormatter.ofPattern(locale.getLanguage().equals("zh") ? "yyyy年M月d日 HH:mm (z)" : "d MMM yyyy, HH:mm (z)", locale);
            return Instant.parse(value).atZone(zone).format(format);
        } catch (DateTimeParseException e) {
            return value;
        }
    }
}
