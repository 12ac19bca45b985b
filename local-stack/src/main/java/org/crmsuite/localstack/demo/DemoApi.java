package org.crmsuite.localstack.demo;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import org.crmsuite.localstack.KeycloakTokens;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The suite's public API as demo data sees it: JSON requests to the gateway, each sent as a named demo user with a
 * token from Keycloak. A request that does not succeed (2xx) throws {@link DemoApiException} with the problem details.
 */
public final class DemoApi {

    private final URI gateway;
    private final KeycloakTokens tokens;
    private final HttpClient http;

    public DemoApi(URI gateway, KeycloakTokens tokens) {
        this.gateway = gateway;
        this.tokens = tokens;
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    }

    public JsonNode get(String user, String path) {
        return send(user, "GET", path, null);
    }

    public JsonNode post(String user, String path, Object body) {
        return send(user, "POST", path, body);
    }

    public JsonNode put(String user, String path, Object body) {
        return send(user, "PUT", path, body);
    }

    public JsonNode patch(String user, String path, Object body) {
        return send(user, "PATCH", path, body);
    }

    /** A change on top of the version the caller read ({@code If-Match}), as every versioned API of the suite asks. */
    public JsonNode postIfMatch(String user, String path, long version, Object body) {
        return send(user, "POST", path, body, version);
    }

    public JsonNode putIfMatch(String user, String path, long version, Object body) {
        return send(user, "PUT", path, body, version);
    }

    public JsonNode sendIfMatch(String user, String method, String path, long version, Object body) {
        return send(user, method, path, body, version);
    }

    /** Sends one request as {@code user}; the body (a record, a map or a JsonNode) goes out as JSON. */
    public JsonNode send(String user, String method, String path, Object body) {
        return send(user, method, path, body, null);
    }

    private JsonNode send(String user, String method, String path, Object body, Long ifMatch) {
        HttpRequest.BodyPublisher publisher = body == null
                ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(JsonMapper.shared().writeValueAsString(body));
        HttpRequest.Builder builder = HttpRequest.newBuilder(gateway.resolve(path))
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", tokens.forDemoUser(user).bearer())
                .header("Accept", "application/json")
                .header("Content-Type", "application/json")
                .header("Accept-Language", "zh-CN");
        if (ifMatch != null) {
            builder.header("If-Match", "\"" + ifMatch + "\"");
        }
        HttpRequest request = builder.method(method, publisher).build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() / 100 != 2) {
                throw new DemoApiException(method + " " + path + " as " + user + " answered " + response.statusCode()
                        + ": " + response.body());
            }
            return response.body().isBlank() ? JsonMapper.shared().missingNode() : JsonMapper.shared().readTree(response.body());
        } catch (IOException e) {
            throw new DemoApiException(method + " " + path + " as " + user + " failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DemoApiException("interrupted", e);
        }
    }

    /** A demo data request that did not succeed. */
    public static final class DemoApiException extends RuntimeException {

        public DemoApiException(String message) {
            super(message);
        }

        public DemoApiException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
