package org.crmsuite.platform.outbox;

import java.time.Duration;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * The loop both relays share: run a round, then wait for a wake-up (a commit that recorded events) or the poll
 * interval; while rounds fail, back off exponentially up to a ceiling so a Kafka outage is not hammered.
 */
public abstract class RelayLoop implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(RelayLoop.class);

    private final OutboxProperties properties;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition wake = lock.newCondition();
    private volatile boolean woken;
    private volatile Thread thread;
    private volatile boolean running;

    protected RelayLoop(OutboxProperties properties) {
        this.properties = properties;
    }

    /**
     * Publishes what is pending.
     *
     * @return true when more may be waiting (a full batch), so the next round starts at once
     */
    protected abstract boolean relayRound();

    protected abstract String name();

    /** Asks for a round now, e.g. right after a commit that recorded events. */
    public void wakeUp() {
        lock.lock();
        try {
            woken = true;
            wake.signalAll();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void start() {
        if (running || !properties.enabled()) {
            return;
        }
        running = true;
        thread = Thread.ofPlatform().daemon().name(name()).start(this::loop);
    }

    @Override
    public void stop() {
        running = false;
        Thread current = thread;
        if (current != null) {
            wakeUp();
            try {
                current.join(properties.sendTimeout().toMillis() + 1_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        // Stop after the web server (which stops last-in, first-out at a higher phase) so late commits still relay.
        return SmartLifecycle.DEFAULT_PHASE - 1024;
    }

    private void loop() {
        Duration pause = properties.pollInterval();
        int failures = 0;
        while (running) {
            boolean more;
            try {
                more = relayRound();
                failures = 0;
                pause = properties.pollInterval();
            } catch (RuntimeException e) {
                failures++;
                more = false;
                long backoff = Math.min(properties.maxBackoff().toMillis(),
                        properties.pollInterval().toMillis() * (1L << Math.min(failures, 16)));
                pause = Duration.ofMillis(backoff);
                log.warn("{}: round failed ({} in a row), next try in {} ms: {}", name(), failures, backoff, e.toString());
            }
            if (!more) {
                await(pause, failures == 0);
            }
        }
    }

    private void await(Duration pause, boolean wakeable) {
        lock.lock();
        try {
            long nanos = pause.toNanos();
            // While backing off after a failure a commit does not cut the pause short: Kafka is likely still away.
            while (running && nanos > 0 && !(wakeable && woken)) {
                nanos = wake.awaitNanos(nanos);
            }
            woken = false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        } finally {
            lock.unlock();
        }
    }

    protected long sendTimeoutMillis() {
        return properties.sendTimeout().toMillis();
    }
}
