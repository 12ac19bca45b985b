package org.crmsuite.gateway.edge;

import java.time.Duration;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Response headers the gateway adds for browsers ({@code crm.gateway.security-headers.*}); X-Content-Type-Options
 * and X-Frame-Options come from Spring Security's defaults.
 *
 * @param hstsMaxAge             Strict-Transport-Security max-age, sent when the request came over TLS (directly or,
 *                               behind a TLS-terminating proxy, with {@code X-Forwarded-Proto: https})
 * @param referrerPolicy         Referrer-Policy
 * @param apiContentSecurityPolicy CSP on API answers (JSON is never rendered as a page)
 */
@Validated
@ConfigurationProperties("crm.gateway.security-headers")
public record SecurityHeadersProperties(
        @NotNull @DefaultValue("365d") Duration hstsMaxAge,
        @NotBlank @DefaultValue("no-referrer") String referrerPolicy,
        @NotBlank @DefaultValue("default-src 'none'; frame-ancestors 'none'; base-uri 'none'") String apiContentSecurityPolicy) {
}
