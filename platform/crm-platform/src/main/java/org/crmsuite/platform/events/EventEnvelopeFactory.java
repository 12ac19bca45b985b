package org.crmsuite.platform.events;

import java.time.Clock;
import java.util.UUID;
import java.util.function.Supplier;

import tools.jackson.databind.json.JsonMapper;

/** Turns a payload record into an envelope: a fresh id, this service as source, the current trace as parent. */
public class EventEnvelopeFactory {

    private final String source;
    private final JsonMapper jsonMapper;
    private final Clock clock;
    private final Supplier<String> currentTraceparent;

    public EventEnvelopeFactory(String source, JsonMapper jsonMapper, Clock clock, Supplier<String> currentTraceparent) {
        this.source = source.startsWith("/") ? source : "/" + source;
        this.jsonMapper = jsonMapper;
        this.clock = clock;
        this.currentTraceparent = currentTraceparent;
    }

    public EventEnvelope envelope(IntegrationEvent event) {
        return new EventEnvelope(
                UUID.randomUUID(),
                event.topic(),
                event.eventType(),
                source,
                event.subject(),
                clock.instant(),
                EventEnvelope.schemaOf(event.eventType()),
                jsonMapper.writeValueAsString(event),
                currentTraceparent.get());
    }

    public String source() {
        return source;
    }
}
