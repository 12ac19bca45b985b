package org.crmsuite.notification.inbox;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;

import javax.sql.DataSource;

import org.crmsuite.notification.delivery.Channel;
import org.crmsuite.notification.delivery.DeliveryWorker;
import org.crmsuite.notification.delivery.Notification;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Brings an inbox message to the browsers of its recipient on every replica. The replica that delivers an in-app
 * message sends {@code NOTIFY crm_inbox, '<notification id> <recipient>'} inside the transaction that marks it
 * delivered, so PostgreSQL hands it to the listeners only when that commits; each replica keeps one connection
 * {@code LISTEN}ing on the channel and pushes the message to the streams it holds for that recipient. A lost listen
 * connection is re-opened after {@code RECONNECT}; messages delivered meanwhile are not pushed (the browser sees them
 * on its next inbox fetch or reconnect, which sends the unread count again).
 */
@Component
public class InboxFanOut implements SmartLifecycle, DeliveryWorker.DeliveryListener {

    static final String CHANNEL = "crm_inbox";
    private static final Duration RECONNECT = Duration.ofSeconds(2);
    private static final Logger log = LoggerFactory.getLogger(InboxFanOut.class);

    private final DataSource dataSource;
    private final JdbcClient db;
    private final InboxStreams streams;
    private final AtomicBoolean running = new AtomicBoolean();
    private volatile boolean listening;
    private Thread loop;

    InboxFanOut(DataSource dataSource, JdbcClient db, InboxStreams streams) {
        this.dataSource = dataSource;
        this.db = db;
        this.streams = streams;
    }

    /** Inside the delivering transaction: tell every replica (once it commits) that this message is in the inbox. */
    @Override
    public void delivered(Notification notification) {
        if (notification.channel() == Channel.IN_APP) {
            db.sql("SELECT pg_notify(:channel, :payload)").param("channel", CHANNEL)
                    .param("payload", notification.id() + " " + notification.recipient()).query().listOfRows();
        }
    }

    /** Whether this replica is listening now (tests wait for it). */
    public boolean listening() {
        return listening;
    }

    @Override
    public void start() {
        if (running.compareAndSet(false, true)) {
            loop = Thread.ofPlatform().daemon().name("inbox-fan-out").start(this::run);
        }
    }

    private void run() {
        while (running.get()) {
            try (Connection c = dataSource.getConnection()) {
                c.setAutoCommit(true);
                try (Statement s = c.createStatement()) {
                    s.execute("LISTEN " + CHANNEL);
                }
                PGConnection pg = c.unwrap(PGConnection.class);
                listening = true;
                try {
                    while (running.get()) {
                        PGNotification[] received = pg.getNotifications(1000);
                        if (received != null) {
                            for (PGNotification n : received) {
                                push(n.getParameter());
                            }
                        }
                    }
                } finally {
                    unlisten(c); // the connection goes back to the pool: it must not keep collecting notifications
                }
            } catch (SQLException | RuntimeException e) {
                if (running.get()) {
                    log.warn("inbox fan-out lost its LISTEN connection; listening again in {}", RECONNECT, e);
                }
            } finally {
                listening = false;
            }
            sleep();
        }
    }

    private static void unlisten(Connection c) {
        try (Statement s = c.createStatement()) {
            s.execute("UNLISTEN *");
        } catch (SQLException e) {
            // a broken connection is evicted by the pool anyway
        }
    }

    private void push(String payload) {
        int space = payload == null ? -1 : payload.indexOf(' ');
        if (space < 0) {
            return;
        }
        try {
            streams.push(UUID.fromString(payload.substring(0, space)), payload.substring(space + 1));
        } catch (RuntimeException e) {
            log.warn("cannot push inbox message {} to its streams", payload, e);
        }
    }

    private void sleep() {
        try {
            Thread.sleep(RECONNECT);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void stop() {
        running.set(false);
        if (loop != null) {
            loop.interrupt();
            try {
                loop.join(3000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public boolean isRunning() {
        return running.get();
    }

    /** Stops before the streams are completed and the pool is closed. */
    @Override
    public int getPhase() {
        return SmartLifecycle.DEFAULT_PHASE - 100;
    }
}
