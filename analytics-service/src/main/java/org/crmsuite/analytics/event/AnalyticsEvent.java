package org.crmsuite.analytics.event;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

import tools.jackson.databind.JsonNode;

/**
 * One received event as analytics keeps it: the CloudEvents attributes, where it was read (topic, partition,
 * offset: the order within an aggregate, whose events share a partition) and the payload as a tree, so unknown
 * fields are simply ignored. Equal ids are the same event (redeliveries).
 */
public record AnalyticsEvent(String id, String type, String topic, String subject, Instant time, int partition,
                             long offset, JsonNode data) {

    /** True when the payload carries the field, even as null (an explicit "no assignee"). */
    public boolean has(String field) {
        return data.has(field);
    }

    public String text(String field) {
        JsonNode node = data.get(field);
        return node == null || node.isNull() || !node.isValueNode() ? null : node.asString();
    }

    public Instant instant(String field) {
        String value = text(field);
        if (value == null) {
            return null;
        }
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    public LocalDate date(String field) {
        String value = text(field);
        if (value == null) {
            return null;
        }
        try {
            return LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    public BigDecimal decimal(String field) {
        String value = text(field);
        if (value == null) {
            return null;
        }
        try {
            return new BigDecimal(value);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    public Integer integer(String field) {
        JsonNode node = data.get(field);
        return node == null || !node.isNumber() ? null : node.asInt();
    }

    public boolean bool(String field) {
        JsonNode node = data.get(field);
        return node != null && node.isBoolean() && node.asBoolean();
    }

    /** {@code changes.<field>} of an update event as text, or null. */
    public String change(String field) {
        JsonNode changes = data.get("changes");
        JsonNode node = changes == null || !changes.isObject() ? null : changes.get(field);
        return node == null || node.isNull() || !node.isValueNode() ? null : node.asString();
    }

    /** True when the update event lists the field as changed (a cleared field is listed and absent from changes). */
    public boolean changed(String field) {
        JsonNode fields = data.get("changedFields");
        if (fields != null && fields.isArray()) {
            for (JsonNode name : fields) {
                if (field.equals(name.asString())) {
                    return true;
                }
            }
        }
        JsonNode changes = data.get("changes");
        return changes != null && changes.isObject() && changes.has(field);
    }

    public List<String> texts(String field) {
        JsonNode node = data.get(field);
        List<String> values = new ArrayList<>();
        if (node != null && node.isArray()) {
            node.forEach(item -> values.add(item.asString()));
        }
        return values;
    }
}
