package org.crmsuite.gateway.accesslog;

import java.util.concurrent.TimeUnit;

import io.micrometer.context.ContextSnapshot;
import io.micrometer.context.ContextSnapshotFactory;

import org.crmsuite.gateway.clientaddress.ClientAddressFilter;
import org.crmsuite.gateway.problem.GatewayErrorHandler;
import org.crmsuite.gateway.ratelimit.Caller;
import org.crmsuite.gateway.requestid.RequestIdFilter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.cloud.gateway.route.Route;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatusCode;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

import reactor.core.observability.DefaultSignalListener;
import reactor.core.publisher.Mono;
import reactor.core.publisher.SignalType;

/**
 * One access-log line per request on the logger {@value #LOGGER} (JSON like every log line, with the fields as
 * members: requestId, user, client, clientAddress, route, method, path, status, latencyMs; clientAddress is the real
 * client's IP, behind trusted proxies only, see {@link ClientAddressFilter}). Errors are turned into their problem
 * answer here (by the gateway's error handler) so the line carries the status the caller got. Silence it with
 * {@code logging.level.crm.access=OFF}. Written through an async appender by default ({@link AsyncAccessLog}).
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 1)
public class AccessLogFilter implements WebFilter {

    public static final String LOGGER = "crm.access";
    private static final Logger log = LoggerFactory.getLogger(LOGGER);

    private static final ContextSnapshotFactory SNAPSHOTS = ContextSnapshotFactory.builder().build();

    private final GatewayErrorHandler errors;

    public AccessLogFilter(GatewayErrorHandler errors) {
        this.errors = errors;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        if (!log.isInfoEnabled()) {
            return chain.filter(exchange);
        }
        long started = System.nanoTime();
        // With spring.reactor.context-propagation=limited the trace context is not in the thread locals on the event
        // loop; the error handler's lines and the access line restore it from the Reactor context (tap does that for
        // its listener), so both carry traceId and spanId in the MDC.
        return chain.filter(exchange)
                .onErrorResume(error -> Mono.deferContextual(context -> {
                    try (ContextSnapshot.Scope traceIds = SNAPSHOTS.setThreadLocalsFrom(context)) {
                        return errors.handle(exchange, error);
                    }
                }))
                .tap(() -> new DefaultSignalListener<>() {
                    @Override
                    public void doFinally(SignalType signal) {
                        write(exchange, started, signal);
                    }
                });
    }

    private static void write(ServerWebExchange exchange, long started, SignalType signal) {
        long latencyMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
        Caller caller = Caller.of(exchange);
        Route route = exchange.getAttribute(ServerWebExchangeUtils.GATEWAY_ROUTE_ATTR);
        HttpStatusCode status = exchange.getResponse().getStatusCode();
        // A caller that hung up before the answer was complete: logged as 499 like nginx does.
        int code = signal == SignalType.CANCEL ? 499 : status != null ? status.value() : 200;
        String method = exchange.getRequest().getMethod().name();
        String path = exchange.getRequest().getPath().value();
        String requestId = exchange.getAttribute(RequestIdFilter.ATTRIBUTE);
        log.atInfo()
                .addKeyValue("requestId", requestId)
                .addKeyValue("user", caller != null ? caller.user() : null)
                .addKeyValue("client", caller != null ? caller.client() : null)
                .addKeyValue("clientAddress", ClientAddressFilter.clientAddress(exchange))
                .addKeyValue("route", route != null ? route.getId() : null)
                .addKeyValue("method", method)
                .addKeyValue("path", path)
                .addKeyValue("status", code)
                .addKeyValue("latencyMs", latencyMs)
                .log("{} {} {} {} ms", method, path, code, latencyMs);
    }
}
