package org.crmsuite.localstack;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Gets access tokens from the stack's Keycloak: demo users through the password grant on crm-web, and client credentials. */
public final class KeycloakTokens {

    /** An access token and its decoded claims (not verified: the caller got it straight from Keycloak). */
    public record AccessToken(String value, JsonNode claims, Instant expiresAt) {

        public String bearer() {
            return "Bearer " + value;
        }
    }

    private final URI tokenEndpoint;
    private final HttpClient http;
    private final Map<String, AccessToken> cache = new ConcurrentHashMap<>();

    public KeycloakTokens(URI tokenEndpoint) {
        this.tokenEndpoint = tokenEndpoint;
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    }

    public static KeycloakTokens local() {
        return new KeycloakTokens(Endpoints.tokenEndpoint());
    }

    /** A token for a demo user (password {@code demo}), reused until shortly before it expires. */
    public AccessToken forDemoUser(String username) {
        AccessToken cached = cache.get(username);
        if (cached != null && cached.expiresAt().isAfter(Instant.now().plusSeconds(30))) {
            return cached;
        }
        AccessToken fresh = passwordGrant(Endpoints.WEB_CLIENT, username, Endpoints.DEMO_PASSWORD);
        cache.put(username, fresh);
        return fresh;
    }

    public AccessToken passwordGrant(String clientId, String username, String password) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "password");
        form.put("client_id", clientId);
        form.put("username", username);
        form.put("password", password);
        form.put("scope", "openid");
        return request(form);
    }

    public AccessToken clientCredentials(String clientId, String secret) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "client_credentials");
        form.put("client_id", clientId);
        form.put("client_secret", secret);
        return request(form);
    }

    private AccessToken request(Map<String, String> form) {
        String body = form.entrySet().stream()
                .map(field -> encode(field.getKey()) + "=" + encode(field.getValue()))
                .collect(Collectors.joining("&"));
        HttpRequest request = HttpRequest.newBuilder(tokenEndpoint)
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("Keycloak refused a token (" + form.get("grant_type") + " for "
                        + form.getOrDefault("username", form.get("client_id")) + "): HTTP " + response.statusCode()
                        + " " + response.body());
            }
            JsonNode answer = JsonMapper.shared().readTree(response.body());
            String token = answer.path("access_token").asString();
            return new AccessToken(token, claimsOf(token), Instant.now().plusSeconds(answer.path("expires_in").asLong(60)));
        } catch (IOException e) {
            throw new IllegalStateException("cannot reach Keycloak at " + tokenEndpoint, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** The payload of a JWT, decoded but not verified. */
    public static JsonNode claimsOf(String jwt) {
        String[] parts = jwt.split("\\.");
        if (parts.length < 2) {
            throw new IllegalArgumentException("not a JWT");
        }
        return JsonMapper.shared().readTree(Base64.getUrlDecoder().decode(parts[1]));
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
