package org.crmsuite.gateway.routing;

import java.net.URI;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Where each service listens ({@code crm.gateway.services.<key>}, env {@code CRM_GATEWAY_SERVICES_<KEY>}). The
 * defaults are the local stack's ports; a malformed URL fails the start with the setting's name instead of failing
 * on the first request.
 *
 * @param customer     base URL of customer-service
 * @param ticket       base URL of ticket-service
 * @param sales        base URL of sales-service
 * @param analytics    base URL of analytics-service
 * @param notification base URL of notification-service
 */
@Validated
@ConfigurationProperties("crm.gateway.services")
public record ServiceUrls(
        @NotBlank @Pattern(regexp = BASE_URL, message = MESSAGE) @DefaultValue("http://127.0.0.1:8081") String customer,
        @NotBlank @Pattern(regexp = BASE_URL, message = MESSAGE) @DefaultValue("http://127.0.0.1:8082") String ticket,
        @NotBlank @Pattern(regexp = BASE_URL, message = MESSAGE) @DefaultValue("http://127.0.0.1:8083") String sales,
        @NotBlank @Pattern(regexp = BASE_URL, message = MESSAGE) @DefaultValue("http://127.0.0.1:8084") String analytics,
        @NotBlank @Pattern(regexp = BASE_URL, message = MESSAGE) @DefaultValue("http://127.0.0.1:8085") String notification) {

    /** Scheme, host and optional port, nothing else: the request path is the client's. */
    static final String BASE_URL = "https?://[A-Za-z0-9._\\-]+(:\\d{1,5})?/?";
    static final String MESSAGE = "must be a base URL such as http://127.0.0.1:8081 (scheme, host, optional port)";

    public URI of(DownstreamService service) {
        String url = switch (service) {
            case CUSTOMER -> customer;
            case TICKET -> ticket;
            case SALES -> sales;
            case ANALYTICS -> analytics;
            case NOTIFICATION -> notification;
        };
        return URI.create(url);
    }
}
