package org.crmsuite.gateway.edge;

import java.net.URI;

import org.crmsuite.gateway.apidocs.ApiDocsProperties;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

import reactor.core.publisher.Mono;

/**
 * HSTS (behind TLS only), Referrer-Policy and a Content-Security-Policy on every answer: a strict one for the API,
 * and for the Swagger UI one that allows its own scripts and styles and the token call to Keycloak. A service's own
 * CSP is kept.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 5)
public class SecurityHeadersFilter implements WebFilter {

    static final String HSTS = "Strict-Transport-Security";
    static final String CSP = "Content-Security-Policy";
    static final String REFERRER_POLICY = "Referrer-Policy";

    private final String hsts;
    private final String referrerPolicy;
    private final String apiCsp;
    private final String swaggerUiCsp;

    public SecurityHeadersFilter(SecurityHeadersProperties properties, ApiDocsProperties apiDocs) {
        this.hsts = "max-age=" + properties.hstsMaxAge().toSeconds() + "; includeSubDomains";
        this.referrerPolicy = properties.referrerPolicy();
        this.apiCsp = properties.apiContentSecurityPolicy();
        String keycloak = origin(apiDocs.issuerUri());
        // Swagger UI: its bundle and initializer from 'self', inline styles (it sets style attributes), images as data
        // URIs, fetches to the gateway and to Keycloak's token endpoint; never framed.
        this.swaggerUiCsp = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
                + "connect-src 'self' " + keycloak + "; form-action 'self' " + keycloak + "; "
                + "frame-ancestors 'none'; base-uri 'self'; object-src 'none'";
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        exchange.getResponse().beforeCommit(() -> {
            HttpHeaders headers = exchange.getResponse().getHeaders();
            if (overTls(exchange)) {
                headers.set(HSTS, hsts);
            }
            if (!headers.containsHeader(REFERRER_POLICY)) {
                headers.set(REFERRER_POLICY, referrerPolicy);
            }
            if (!headers.containsHeader(CSP)) {
                headers.set(CSP, isSwaggerUi(exchange.getRequest().getPath().value()) ? swaggerUiCsp : apiCsp);
            }
            return Mono.empty();
        });
        return chain.filter(exchange);
    }

    static boolean isSwaggerUi(String path) {
        return path.startsWith("/swagger-ui") || path.startsWith("/webjars/");
    }

    private static boolean overTls(ServerWebExchange exchange) {
        if ("https".equalsIgnoreCase(exchange.getRequest().getURI().getScheme())) {
            return true;
        }
        // Present only when a trusted proxy sent it: ClientAddressFilter removes it from anyone else.
        return "https".equalsIgnoreCase(exchange.getRequest().getHeaders().getFirst("X-Forwarded-Proto"));
    }

    private static String origin(URI uri) {
        return uri.getScheme() + "://" + uri.getRawAuthority();
    }
}
