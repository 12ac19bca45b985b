package org.crmsuite.platform.outbox;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

import javax.sql.DataSource;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.crmsuite.platform.events.EventEnvelope;
import org.crmsuite.platform.test.SharedPostgres;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.util.StreamUtils;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The relay on a real PostgreSQL against the race that lost two events in a suite benchmark run: positions are taken
 * at insert, so a transaction holding a lower position can commit while the relay is sending a batch that skipped it.
 * Kafka is a recording stand-in here because the question is what the relay marks as sent.
 */
class JdbcOutboxRelayIT {

    private DataSource dataSource;
    private JdbcClient jdbc;
    private final List<String> sentSubjects = new CopyOnWriteArrayList<>();
    private volatile Runnable duringSend = () -> { };

    @BeforeEach
    void database() throws Exception {
        DriverManagerDataSource ds = new DriverManagerDataSource(SharedPostgres.newDatabase("relay"), SharedPostgres.username(), "");
        dataSource = ds;
        jdbc = JdbcClient.create(ds);
        String schema = StreamUtils.copyToString(new ClassPathResource("db/migration/crm-platform/R__crm_platform_messaging.sql")
                .getInputStream(), StandardCharsets.UTF_8);
        try (Connection connection = ds.getConnection()) {
            connection.createStatement().execute(schema);
        }
    }

    @Test
    void aRowWhoseLowerPositionCommitsDuringASendIsSentInTheNextRoundNotMarkedSentUnseen() throws Exception {
        JdbcOutboxRelay relay = relay();
        try (Connection slow = dataSource.getConnection()) {
            slow.setAutoCommit(false);
            long lower = insert(slow, "customer-late");            // takes its position, not committed yet
            long higher;
            try (Connection quick = dataSource.getConnection()) {
                higher = insert(quick, "customer-early");          // autocommit: visible at once
            }
            assertThat(lower).isLessThan(higher);
            duringSend = () -> commit(slow);                       // the late transaction commits while the batch is out

            relay.relayRound();

            assertThat(sentSubjects).containsExactly("customer-early");
            assertThat(unsent()).as("the late row was not sent, so it must not be marked sent").containsExactly("customer-late");
        }
        duringSend = () -> { };
        relay.relayRound();

        assertThat(sentSubjects).containsExactly("customer-early", "customer-late");
        assertThat(unsent()).isEmpty();
    }

    @Test
    void manyRoundsWithTransactionsCommittingOutOfOrderLoseNothing() throws Exception {
        JdbcOutboxRelay relay = relay();
        int rounds = 50;
        for (int i = 0; i < rounds; i++) {
            try (Connection slow = dataSource.getConnection()) {
                slow.setAutoCommit(false);
                insert(slow, "late-" + i);
                try (Connection quick = dataSource.getConnection()) {
                    insert(quick, "early-" + i);
                }
                duringSend = () -> commit(slow);
                relay.relayRound();
                duringSend = () -> { };
            }
        }
        relay.relayRound();

        assertThat(unsent()).isEmpty();
        assertThat(sentSubjects).hasSize(2 * rounds).doesNotHaveDuplicates();
    }

    private JdbcOutboxRelay relay() {
        OutboxProperties properties = new OutboxProperties(true, null, 50, null, null, null, null);
        return new JdbcOutboxRelay(jdbc, new TransactionTemplate(new DataSourceTransactionManager(dataSource)),
                new RecordingPublisher(), properties, Clock.systemUTC(), new SimpleMeterRegistry());
    }

    private List<String> unsent() {
        return jdbc.sql("SELECT subject FROM outbox_event WHERE published_at IS NULL ORDER BY position").query(String.class).list();
    }

    private static long insert(Connection connection, String subject) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("""
                INSERT INTO outbox_event (event_id, topic, event_key, event_type, source, subject, occurred_at, payload)
                VALUES (?, 'crm.test.notes', ?, 'crm.test.note-written.v1', 'test', ?, ?, '{}') RETURNING position""")) {
            insert.setObject(1, UUID.randomUUID());
            insert.setString(2, subject);
            insert.setString(3, subject);
            insert.setTimestamp(4, Timestamp.from(Instant.now()));
            try (var result = insert.executeQuery()) {
                result.next();
                return result.getLong(1);
            }
        }
    }

    private static void commit(Connection connection) {
        try {
            connection.commit();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Kafka's part: every send is acknowledged; the first send of a round lets the late transaction commit. */
    private final class RecordingPublisher extends EventPublisher {
        RecordingPublisher() {
            super(null);
        }

        @Override
        public CompletableFuture<?> publishQuietly(EventEnvelope event) {
            sentSubjects.add(event.subject());
            Runnable hook = duringSend;
            duringSend = () -> { };
            hook.run();
            return CompletableFuture.completedFuture(null);
        }
    }
}
