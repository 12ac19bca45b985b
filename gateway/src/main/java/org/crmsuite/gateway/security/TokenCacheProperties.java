package org.crmsuite.gateway.security;

import java.time.Duration;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The short-lived cache of tokens the gateway has already verified ({@code crm.gateway.token-cache.*}, see
 * {@link VerifiedTokens}): the same token sent again within {@code ttl} skips the RSA signature and claims check.
 *
 * @param enabled    false checks every request's token in full
 * @param ttl        how long a verified token is taken on trust (never past its own {@code exp}); also the longest
 *                   a token stays accepted after its signing key was removed from the realm's key set
 * @param maxEntries how many verified tokens are kept; when full, expired ones are dropped, else all are
 */
@Validated
@ConfigurationProperties("crm.gateway.token-cache")
public record TokenCacheProperties(
        @DefaultValue("true") boolean enabled,
        @NotNull @DefaultValue("60s") Duration ttl,
        @Min(1) @DefaultValue("10000") int maxEntries) {

    /** Longer would keep a token whose key was rotated out accepted for too long. */
    static final Duration MAX_TTL = Duration.ofMinutes(5);

    public TokenCacheProperties {
        if (ttl != null && (ttl.isNegative() || ttl.isZero() || ttl.compareTo(MAX_TTL) > 0)) {
            throw new IllegalArgumentException("crm.gateway.token-cache.ttl must be above 0 and at most " + MAX_TTL.toSeconds()
                    + " s, got " + ttl);
        }
        if (maxEntries < 1) {
            throw new IllegalArgumentException("crm.gateway.token-cache.max-entries must be at least 1, got " + maxEntries);
        }
    }
}
