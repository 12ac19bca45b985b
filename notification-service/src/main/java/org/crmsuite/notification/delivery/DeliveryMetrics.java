package org.crmsuite.notification.delivery;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * What the worker tells Prometheus ({@code /actuator/prometheus}):
 * <ul>
 *   <li>{@code crm_notification_deliveries_total{channel,status}}: attempts by outcome, status {@code delivered} or {@code failed};</li>
 *   <li>{@code crm_notification_retries_total{channel}}: failed attempts scheduled again (back-off);</li>
 *   <li>{@code crm_notification_dead_letters_total{channel}}: deliveries that moved to the dead-letter list;</li>
 *   <li>{@code crm_notification_delivery_latency_seconds{channel}}: from the source event's time (its ce_time, else the
 *   planning time) to the successful delivery, with a histogram for percentiles. Quiet hours and retries count in it:
 *   it is the time a person really waited.</li>
 * </ul>
 */
final class DeliveryMetrics {

    private final Map<Channel, Counter> delivered = new EnumMap<>(Channel.class);
    private final Map<Channel, Counter> failed = new EnumMap<>(Channel.class);
    private final Map<Channel, Counter> retries = new EnumMap<>(Channel.class);
    private final Map<Channel, Counter> deadLetters = new EnumMap<>(Channel.class);
    private final Map<Channel, Timer> latency = new EnumMap<>(Channel.class);

    /** Every meter is registered up front (they show as 0 before the first delivery), so recording is a map lookup. */
    DeliveryMetrics(MeterRegistry meters) {
        for (Channel channel : Channel.values()) {
            String name = channel.name();
            delivered.put(channel, Counter.builder("crm.notification.deliveries").description("Delivery attempts by channel and outcome")
                    .tag("channel", name).tag("status", "delivered").register(meters));
            failed.put(channel, Counter.builder("crm.notification.deliveries").description("Delivery attempts by channel and outcome")
                    .tag("channel", name).tag("status", "failed").register(meters));
            retries.put(channel, Counter.builder("crm.notification.retries").description("Failed delivery attempts scheduled again")
                    .tag("channel", name).register(meters));
            deadLetters.put(channel, Counter.builder("crm.notification.dead.letters").description("Deliveries moved to the dead-letter list")
                    .tag("channel", name).register(meters));
            latency.put(channel, Timer.builder("crm.notification.delivery.latency").description("From the source event to the delivery")
                    .tag("channel", name).publishPercentileHistogram().register(meters));
        }
    }

    void recorded(Notification n, String newStatus, Instant now) {
        Channel channel = n.channel();
        if ("DELIVERED".equals(newStatus)) {
            delivered.get(channel).increment();
            Instant from = n.sourceEventAt() != null ? n.sourceEventAt() : n.createdAt();
            if (from != null) {
                Duration waited = Duration.between(from, now);
                latency.get(channel).record(waited.isNegative() ? Duration.ZERO : waited);
            }
            return;
        }
        failed.get(channel).increment();
        if ("PENDING".equals(newStatus)) {
            retries.get(channel).increment();
        } else if ("DEAD".equals(newStatus)) {
            deadLetters.get(channel).increment();
        }
    }
}
