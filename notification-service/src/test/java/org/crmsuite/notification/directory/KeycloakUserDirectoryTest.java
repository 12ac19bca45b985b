package org.crmsuite.notification.directory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.crmsuite.notification.config.NotificationProperties;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import tools.jackson.databind.json.JsonMapper;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

/** The Keycloak admin API as the directory of people, with WireMock standing in for Keycloak (up, slow to change, down). */
class KeycloakUserDirectoryTest {

    static final WireMockServer KEYCLOAK = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
    static final String USERS = "/admin/realms/crm/users";
    static final String TOKEN = "/realms/crm/protocol/openid-connect/token";

    final MutableClock clock = new MutableClock();
    final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    final ConfiguredUserDirectory configured = new ConfiguredUserDirectory(new NotificationProperties.Directory(
            Map.of("*", List.of("service.manager")), Map.of("data-steward", List.of("steward")),
            Map.of("rep.wang", new NotificationProperties.User("wang.config@example.com", "zh-CN", ZoneId.of("Asia/Shanghai"), "sales.manager")), null));
    KeycloakUserDirectory directory;

    @BeforeAll
    static void start() {
        KEYCLOAK.start();
    }

    @AfterAll
    static void stop() {
        KEYCLOAK.stop();
    }

    @BeforeEach
    void setUp() {
        KEYCLOAK.resetAll();
        KEYCLOAK.stubFor(post(TOKEN).willReturn(okJson("{\"access_token\":\"service-token\",\"expires_in\":300,\"token_type\":\"Bearer\"}")));
        directory = new KeycloakUserDirectory(new NotificationProperties.Keycloak(true, "http://127.0.0.1:" + KEYCLOAK.port(), "crm",
                "notification-service", "s3cret-from-env", Duration.ofMinutes(10), Duration.ofSeconds(2)), configured, JsonMapper.builder().build(), clock, meters);
    }

    @Test
    void aUserComesFromKeycloakWithEmailLocaleZoneAndManagerThroughAServiceAccountToken() {
        stubUser("rep.wang", """
                [{"id":"5b1c","username":"rep.wang","email":"wang@corp.example.com","enabled":true,
                  "attributes":{"locale":["en"],"zoneinfo":["Europe/Berlin"],"manager":["sales.manager.east"]}}]""");

        assertThat(directory.user("rep.wang")).contains(new DirectoryUser("rep.wang", "wang@corp.example.com", "en", ZoneId.of("Europe/Berlin"),
                "sales.manager.east"));
        KEYCLOAK.verify(postRequestedFor(urlPathEqualTo(TOKEN)).withRequestBody(containing("grant_type=client_credentials"))
                .withRequestBody(containing("client_id=notification-service")).withRequestBody(containing("client_secret=s3cret-from-env")));
        KEYCLOAK.verify(getRequestedFor(urlPathEqualTo(USERS)).withQueryParam("username", equalTo("rep.wang")).withQueryParam("exact", equalTo("true"))
                .withHeader("Authorization", equalTo("Bearer service-token")));
    }

    @Test
    void answersAreCachedForTheTtlThenLookedUpAgain() {
        stubUser("rep.li", "[{\"username\":\"rep.li\",\"email\":\"li@corp.example.com\",\"attributes\":{\"locale\":[\"zh\"]}}]");
        directory.user("rep.li");
        clock.advance(Duration.ofMinutes(9));
        assertThat(directory.user("rep.li")).map(DirectoryUser::language).contains("zh-CN");
        KEYCLOAK.verify(1, getRequestedFor(urlPathEqualTo(USERS)));

        stubUser("rep.li", "[{\"username\":\"rep.li\",\"email\":\"li.new@corp.example.com\"}]");
        clock.advance(Duration.ofMinutes(2));
        assertThat(directory.user("rep.li")).map(DirectoryUser::email).contains("li.new@corp.example.com");
        KEYCLOAK.verify(2, getRequestedFor(urlPathEqualTo(USERS)));
    }

    @Test
    void whenKeycloakAnswers503TheConfiguredDirectoryAnswersAndTheFallbackIsCounted() {
        KEYCLOAK.stubFor(get(urlPathEqualTo(USERS)).willReturn(aResponse().withStatus(503)));

        assertThat(directory.user("rep.wang")).map(DirectoryUser::email).contains("wang.config@example.com");
        assertThat(directory.user("nobody.known")).isEmpty(); // then the defaults apply (preferences)
        assertThat(meters.counter("crm.notification.directory.fallbacks").count()).isEqualTo(2);
    }

    @Test
    void whenKeycloakGoesDownTheLastAnswerIsKeptRatherThanTheConfiguration() {
        stubUser("rep.wang", "[{\"username\":\"rep.wang\",\"email\":\"wang@corp.example.com\"}]");
        directory.user("rep.wang");
        KEYCLOAK.stop();
        try {
            clock.advance(Duration.ofMinutes(11));
            assertThat(directory.user("rep.wang")).map(DirectoryUser::email).contains("wang@corp.example.com");
        } finally {
            KEYCLOAK.start();
        }
    }

    @Test
    void aTokenRefusedOnceIsRenewedAndAUserKeycloakDoesNotKnowFallsBackToTheConfiguration() {
        KEYCLOAK.stubFor(get(urlPathEqualTo(USERS)).inScenario("expired").whenScenarioStateIs(com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED)
                .willReturn(aResponse().withStatus(401)).willSetStateTo("renewed"));
        KEYCLOAK.stubFor(get(urlPathEqualTo(USERS)).inScenario("expired").whenScenarioStateIs("renewed").willReturn(okJson("[]")));

        assertThat(directory.user("rep.wang")).map(DirectoryUser::email).contains("wang.config@example.com");
        KEYCLOAK.verify(2, postRequestedFor(urlPathEqualTo(TOKEN)));
        assertThat(meters.counter("crm.notification.directory.fallbacks").count()).isZero();
    }

    @Test
    void roleMembersComeFromKeycloakAndQueueManagersFromConfiguration() {
        KEYCLOAK.stubFor(get(urlPathEqualTo("/admin/realms/crm/roles/data-steward/users"))
                .willReturn(okJson("[{\"username\":\"steward\",\"enabled\":true},{\"username\":\"steward.two\"},{\"username\":\"gone\",\"enabled\":false}]")));
        assertThat(directory.roleMembers("data-steward")).containsExactly("steward", "steward.two");
        assertThat(directory.queueManagers("tier-1")).containsExactly("service.manager");
        assertThat(directory.user("someone.else")).isEmpty();
        KEYCLOAK.verify(1, postRequestedFor(urlPathEqualTo(TOKEN))); // one token for both calls while it is valid

        KEYCLOAK.stubFor(get(urlPathEqualTo("/admin/realms/crm/roles/analyst/users")).willReturn(aResponse().withStatus(503)));
        assertThat(directory.roleMembers("analyst")).isEmpty();
    }

    private static void stubUser(String username, String json) {
        KEYCLOAK.stubFor(get(urlPathEqualTo(USERS)).withQueryParam("username", equalTo(username)).willReturn(okJson(json)));
    }

    static final class MutableClock extends Clock {
        private Instant now = Instant.parse("2026-11-23T08:00:00Z");

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
