package org.crmsuite.gateway.accesslog;

import jakarta.validation.constraints.Min;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How the access log ({@code crm.access}) is written ({@code crm.gateway.access-log.*}).
 *
 * @param async     true: the event loop only queues the line; a worker thread encodes the JSON and writes it, so a
 *                  slow stdout never holds up requests. false: each line is written on the event loop.
 * @param queueSize lines that may wait for the worker; when full, the event loop waits (no line is dropped)
 */
@Validated
@ConfigurationProperties("crm.gateway.access-log")
public record AccessLogProperties(
        @DefaultValue("true") boolean async,
        @Min(1) @DefaultValue("8192") int queueSize) {

    public AccessLogProperties {
        if (queueSize < 1) {
            throw new IllegalArgumentException("crm.gateway.access-log.queue-size must be at least 1, got " + queueSize);
        }
    }
}
