package org.crmsuite.gateway.ratelimit;

import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

import reactor.core.publisher.Mono;

/**
 * Records the {@link Caller} of a request in an exchange attribute. Runs after Spring Security's filter chain
 * (order -100), so the principal is the checked token; the rate limits and the access log read the attribute.
 */
@Component
@Order(0)
public class CallerFilter implements WebFilter {

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        return exchange.getPrincipal()
                .map(Caller::of)
                .switchIfEmpty(Mono.fromSupplier(() -> Caller.anonymous(exchange))) // built only without a token
                .flatMap(caller -> {
                    exchange.getAttributes().put(Caller.ATTRIBUTE, caller);
                    return chain.filter(exchange);
                });
    }
}
