package org.crmsuite.notification.config;

import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * {@code crm.notification.*}: everything particular to notification-service, checked at start.
 *
 * @param consumerGroup  Kafka consumer group of the event intake
 * @param urgentEventTypes event types that go through quiet hours
 * @param defaults       language, zone and email of users without preferences
 * @param directory      people: configured, or from Keycloak with the configuration as fallback
 * @param delivery       the worker: batch, concurrency, retries
 * @param mail           the sender address
 * @param webhooks       SSRF allow-list and timeouts
 * @param sms            the SMS provider's HTTP API
 */
@Validated
@ConfigurationProperties("crm.notification")
public record NotificationProperties(
        @NotBlank String consumerGroup,
        @NotNull Set<String> urgentEventTypes,
        @Valid @NotNull Defaults defaults,
        @Valid @NotNull Directory directory,
        @Valid @NotNull Delivery delivery,
        @Valid @NotNull Mail mail,
        @Valid @NotNull Webhooks webhooks,
        @Valid @NotNull Sms sms) {

    public NotificationProperties {
        consumerGroup = consumerGroup == null ? "notification-service" : consumerGroup;
        urgentEventTypes = urgentEventTypes == null ? Set.of("crm.ticket.sla-breached.v1", "crm.ticket.escalated.v1") : Set.copyOf(urgentEventTypes);
        defaults = defaults == null ? new Defaults(null, null, null) : defaults;
        directory = directory == null ? new Directory(null, null, null, null) : directory;
        delivery = delivery == null ? new Delivery(null, null, null, null, null, null, null, null) : delivery;
        mail = mail == null ? new Mail(null) : mail;
        webhooks = webhooks == null ? new Webhooks(null, null, null) : webhooks;
        sms = sms == null ? new Sms(null, null, null) : sms;
    }

    /**
     * @param language     language of users without preferences (zh-CN or en)
     * @param zone         their time zone
     * @param emailPattern their address, {@code {user}} replaced by the user id
     */
    public record Defaults(@NotBlank String language, @NotNull ZoneId zone, @NotBlank String emailPattern) {
        public Defaults {
            language = language == null ? "zh-CN" : language;
            zone = zone == null ? ZoneId.of("Asia/Shanghai") : zone;
            emailPattern = emailPattern == null ? "{user}@crm.example.com" : emailPattern;
        }
    }

    /**
     * @param queueManagers queue name → the user ids that manage it ({@code *} for every other queue)
     * @param roleMembers   realm role → the user ids holding it (used when Keycloak is off or unreachable)
     * @param users         user id → email, language, zone and manager (used when Keycloak is off or unreachable)
     * @param keycloak      the Keycloak admin API as the directory of people
     */
    public record Directory(Map<String, List<String>> queueManagers, Map<String, List<String>> roleMembers, Map<String, User> users,
                            @Valid Keycloak keycloak) {
        public Directory {
            queueManagers = queueManagers == null ? Map.of("*", List.of("service.manager")) : Map.copyOf(queueManagers);
            roleMembers = roleMembers == null ? Map.of("data-steward", List.of("steward")) : Map.copyOf(roleMembers);
            users = users == null ? Map.of() : Map.copyOf(users);
            keycloak = keycloak == null ? new Keycloak(false, null, null, null, null, null, null) : keycloak;
        }

        public List<String> managersOf(String queue) {
            List<String> managers = queue == null ? null : queueManagers.get(queue);
            return managers != null ? managers : queueManagers.getOrDefault("*", List.of());
        }
    }

    /**
     * A person as configured (each field optional).
     *
     * @param email    their address
     * @param language zh-CN or en
     * @param zone     their time zone
     * @param manager  the user id of their manager
     */
    public record User(String email, String language, ZoneId zone, String manager) {
    }

    /**
     * {@code crm.notification.directory.keycloak.*}: people from the Keycloak admin REST API, through a confidential
     * client with the service-account roles {@code view-users} and {@code query-users} of {@code realm-management}.
     *
     * @param enabled      off by default (tests and the configured directory)
     * @param baseUrl      Keycloak's root URL, e.g. {@code http://127.0.0.1:8180}
     * @param realm        the realm of the suite's users
     * @param clientId     the service-account client
     * @param clientSecret its secret, from the environment only ({@code NOTIFICATION_KEYCLOAK_CLIENT_SECRET})
     * @param cacheTtl     how long a looked-up person (or their absence) is reused
     * @param timeout      connect and read timeout of one admin call
     */
    public record Keycloak(boolean enabled, String baseUrl, String realm, String clientId, String clientSecret, Duration cacheTtl,
                           Duration timeout) {
        public Keycloak {
            realm = realm == null ? "crm" : realm;
            clientId = clientId == null ? "notification-service" : clientId;
            cacheTtl = cacheTtl == null ? Duration.ofMinutes(10) : cacheTtl;
            timeout = timeout == null ? Duration.ofSeconds(3) : timeout;
            if (enabled && (baseUrl == null || baseUrl.isBlank())) {
                throw new IllegalArgumentException("crm.notification.directory.keycloak.base-url is required when the Keycloak directory is enabled");
            }
            if (enabled && (clientSecret == null || clientSecret.isBlank())) {
                throw new IllegalArgumentException("crm.notification.directory.keycloak.client-secret (env NOTIFICATION_KEYCLOAK_CLIENT_SECRET) "
                        + "is required when the Keycloak directory is enabled");
            }
        }
    }

    /**
     * @param pollInterval   how often the worker looks for due deliveries (it is also woken after each event)
     * @param batchSize      deliveries claimed per round
     * @param concurrency    deliveries sent at once
     * @param maxAttempts    attempts before a delivery goes to the dead-letter list
     * @param initialBackoff pause after the first failure, doubled after each further one
     * @param maxBackoff     the longest pause
     * @param jitter         random part of each pause (0.2 = ±20 %)
     * @param lease          how long a claimed delivery is reserved for the replica that claimed it
     */
    public record Delivery(Duration pollInterval, @Min(1) Integer batchSize, @Min(1) Integer concurrency, @Min(1) Integer maxAttempts,
                           Duration initialBackoff, Duration maxBackoff, Double jitter, Duration lease) {
        public Delivery {
            pollInterval = pollInterval == null ? Duration.ofSeconds(1) : pollInterval;
            batchSize = batchSize == null ? 200 : batchSize;
            concurrency = concurrency == null ? 64 : concurrency;
            maxAttempts = maxAttempts == null ? 6 : maxAttempts;
            initialBackoff = initialBackoff == null ? Duration.ofSeconds(10) : initialBackoff;
            maxBackoff = maxBackoff == null ? Duration.ofHours(1) : maxBackoff;
            jitter = jitter == null ? 0.2 : jitter;
            lease = lease == null ? Duration.ofMinutes(2) : lease;
        }
    }

    /** @param from the sender of every mail */
    public record Mail(@NotBlank String from) {
        public Mail {
            from = from == null ? "CRM <notifications@crm.example.com>" : from;
        }
    }

    /**
     * @param allowedHosts hosts (names or literal addresses) allowed even though they are loopback or private; empty in
     *                     production, 127.0.0.1 in the local stack and tests
     * @param timeout      connect and read timeout of one delivery
     * @param maxClockSkew how old a signed timestamp a receiver should accept (documented for receivers)
     */
    public record Webhooks(Set<String> allowedHosts, Duration timeout, Duration maxClockSkew) {
        public Webhooks {
            allowedHosts = allowedHosts == null ? Set.of() : Set.copyOf(allowedHosts);
            timeout = timeout == null ? Duration.ofSeconds(10) : timeout;
            maxClockSkew = maxClockSkew == null ? Duration.ofMinutes(5) : maxClockSkew;
        }
    }

    /**
     * @param endpoint the provider's send URL (POST {@code {"to","text"}})
     * @param apiKey   sent as {@code Authorization: Bearer}; from the environment only
     * @param timeout  connect and read timeout
     */
    public record Sms(String endpoint, String apiKey, Duration timeout) {
        public Sms {
            endpoint = endpoint == null ? "http://127.0.0.1:8099/sms/send" : endpoint;
            timeout = timeout == null ? Duration.ofSeconds(10) : timeout;
        }
    }
}
