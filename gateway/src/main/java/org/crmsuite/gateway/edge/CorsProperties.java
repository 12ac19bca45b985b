package org.crmsuite.gateway.edge;

import java.time.Duration;
import java.util.List;

import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.cors.CorsConfiguration;

/**
 * CORS for browser clients served from other origins ({@code crm.gateway.cors.*}). Off while
 * {@code allowed-origins} is empty (the default: the Swagger UI is served by the gateway itself and needs none).
 * No cookies are involved (bearer tokens), so credentials are not allowed and {@code *} is refused as an origin:
 * name each web client's origin.
 *
 * @param allowedOrigins origins such as {@code https://crm.example.com}
 * @param allowedMethods methods a browser may send
 * @param allowedHeaders request headers a browser may send
 * @param exposedHeaders response headers a browser script may read
 * @param maxAge         how long a browser may cache a preflight answer
 */
@Validated
@ConfigurationProperties("crm.gateway.cors")
public record CorsProperties(
        @NotNull @DefaultValue List<String> allowedOrigins,
        @NotNull @DefaultValue({"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE"}) List<String> allowedMethods,
        @NotNull @DefaultValue({"Authorization", "Content-Type", "Accept", "Accept-Language", "If-Match", "If-None-Match",
                "X-Request-Id", "traceparent"}) List<String> allowedHeaders,
        @NotNull @DefaultValue({"ETag", "Location", "Retry-After", "X-Request-Id", "X-RateLimit-Remaining"})
        List<String> exposedHeaders,
        @NotNull @DefaultValue("1h") Duration maxAge) {

    public CorsProperties {
        for (String origin : allowedOrigins) {
            if (!origin.matches("https?://[A-Za-z0-9.\\-]+(:\\d{1,5})?")) {
                throw new IllegalArgumentException("crm.gateway.cors.allowed-origins: '" + origin
                        + "' is not an origin such as https://crm.example.com (scheme, host, optional port; no '*', no path)");
            }
        }
    }

    public boolean enabled() {
        return !allowedOrigins.isEmpty();
    }

    public CorsConfiguration toCorsConfiguration() {
        CorsConfiguration cors = new CorsConfiguration();
        cors.setAllowedOrigins(allowedOrigins);
        cors.setAllowedMethods(allowedMethods);
        cors.setAllowedHeaders(allowedHeaders);
        cors.setExposedHeaders(exposedHeaders);
        cors.setAllowCredentials(false);
        cors.setMaxAge(maxAge);
        return cors;
    }
}
