package org.crmsuite.platform.outbox;

import java.sql.Timestamp;

import org.crmsuite.platform.events.EventEnvelope;
import org.crmsuite.platform.events.EventEnvelopeFactory;
import org.crmsuite.platform.events.IntegrationEvent;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/** The PostgreSQL outbox: one row per event in {@code outbox_event}, inserted in the caller's transaction. */
public class JdbcOutbox implements Outbox {

    private final JdbcClient jdbc;
    private final EventEnvelopeFactory envelopes;
    private final JdbcOutboxRelay relay;

    public JdbcOutbox(JdbcClient jdbc, EventEnvelopeFactory envelopes, JdbcOutboxRelay relay) {
        this.jdbc = jdbc;
        this.envelopes = envelopes;
        this.relay = relay;
    }

    @Override
    public void record(IntegrationEvent event) {
        if (!TransactionSynchronizationManager.isActualTransactionActive()) {
            // Without a transaction the change and its event could part ways: refuse loudly, this is a coding error.
            throw new IllegalStateException("events must be recorded inside the transaction of the change");
        }
        EventEnvelope envelope = envelopes.envelope(event);
        jdbc.sql("""
                        INSERT INTO outbox_event (event_id, topic, event_key, event_type, source, subject, occurred_at,
                                                  data_schema, payload, traceparent)
                        VALUES (:id, :topic, :key, :type, :source, :subject, :time, :schema, :payload, :traceparent)""")
                .param("id", envelope.id())
                .param("topic", envelope.topic())
                .param("key", envelope.subject())
                .param("type", envelope.type())
                .param("source", envelope.source())
                .param("subject", envelope.subject())
                .param("time", Timestamp.from(envelope.time()))
                .param("schema", envelope.dataSchema())
                .param("payload", envelope.payload())
                .param("traceparent", envelope.traceparent())
                .update();
        if (relay != null) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    relay.wakeUp();
                }
            });
        }
    }
}
