package org.crmsuite.sales.conversion;

import java.net.URI;
import java.time.Duration;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * How lead conversion reaches customer-service ({@code crm.sales.customer-service}).
 *
 * @param url            base URL of customer-service
 * @param connectTimeout how long to wait for a connection
 * @param readTimeout    how long to wait for an answer (a rep is waiting)
 * @param matchScore     duplicate-check score (0-100) from which a lead is linked to the existing customer instead of creating one
 * @param circuitBreaker when to stop calling a failing customer-service for a while and answer 503 at once
 */
@Validated
@ConfigurationProperties("crm.sales.customer-service")
public record CustomerServiceProperties(@NotNull URI url, @NotNull Duration connectTimeout, @NotNull Duration readTimeout,
                                        @Min(1) @Max(100) int matchScore, @NotNull @Valid CircuitBreaker circuitBreaker) {

    /**
     * @param failureRateThreshold percentage of failed calls in the window that opens the circuit
     * @param slidingWindowSize    calls looked at
     * @param minimumCalls         calls needed before the rate counts
     * @param openFor              how long the circuit stays open before it lets a trial call through
     */
    public record CircuitBreaker(@Min(1) @Max(100) int failureRateThreshold, @Min(1) int slidingWindowSize, @Min(1) int minimumCalls,
                                 @NotNull Duration openFor) {
    }

    public CustomerServiceProperties {
        url = url == null ? URI.create("http://127.0.0.1:8081") : url;
        connectTimeout = connectTimeout == null ? Duration.ofSeconds(1) : connectTimeout;
        readTimeout = readTimeout == null ? Duration.ofSeconds(3) : readTimeout;
        matchScore = matchScore == 0 ? 70 : matchScore;
        circuitBreaker = circuitBreaker == null ? new CircuitBreaker(50, 10, 5, Duration.ofSeconds(30)) : circuitBreaker;
    }
}
