package org.crmsuite.gateway.ratelimit;

import java.net.InetSocketAddress;
import java.security.Principal;

import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.web.server.ServerWebExchange;

/**
 * Who sent a request, as the rate limits and the access log see it.
 *
 * @param user   the token's {@code preferred_username} (else {@code sub}); for a request without a token
 *               {@code anonymous@<remote address>}
 * @param client the token's {@code azp} (else {@code client_id}); null without a token
 */
public record Caller(String user, String client) {

    /** Exchange attribute holding the caller, set once the token has been checked. */
    public static final String ATTRIBUTE = Caller.class.getName();

    public boolean authenticated() {
        return client != null;
    }

    static Caller of(Principal principal) {
        if (principal instanceof JwtAuthenticationToken token) {
            Jwt jwt = token.getToken();
            String user = firstNonBlank(jwt.getClaimAsString("preferred_username"), jwt.getSubject(), "unknown");
            String client = firstNonBlank(jwt.getClaimAsString("azp"), jwt.getClaimAsString("client_id"), "unknown");
            return new Caller(user, client);
        }
        return new Caller(firstNonBlank(principal.getName(), "unknown"), "unknown");
    }

    static Caller anonymous(ServerWebExchange exchange) {
        InetSocketAddress remote = exchange.getRequest().getRemoteAddress();
        String address = remote != null && remote.getAddress() != null ? remote.getAddress().getHostAddress() : "unknown";
        return new Caller("anonymous@" + address, null);
    }

    /** The caller of a request once {@link CallerFilter} ran, else null. */
    public static Caller of(ServerWebExchange exchange) {
        return exchange.getAttribute(ATTRIBUTE);
    }

    private static String firstNonBlank(String... values) {
        for (String value : values) {
            if (value != null && !value.isBlank()) {
                return value;
            }
        }
        return null;
    }
}
