package org.crmsuite.gateway.clientaddress;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

import reactor.core.publisher.Mono;

/**
 * Decides who the client of a request is, first thing (see {@link TrustedProxies}): the request's remote address
 * becomes the real client, so everything after (the rate limits' key for callers without a token, the access log)
 * sees it, and it is kept in the exchange attribute {@link #ATTRIBUTE}. From a peer that is not a trusted proxy, the
 * forwarding headers ({@code Forwarded}, {@code X-Forwarded-*}, {@code X-Real-IP}) are removed on arrival, so no later
 * step (HSTS reads {@code X-Forwarded-Proto}) can be fooled by them.
 *
 * <p>Spring's own {@code server.forward-headers-strategy} is {@code none} for the gateway (application.yaml): Spring's
 * transformer would believe these headers from anyone.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
public class ClientAddressFilter implements WebFilter {

    /** Exchange attribute: the client's address as text ({@code 203.0.113.9}), absent when unknown. */
    public static final String ATTRIBUTE = ClientAddressFilter.class.getName() + ".client";
    /** Exchange attribute: the address of the peer that connected to the gateway (a proxy, or the client itself). */
    public static final String PEER_ATTRIBUTE = ClientAddressFilter.class.getName() + ".peer";

    static final List<String> FORWARDING_HEADERS = List.of("Forwarded", "X-Forwarded-For", "X-Forwarded-Proto",
            "X-Forwarded-Host", "X-Forwarded-Port", "X-Forwarded-Prefix", "X-Forwarded-Ssl", "X-Real-IP");

    private final TrustedProxies trusted;

    public ClientAddressFilter(ForwardedProperties properties) {
        this.trusted = properties.toTrustedProxies();
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        ServerHttpRequest request = exchange.getRequest();
        InetSocketAddress remote = request.getRemoteAddress();
        InetAddress peer = remote != null ? remote.getAddress() : null;
        if (peer == null) {
            return chain.filter(exchange);
        }
        exchange.getAttributes().put(PEER_ATTRIBUTE, peer.getHostAddress());
        if (!trusted.isTrusted(peer)) {
            exchange.getAttributes().put(ATTRIBUTE, peer.getHostAddress());
            if (!hasForwardingHeaders(request.getHeaders())) {
                return chain.filter(exchange);
            }
            return chain.filter(exchange.mutate().request(r -> r.headers(headers -> FORWARDING_HEADERS.forEach(headers::remove))).build());
        }
        InetAddress client = trusted.clientOf(peer, request.getHeaders());
        exchange.getAttributes().put(ATTRIBUTE, client.getHostAddress());
        if (client.equals(peer)) {
            return chain.filter(exchange);
        }
        InetSocketAddress clientAddress = new InetSocketAddress(client, remote.getPort());
        return chain.filter(exchange.mutate().request(r -> r.remoteAddress(clientAddress)).build());
    }

    private static boolean hasForwardingHeaders(HttpHeaders headers) {
        for (String name : FORWARDING_HEADERS) {
            if (headers.containsHeader(name)) {
                return true;
            }
        }
        return false;
    }

    /** The client's address once this filter ran, else null. */
    public static String clientAddress(ServerWebExchange exchange) {
        return exchange.getAttribute(ATTRIBUTE);
    }
}
