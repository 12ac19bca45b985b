package org.crmsuite.gateway.routing;

import java.util.Optional;

/**
 * The services behind the gateway and the public path each one owns. Which paths exist is code (a new service is a
 * reviewed change); where each service lives, who may call it and how long to wait for it is configuration.
 * The {@link #key()} names the service in every {@code crm.gateway.*} setting and in {@code /v3/api-docs/<key>}.
 */
public enum DownstreamService {
    CUSTOMER("customer", "customer-service", "/api/v1/customers"),
    TICKET("ticket", "ticket-service", "/api/v1/tickets"),
    SALES("sales", "sales-service", "/api/v1/sales"),
    ANALYTICS("analytics", "analytics-service", "/api/v1/analytics"),
    NOTIFICATION("notification", "notification-service", "/api/v1/notifications");

    private final String key;
    private final String serviceName;
    private final String pathPrefix;

    DownstreamService(String key, String serviceName, String pathPrefix) {
        this.key = key;
        this.serviceName = serviceName;
        this.pathPrefix = pathPrefix;
    }

    // Plain loops over a shared copy of values(): these run on every request (size limits, rate limits).
    private static final DownstreamService[] ALL = values();

    public static Optional<DownstreamService> byKey(String key) {
        for (DownstreamService service : ALL) {
            if (service.key.equals(key)) {
                return Optional.of(service);
            }
        }
        return Optional.empty();
    }

    public static Optional<DownstreamService> byServiceName(String serviceName) {
        for (DownstreamService service : ALL) {
            if (service.serviceName.equals(serviceName)) {
                return Optional.of(service);
            }
        }
        return Optional.empty();
    }

    /** The service whose API serves a request path ({@code /api/v1/customers/42} → customer), if any. */
    public static Optional<DownstreamService> forPath(String path) {
        for (DownstreamService service : ALL) {
            String prefix = service.pathPrefix;
            if (path.startsWith(prefix) && (path.length() == prefix.length() || path.charAt(prefix.length()) == '/')) {
                return Optional.of(service);
            }
        }
        return Optional.empty();
    }

    public String key() {
        return key;
    }

    /** The service's {@code spring.application.name}; also the route id and the circuit breaker's name. */
    public String serviceName() {
        return serviceName;
    }

    /** The API paths routed to the service: the prefix itself and everything below it. */
    public String apiPattern() {
        return pathPrefix + "/**";
    }

    /** The gateway path that serves this service's OpenAPI document (fetched from the service's {@code /v3/api-docs}). */
    public String apiDocsPath() {
        return "/v3/api-docs/" + key;
    }
}
