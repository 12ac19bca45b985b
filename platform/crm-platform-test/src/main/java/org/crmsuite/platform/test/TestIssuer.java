package org.crmsuite.platform.test;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A stand-in for the Keycloak realm in service-level tests: an HTTP server on 127.0.0.1 serving the realm's OpenID
 * discovery document and JWKS, and tokens shaped like Keycloak's (realm roles, groups, audience), signed with its
 * key. Services validate them through their real {@code issuer-uri} configuration. End-to-end tests use the real
 * Keycloak instead.
 */
public final class TestIssuer {

    public static final String AUDIENCE = "crm-api";
    private static volatile TestIssuer instance;

    private final RSAKey key;
    private final HttpServer server;
    private final String issuer;

    private TestIssuer() {
        try {
            key = new RSAKeyGenerator(2048).keyID("test-" + UUID.randomUUID()).generate();
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (JOSEException | IOException e) {
            throw new IllegalStateException("cannot start the test issuer", e);
        }
        issuer = "http://127.0.0.1:" + server.getAddress().getPort() + "/realms/crm";
        String jwks = new JWKSet(key.toPublicJWK()).toString();
        String discovery = "{\"issuer\":\"" + issuer + "\",\"jwks_uri\":\"" + issuer + "/protocol/openid-connect/certs\","
                + "\"token_endpoint\":\"" + issuer + "/protocol/openid-connect/token\","
                + "\"id_token_signing_alg_values_supported\":[\"RS256\"],\"subject_types_supported\":[\"public\"]}";
        server.createContext("/realms/crm/.well-known/openid-configuration", exchange -> respond(exchange, discovery));
        server.createContext("/realms/crm/protocol/openid-connect/certs", exchange -> respond(exchange, jwks));
        server.setExecutor(null);
        server.start();
    }

    public static synchronized TestIssuer get() {
        if (instance == null) {
            instance = new TestIssuer();
        }
        return instance;
    }

    public String issuer() {
        return issuer;
    }

    /** A bearer token for a user with these realm roles and groups (departments such as {@code /sales/east}). */
    public String token(String username, List<String> roles, List<String> groups) {
        return token(username, roles, groups, Duration.ofMinutes(15), Map.of());
    }

    public String token(String username, List<String> roles, List<String> groups, Duration lifetime, Map<String, Object> extraClaims) {
        Instant now = Instant.now();
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder()
                .issuer(issuer)
                .subject(UUID.nameUUIDFromBytes(username.getBytes(StandardCharsets.UTF_8)).toString())
                .audience(List.of(AUDIENCE))
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(lifetime)))
                .jwtID(UUID.randomUUID().toString())
                .claim("preferred_username", username)
                .claim("name", username)
                .claim("email", username + "@example.com")
                .claim("realm_access", Map.of("roles", roles))
                .claim("groups", groups)
                .claim("azp", "crm-web");
        extraClaims.forEach(claims::claim);
        return sign(claims.build());
    }

    /** A token whose signature is made with another key: must be refused. */
    public String forgedToken(String username, List<String> roles) {
        try {
            RSAKey other = new RSAKeyGenerator(2048).keyID(key.getKeyID()).generate();
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(),
                    new JWTClaimsSet.Builder().issuer(issuer).subject(username).audience(AUDIENCE)
                            .expirationTime(Date.from(Instant.now().plusSeconds(600)))
                            .claim("preferred_username", username).claim("realm_access", Map.of("roles", roles)).build());
            jwt.sign(new RSASSASigner(other));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    private String sign(JWTClaimsSet claims) {
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(), claims);
            jwt.sign(new RSASSASigner(key));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot sign test token", e);
        }
    }

    private static void respond(HttpExchange exchange, String json) {
        try (exchange) {
            byte[] body = json.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
