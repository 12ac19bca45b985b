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
        requireNoRoutingComponent(event);
        return new EventEnvelope(
                UUID.randomUUID(),
                event.topic(),
                event.eventType(),
                source,
                event.aggregateId(),
                clock.instant(),
                EventEnvelope.schemaOf(event.eventType()),
                jsonMapper.writeValueAsString(event),
                currentTraceparent.get());
    }

    /**
     * A payload component named like a routing method would implement it and silently become the Kafka key, the
     * topic or the type (a ticket's "subject" line once did): refuse such a record at its first use.
     */
    private static void requireNoRoutingComponent(IntegrationEvent event) {
        if (event.getClass().isRecord()) {
            for (var component : event.getClass().getRecordComponents()) {
                if (ROUTING_METHODS.contains(component.getName())) {
                    throw new IllegalStateException(event.getClass().getName() + " has a payload field '" + component.getName()
                            + "' that overrides IntegrationEvent." + component.getName() + "(); rename the field");
                }
            }
        }
    }

    private static final java.util.Set<String> ROUTING_METHODS = java.util.Set.of("eventType", "aggregateId", "topic");

    public String source() {
        return source;
    }
}
