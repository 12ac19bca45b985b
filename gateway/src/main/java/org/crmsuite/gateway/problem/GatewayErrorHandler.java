package org.crmsuite.gateway.problem;

import java.io.IOException;
import java.util.concurrent.TimeoutException;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;

import org.crmsuite.gateway.requestid.RequestIdFilter;
import org.crmsuite.gateway.routing.GatewayRoutes;
import org.crmsuite.platform.web.ProblemType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.boot.webflux.error.ErrorWebExceptionHandler;
import org.springframework.cloud.gateway.route.Route;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.cloud.gateway.support.ServiceUnavailableException;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.security.authentication.AuthenticationServiceException;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;

import reactor.core.publisher.Mono;

/**
 * Every error that reaches the gateway's edge becomes a problem response, never Netty's or Boot's default page:
 * a service that is down, refuses connections or has its circuit breaker open gives 503, one that is too slow 504,
 * a path no route serves 404. Runs before Boot's default handler (order -1).
 */
@Component
@Order(-2)
public class GatewayErrorHandler implements ErrorWebExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(GatewayErrorHandler.class);

    private final ProblemResponses problems;

    public GatewayErrorHandler(ProblemResponses problems) {
        this.problems = problems;
    }

    @Override
    public Mono<Void> handle(ServerWebExchange exchange, Throwable error) {
        if (exchange.getResponse().isCommitted()) {
            return Mono.error(error); // the service's answer is already on its way; nothing sensible can be added
        }
        String service = downstreamService(exchange);
        String requestId = exchange.getAttribute(RequestIdFilter.ATTRIBUTE);
        try (MDC.MDCCloseable ignored = MDC.putCloseable(RequestIdFilter.MDC_KEY, requestId)) {
            if (error instanceof AuthenticationServiceException) {
                // The token could not be checked at all (realm unreachable, JWKS unreadable): not the caller's fault.
                log.warn("cannot check access tokens: {}", rootCause(error).toString());
                return problems.write(exchange, ProblemType.SERVICE_UNAVAILABLE,
                        "the sign-in service cannot be reached to check the access token; please try again shortly");
            }
            if (service != null && isTimeout(error)) {
                log.warn("{} did not answer in time: {}", service, error.toString());
                return problems.write(exchange, ProblemType.GATEWAY_TIMEOUT, service + " did not answer in time; please try again");
            }
            if (service != null && isUnavailable(error)) {
                log.warn("{} is unavailable: {}", service, error instanceof ServiceUnavailableException
                        ? "circuit breaker open" : rootCause(error).toString());
                return problems.write(exchange, ProblemType.SERVICE_UNAVAILABLE,
                        service + " is not available right now; please try again shortly");
            }
            if (error instanceof ResponseStatusException statusError) {
                return statusProblem(exchange, statusError.getStatusCode(), statusError.getReason());
            }
            log.error("unexpected error on {} {}", exchange.getRequest().getMethod(), exchange.getRequest().getPath(), error);
            return problems.write(exchange, ProblemType.INTERNAL_ERROR, "the gateway could not handle the request");
        }
    }

    private Mono<Void> statusProblem(ServerWebExchange exchange, HttpStatusCode status, String reason) {
        if (status.value() == HttpStatus.NOT_FOUND.value()) {
            return problems.write(exchange, ProblemType.NOT_FOUND, "no API is served at " + exchange.getRequest().getPath().value());
        }
        if (status.value() == HttpStatus.SERVICE_UNAVAILABLE.value()) {
            return problems.write(exchange, ProblemType.SERVICE_UNAVAILABLE, "the service is not available right now; please try again shortly");
        }
        ProblemType type = ProblemType.forStatus(status.value());
        String detail = reason != null ? reason : type.status().getReasonPhrase();
        return problems.write(exchange, type, detail);
    }

    /** The service the request was routed to (route metadata), or null when no route matched. */
    private static String downstreamService(ServerWebExchange exchange) {
        Route route = exchange.getAttribute(ServerWebExchangeUtils.GATEWAY_ROUTE_ATTR);
        if (route == null) {
            return null;
        }
        Object name = route.getMetadata().get(GatewayRoutes.SERVICE_METADATA);
        return name != null ? name.toString() : route.getId();
    }

    private static boolean isTimeout(Throwable error) {
        if (error instanceof ResponseStatusException e && e.getStatusCode().value() == HttpStatus.GATEWAY_TIMEOUT.value()) {
            return true;
        }
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof TimeoutException || t instanceof io.netty.handler.timeout.TimeoutException) {
                return true;
            }
        }
        return false;
    }

    /** Connection refused, reset or timed out, unknown host (all IOExceptions), breaker open: the service cannot be reached now. */
    private static boolean isUnavailable(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof ServiceUnavailableException || t instanceof CallNotPermittedException || t instanceof IOException) {
                return true;
            }
            if (t instanceof ResponseStatusException e && e.getStatusCode().value() == HttpStatus.SERVICE_UNAVAILABLE.value()) {
                return true;
            }
        }
        return false;
    }

    private static Throwable rootCause(Throwable error) {
        Throwable root = error;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root;
    }
}
