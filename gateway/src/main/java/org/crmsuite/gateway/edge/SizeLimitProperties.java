package org.crmsuite.gateway.edge;

import java.util.Map;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;

import org.crmsuite.gateway.routing.DownstreamService;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * Body size limits ({@code crm.gateway.size-limits.*}).
 *
 * @param request  largest request body the gateway accepts (413 problem above it); attachments are the largest
 *                 legitimate bodies
 * @param response largest service answer the gateway passes on (502 problem above it when the service announces its
 *                 length; a streamed answer that grows past it is cut off)
 * @param routes   one route's own limits, keyed by service key (customer, ticket, sales, analytics, notification);
 *                 what a route leaves out falls back to the defaults above
 */
@Validated
@ConfigurationProperties("crm.gateway.size-limits")
public record SizeLimitProperties(
        @NotNull @DefaultValue("10MB") DataSize request,
        @NotNull @DefaultValue("50MB") DataSize response,
        @NotNull @Valid @DefaultValue Map<String, RouteSizeLimits> routes) {

    public SizeLimitProperties {
        if (request.toBytes() <= 0 || response.toBytes() <= 0) {
            throw new IllegalArgumentException("crm.gateway.size-limits.request and .response must be positive");
        }
        routes = Map.copyOf(routes);
        routes.forEach((key, limits) -> {
            if (DownstreamService.byKey(key).isEmpty()) {
                throw new IllegalArgumentException("crm.gateway.size-limits.routes." + key
                        + " names no service; known: customer, ticket, sales, analytics, notification");
            }
            if ((limits.request() != null && limits.request().toBytes() <= 0)
                    || (limits.response() != null && limits.response().toBytes() <= 0)) {
                throw new IllegalArgumentException("crm.gateway.size-limits.routes." + key + ".request and .response must be positive");
            }
        });
    }

    /** The request body limit of a route (its own, else the default); the default for paths no route serves. */
    public long requestBytesFor(DownstreamService service) {
        RouteSizeLimits own = service == null ? null : routes.get(service.key());
        return (own != null && own.request() != null ? own.request() : request).toBytes();
    }

    /** The response body limit of a route (its own, else the default). */
    public long responseBytesFor(DownstreamService service) {
        RouteSizeLimits own = service == null ? null : routes.get(service.key());
        return (own != null && own.response() != null ? own.response() : response).toBytes();
    }

    /**
     * @param request  this route's request body limit, or null for the default
     * @param response this route's response body limit, or null for the default
     */
    public record RouteSizeLimits(DataSize request, DataSize response) {
    }
}
