package org.crmsuite.gateway.security;

import org.crmsuite.gateway.problem.ProblemResponses;
import org.crmsuite.platform.web.ProblemType;
import org.springframework.http.HttpHeaders;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.server.resource.BearerTokenError;
import org.springframework.security.web.server.ServerAuthenticationEntryPoint;
import org.springframework.security.web.server.authorization.ServerAccessDeniedHandler;
import org.springframework.web.server.ServerWebExchange;

import reactor.core.publisher.Mono;

/** 401 and 403 from the security chain as problem details, like every other error of the suite. */
class ProblemSecurityHandlers implements ServerAuthenticationEntryPoint, ServerAccessDeniedHandler {

    private final ProblemResponses problems;

    ProblemSecurityHandlers(ProblemResponses problems) {
        this.problems = problems;
    }

    @Override
    public Mono<Void> commence(ServerWebExchange exchange, AuthenticationException e) {
        // RFC 6750: say that a bearer token is needed, and whether the one sent was refused. The reason for a refusal
        // (expired, bad signature, wrong audience) is not told to the caller.
        boolean tokenRefused = e instanceof OAuth2AuthenticationException oauth && oauth.getError() instanceof BearerTokenError;
        exchange.getResponse().getHeaders().set(HttpHeaders.WWW_AUTHENTICATE,
                tokenRefused ? "Bearer error=\"invalid_token\"" : "Bearer");
        return problems.write(exchange, ProblemType.UNAUTHORIZED, tokenRefused
                ? "the access token is not valid (expired, not issued by the CRM realm or not meant for the CRM API)"
                : "a valid access token from the CRM realm is required");
    }

    @Override
    public Mono<Void> handle(ServerWebExchange exchange, AccessDeniedException e) {
        return problems.write(exchange, ProblemType.FORBIDDEN, "your roles do not allow this part of the CRM API");
    }
}
