package org.crmsuite.ticket.customer;

import java.net.URI;
import java.util.Map;
import java.util.function.Supplier;

import feign.FeignException;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;

/**
 * {@code GET /api/v1/customers/{id}} on customer-service through the OpenFeign client {@link CustomerServiceApi}
 * (the caller's bearer token passed on, connect and read timeouts), behind a Resilience4j circuit breaker.
 * A 404 or a 403 is an answer, not a failure: it does not count against the circuit.
 */
public class CustomerServiceClient {

    /** customer-service answered that the customer does not exist. */
    public static final class UnknownCustomer extends RuntimeException {
        UnknownCustomer(String id) {
            super("customer " + id + " does not exist");
        }
    }

    /**
     * customer-service refused the caller (403): the customer exists but lies outside the caller's departments. An
     * answer, not an outage: it does not count against the circuit, and the snapshot describes the customer.
     */
    public static final class NotPermitted extends RuntimeException {
        NotPermitted(String id) {
            super("customer-service does not let the caller read customer " + id);
        }
    }

    /** customer-service could not answer (down, slow, failing, or the circuit is open). */
    public static final class Unavailable extends RuntimeException {
        Unavailable(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private final CustomerServiceApi api;
    private final Supplier<String> baseUrl;
    private final CircuitBreaker circuitBreaker;

    public CustomerServiceClient(CustomerServiceApi api, Supplier<String> baseUrl, CustomerServiceProperties properties) {
        this.api = api;
        this.baseUrl = baseUrl;
        CustomerServiceProperties.CircuitBreaker cb = properties.circuitBreaker();
        this.circuitBreaker = CircuitBreaker.of("customer-service", CircuitBreakerConfig.custom()
                .failureRateThreshold(cb.failureRateThreshold())
                .slidingWindowSize(cb.slidingWindowSize())
                .minimumNumberOfCalls(cb.minimumCalls())
                .waitDurationInOpenState(cb.openFor())
                .ignoreExceptions(UnknownCustomer.class, NotPermitted.class)
                .build());
    }

    public CircuitBreaker circuitBreaker() {
        return circuitBreaker;
    }

    public CustomerInfo get(String customerId) {
        try {
            return circuitBreaker.executeSupplier(() -> call(customerId));
        } catch (CallNotPermittedException e) {
            throw new Unavailable("the circuit to customer-service is open", e);
        }
    }

    private CustomerInfo call(String customerId) {
        Map<String, Object> body;
        try {
            body = api.customer(URI.create(baseUrl.get()), customerId);
        } catch (FeignException e) {
            // Connection refused or reset, read timeout, unreadable answer.
            throw new Unavailable("customer-service did not answer: " + e.getMessage(), e);
        }
        if (body == null) {
            throw new Unavailable("customer-service sent no body", null);
        }
        String name = body.get("shortName") instanceof String s && !s.isBlank() ? s : text(body, "legalName");
        return new CustomerInfo(customerId, name, text(body, "valueTier"), text(body, "lifecycleStage"), text(body, "status"),
                text(body, "survivorId"));
    }

    private static String text(Map<String, Object> body, String field) {
        return body.get(field) instanceof String s ? s : null;
    }
}
