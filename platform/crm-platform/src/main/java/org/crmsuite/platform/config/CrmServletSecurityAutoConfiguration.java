package org.crmsuite.platform.config;

import java.util.ArrayList;
import java.util.List;

import org.crmsuite.platform.security.KeycloakJwtAuthenticationConverter;
import org.crmsuite.platform.security.PersonalDataPolicy;
import org.crmsuite.platform.security.ProblemAuthenticationHandlers;
import org.crmsuite.platform.security.Roles;
import org.crmsuite.platform.security.SecurityProperties;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;

import tools.jackson.databind.json.JsonMapper;

/**
 * Servlet services are OAuth2 resource servers on the realm's JWTs: every API needs a valid token (health, metrics
 * and API docs excepted), realm roles become authorities, 401 and 403 are problem details, and method security
 * ({@code @PreAuthorize}) is on for the service's own rules.
 */
@AutoConfiguration(beforeName = {
        "org.springframework.boot.security.oauth2.server.resource.autoconfigure.servlet.OAuth2ResourceServerAutoConfiguration",
        "org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration",
        "org.springframework.boot.security.autoconfigure.actuate.web.servlet.ManagementWebSecurityAutoConfiguration"},
        afterName = "org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration")
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@EnableConfigurationProperties(SecurityProperties.class)
@EnableMethodSecurity
public class CrmServletSecurityAutoConfiguration {

    public static final List<String> OPEN_PATHS = List.of("/actuator/health/**", "/actuator/health", "/actuator/info",
            "/actuator/prometheus", "/v3/api-docs/**", "/v3/api-docs", "/swagger-ui/**", "/swagger-ui.html",
            "/event-schemas/**", "/error");

    @Bean
    @ConditionalOnMissingBean
    KeycloakJwtAuthenticationConverter keycloakJwtAuthenticationConverter(SecurityProperties properties) {
        PersonalDataPolicy.allowRoles(properties.personalDataRoles());
        return new KeycloakJwtAuthenticationConverter();
    }

    @Bean
    @ConditionalOnMissingBean(SecurityFilterChain.class)
    SecurityFilterChain crmSecurityFilterChain(HttpSecurity http, KeycloakJwtAuthenticationConverter converter,
                                               SecurityProperties properties, JsonMapper jsonMapper) throws Exception {
        ProblemAuthenticationHandlers problems = new ProblemAuthenticationHandlers(jsonMapper);
        List<String> open = new ArrayList<>(OPEN_PATHS);
        open.addAll(properties.publicPaths());
        http.authorizeHttpRequests(requests -> requests
                        .requestMatchers(open.toArray(String[]::new)).permitAll()
                        // present only where the clock is adjustable (the local stack); moving time is an admin's act
                        .requestMatchers("/actuator/clock", "/actuator/clock/**").hasRole(Roles.CRM_ADMIN)
                        .anyRequest().authenticated())
                .oauth2ResourceServer(server -> server
                        .jwt(jwt -> jwt.jwtAuthenticationConverter(converter))
                        .authenticationEntryPoint(problems)
                        .accessDeniedHandler(problems))
                .exceptionHandling(errors -> errors.authenticationEntryPoint(problems).accessDeniedHandler(problems))
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                // Bearer tokens only, no cookies: CSRF cannot ride on a browser session here.
                .csrf(csrf -> csrf.disable());
        return http.build();
    }
}
