package org.crmsuite.gateway.ratelimit;

import org.crmsuite.gateway.problem.ProblemResponses;
import org.crmsuite.gateway.routing.DownstreamService;
import org.crmsuite.gateway.routing.GatewayRoutes;
import org.crmsuite.platform.web.ProblemType;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.cloud.gateway.route.Route;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.web.server.ServerWebExchange;

import reactor.core.publisher.Mono;

/**
 * Applies the route's token buckets to every routed request: one per user, one per client application. Runs before
 * the route's circuit breaker and retries, so a throttled request neither reaches the service nor counts as a
 * service failure. An empty bucket answers 429 with {@code Retry-After} (seconds) and a problem body; allowed
 * answers carry {@code X-RateLimit-Remaining} (the smaller of the two buckets).
 */
public class RateLimitFilter implements GlobalFilter, Ordered {

    public static final String REMAINING_HEADER = "X-RateLimit-Remaining";
    /** Before the route filters (circuit breaker, retry), after the route has been chosen. */
    public static final int ORDER = -10;

    private final RateLimitProperties properties;
    private final TokenBuckets buckets;
    private final ProblemResponses problems;

    public RateLimitFilter(RateLimitProperties properties, TokenBuckets buckets, ProblemResponses problems) {
        this.properties = properties;
        this.buckets = buckets;
        this.problems = problems;
    }

    @Override
    public int getOrder() {
        return ORDER;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        DownstreamService service = serviceOf(exchange);
        Caller caller = Caller.of(exchange);
        if (service == null || caller == null) {
            return chain.filter(exchange);
        }
        RateLimitProperties.Limits limits = properties.limitsFor(service);
        Mono<TokenBuckets.Decision> perUser = buckets.take("user:" + service.key() + ":" + caller.user(), limits.perUser());
        return perUser.flatMap(user -> {
            if (!user.allowed()) {
                return tooMany(exchange, user, "you have sent too many requests to " + service.serviceName());
            }
            if (!caller.authenticated()) {
                return allowed(exchange, chain, user.remaining());
            }
            return buckets.take("client:" + service.key() + ":" + caller.client(), limits.perClient()).flatMap(client -> client.allowed()
                    ? allowed(exchange, chain, Math.min(user.remaining(), client.remaining()))
                    : tooMany(exchange, client, "the application " + caller.client() + " has sent too many requests to "
                            + service.serviceName()));
        });
    }

    private static Mono<Void> allowed(ServerWebExchange exchange, GatewayFilterChain chain, long remaining) {
        if (remaining >= 0) {
            exchange.getResponse().getHeaders().set(REMAINING_HEADER, Long.toString(remaining));
        }
        return chain.filter(exchange);
    }

    private Mono<Void> tooMany(ServerWebExchange exchange, TokenBuckets.Decision decision, String detail) {
        exchange.getResponse().getHeaders().set(HttpHeaders.RETRY_AFTER, Long.toString(decision.retryAfterSeconds()));
        exchange.getResponse().getHeaders().set(REMAINING_HEADER, "0");
        return problems.write(exchange, ProblemType.TOO_MANY_REQUESTS,
                detail + "; please retry after " + decision.retryAfterSeconds() + " s");
    }

    static DownstreamService serviceOf(ServerWebExchange exchange) {
        Route route = exchange.getAttribute(ServerWebExchangeUtils.GATEWAY_ROUTE_ATTR);
        if (route == null) {
            return null;
        }
        Object name = route.getMetadata().get(GatewayRoutes.SERVICE_METADATA);
        return name == null ? null : DownstreamService.byServiceName(name.toString()).orElse(null);
    }
}
