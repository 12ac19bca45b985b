package org.crmsuite.gateway.clientaddress;

import org.springframework.cloud.gateway.filter.headers.HttpHeadersFilter;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;

/**
 * What a service learns about the original request: {@code X-Forwarded-For} (the real client, then the peer that
 * connected to the gateway when that was a trusted proxy), {@code X-Forwarded-Proto} and {@code X-Forwarded-Host} (as
 * the client used them: from a trusted proxy's headers, else from the request the gateway received). Spring Cloud
 * Gateway drops every incoming {@code Forwarded}/{@code X-Forwarded-*} header on the way to the service (its own
 * {@code trusted-proxies} is not set; this class does that job with CIDRs), so these are the only ones the service
 * sees, and they can be believed. Runs after Gateway's header filters.
 */
@Component
public class ForwardedToServiceHeadersFilter implements HttpHeadersFilter, Ordered {

    @Override
    public HttpHeaders filter(HttpHeaders input, ServerWebExchange exchange) {
        HttpHeaders original = exchange.getRequest().getHeaders(); // forwarding headers only survive from trusted proxies
        HttpHeaders updated = new HttpHeaders();
        input.forEach((name, values) -> {
            if (!isForwardingHeader(name)) {
                updated.addAll(name, values);
            }
        });
        String client = ClientAddressFilter.clientAddress(exchange);
        if (client != null) {
            updated.set("X-Forwarded-For", client);
            String proxy = peerOf(exchange);
            if (proxy != null && !proxy.equals(client)) {
                updated.set("X-Forwarded-For", client + ", " + proxy);
            }
        }
        String proto = first(original.getFirst("X-Forwarded-Proto"));
        updated.set("X-Forwarded-Proto", proto != null ? proto : exchange.getRequest().getURI().getScheme());
        String host = first(original.getFirst("X-Forwarded-Host"));
        if (host == null) {
            host = original.getFirst(HttpHeaders.HOST);
        }
        if (host != null) {
            updated.set("X-Forwarded-Host", host);
        }
        return updated;
    }

    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }

    private static boolean isForwardingHeader(String name) {
        for (String forwarding : ClientAddressFilter.FORWARDING_HEADERS) {
            if (forwarding.equalsIgnoreCase(name)) {
                return true;
            }
        }
        return false;
    }

    /** The address of the peer that connected to the gateway (the trusted proxy, when there was one). */
    private static String peerOf(ServerWebExchange exchange) {
        return exchange.getAttribute(ClientAddressFilter.PEER_ATTRIBUTE);
    }

    private static String first(String value) {
        if (value == null) {
            return null;
        }
        int comma = value.indexOf(',');
        String first = (comma < 0 ? value : value.substring(0, comma)).trim();
        return first.isEmpty() ? null : first;
    }
}
