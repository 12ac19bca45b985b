package org.crmsuite.customer.events;

import java.sql.Timestamp;
import java.sql.Types;
import java.util.List;

import org.crmsuite.platform.events.EventEnvelope;
import org.crmsuite.platform.events.EventEnvelopeFactory;
import org.crmsuite.platform.events.IntegrationEvent;
import org.crmsuite.platform.outbox.JdbcOutboxRelay;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Many events into the platform's {@code outbox_event} in one JDBC batch (the platform's {@code JdbcOutbox} inserts
 * one row per round trip, which dominated a CSV import batch). Same rows, same envelope, same transaction rule.
 * Candidate for the platform ({@code Outbox.recordAll}).
 */
@Component
public class OutboxBatch {

    private static final int[] TYPES = {Types.OTHER, Types.VARCHAR, Types.VARCHAR, Types.VARCHAR, Types.VARCHAR, Types.VARCHAR,
            Types.TIMESTAMP, Types.VARCHAR, Types.VARCHAR, Types.VARCHAR};

    private final JdbcTemplate jdbc;
    private final EventEnvelopeFactory envelopes;
    private final ObjectProvider<JdbcOutboxRelay> relay;

    OutboxBatch(JdbcTemplate jdbc, EventEnvelopeFactory envelopes, ObjectProvider<JdbcOutboxRelay> relay) {
        this.jdbc = jdbc;
        this.envelopes = envelopes;
        this.relay = relay;
    }

    public void recordAll(List<? extends IntegrationEvent> events) {
        if (!TransactionSynchronizationManager.isActualTransactionActive()) {
            throw new IllegalStateException("events must be recorded inside the transaction of the change");
        }
        if (events.isEmpty()) {
            return;
        }
        List<Object[]> rows = events.stream().map(event -> {
            EventEnvelope envelope = envelopes.envelope(event);
            return new Object[]{envelope.id(), envelope.topic(), envelope.subject(), envelope.type(), envelope.source(), envelope.subject(),
                    Timestamp.from(envelope.time()), envelope.dataSchema(), envelope.payload(), envelope.traceparent()};
        }).toList();
        jdbc.batchUpdate("""
                INSERT INTO outbox_event (event_id, topic, event_key, event_type, source, subject, occurred_at, data_schema, payload,
                                          traceparent)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""", rows, TYPES);
        JdbcOutboxRelay relayLoop = relay.getIfAvailable();
        if (relayLoop != null) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    relayLoop.wakeUp();
                }
            });
        }
    }
}
