package org.crmsuite.gateway.security;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.security.oauth2.jwt.Jwt;

/**
 * Tokens the gateway has verified in full (signature, issuer, audience, expiry) in the last moments, so the same
 * token on the next requests of a session is not checked again: the RSA signature check and the claims parsing were
 * the largest single piece of the gateway's own work (about 12 % of its event-loop CPU in the benchmark).
 *
 * <p>Safe by construction:
 * <ul>
 *   <li>The key is the SHA-256 of the whole compact token (header, claims and signature). A token changed in any
 *       character, a re-signed or tampered one included, has another key and is checked in full.</li>
 *   <li>Only tokens that passed the full check are remembered ({@link #remember}); a refused token never is.</li>
 *   <li>An entry is trusted until the earlier of the token's own {@code exp} and {@code ttl} after it was checked (the
 *       check itself allows 60 s of clock skew past {@code exp}; the cache does not).</li>
 *   <li>At most {@code maxEntries}: when full, expired entries are dropped, and if that frees nothing, all are (the
 *       next request of each caller is then checked in full once more). Only valid tokens get in, so their number is
 *       bounded by real sessions, not by what an attacker sends.</li>
 * </ul>
 * What it changes: a token signed with a key that the realm has since removed from its key set stays accepted for up
 * to {@code ttl} after its last full check. Resource servers cannot revoke access tokens anyway (they live until
 * {@code exp}); the cache adds no more than that.
 */
public final class VerifiedTokens {

    private final ConcurrentHashMap<TokenHash, Entry> entries = new ConcurrentHashMap<>();
    private final long ttlMillis;
    private final int maxEntries;
    private final Clock clock;

    public VerifiedTokens(Duration ttl, int maxEntries) {
        this(ttl, maxEntries, Clock.systemUTC());
    }

    VerifiedTokens(Duration ttl, int maxEntries, Clock clock) {
        this.ttlMillis = ttl.toMillis();
        this.maxEntries = maxEntries;
        this.clock = clock;
    }

    /**
     * The cache key of a bearer token: its SHA-256. Null for a token with characters outside ASCII, which no valid
     * compact JWS has (base64url and dots); such a token is simply not cached, so no two strings share a key.
     */
    public static TokenHash keyOf(String token) {
        byte[] ascii = new byte[token.length()];
        for (int i = 0; i < ascii.length; i++) {
            char c = token.charAt(i);
            if (c > 0x7F) {
                return null;
            }
            ascii[i] = (byte) c;
        }
        ByteBuffer digest = ByteBuffer.wrap(sha256().digest(ascii));
        return new TokenHash(digest.getLong(), digest.getLong(), digest.getLong(), digest.getLong());
    }

    /** The verified token under this key, if it was checked recently and has not expired since; else null. */
    public Jwt find(TokenHash key) {
        Entry entry = entries.get(key);
        if (entry == null) {
            return null;
        }
        if (clock.millis() >= entry.validUntilMillis()) {
            entries.remove(key, entry);
            return null;
        }
        return entry.jwt();
    }

    /** Remembers a token that has just passed the full check. */
    public void remember(TokenHash key, Jwt jwt) {
        long now = clock.millis();
        long validUntil = now + ttlMillis;
        Instant expiresAt = jwt.getExpiresAt();
        if (expiresAt != null) {
            validUntil = Math.min(validUntil, expiresAt.toEpochMilli());
        }
        if (validUntil <= now) {
            return;
        }
        if (entries.size() >= maxEntries) {
            entries.values().removeIf(entry -> entry.validUntilMillis() <= now);
            if (entries.size() >= maxEntries) {
                entries.clear();
            }
        }
        entries.put(key, new Entry(jwt, validUntil));
    }

    int size() {
        return entries.size();
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    /** SHA-256 of a token as four longs: cheap equals and hashCode, no array kept. */
    public record TokenHash(long a, long b, long c, long d) {
    }

    private record Entry(Jwt jwt, long validUntilMillis) {
    }
}
