package org.crmsuite.platform.consume;

import java.time.Duration;

import jakarta.validation.constraints.Min;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * How consumers retry a failing record before it goes to {@code <topic>.DLT}.
 *
 * @param attempts       deliveries in all, the first included
 * @param initialBackoff pause before the second delivery; doubled each time
 * @param maxBackoff     the longest pause between deliveries
 */
@Validated
@ConfigurationProperties("crm.consumer.retry")
public record DeadLetterProperties(@Min(1) Integer attempts, Duration initialBackoff, Duration maxBackoff) {

    public DeadLetterProperties {
        attempts = attempts == null ? 4 : attempts;
        initialBackoff = initialBackoff == null ? Duration.ofMillis(500) : initialBackoff;
        maxBackoff = maxBackoff == null ? Duration.ofSeconds(10) : maxBackoff;
    }
}
