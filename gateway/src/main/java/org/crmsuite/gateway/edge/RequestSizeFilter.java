package org.crmsuite.gateway.edge;

import java.util.concurrent.atomic.AtomicLong;

import org.crmsuite.gateway.problem.ProblemResponses;
import org.crmsuite.gateway.routing.DownstreamService;
import org.crmsuite.platform.web.ProblemType;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Refuses request bodies above the route's limit ({@code crm.gateway.size-limits.routes.<key>.request}, else
 * {@code crm.gateway.size-limits.request}) with a 413 problem. The route is found by the path, as the routes do. A declared
 * {@code Content-Length} is checked before anything else (before the token, so a large anonymous upload costs
 * nothing); a chunked body is counted as it streams and the call fails with the same 413 when it grows past the limit.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
public class RequestSizeFilter implements WebFilter {

    private final SizeLimitProperties limits;
    private final ProblemResponses problems;

    public RequestSizeFilter(SizeLimitProperties limits, ProblemResponses problems) {
        this.limits = limits;
        this.problems = problems;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        ServerHttpRequest request = exchange.getRequest();
        long maxBytes = limits.requestBytesFor(DownstreamService.forPath(request.getPath().value()).orElse(null));
        long declared = request.getHeaders().getContentLength();
        if (declared > maxBytes) {
            return problems.write(exchange, ProblemType.PAYLOAD_TOO_LARGE, tooLarge(maxBytes));
        }
        if (declared >= 0 || !request.getHeaders().containsHeader(HttpHeaders.TRANSFER_ENCODING)) {
            // A declared length is all the server reads; without one and without chunked encoding there is no body.
            return chain.filter(exchange);
        }
        AtomicLong seen = new AtomicLong();
        ServerHttpRequest counted = new ServerHttpRequestDecorator(request) {
            @Override
            public Flux<DataBuffer> getBody() {
                return super.getBody().handle((buffer, sink) -> {
                    if (seen.addAndGet(buffer.readableByteCount()) > maxBytes) {
                        DataBufferUtils.release(buffer);
                        sink.error(new ResponseStatusException(HttpStatus.CONTENT_TOO_LARGE, tooLarge(maxBytes)));
                    } else {
                        sink.next(buffer);
                    }
                });
            }
        };
        return chain.filter(exchange.mutate().request(counted).build());
    }

    private static String tooLarge(long maxBytes) {
        return "the request body is larger than the " + maxBytes + " bytes the API accepts";
    }
}
