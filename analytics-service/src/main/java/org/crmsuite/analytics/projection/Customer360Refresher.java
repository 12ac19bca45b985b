package org.crmsuite.analytics.projection;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.crmsuite.analytics.config.AnalyticsProperties;
import org.crmsuite.analytics.event.AnalyticsEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * The second pass of the intake, on its own thread: refolds the customer 360s the polls touched, each once per pass
 * however many polls touched it ({@link Projector#refreshPending}). Passes start at most every
 * {@code crm.analytics.customer360-interval}, so a burst on one customer is folded once per interval, not once per
 * poll; the KPI facts never wait for it. Reports when each event's effect on the 360 became visible.
 */
@Component
class Customer360Refresher implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(Customer360Refresher.class);

    /** Timer: from an event's ce_time until the customer 360s it touches show it. */
    public static final String FRESHNESS_360 = "crm.analytics.freshness.customer360";

    private final Projector projector;
    private final Duration interval;
    private final List<AppliedEvents> observers;
    private final Timer freshness;
    private final Timer pass;
    private final io.micrometer.core.instrument.DistributionSummary passKeys;
    private volatile Thread thread;
    private volatile boolean running;

    Customer360Refresher(Projector projector, AnalyticsProperties properties, MeterRegistry meters, ObjectProvider<AppliedEvents> observers) {
        this.projector = projector;
        this.interval = properties.customer360Interval();
        this.observers = observers.orderedStream().toList();
        this.freshness = Timer.builder(FRESHNESS_360).description("ce_time of an event until the customer 360s it touches show it")
                .publishPercentiles(0.5, 0.99).publishPercentileHistogram().register(meters);
        this.pass = Timer.builder(PASS).description("one customer 360 pass (its lag bound: interval + the longest pass)").register(meters);
        this.passKeys = io.micrometer.core.instrument.DistributionSummary.builder(PASS_KEYS)
                .description("customer and USCC keys refolded per customer 360 pass").register(meters);
    }

    /** Timer: one pass, and summary: the keys it refolded (what bounds how far the 360s lag behind the KPIs). */
    public static final String PASS = "crm.analytics.customer360.pass";
    public static final String PASS_KEYS = "crm.analytics.customer360.pass.keys";

    @Override
    public void start() {
        running = true;
        thread = Thread.ofPlatform().daemon().name("customer-360-pass").start(this::run);
    }

    @Override
    public void stop() {
        running = false;
        Thread current = thread;
        if (current != null) {
            current.interrupt();
            try {
                current.join(Duration.ofSeconds(10));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    private void run() {
        long lastStart = 0;
        while (running) {
            try {
                if (!projector.awaitPending(Duration.ofSeconds(1))) {
                    continue;
                }
                long wait = lastStart + interval.toNanos() - System.nanoTime();
                if (wait > 0) {
                    Thread.sleep(Duration.ofNanos(wait)); // let the next polls' events on the same customers join this pass
                }
                lastStart = System.nanoTime();
                Projector.Pass done = projector.refreshPending();
                pass.record(System.nanoTime() - lastStart, java.util.concurrent.TimeUnit.NANOSECONDS);
                passKeys.record(done.keys());
                List<AnalyticsEvent> events = done.events();
                Instant now = Instant.now();
                for (AnalyticsEvent event : events) {
                    if (event.time() != null) {
                        freshness.record(Duration.between(event.time(), now));
                    }
                    observers.forEach(observer -> observer.visibleIn360(event, now));
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                // the keys stay pending (in memory and stored): the next pass retries them
                log.warn("the customer 360 pass failed; retrying in a second", e);
                try {
                    Thread.sleep(Duration.ofSeconds(1));
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }
}
