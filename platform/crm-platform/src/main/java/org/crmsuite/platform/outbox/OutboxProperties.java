package org.crmsuite.platform.outbox;

import java.time.Duration;
import java.util.List;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * How the outbox relay works.
 *
 * @param enabled           whether this instance relays (every replica may; only one works at a time)
 * @param pollInterval      how often to look for unpublished events when nothing wakes the relay earlier
 * @param batchSize         events published per round
 * @param sendTimeout       how long to wait for Kafka's acknowledgement before treating a send as failed
 * @param maxBackoff        the longest pause between rounds while Kafka keeps failing
 * @param retention         how long published events are kept (for audits and replays) before they are deleted
 * @param mongoCollections  MongoDB services: the collections whose documents carry pending events
 */
@Validated
@ConfigurationProperties("crm.outbox")
public record OutboxProperties(
        Boolean enabled,
        @NotNull Duration pollInterval,
        @Min(1) @Max(10_000) Integer batchSize,
        @NotNull Duration sendTimeout,
        @NotNull Duration maxBackoff,
        @NotNull Duration retention,
        List<String> mongoCollections) {

    public OutboxProperties {
        enabled = enabled == null || enabled;
        pollInterval = pollInterval == null ? Duration.ofMillis(500) : pollInterval;
        batchSize = batchSize == null ? 200 : batchSize;
        sendTimeout = sendTimeout == null ? Duration.ofSeconds(10) : sendTimeout;
        maxBackoff = maxBackoff == null ? Duration.ofSeconds(30) : maxBackoff;
        retention = retention == null ? Duration.ofDays(7) : retention;
        mongoCollections = mongoCollections == null ? List.of() : List.copyOf(mongoCollections);
    }
}
