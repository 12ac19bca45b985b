package org.crmsuite.platform.consume;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * PostgreSQL: a row in {@code processed_event}, inserted in the same transaction as the effect, so the effect and
 * the record of it commit or roll back together.
 */
public class JdbcProcessedEvents implements ProcessedEvents {

    private final JdbcClient jdbc;

    public JdbcProcessedEvents(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public boolean firstTime(String consumer, String eventId) {
        if (!TransactionSynchronizationManager.isActualTransactionActive()) {
            throw new IllegalStateException("record processed events inside the transaction of their effect");
        }
        return jdbc.sql("INSERT INTO processed_event (consumer, event_id) VALUES (:consumer, :id) ON CONFLICT DO NOTHING")
                .param("consumer", consumer).param("id", eventId).update() == 1;
    }
}
