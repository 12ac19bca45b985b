package org.crmsuite.gateway.security;

import java.util.List;

import org.crmsuite.gateway.edge.CorsProperties;
import org.crmsuite.gateway.problem.ProblemResponses;
import org.crmsuite.gateway.routing.DownstreamService;
import org.crmsuite.platform.security.KeycloakJwtAuthenticationConverter;
import org.crmsuite.platform.security.Roles;
import org.crmsuite.platform.web.ProblemType;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.web.reactive.EnableWebFluxSecurity;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.ReactiveJwtAuthenticationConverterAdapter;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.context.NoOpServerSecurityContextRepository;
import org.springframework.security.web.server.firewall.ServerExchangeRejectedHandler;
import org.springframework.security.web.server.savedrequest.NoOpServerRequestCache;
import org.springframework.web.cors.reactive.UrlBasedCorsConfigurationSource;

/**
 * The gateway is an OAuth2 resource server on the Keycloak realm: every API call needs a valid token (issuer,
 * signature, expiry, audience {@code crm-api}), realm roles become {@code ROLE_x} authorities through the platform's
 * converter, and {@link RouteAccess} decides which roles reach which service. Health, Prometheus and the API
 * documentation are open. The issuer is contacted on the first token, not at start-up, so the gateway starts
 * while Keycloak is still booting.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebFluxSecurity
public class SecurityConfiguration {

    /**
     * Open without a token: probes and scraping, the combined API documentation (OpenAPI, Swagger UI, the AsyncAPI
     * event contract and its schemas, the docs index page), and the satisfaction survey, which customers (who have no
     * account) answer through a one-time link whose token is the credential.
     */
    static final List<String> OPEN_PATHS = List.of("/actuator/health", "/actuator/health/**", "/actuator/info",
            "/actuator/prometheus", "/swagger-ui.html", "/swagger-ui/**", "/webjars/**", "/v3/api-docs",
            "/v3/api-docs/**", "/asyncapi/**", "/docs", "/api/v1/tickets/surveys/**");

    /**
     * Spring Security's firewall refuses URLs with encoded slashes, {@code ..} segments, control characters and the like
     * before anything else runs; by default with an empty 400. The caller gets a problem like every other refusal.
     */
    @Bean
    ServerExchangeRejectedHandler problemExchangeRejectedHandler(ProblemResponses problems) {
        return (exchange, rejected) -> problems.write(exchange, ProblemType.MALFORMED_REQUEST,
                "the request was refused: its URL or headers contain characters the API does not accept "
                        + "(encoded slashes or dots, control characters)");
    }

    /**
     * No observations (spans and timers) around the security filter chain, the authentication and the authorization:
     * several per request, 7 % of the gateway threads' CPU samples in the benchmark, and they only repeated what the
     * request's server span and {@code http.server.requests} already show. A refused request is still in both, with
     * its status.
     */
    @Bean
    SecurityObservationSettings noSecurityFilterObservations() {
        return SecurityObservationSettings.noObservations();
    }

    @Bean
    SecurityWebFilterChain gatewaySecurity(ServerHttpSecurity http, RouteAccess access, ProblemResponses problems,
                                           CorsProperties cors, ReactiveJwtDecoder realmDecoder,
                                           TokenCacheProperties tokenCache) {
        ProblemSecurityHandlers handlers = new ProblemSecurityHandlers(problems);
        // Boot's decoder for the realm (issuer-uri, audiences), behind the cache of recently verified tokens.
        ReactiveJwtDecoder decoder = tokenCache.enabled()
                ? new CachingJwtDecoder(realmDecoder, new VerifiedTokens(tokenCache.ttl(), tokenCache.maxEntries()))
                : realmDecoder;
        ReactiveJwtAuthenticationConverterAdapter roles =
                new ReactiveJwtAuthenticationConverterAdapter(new KeycloakJwtAuthenticationConverter());
        http.authorizeExchange(exchanges -> {
                    exchanges.pathMatchers(OPEN_PATHS.toArray(String[]::new)).permitAll();
                    for (DownstreamService service : DownstreamService.values()) {
                        ServerHttpSecurity.AuthorizeExchangeSpec.Access route = exchanges.pathMatchers(service.apiPattern());
                        if (access.anyAuthenticated(service)) {
                            route.authenticated();
                        } else {
                            route.hasAnyRole(access.rolesFor(service).toArray(String[]::new));
                        }
                    }
                    exchanges.pathMatchers("/actuator/**").hasRole(Roles.CRM_ADMIN);
                    exchanges.anyExchange().authenticated();
                })
                .oauth2ResourceServer(server -> server
                        .jwt(jwt -> jwt.jwtDecoder(decoder).jwtAuthenticationConverter(roles))
                        .authenticationEntryPoint(handlers)
                        .accessDeniedHandler(handlers))
                .exceptionHandling(errors -> errors.authenticationEntryPoint(handlers).accessDeniedHandler(handlers))
                // Browser clients from configured origins; a preflight is answered before the token check.
                .cors(spec -> {
                    if (cors.enabled()) {
                        UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
                        source.registerCorsConfiguration("/**", cors.toCorsConfiguration());
                        spec.configurationSource(source);
                    } else {
                        spec.disable();
                    }
                })
                // Spring Security's defaults (nosniff, X-Frame-Options DENY, no-store unless the service says
                // otherwise); HSTS, Referrer-Policy and CSP come from SecurityHeadersFilter, HSTS also behind a proxy.
                .headers(headers -> headers.hsts(ServerHttpSecurity.HeaderSpec.HstsSpec::disable))
                // Stateless bearer tokens: no session, no saved request, no login page, and no cookie for CSRF to ride on.
                .securityContextRepository(NoOpServerSecurityContextRepository.getInstance())
                .requestCache(cache -> cache.requestCache(NoOpServerRequestCache.getInstance()))
                .csrf(ServerHttpSecurity.CsrfSpec::disable)
                .httpBasic(ServerHttpSecurity.HttpBasicSpec::disable)
                .formLogin(ServerHttpSecurity.FormLoginSpec::disable)
                .logout(ServerHttpSecurity.LogoutSpec::disable);
        return http.build();
    }
}
