package org.crmsuite.ticket.customer;

import java.util.Map;
import java.util.function.Supplier;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;

/**
 * {@code GET /api/v1/customers/{id}} on customer-service with the caller's bearer token, behind a Resilience4j
 * circuit breaker and the HTTP client's connect and read timeouts. Spring's RestClient rather than OpenFeign: see
 * the README (decisions). A 404 is an answer, not a failure: it does not count against the circuit.
 */
public class CustomerServiceClient {

    /** customer-service answered that the customer does not exist. */
    public static final class UnknownCustomer extends RuntimeException {
        UnknownCustomer(String id) {
            super("customer " + id + " does not exist");
        }
    }

    /** customer-service could not answer (down, slow, failing, or the circuit is open). */
    public static final class Unavailable extends RuntimeException {
        Unavailable(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private final RestClient http;
    private final CircuitBreaker circuitBreaker;

    public CustomerServiceClient(Supplier<String> baseUrl, CustomerServiceProperties properties) {
        java.net.http.HttpClient jdk = java.net.http.HttpClient.newBuilder().connectTimeout(properties.connectTimeout()).build();
        JdkClientHttpRequestFactory requests = new JdkClientHttpRequestFactory(jdk);
        requests.setReadTimeout(properties.readTimeout());
        this.http = RestClient.builder().requestFactory(requests).build();
        this.baseUrl = baseUrl;
        CustomerServiceProperties.CircuitBreaker cb = properties.circuitBreaker();
        this.circuitBreaker = CircuitBreaker.of("customer-service", CircuitBreakerConfig.custom()
                .failureRateThreshold(cb.failureRateThreshold())
                .slidingWindowSize(cb.slidingWindowSize())
                .minimumNumberOfCalls(cb.minimumCalls())
                .waitDurationInOpenState(cb.openFor())
                .ignoreExceptions(UnknownCustomer.class)
                .build());
    }

    private final Supplier<String> baseUrl;

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

    @SuppressWarnings("unchecked")
    private CustomerInfo call(String customerId) {
        try {
            Map<String, Object> body = http.get().uri(baseUrl.get() + "/api/v1/customers/{id}", customerId)
                    .headers(headers -> bearer().ifPresent(token -> headers.set(HttpHeaders.AUTHORIZATION, "Bearer " + token)))
                    .retrieve()
                    .onStatus(status -> status.value() == 404, (request, response) -> {
                        throw new UnknownCustomer(customerId);
                    })
                    .onStatus(HttpStatusCode::isError, (request, response) -> {
                        throw new Unavailable("customer-service answered " + response.getStatusCode().value(), null);
                    })
                    .body(Map.class);
            if (body == null) {
                throw new Unavailable("customer-service sent no body", null);
            }
            String name = body.get("shortName") instanceof String s && !s.isBlank() ? s : (String) body.get("legalName");
            return new CustomerInfo(customerId, name, (String) body.get("valueTier"), (String) body.get("lifecycleStage"),
                    (String) body.get("status"), (String) body.get("survivorId"));
        } catch (RestClientException e) {
            throw new Unavailable("customer-service did not answer: " + e.getMessage(), e);
        }
    }

    private static java.util.Optional<String> bearer() {
        return SecurityContextHolder.getContext().getAuthentication() instanceof JwtAuthenticationToken token
                ? java.util.Optional.of(token.getToken().getTokenValue()) : java.util.Optional.empty();
    }
}
