package org.crmsuite.gateway.edge;

import java.util.concurrent.atomic.AtomicLong;

import org.crmsuite.gateway.problem.ProblemResponses;
import org.crmsuite.gateway.routing.DownstreamService;
import org.crmsuite.gateway.routing.GatewayRoutes;
import org.crmsuite.gateway.ratelimit.RateLimitFilter;
import org.reactivestreams.Publisher;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.cloud.gateway.filter.NettyWriteResponseFilter;
import org.springframework.cloud.gateway.route.Route;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.core.Ordered;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.http.server.reactive.ServerHttpResponseDecorator;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Passes on no service answer larger than the route's limit ({@code crm.gateway.size-limits.routes.<key>.response},
 * else {@code crm.gateway.size-limits.response}): an answer that announces a larger
 * {@code Content-Length} is dropped (the connection to the service is closed) and the caller gets a 502 problem; an
 * answer streamed without a length is cut off once it passes the limit (its status line has already gone out, so the
 * caller sees a truncated response). Keeps a runaway export or a bug from filling the gateway's memory and network.
 */
@Component
public class ResponseSizeFilter implements GlobalFilter, Ordered {

    private final SizeLimitProperties limits;
    private final ProblemResponses problems;

    public ResponseSizeFilter(SizeLimitProperties limits, ProblemResponses problems) {
        this.limits = limits;
        this.problems = problems;
    }

    @Override
    public int getOrder() {
        // Before the filter that writes the service's answer, so that filter writes into the limited response.
        return Math.min(RateLimitFilter.ORDER, NettyWriteResponseFilter.WRITE_RESPONSE_FILTER_ORDER) - 10;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        ServerHttpResponse original = exchange.getResponse();
        long maxBytes = limits.responseBytesFor(DownstreamService.byServiceName(serviceOf(exchange)).orElse(null));
        ServerHttpResponseDecorator limited = new ServerHttpResponseDecorator(original) {
            @Override
            public Mono<Void> writeWith(Publisher<? extends DataBuffer> body) {
                long declared = getHeaders().getContentLength();
                if (declared > maxBytes) {
                    // take(0) cancels the service's body at once, which closes that connection.
                    return Flux.from(body).take(0).then(Mono.defer(() -> {
                        original.getHeaders().clear();
                        return problems.writeBadGateway(exchange, serviceOf(exchange) + " answered with " + declared
                                + " bytes, more than the " + maxBytes + " the gateway passes on");
                    }));
                }
                AtomicLong seen = new AtomicLong();
                return super.writeWith(Flux.from(body).handle((buffer, sink) -> {
                    if (seen.addAndGet(buffer.readableByteCount()) > maxBytes) {
                        DataBufferUtils.release(buffer);
                        sink.error(new IllegalStateException(serviceOf(exchange) + " answered with more than "
                                + maxBytes + " bytes; the response was cut off"));
                    } else {
                        sink.next(buffer);
                    }
                }));
            }
        };
        return chain.filter(exchange.mutate().response(limited).build());
    }

    private static String serviceOf(ServerWebExchange exchange) {
        Route route = exchange.getAttribute(ServerWebExchangeUtils.GATEWAY_ROUTE_ATTR);
        Object name = route == null ? null : route.getMetadata().get(GatewayRoutes.SERVICE_METADATA);
        return name != null ? name.toString() : "the service";
    }
}
