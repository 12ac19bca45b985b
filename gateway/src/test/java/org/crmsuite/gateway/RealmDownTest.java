package org.crmsuite.gateway;

import java.time.Duration;
import java.util.List;

import org.crmsuite.platform.security.Roles;
import org.crmsuite.platform.test.TestIssuer;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Keycloak not (yet) running: the gateway still starts and is ready, since the realm is only contacted for the
 * first token, and a token that cannot be checked gives 503 (not the caller's fault), not 401 or 500.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "spring.security.oauth2.resourceserver.jwt.issuer-uri=http://127.0.0.1:9/realms/crm")
class RealmDownTest {

    @LocalServerPort
    int port;

    @Test
    void starts_ready_and_answers_503_problem_for_a_token_it_cannot_check() {
        WebTestClient client = WebTestClient.bindToServer().baseUrl("http://127.0.0.1:" + port)
                .responseTimeout(Duration.ofSeconds(20)).build();
        client.get().uri("/actuator/health/readiness").exchange().expectStatus().isOk();

        String token = TestIssuer.get().token("li.wei", List.of(Roles.CRM_ADMIN), List.of());
        client.get().uri("/api/v1/customers").header(HttpHeaders.AUTHORIZATION, "Bearer " + token).exchange()
                .expectStatus().isEqualTo(HttpStatus.SERVICE_UNAVAILABLE)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.type").isEqualTo("urn:crm:problem:service-unavailable");
    }
}
