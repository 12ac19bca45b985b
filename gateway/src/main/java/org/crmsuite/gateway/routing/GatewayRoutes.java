package org.crmsuite.gateway.routing;

import org.crmsuite.gateway.resilience.ResilienceProperties;
import org.springframework.cloud.gateway.route.RouteLocator;
import org.springframework.cloud.gateway.route.builder.RouteLocatorBuilder;
import org.springframework.cloud.gateway.support.RouteMetadataUtils;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;

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
    RouteLocator crmRoutes(RouteLocatorBuilder builder, ServiceUrls urls, ResilienceProperties resilience) {
        RouteLocatorBuilder.Builder routes = builder.routes();
        long connectTimeoutMillis = resilience.connectTimeout().toMillis();
        for (DownstreamService service : DownstreamService.values()) {
            String name = service.serviceName();
            routes.route(name, route -> route
                    .path(service.apiPattern())
                    .filters(filters -> filters.circuitBreaker(breaker -> breaker.setName(name)))
                    .metadata(SERVICE_METADATA, name)
                    .metadata(RouteMetadataUtils.CONNECT_TIMEOUT_ATTR, connectTimeoutMillis)
                    .uri(urls.of(service)));
            // The service's own OpenAPI document, public like the Swagger UI that lists it.
            routes.route(name + "-api-docs", route -> route
                    .method(HttpMethod.GET).and().path(service.apiDocsPath())
                    .filters(filters -> filters.setPath("/v3/api-docs").circuitBreaker(breaker -> breaker.setName(name)))
                    .metadata(SERVICE_METADATA, name)
                    .metadata(RouteMetadataUtils.CONNECT_TIMEOUT_ATTR, connectTimeoutMillis)
                    .uri(urls.of(service)));
        }
        return routes.build();
    }
}
