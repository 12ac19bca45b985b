package org.crmsuite.platform.events;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * An event as a consumer sees it: the CloudEvents attributes from the headers and the payload as a tree, so unknown
 * fields are simply ignored. Reading it checks only the envelope; each consumer reads the fields it needs.
 */
public record InboundEvent(String id, String type, String source, String subject, Instant time, String topic,
                           JsonNode data) {

    public static InboundEvent from(ConsumerRecord<?, ?> record, JsonMapper jsonMapper) {
        String id = header(record, CloudEventHeaders.ID);
        String type = header(record, CloudEventHeaders.TYPE);
        if (id == null || id.isBlank() || type == null || type.isBlank()) {
            throw new InvalidEventException("missing CloudEvents header " + (id == null || id.isBlank() ? CloudEventHeaders.ID : CloudEventHeaders.TYPE));
        }
        Object value = record.value();
        if (value == null) {
            throw new InvalidEventException("event " + id + " has no payload");
        }
        JsonNode data;
        try {
            data = value instanceof byte[] bytes ? jsonMapper.readTree(bytes) : jsonMapper.readTree(value.toString());
        } catch (JacksonException e) {
            throw new InvalidEventException("event " + id + " payload is not JSON: " + e.getOriginalMessage(), e);
        }
        if (data == null || !data.isObject()) {
            throw new InvalidEventException("event " + id + " payload is not a JSON object");
        }
        Instant time = null;
        String timeHeader = header(record, CloudEventHeaders.TIME);
        if (timeHeader != null) {
            try {
                time = Instant.parse(timeHeader);
            } catch (DateTimeParseException e) {
                throw new InvalidEventException("event " + id + " has an invalid ce_time: " + timeHeader, e);
            }
        }
        String subject = header(record, CloudEventHeaders.SUBJECT);
        if (subject == null && record.key() != null) {
            subject = record.key().toString();
        }
        return new InboundEvent(id, type, header(record, CloudEventHeaders.SOURCE), subject, time, record.topic(), data);
    }

    /** The payload field as text, or null when absent. */
    public String text(String field) {
        JsonNode node = data.get(field);
        return node == null || node.isNull() ? null : node.asString();
    }

    public static String header(ConsumerRecord<?, ?> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
