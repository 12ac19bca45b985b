package org.crmsuite.localstack;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The journey's HTTP client: JSON requests to a base address (the gateway, or one service for its actuator) as a demo
 * user with a token from the stack's Keycloak, answering status, headers and body so a test can assert refusals too.
 */
final class JourneyClient {

    /** One answer: status, the body as JSON (missing node when empty or not JSON), the raw text and the headers. */
    record Answer(String request, int status, JsonNode body, String text, HttpResponse<String> response) {

        String header(String name) {
            return response.headers().firstValue(name).orElse(null);
        }

        long version() {
            String etag = header("ETag");
            if (etag != null) {
                return Long.parseLong(etag.replace("W/", "").replace("\"", ""));
            }
            return body.path("version").asLong();
        }

        /** The body, after checking the status is 2xx; the message names the request and shows the problem otherwise. */
        JsonNode ok() {
            if (status / 100 != 2) {
                throw new AssertionError(request + " answered " + status + ": " + text);
            }
            return body;
        }

        @Override
        public String toString() {
            return request + " -> " + status + " " + (text.length() > 600 ? text.substring(0, 600) + "..." : text);
        }
    }

    private final URI base;
    private final KeycloakTokens tokens;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    JourneyClient(URI base, KeycloakTokens tokens) {
        this.base = base;
        this.tokens = tokens;
    }

    Answer get(String user, String path) {
        return send(user, "GET", path, null, null);
    }

    Answer post(String user, String path, Object body) {
        return send(user, "POST", path, body, null);
    }

    Answer put(String user, String path, Object body) {
        return send(user, "PUT", path, body, null);
    }

    /** Sends as {@code user} (null: no token), with {@code If-Match} when a version is given. */
    Answer send(String user, String method, String path, Object body, Long ifMatch) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(base.resolve(path))
                .timeout(Duration.ofSeconds(60))
                .header("Accept", "application/json, application/problem+json")
                .header("Accept-Language", "en");
        if (user != null) {
            builder.header("Authorization", tokens.forDemoUser(user).bearer());
        }
        if (ifMatch != null) {
            builder.header("If-Match", "\"" + ifMatch + "\"");
        }
        if (body != null) {
            builder.header("Content-Type", "application/json");
        }
        HttpRequest.BodyPublisher publisher = body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(JsonMapper.shared().writeValueAsString(body));
        String described = method + " " + path + " as " + (user == null ? "(no token)" : user);
        try {
            HttpResponse<String> response = http.send(builder.method(method, publisher).build(), HttpResponse.BodyHandlers.ofString());
            return new Answer(described, response.statusCode(), json(response.body()), response.body(), response);
        } catch (IOException e) {
            throw new AssertionError(described + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    private static JsonNode json(String text) {
        if (text == null || text.isBlank()) {
            return JsonMapper.shared().missingNode();
        }
        try {
            return JsonMapper.shared().readTree(text);
        } catch (RuntimeException notJson) {
            return JsonMapper.shared().missingNode();
        }
    }

    /** A JSON object from alternating names and values, in order (values may be null). */
    static Map<String, Object> map(Object... pairs) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put((String) pairs[i], pairs[i + 1]);
        }
        return map;
    }
}
