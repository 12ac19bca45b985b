package org.crmsuite.gateway.requestid;

import java.util.UUID;
import java.util.regex.Pattern;

import io.micrometer.common.KeyValue;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.server.reactive.observation.ServerRequestObservationContext;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

import reactor.core.publisher.Mono;

/**
 * Every request through the gateway carries an {@value #HEADER}: the caller's when it has a safe shape, otherwise a
 * new one. It is passed on to the service (which logs it under the same name), echoed to the caller, and recorded
 * on the request's trace span, so one id finds a request in the gateway, the service and the traces. Runs first,
 * so even a 401 carries it.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
public class RequestIdFilter implements WebFilter {

    /** Same header as the services' {@link org.crmsuite.platform.observability.RequestIdFilter}. */
    public static final String HEADER = org.crmsuite.platform.observability.RequestIdFilter.HEADER;
    public static final String MDC_KEY = org.crmsuite.platform.observability.RequestIdFilter.MDC_KEY;
    /** Exchange attribute holding the id, for code that logs on the gateway's side. */
    public static final String ATTRIBUTE = RequestIdFilter.class.getName() + ".id";

    // The same shape the services accept: a client cannot smuggle log lines or huge values through the id.
    private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        String requestId = requestIdOf(exchange.getRequest().getHeaders().getFirst(HEADER));
        exchange.getAttributes().put(ATTRIBUTE, requestId);
        // Set at commit time: the service's response headers (which echo the id too) are copied in before that.
        exchange.getResponse().beforeCommit(() -> {
            exchange.getResponse().getHeaders().set(HEADER, requestId);
            return Mono.empty();
        });
        ServerRequestObservationContext.findCurrent(exchange.getAttributes())
                .ifPresent(observation -> observation.addHighCardinalityKeyValue(KeyValue.of("request.id", requestId)));
        ServerWebExchange withId = exchange.mutate().request(request -> request.headers(headers -> headers.set(HEADER, requestId))).build();
        return chain.filter(withId);
    }

    static String requestIdOf(String incoming) {
        if (incoming != null && SAFE.matcher(incoming).matches()) {
            return incoming;
        }
        return UUID.randomUUID().toString();
    }
}
