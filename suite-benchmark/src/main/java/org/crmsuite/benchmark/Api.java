package org.crmsuite.benchmark;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * HTTP to the stack as a demo user: tokens from the stack's real Keycloak (password grant on {@code crm-web}, reused
 * until a minute before they expire), requests timed from send to the whole body read.
 */
public final class Api {

    public static final JsonMapper JSON = JsonMapper.shared();

    /** One answer: status, body, ETag and how long it took. */
    public record Answer(int status, String body, String etag, long micros) {

        public boolean ok() {
            return status >= 200 && status < 300;
        }

        public JsonNode json() {
            return JSON.readTree(body);
        }

        public long version() {
            return etag == null ? -1 : Long.parseLong(etag.replace("W/", "").replace("\"", ""));
        }
    }

    private record Token(String value, Instant expiresAt) {
    }

    private final HttpClient http = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(5))
            .executor(Executors.newVirtualThreadPerTaskExecutor())
            .version(HttpClient.Version.HTTP_1_1)
            .build();
    private final Map<String, Token> tokens = new ConcurrentHashMap<>();
    private final Map<String, Object> locks = new ConcurrentHashMap<>();

    /**
     * The user's access token. One refresh at a time per user (Keycloak's brute-force protection refuses a burst of
     * concurrent password grants for one user with "Invalid user credentials"), two minutes before expiry, retried;
     * while a refresh fails the old token is used as long as it is valid.
     */
    public String token(String user) {
        Token cached = tokens.get(user);
        if (cached != null && cached.expiresAt().isAfter(Instant.now().plusSeconds(120))) {
            return cached.value();
        }
        synchronized (locks.computeIfAbsent(user, key -> new Object())) {
            cached = tokens.get(user);
            if (cached != null && cached.expiresAt().isAfter(Instant.now().plusSeconds(120))) {
                return cached.value();
            }
            RuntimeException last = null;
            for (int attempt = 1; attempt <= 5; attempt++) {
                try {
                    Token fresh = passwordGrant(user);
                    tokens.put(user, fresh);
                    return fresh.value();
                } catch (RuntimeException e) {
                    last = e;
                    if (cached != null && cached.expiresAt().isAfter(Instant.now().plusSeconds(5))) {
                        return cached.value(); // try again on a later call
                    }
                    try {
                        Thread.sleep(1_000L * attempt);
                    } catch (InterruptedException interrupted) {
                        Thread.currentThread().interrupt();
                        throw e;
                    }
                }
            }
            throw last;
        }
    }

    private Token passwordGrant(String user) {
        String form = "grant_type=password&client_id=crm-web&scope=openid&username=" + URLEncoder.encode(user, StandardCharsets.UTF_8)
                + "&password=demo";
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(StackLauncher.KEYCLOAK + "/realms/crm/protocol/openid-connect/token"))
                    .timeout(Duration.ofSeconds(30)).header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("Keycloak refused a token for " + user + ": " + response.statusCode() + " " + response.body());
            }
            JsonNode answer = JSON.readTree(response.body());
            return new Token(answer.path("access_token").asString(), Instant.now().plusSeconds(answer.path("expires_in").asLong(60)));
        } catch (IOException e) {
            throw new IllegalStateException("cannot reach Keycloak", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    public Answer get(String user, String base, String path) {
        return send(user, "GET", base, path, null, null, null);
    }

    public Answer post(String user, String base, String path, Object body) {
        return send(user, "POST", base, path, body, null, null);
    }

    /** Sends a request; a connection failure answers status 0 (an error for the recorder), never throws. */
    public Answer send(String user, String method, String base, String path, Object body, Long ifMatch, String contentType) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                .timeout(contentType == null ? Duration.ofSeconds(120) : Duration.ofMinutes(60)) // an import answers when its file is done
                .header("Authorization", "Bearer " + token(user))
                .header("Accept", "application/json");
        if (ifMatch != null) {
            request.header("If-Match", "\"" + ifMatch + "\"");
        }
        if (body == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else if (body instanceof String text) {
            request.header("Content-Type", contentType == null ? "application/json" : contentType);
            request.method(method, HttpRequest.BodyPublishers.ofString(text, StandardCharsets.UTF_8));
        } else {
            request.header("Content-Type", "application/json");
            request.method(method, HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body), StandardCharsets.UTF_8));
        }
        long begin = System.nanoTime();
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            long micros = (System.nanoTime() - begin) / 1_000;
            return new Answer(response.statusCode(), response.body(), response.headers().firstValue("ETag").orElse(null), micros);
        } catch (IOException e) {
            return new Answer(0, String.valueOf(e), null, (System.nanoTime() - begin) / 1_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Answer(0, "interrupted", null, (System.nanoTime() - begin) / 1_000);
        }
    }

    public static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
