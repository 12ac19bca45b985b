package org.crmsuite.sales.conversion;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;

import feign.FeignException;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;

/**
 * customer-service as lead conversion needs it: the duplicate check, an idempotent registration and a read, through
 * the OpenFeign client {@link CustomerServiceApi} behind a Resilience4j circuit breaker. A 4xx is an answer and does
 * not count against the circuit; connection failures, timeouts and 5xx do, and an open circuit answers at once.
 */
public class CustomerDirectory {

    /** customer-service answered with a 4xx; {@code problem} is its RFC 9457 body. */
    public static final class Refused extends RuntimeException {
        private final int status;
        private final transient Map<String, Object> problem;

        public Refused(int status, Map<String, Object> problem) {
            super("customer-service answered " + status + ": " + problem.getOrDefault("detail", ""));
            this.status = status;
            this.problem = problem;
        }

        public int status() {
            return status;
        }

        public Map<String, Object> problem() {
            return problem;
        }
    }

    /** customer-service could not answer (down, slow, failing, or the circuit is open). */
    public static final class Unavailable extends RuntimeException {
        public Unavailable(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** A customer as customer-service knows it; {@code mergedInto} is set for a merged one. */
    public record KnownCustomer(UUID id, String code, String name, String status, UUID mergedInto) {
    }

    private final CustomerServiceApi api;
    private final CircuitBreaker circuitBreaker;

    public CustomerDirectory(CustomerServiceApi api, CustomerServiceProperties properties) {
        this.api = api;
        CustomerServiceProperties.CircuitBreaker cb = properties.circuitBreaker();
        this.circuitBreaker = CircuitBreaker.of("customer-service", CircuitBreakerConfig.custom()
                .failureRateThreshold(cb.failureRateThreshold())
                .slidingWindowSize(cb.slidingWindowSize())
                .minimumNumberOfCalls(cb.minimumCalls())
                .waitDurationInOpenState(cb.openFor())
                .recordException(e -> e instanceof Unavailable)
                .build());
    }

    public CircuitBreaker circuitBreaker() {
        return circuitBreaker;
    }

    /** Existing customers that may be the company of {@code draft}, best first as customer-service ranks them. */
    public List<Candidate> duplicates(CustomerDraft draft) {
        return call(() -> Candidate.listed(api.duplicates(draft)));
    }

    /**
     * Registers the customer once per key: a repeat with the same key and body answers the customer the first call
     * created. Answers its id.
     */
    public UUID register(String idempotencyKey, CustomerDraft draft) {
        return call(() -> id(api.register(idempotencyKey, draft)));
    }

    /** The customer, or empty when customer-service does not know it. */
    public Optional<KnownCustomer> customer(UUID id) {
        try {
            return Optional.of(call(() -> {
                Map<String, Object> body = api.customer(id);
                return new KnownCustomer(id(body), text(body, "code"), text(body, "legalName"), text(body, "status"),
                        text(body, "mergedInto") == null ? null : UUID.fromString(text(body, "mergedInto")));
            }));
        } catch (Refused e) {
            if (e.status() == 404) {
                return Optional.empty();
            }
            throw e;
        }
    }

    private <T> T call(Supplier<T> remote) {
        try {
            return circuitBreaker.executeSupplier(() -> {
                try {
                    return remote.get();
                } catch (FeignException e) {
                    // Connection refused or reset, read timeout, an answer that cannot be read.
                    throw new Unavailable("customer-service did not answer: " + e.getMessage(), e);
                } catch (IllegalArgumentException | ClassCastException e) {
                    throw new Unavailable("customer-service sent an answer that cannot be read: " + e.getMessage(), e);
                }
            });
        } catch (CallNotPermittedException e) {
            throw new Unavailable("customer-service failed repeatedly; calls are paused for a while (circuit open)", e);
        }
    }

    private static UUID id(Map<String, Object> body) {
        if (body == null || !(body.get("id") instanceof String id)) {
            throw new Unavailable("customer-service answered without a customer id", null);
        }
        return UUID.fromString(id);
    }

    private static String text(Map<String, Object> body, String field) {
        return body.get(field) instanceof String s ? s : null;
    }
}
