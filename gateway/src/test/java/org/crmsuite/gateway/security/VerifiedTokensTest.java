package org.crmsuite.gateway.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;

import reactor.core.publisher.Mono;

/** The cache of verified tokens on its own: what it keeps, for how long, and what it never lets through. */
class VerifiedTokensTest {

    private static final Instant NOW = Instant.parse("2026-12-08T09:00:00Z");
    private static final String TOKEN = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJsaS53ZWkifQ.c2lnbmF0dXJl";

    /** A clock the test moves by hand. */
    static final class Hands extends Clock {
        Instant now = NOW;

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    private final Hands clock = new Hands();

    private static Jwt jwt(Instant expiresAt) {
        return Jwt.withTokenValue(TOKEN).header("alg", "RS256").subject("li.wei").issuedAt(NOW.minusSeconds(10))
                .expiresAt(expiresAt).build();
    }

    @Test
    void a_verified_token_is_found_until_the_ttl_has_passed() {
        VerifiedTokens verified = new VerifiedTokens(Duration.ofSeconds(60), 100, clock);
        VerifiedTokens.TokenHash key = VerifiedTokens.keyOf(TOKEN);
        Jwt jwt = jwt(NOW.plus(Duration.ofMinutes(15)));
        verified.remember(key, jwt);

        clock.now = NOW.plusSeconds(59);
        assertThat(verified.find(key)).isSameAs(jwt);
        clock.now = NOW.plusSeconds(60);
        assertThat(verified.find(key)).isNull();
        assertThat(verified.size()).isZero();
    }

    @Test
    void a_token_is_never_trusted_past_its_own_expiry_even_within_the_ttl() {
        VerifiedTokens verified = new VerifiedTokens(Duration.ofSeconds(60), 100, clock);
        VerifiedTokens.TokenHash key = VerifiedTokens.keyOf(TOKEN);
        verified.remember(key, jwt(NOW.plusSeconds(5)));

        clock.now = NOW.plusSeconds(4);
        assertThat(verified.find(key)).isNotNull();
        clock.now = NOW.plusSeconds(5);
        assertThat(verified.find(key)).isNull();

        // A token already past exp (accepted within the check's clock skew) is not kept at all.
        verified.remember(key, jwt(NOW.minusSeconds(1)));
        assertThat(verified.size()).isZero();
    }

    @Test
    void a_token_changed_in_any_character_has_another_key() {
        VerifiedTokens verified = new VerifiedTokens(Duration.ofSeconds(60), 100, clock);
        verified.remember(VerifiedTokens.keyOf(TOKEN), jwt(NOW.plus(Duration.ofMinutes(15))));

        String otherSignature = TOKEN.substring(0, TOKEN.length() - 1) + "X";
        String otherClaims = TOKEN.replace("eyJzdWIiOiJsaS53ZWkifQ", "eyJzdWIiOiJhZG1pbiJ9");
        assertThat(VerifiedTokens.keyOf(otherSignature)).isNotEqualTo(VerifiedTokens.keyOf(TOKEN));
        assertThat(verified.find(VerifiedTokens.keyOf(otherSignature))).isNull();
        assertThat(verified.find(VerifiedTokens.keyOf(otherClaims))).isNull();
        assertThat(verified.find(VerifiedTokens.keyOf(TOKEN))).isNotNull();
    }

    @Test
    void a_token_with_characters_outside_ascii_gets_no_key() {
        assertThat(VerifiedTokens.keyOf(TOKEN + "é")).isNull();
        assertThat(VerifiedTokens.keyOf(TOKEN)).isEqualTo(VerifiedTokens.keyOf(new String(TOKEN)));
    }

    @Test
    void the_cache_never_holds_more_than_its_bound() {
        VerifiedTokens verified = new VerifiedTokens(Duration.ofSeconds(60), 3, clock);
        for (int i = 0; i < 10; i++) {
            verified.remember(VerifiedTokens.keyOf(TOKEN + i), jwt(NOW.plus(Duration.ofMinutes(15))));
            assertThat(verified.size()).isLessThanOrEqualTo(3);
        }
        // Expired entries make room first: the live one stays.
        VerifiedTokens fresh = new VerifiedTokens(Duration.ofSeconds(60), 2, clock);
        fresh.remember(VerifiedTokens.keyOf(TOKEN + "a"), jwt(NOW.plusSeconds(1)));
        fresh.remember(VerifiedTokens.keyOf(TOKEN + "b"), jwt(NOW.plus(Duration.ofMinutes(15))));
        clock.now = NOW.plusSeconds(2);
        fresh.remember(VerifiedTokens.keyOf(TOKEN + "c"), jwt(NOW.plus(Duration.ofMinutes(15))));
        assertThat(fresh.find(VerifiedTokens.keyOf(TOKEN + "b"))).isNotNull();
        assertThat(fresh.find(VerifiedTokens.keyOf(TOKEN + "c"))).isNotNull();
    }

    @Test
    void the_decoder_checks_a_token_once_and_never_caches_a_refusal() {
        AtomicInteger checks = new AtomicInteger();
        Jwt jwt = jwt(NOW.plus(Duration.ofMinutes(15)));
        ReactiveJwtDecoder realm = token -> {
            checks.incrementAndGet();
            return token.equals(TOKEN) ? Mono.just(jwt) : Mono.error(new BadJwtException("signature does not match"));
        };
        CachingJwtDecoder decoder = new CachingJwtDecoder(realm, new VerifiedTokens(Duration.ofSeconds(60), 100, clock));

        assertThat(decoder.decode(TOKEN).block()).isSameAs(jwt);
        assertThat(decoder.decode(TOKEN).block()).isSameAs(jwt);
        assertThat(checks).hasValue(1);

        String tampered = TOKEN.replace("eyJzdWIiOiJsaS53ZWkifQ", "eyJzdWIiOiJhZG1pbiJ9");
        for (int i = 0; i < 2; i++) {
            assertThatThrownBy(() -> decoder.decode(tampered).block()).isInstanceOf(BadJwtException.class);
        }
        assertThat(checks).hasValue(3);

        // Once the entry has expired the token is checked in full again.
        clock.now = NOW.plusSeconds(61);
        decoder.decode(TOKEN).block();
        assertThat(checks).hasValue(4);
    }
}
