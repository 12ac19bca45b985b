package org.crmsuite.platform.events;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * One event as it travels: CloudEvents attributes plus the JSON payload, kept as text so it is published byte for
 * byte as it was recorded. Stored in the outbox (PostgreSQL services) or inside the changed document (MongoDB
 * services) until the relay has published it.
 */
public record EventEnvelope(
        UUID id,
        String topic,
        String type,
        String source,
        String subject,
        Instant time,
        String dataSchema,
        String payload,
        String traceparent) {

    public EventEnvelope {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(payload, "payload");
    }

    /** Where the payload's schema is published: a path relative to the API docs, the same in every environment. */
    public static String schemaOf(String type) {
        return "/event-schemas/" + type + ".json";
    }
}
