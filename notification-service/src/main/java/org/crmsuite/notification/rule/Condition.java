package org.crmsuite.notification.rule;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import tools.jackson.databind.JsonNode;

/** An optional test on a numeric payload field, {@code <field> <op> <integer>}, e.g. {@code csat <= 2}. */
public record Condition(String field, String operator, long value) {

    private static final Pattern SYNTAX = Pattern.compile("^\\s*([A-Za-z][A-Za-z0-9]{0,99})\\s*(<=|>=|<|>|=)\\s*(-?[0-9]{1,12})\\s*$");

    /** Null for a blank text: no condition. */
    public static Condition parse(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        Matcher matcher = SYNTAX.matcher(text);
        if (!matcher.matches()) {
            throw new IllegalArgumentException("must read <field> <op> <integer> with op one of < <= = >= >, e.g. csat <= 2");
        }
        return new Condition(matcher.group(1), matcher.group(2), Long.parseLong(matcher.group(3)));
    }

    /** A payload without the field, or with a non-number in it, does not match. */
    public boolean matches(JsonNode payload) {
        JsonNode node = payload.get(field);
        if (node == null || !node.isNumber()) {
            return false;
        }
        long actual = node.asLong();
        return switch (operator) {
            case "<" -> actual < value;
            case "<=" -> actual <= value;
            case "=" -> actual == value;
            case ">=" -> actual >= value;
            case ">" -> actual > value;
            default -> false;
        };
    }

    @Override
    public String toString() {
        return field + " " + operator + " " + value;
    }
}
