package org.crmsuite.platform.outbox;

import java.sql.Timestamp;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;

import org.crmsuite.platform.events.EventEnvelope;
import org.crmsuite.platform.events.EventEnvelopeFactory;
import org.crmsuite.platform.events.IntegrationEvent;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/** The PostgreSQL outbox: one row per event in {@code outbox_event}, inserted in the caller's transaction. */
public class JdbcOutbox implements Outbox {

    private static final String INSERT_ROW = """
            INSERT INTO outbox_event (event_id, topic, event_key, event_type, source, subject, occurred_at,
                                      data_schema, payload, traceparent)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""";
    private static final int[] ROW_TYPES = {Types.OTHER, Types.VARCHAR, Types.VARCHAR, Types.VARCHAR, Types.VARCHAR,
            Types.VARCHAR, Types.TIMESTAMP, Types.VARCHAR, Types.VARCHAR, Types.VARCHAR};

    private final JdbcClient jdbc;
    private final JdbcTemplate batches;
    private final EventEnvelopeFactory envelopes;
    private final JdbcOutboxRelay relay;

    public JdbcOutbox(JdbcTemplate jdbc, EventEnvelopeFactory envelopes, JdbcOutboxRelay relay) {
        this.jdbc = JdbcClient.create(jdbc);
        this.batches = jdbc;
        this.envelopes = envelopes;
        this.relay = relay;
    }

    /** Many events in one JDBC batch (a CSV import batch records hundreds): same rows, same transaction rule. */
    @Override
    public void recordAll(Iterable<? extends IntegrationEvent> events) {
        requireTransaction();
        List<Object[]> rows = new ArrayList<>();
        for (IntegrationEvent event : events) {
            EventEnvelope envelope = envelopes.envelope(event);
            rows.add(new Object[]{envelope.id(), envelope.topic(), envelope.subject(), envelope.type(), envelope.source(),
                    envelope.subject(), Timestamp.from(envelope.time()), envelope.dataSchema(), envelope.payload(),
                    envelope.traceparent()});
        }
        if (!rows.isEmpty()) {
            batches.batchUpdate(INSERT_ROW, rows, ROW_TYPES);
            wakeRelayAfterCommit();
        }
    }

    @Override
    public void record(IntegrationEvent event) {
        requireTransaction();
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
        wakeRelayAfterCommit();
    }

    private static void requireTransaction() {
        if (!TransactionSynchronizationManager.isActualTransactionActive()) {
            // Without a transaction the change and its event could part ways: refuse loudly, this is a coding error.
            throw new IllegalStateException("events must be recorded inside the transaction of the change");
        }
    }

    private void wakeRelayAfterCommit() {
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
