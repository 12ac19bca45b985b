package org.crmsuite.gateway.resilience;

import java.time.Duration;
import java.util.Map;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import org.crmsuite.gateway.routing.DownstreamService;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How long the gateway waits for a service and when it stops trying ({@code crm.gateway.resilience.*}). Every
 * service has its own circuit breaker and time limiter with these settings; {@code service-timeouts.<key>} gives
 * one service a different time limit (for example a heavy analytics query).
 *
 * @param timeout         how long a service may take to answer before the caller gets 504
 * @param serviceTimeouts per-service overrides of {@code timeout}, keyed by service key (customer, ticket ...)
 * @param connectTimeout  how long to wait for a TCP connection before the caller gets 503
 * @param serviceConnectTimeouts per-service overrides of {@code connect-timeout}, keyed by service key
 * @param circuitBreaker  when a service's breaker opens (answering 503 at once) and when it tries again
 * @param retry           how often an idempotent request (GET, HEAD, OPTIONS) is tried again on a connection failure
 */
@Validated
@ConfigurationProperties("crm.gateway.resilience")
public record ResilienceProperties(
        @NotNull @DefaultValue("10s") Duration timeout,
        @NotNull @DefaultValue Map<String, Duration> serviceTimeouts,
        @NotNull @DefaultValue("2s") Duration connectTimeout,
        @NotNull @DefaultValue Map<String, Duration> serviceConnectTimeouts,
        @NotNull @Valid @DefaultValue CircuitBreaker circuitBreaker,
        @NotNull @Valid @DefaultValue Retry retry) {

    public ResilienceProperties {
        checkKeys("service-timeouts", serviceTimeouts);
        checkKeys("service-connect-timeouts", serviceConnectTimeouts);
        if (!connectTimeout.isPositive() || !timeout.isPositive()
                || serviceTimeouts.values().stream().anyMatch(d -> !d.isPositive())
                || serviceConnectTimeouts.values().stream().anyMatch(d -> !d.isPositive())) {
            throw new IllegalArgumentException("crm.gateway.resilience.timeout and connect-timeout must be positive");
        }
    }

    /** The time limit for a circuit breaker / route id (the service name). */
    public Duration timeoutFor(String serviceName) {
        return DownstreamService.byServiceName(serviceName)
                .map(service -> serviceTimeouts.getOrDefault(service.key(), timeout))
                .orElse(timeout);
    }

    /** The connect timeout of one service. */
    public Duration connectTimeoutFor(DownstreamService service) {
        return serviceConnectTimeouts.getOrDefault(service.key(), connectTimeout);
    }

    private static void checkKeys(String setting, Map<String, Duration> perService) {
        for (String key : perService.keySet()) {
            if (DownstreamService.byKey(key).isEmpty()) {
                throw new IllegalArgumentException("crm.gateway.resilience." + setting + "." + key
                        + " names no service; known: customer, ticket, sales, analytics, notification");
            }
        }
    }

    /**
     * Retries of idempotent requests (GET, HEAD, OPTIONS) when the service cannot be reached (connection refused or
     * reset) or answers 502/503 (a replica going away). POST, PATCH, PUT and DELETE are never retried by the
     * gateway: the first attempt may have reached the service. All attempts share the service's time limit.
     *
     * @param retries      attempts after the first; 0 turns retries off
     * @param firstBackoff pause before the first retry (doubled for each further one)
     * @param maxBackoff   longest pause between attempts
     */
    public record Retry(
            @Min(0) @DefaultValue("2") int retries,
            @NotNull @DefaultValue("50ms") Duration firstBackoff,
            @NotNull @DefaultValue("500ms") Duration maxBackoff) {
    }

    /**
     * @param failureRateThreshold          percentage of failed calls (errors and timeouts) that opens the breaker
     * @param slidingWindowSize             how many recent calls the failure rate is computed over
     * @param minimumCalls                  calls needed before the failure rate counts
     * @param waitInOpenState               how long an open breaker answers 503 at once before trying again
     * @param permittedCallsInHalfOpenState trial calls let through after the wait
     */
    public record CircuitBreaker(
            @DecimalMin("1") @DecimalMax("100") @DefaultValue("50") float failureRateThreshold,
            @Min(1) @DefaultValue("20") int slidingWindowSize,
            @Min(1) @DefaultValue("10") int minimumCalls,
            @NotNull @DefaultValue("30s") Duration waitInOpenState,
            @Min(1) @DefaultValue("3") int permittedCallsInHalfOpenState) {
    }
}
