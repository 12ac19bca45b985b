package org.crmsuite.notification.directory;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.crmsuite.notification.config.NotificationProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * People from Keycloak's admin REST API ({@code GET /admin/realms/{realm}/users?username=&exact=true}: email and the
 * attributes {@code locale}, {@code zoneinfo}, {@code manager}; {@code GET /admin/realms/{realm}/roles/{role}/users}),
 * called with a service-account token (client credentials). Answers are cached for {@code cache-ttl}. When Keycloak
 * cannot answer (down, 5xx, timeout), the last answer is used even if expired, else the configured directory: a
 * notification is never lost because the directory is down. Queue managers always come from configuration (queues
 * are not a Keycloak concept).
 */
public class KeycloakUserDirectory implements UserDirectory {

    private static final Logger log = LoggerFactory.getLogger(KeycloakUserDirectory.class);

    private final NotificationProperties.Keycloak settings;
    private final UserDirectory fallback;
    private final HttpClient http;
    private final JsonMapper json;
    private final Clock clock;
    private final Counter fallbacks;
    private final Map<String, Cached<Optional<DirectoryUser>>> users = new ConcurrentHashMap<>();
    private final Map<String, Cached<List<String>>> roles = new ConcurrentHashMap<>();
    private volatile Cached<String> token;

    private record Cached<T>(T value, Instant expires) {
    }

    /** Keycloak did not answer usefully. */
    static class Unavailable extends RuntimeException {
        Unavailable(String message, Throwable cause) {
            super(message, cause);
        }
    }

    public KeycloakUserDirectory(NotificationProperties.Keycloak settings, UserDirectory fallback, JsonMapper json, Clock clock, MeterRegistry meters) {
        this.settings = settings;
        this.fallback = fallback;
        this.json = json;
        this.clock = clock;
        this.http = HttpClient.newBuilder().connectTimeout(settings.timeout()).followRedirects(HttpClient.Redirect.NEVER).build();
        this.fallbacks = Counter.builder("crm.notification.directory.fallbacks")
                .description("Directory look-ups answered from the configuration or a stale cache because Keycloak could not answer")
                .register(meters);
    }

    @Override
    public Optional<DirectoryUser> user(String userId) {
        Optional<DirectoryUser> found = cached(users, userId, () -> fetchUser(userId), () -> fallback.user(userId));
        return found.isPresent() ? found : fallback.user(userId);
    }

    @Override
    public List<String> roleMembers(String role) {
        return cached(roles, role, () -> fetchRoleMembers(role), () -> fallback.roleMembers(role));
    }

    @Override
    public List<String> queueManagers(String queue) {
        return fallback.queueManagers(queue);
    }

    private <T> T cached(Map<String, Cached<T>> cache, String key, java.util.function.Supplier<T> fetch, java.util.function.Supplier<T> otherwise) {
        Instant now = clock.instant();
        Cached<T> hit = cache.get(key);
        if (hit != null && hit.expires().isAfter(now)) {
            return hit.value();
        }
        try {
            T value = fetch.get();
            cache.put(key, new Cached<>(value, now.plus(settings.cacheTtl())));
            return value;
        } catch (Unavailable e) {
            fallbacks.increment();
            log.warn("Keycloak directory unavailable for {} ({}); answering from {}", key, e.getMessage(),
                    hit != null ? "the expired cache" : "the configured directory");
            return hit != null ? hit.value() : otherwise.get();
        }
    }

    private Optional<DirectoryUser> fetchUser(String userId) {
        JsonNode found = get("/admin/realms/" + encode(settings.realm()) + "/users?exact=true&briefRepresentation=false&username=" + encode(userId));
        if (found == null || !found.isArray()) {
            return Optional.empty();
        }
        for (JsonNode user : found) {
            if (userId.equalsIgnoreCase(text(user, "username"))) {
                JsonNode attributes = user.get("attributes");
                return Optional.of(new DirectoryUser(userId, text(user, "email"), Languages.normalise(attribute(attributes, "locale")),
                        zone(attribute(attributes, "zoneinfo")), attribute(attributes, "manager")));
            }
        }
        return Optional.empty();
    }

    private List<String> fetchRoleMembers(String role) {
        JsonNode found = get("/admin/realms/" + encode(settings.realm()) + "/roles/" + encode(role) + "/users?first=0&max=1000&briefRepresentation=true");
        List<String> members = new ArrayList<>();
        if (found != null && found.isArray()) {
            found.forEach(user -> {
                String name = text(user, "username");
                if (name != null && (user.get("enabled") == null || user.get("enabled").asBoolean(true))) {
                    members.add(name);
                }
            });
        }
        return List.copyOf(members);
    }

    /** An admin call; a 401 renews the token once; 404 answers null. */
    private JsonNode get(String path) {
        for (int round = 0; round < 2; round++) {
            HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(base() + path)).timeout(settings.timeout())
                    .header("Authorization", "Bearer " + token(round > 0)).header("Accept", "application/json").GET().build());
            if (response.statusCode() == 401 && round == 0) {
                continue;
            }
            if (response.statusCode() == 404) {
                return null;
            }
            if (response.statusCode() / 100 != 2) {
                throw new Unavailable("GET " + path + " answered " + response.statusCode(), null);
            }
            return json.readTree(response.body());
        }
        throw new Unavailable("GET " + path + " is refused with a fresh token (does the client hold view-users?)", null);
    }

    private String token(boolean renew) {
        Cached<String> current = token;
        Instant now = clock.instant();
        if (!renew && current != null && current.expires().isAfter(now)) {
            return current.value();
        }
        String form = "grant_type=client_credentials&client_id=" + encode(settings.clientId()) + "&client_secret=" + encode(settings.clientSecret());
        HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(base() + "/realms/" + encode(settings.realm()) + "/protocol/openid-connect/token"))
                .timeout(settings.timeout()).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build());
        if (response.statusCode() / 100 != 2) {
            throw new Unavailable("token request answered " + response.statusCode(), null);
        }
        JsonNode body = json.readTree(response.body());
        String accessToken = text(body, "access_token");
        if (accessToken == null) {
            throw new Unavailable("token response without access_token", null);
        }
        long expiresIn = body.get("expires_in") == null ? 60 : body.get("expires_in").asLong(60);
        token = new Cached<>(accessToken, now.plusSeconds(Math.max(5, expiresIn - 30)));
        return accessToken;
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new Unavailable(e.getClass().getSimpleName() + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Unavailable("interrupted", e);
        }
    }

    private String base() {
        String url = settings.baseUrl();
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node == null ? null : node.get(field);
        return value == null || value.isNull() || !value.isValueNode() || value.asString().isBlank() ? null : value.asString();
    }

    private static String attribute(JsonNode attributes, String name) {
        JsonNode values = attributes == null ? null : attributes.get(name);
        if (values == null || values.isNull()) {
            return null;
        }
        JsonNode first = values.isArray() ? (values.isEmpty() ? null : values.get(0)) : values;
        return first == null || first.isNull() || first.asString().isBlank() ? null : first.asString().strip();
    }

    private static ZoneId zone(String id) {
        if (id == null) {
            return null;
        }
        try {
            return ZoneId.of(id);
        } catch (DateTimeException e) {
            return null;
        }
    }
}
