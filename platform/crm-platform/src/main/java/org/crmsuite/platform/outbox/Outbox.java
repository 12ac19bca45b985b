package org.crmsuite.platform.outbox;

import org.crmsuite.platform.events.IntegrationEvent;

/**
 * Records events in the same transaction as the change that caused them; a relay publishes them to Kafka after the
 * commit. If the transaction rolls back, the events never existed.
 */
public interface Outbox {

    void record(IntegrationEvent event);

    default void recordAll(Iterable<? extends IntegrationEvent> events) {
        events.forEach(this::record);
    }
}
