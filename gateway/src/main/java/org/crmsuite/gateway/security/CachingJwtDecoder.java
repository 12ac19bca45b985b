package org.crmsuite.gateway.security;

import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;

import reactor.core.publisher.Mono;

/**
 * Spring Boot's token decoder for the realm (signature against the realm's keys, issuer, audience, expiry), asked
 * only for tokens not in {@link VerifiedTokens}. A refused token is an error from the decoder and is never cached;
 * a Keycloak that cannot be reached is still a 503 for every token not seen recently.
 */
public final class CachingJwtDecoder implements ReactiveJwtDecoder {

    private final ReactiveJwtDecoder verifier;
    private final VerifiedTokens verified;

    public CachingJwtDecoder(ReactiveJwtDecoder verifier, VerifiedTokens verified) {
        this.verifier = verifier;
        this.verified = verified;
    }

    @Override
    public Mono<Jwt> decode(String token) {
        VerifiedTokens.TokenHash key = VerifiedTokens.keyOf(token);
        if (key == null) {
            return verifier.decode(token);
        }
        Jwt known = verified.find(key);
        if (known != null) {
            return Mono.just(known);
        }
        return verifier.decode(token).doOnNext(jwt -> verified.remember(key, jwt));
    }
}
