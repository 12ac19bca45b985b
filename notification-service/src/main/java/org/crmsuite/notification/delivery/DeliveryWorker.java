package org.crmsuite.notification.delivery;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import io.micrometer.core.instrument.MeterRegistry;
import org.crmsuite.notification.config.NotificationProperties;
import org.crmsuite.platform.outbox.Outbox;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Sends due notifications: claims a batch (safe beside other replicas), sends them in parallel, and records each
 * attempt with its outcome in one transaction with the {@code delivered}/{@code failed} event in the outbox. A failure
 * comes back after an exponential back-off with jitter; after the last attempt it lands on the dead-letter list. The
 * worker polls, and is woken at once when new notifications are planned.
 */
@Component
public class DeliveryWorker implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(DeliveryWorker.class);

    private final NotificationRepository notifications;
    private final Map<Channel, ChannelSender> senders = new EnumMap<>(Channel.class);
    private final Outbox outbox;
    private final TransactionTemplate transactions;
    private final ExecutorService executor;
    private final NotificationProperties.Delivery settings;
    private final Backoff backoff;
    private final Clock clock;
    private final List<DeliveryListener> listeners;
    private final DeliveryMetrics metrics;
    private final Semaphore wake = new Semaphore(0);
    private final AtomicBoolean running = new AtomicBoolean();
    private Thread loop;

    /**
     * Told of a delivery inside the transaction that records it, so what it writes (the inbox's NOTIFY to every
     * replica) takes effect exactly when the delivery commits.
     */
    public interface DeliveryListener {
        void delivered(Notification notification);
    }

    DeliveryWorker(NotificationRepository notifications, List<ChannelSender> senders, Outbox outbox, PlatformTransactionManager transactionManager,
                   ExecutorService deliveryExecutor, NotificationProperties properties, Clock clock, List<DeliveryListener> listeners,
                   MeterRegistry meters) {
        this.metrics = new DeliveryMetrics(meters);
        this.notifications = notifications;
        senders.forEach(s -> this.senders.put(s.channel(), s));
        this.outbox = outbox;
        this.transactions = new TransactionTemplate(transactionManager);
        this.executor = deliveryExecutor;
        this.settings = properties.delivery();
        this.backoff = new Backoff(settings.initialBackoff(), settings.maxBackoff(), settings.jitter(), () -> ThreadLocalRandom.current().nextDouble());
        this.clock = clock;
        this.listeners = listeners;
    }

    /** Look for due notifications now rather than at the next poll. */
    public void wake() {
        wake.release();
    }

    /** One round: claims and sends until nothing is due. @return how many were attempted */
    public int drain() {
        int total = 0;
        List<Notification> batch;
        do {
            batch = notifications.claim(settings.batchSize(), settings.lease());
            total += batch.size();
            sendAll(batch);
        } while (batch.size() == settings.batchSize() && running.get());
        return total;
    }

    private void sendAll(List<Notification> batch) {
        if (batch.isEmpty()) {
            return;
        }
        for (ChannelSender sender : senders.values()) {
            try {
                sender.prepare(batch);
            } catch (RuntimeException e) {
                log.warn("preparing {} deliveries failed; they load one by one", sender.channel(), e);
            }
        }
        Semaphore slots = new Semaphore(settings.concurrency());
        List<Future<?>> sent = new ArrayList<>();
        for (Notification n : batch) {
            slots.acquireUninterruptibly();
            sent.add(executor.submit(() -> {
                try {
                    attempt(n);
                } finally {
                    slots.release();
                }
            }));
        }
        for (Future<?> f : sent) {
            try {
                f.get();
            } catch (Exception e) {
                log.warn("a delivery task failed", e);
            }
        }
    }

    void attempt(Notification n) {
        long started = System.nanoTime();
        DeliveryResult result;
        ChannelSender sender = senders.get(n.channel());
        try {
            result = sender == null ? DeliveryResult.failedForGood("no sender for channel " + n.channel()) : sender.send(n);
        } catch (RuntimeException e) {
            result = DeliveryResult.failed(e.getClass().getSimpleName() + ": " + e.getMessage());
        }
        long durationMs = (System.nanoTime() - started) / 1_000_000;
        DeliveryResult outcome = result;
        Instant now = clock.instant();
        String recorded = transactions.execute(tx -> record(n, outcome, durationMs, now));
        if (recorded != null) {
            metrics.recorded(n, recorded, now);
        }
    }

    /** @return the state the notification moved to, or null when this replica had lost its claim (nothing recorded) */
    private String record(Notification n, DeliveryResult result, long durationMs, Instant now) {
        if (result.delivered()) {
            boolean recorded = notifications.recordAttempt(n, result, durationMs, "DELIVERED", now);
            if (recorded) {
                outbox.record(new NotificationDelivered(n.id(), n.sourceEventId(), n.sourceEventType(), n.channel(), n.recipient(), n.attempts(), now));
                listeners.forEach(l -> l.delivered(n));
            }
            return recorded ? "DELIVERED" : null;
        }
        String error = result.error() == null ? "unknown error" : result.error().length() > 2000 ? result.error().substring(0, 2000) : result.error();
        DeliveryResult trimmed = new DeliveryResult(false, error, result.permanent());
        if (result.permanent() || n.attempts() >= settings.maxAttempts()) {
            boolean recorded = notifications.recordAttempt(n, trimmed, durationMs, "DEAD", now);
            if (recorded) {
                log.warn("notification {} ({} to {}) failed for good after {} attempt(s): {}", n.id(), n.channel(), n.recipient(), n.attempts(), error);
                outbox.record(new NotificationFailed(n.id(), n.sourceEventId(), n.sourceEventType(), n.channel(), n.recipient(), n.attempts(), error, now));
            }
            return recorded ? "DEAD" : null;
        }
        return notifications.recordAttempt(n, trimmed, durationMs, "PENDING", now.plus(backoff.after(n.attempts()))) ? "PENDING" : null;
    }

    @Override
    public void start() {
        if (running.compareAndSet(false, true)) {
            loop = Thread.ofPlatform().daemon().name("notification-delivery").start(this::run);
        }
    }

    private void run() {
        while (running.get()) {
            try {
                drain();
            } catch (RuntimeException e) {
                log.warn("delivery round failed; next round in {}", settings.pollInterval(), e);
            }
            try {
                wake.tryAcquire(settings.pollInterval().toMillis(), TimeUnit.MILLISECONDS);
                wake.drainPermits();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    @Override
    public void stop() {
        running.set(false);
        if (loop != null) {
            loop.interrupt();
            try {
                loop.join(5000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public boolean isRunning() {
        return running.get();
    }
}
