package org.crmsuite.gateway.routing;

import java.io.IOException;

import org.crmsuite.gateway.apidocs.OpenApiRewriter;
import org.crmsuite.gateway.resilience.ResilienceProperties;
import org.springframework.cloud.gateway.route.builder.GatewayFilterSpec;
import org.springframework.cloud.gateway.route.RouteLocator;
import org.springframework.cloud.gateway.route.builder.RouteLocatorBuilder;
import org.springframework.cloud.gateway.support.RouteMetadataUtils;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;

import reactor.core.publisher.Mono;

/**
 * One API route and one API-docs route per service. Paths and the bearer token go to the service unchanged (Gateway
 * relays the {@code Authorization} header as it is); each route runs through the service's own circuit breaker
 * and time limiter, so one slow or failing service does not take the others down with it.
 */
@Configuration(proxyBeanMethods = false)
public class GatewayRoutes {

    /** Route metadata naming the service, so an error can say which service failed. */
    public static final String SERVICE_METADATA = "crm-service";

    @Bean
    RouteLocator crmRoutes(RouteLocatorBuilder builder, ServiceUrls urls, ResilienceProperties resilience,
                           OpenApiRewriter apiDocs) {
        RouteLocatorBuilder.Builder routes = builder.routes();
        for (DownstreamService service : DownstreamService.values()) {
            String name = service.serviceName();
            long connectTimeoutMillis = resilience.connectTimeoutFor(service).toMillis();
            routes.route(name, route -> route
                    .path(service.apiPattern())
                    // The breaker (with the service's time limit) wraps the retries: all attempts share one limit,
                    // and a request that succeeds on a retry is not a failure for the breaker.
                    .filters(filters -> retries(filters.circuitBreaker(breaker -> breaker.setName(name)), resilience.retry()))
                    .metadata(SERVICE_METADATA, name)
                    .metadata(RouteMetadataUtils.CONNECT_TIMEOUT_ATTR, connectTimeoutMillis)
                    .uri(urls.of(service)));
            // The service's own OpenAPI document, public like the Swagger UI that lists it.
            routes.route(name + "-api-docs", route -> route
                    .method(HttpMethod.GET).and().path(service.apiDocsPath())
                    // Plain JSON from the service, so the document can be rewritten for the gateway's Swagger UI.
                    .filters(filters -> retries(filters.setPath("/v3/api-docs").removeRequestHeader(HttpHeaders.ACCEPT_ENCODING)
                            .modifyResponseBody(byte[].class, byte[].class, (exchange, body) -> Mono.justOrEmpty(
                                    body != null && exchange.getResponse().getStatusCode() != null
                                            && exchange.getResponse().getStatusCode().is2xxSuccessful()
                                            ? apiDocs.rewrite(body) : body))
                            .circuitBreaker(breaker -> breaker.setName(name)), resilience.retry()))
                    .metadata(SERVICE_METADATA, name)
                    .metadata(RouteMetadataUtils.CONNECT_TIMEOUT_ATTR, connectTimeoutMillis)
                    .uri(urls.of(service)));
        }
        return routes.build();
    }

    /** Retries only for idempotent methods, only on connection failures and 502/503 from the service. */
    private static GatewayFilterSpec retries(GatewayFilterSpec filters, ResilienceProperties.Retry retry) {
        if (retry.retries() == 0) {
            return filters;
        }
        return filters.retry(config -> config
                .setRetries(retry.retries())
                .setMethods(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.OPTIONS)
                .setSeries()
                .setStatuses(HttpStatus.BAD_GATEWAY, HttpStatus.SERVICE_UNAVAILABLE)
                .setExceptions(IOException.class)
                .setBackoff(retry.firstBackoff(), retry.maxBackoff(), 2, false));
    }
}
