package org.crmsuite.sales.conversion;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.WireMock;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.http.converter.autoconfigure.HttpMessageConvertersAutoConfiguration;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.cloud.openfeign.EnableFeignClients;
import org.springframework.cloud.openfeign.FeignAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The OpenFeign client and its circuit breaker against a WireMock customer-service: the bearer token and the
 * idempotency key travel, answers and problems are read, and timeouts, 5xx and an open circuit become
 * {@link CustomerDirectory.Unavailable} fast. A small Spring context: Feign, Jackson and the client, nothing else.
 */
@SpringBootTest(classes = CustomerDirectoryTest.Client.class, webEnvironment = SpringBootTest.WebEnvironment.NONE, properties = {
        "crm.sales.customer-service.connect-timeout=1s",
        "crm.sales.customer-service.read-timeout=2s",
        "crm.sales.customer-service.circuit-breaker.failure-rate-threshold=50",
        "crm.sales.customer-service.circuit-breaker.sliding-window-size=4",
        "crm.sales.customer-service.circuit-breaker.minimum-calls=4",
        "crm.sales.customer-service.circuit-breaker.open-for=1h"})
class CustomerDirectoryTest {

    static final WireMockServer CUSTOMER_SERVICE = new WireMockServer(wireMockConfig().dynamicPort());
    static final String TOKEN = "token-of-the-rep";

    static {
        CUSTOMER_SERVICE.start();
    }

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(CustomerServiceProperties.class)
    @EnableFeignClients(clients = CustomerServiceApi.class)
    @ImportAutoConfiguration({JacksonAutoConfiguration.class, HttpMessageConvertersAutoConfiguration.class, FeignAutoConfiguration.class})
    static class Client {
        @Bean
        CustomerDirectory customerDirectory(CustomerServiceApi api, CustomerServiceProperties properties) {
            return new CustomerDirectory(api, properties);
        }
    }

    @DynamicPropertySource
    static void customerService(DynamicPropertyRegistry registry) {
        registry.add("crm.sales.customer-service.url", CUSTOMER_SERVICE::baseUrl);
    }

    @Autowired
    CustomerDirectory directory;

    final CustomerDraft draft = new CustomerDraft("苏州精密机械有限公司", null, null, null, "江苏省", "苏州市", null, null, null, null, null,
            "SALES_VISIT", "rep", "/sales/east", null);

    @BeforeEach
    void signedIn() {
        CUSTOMER_SERVICE.resetAll();
        directory.circuitBreaker().reset();
        Jwt jwt = Jwt.withTokenValue(TOKEN).header("alg", "none").subject("rep").issuedAt(Instant.now())
                .expiresAt(Instant.now().plusSeconds(60)).build();
        SecurityContextHolder.getContext().setAuthentication(new JwtAuthenticationToken(jwt));
    }

    @AfterEach
    void signedOut() {
        SecurityContextHolder.clearContext();
    }

    @AfterAll
    static void stop() {
        CUSTOMER_SERVICE.stop();
    }

    @Test
    void readsTheDuplicateCandidatesPassingTheCallersToken() {
        UUID id = UUID.randomUUID();
        CUSTOMER_SERVICE.stubFor(post("/api/v1/customers/duplicates/check")
                .withHeader("Authorization", equalTo("Bearer " + TOKEN))
                .withRequestBody(equalToJson("{\"legalName\":\"苏州精密机械有限公司\",\"province\":\"江苏省\"}", true, true))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                        .withBody("{\"candidates\":[{\"id\":\"" + id + "\",\"code\":\"C-000042\",\"name\":\"苏州精密机械有限公司\",\"score\":93,"
                                + "\"reasons\":[\"name 100% similar\"],\"later\":\"ignored\"}]}")));

        List<Candidate> candidates = directory.duplicates(draft);

        assertThat(candidates).containsExactly(new Candidate(id, "C-000042", "苏州精密机械有限公司", 93, List.of("name 100% similar")));
    }

    @Test
    void registersWithTheIdempotencyKeyAndReadsTheNewId() {
        UUID id = UUID.randomUUID();
        CUSTOMER_SERVICE.stubFor(post("/api/v1/customers").withHeader("Idempotency-Key", equalTo("lead-conversion-1"))
                .willReturn(aResponse().withStatus(201).withHeader("Content-Type", "application/json")
                        .withBody("{\"id\":\"" + id + "\",\"code\":\"C-000043\"}")));

        assertThat(directory.register("lead-conversion-1", draft.anyway())).isEqualTo(id);
        CUSTOMER_SERVICE.verify(postRequestedFor(urlEqualTo("/api/v1/customers"))
                .withRequestBody(equalToJson("{\"createAnyway\":true,\"ownerId\":\"rep\"}", true, true)));
    }

    @Test
    void aProblemIsAnAnswerThatDoesNotOpenTheCircuit() {
        UUID existing = UUID.randomUUID();
        CUSTOMER_SERVICE.stubFor(post("/api/v1/customers").willReturn(aResponse().withStatus(409)
                .withHeader("Content-Type", "application/problem+json")
                .withBody("{\"type\":\"urn:crm:problem:conflict\",\"conflict\":\"same-uscc\",\"candidates\":[{\"id\":\"" + existing
                        + "\",\"code\":\"C-000001\",\"name\":\"X\",\"score\":100,\"reasons\":[]}]}")));
        CUSTOMER_SERVICE.stubFor(get(urlEqualTo("/api/v1/customers/" + existing)).willReturn(aResponse().withStatus(404)));

        for (int i = 0; i < 6; i++) {
            assertThatThrownBy(() -> directory.register("k", draft)).isInstanceOfSatisfying(CustomerDirectory.Refused.class, refused -> {
                assertThat(refused.status()).isEqualTo(409);
                assertThat(refused.problem().get("conflict")).isEqualTo("same-uscc");
                assertThat(Candidate.listed(refused.problem())).extracting(Candidate::id).containsExactly(existing);
            });
            assertThat(directory.customer(existing)).isEmpty();
        }
        assertThat(directory.circuitBreaker().getState().name()).isEqualTo("CLOSED");
    }

    @Test
    void aSlowCustomerServiceTimesOut() {
        CUSTOMER_SERVICE.stubFor(post("/api/v1/customers/duplicates/check").willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody("{\"candidates\":[]}").withFixedDelay(8_000)));

        long start = System.nanoTime();
        assertThatThrownBy(() -> directory.duplicates(draft)).isInstanceOf(CustomerDirectory.Unavailable.class);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(6_000));
    }

    @Test
    void serverErrorsOpenTheCircuitAndThenNoCallLeaves() {
        CUSTOMER_SERVICE.stubFor(post("/api/v1/customers/duplicates/check").willReturn(aResponse().withStatus(503)));

        for (int i = 0; i < 4; i++) {
            assertThatThrownBy(() -> directory.duplicates(draft)).isInstanceOf(CustomerDirectory.Unavailable.class)
                    .hasMessageContaining("503");
        }
        assertThat(directory.circuitBreaker().getState().name()).isEqualTo("OPEN");

        CUSTOMER_SERVICE.stubFor(post("/api/v1/customers/duplicates/check").willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody("{\"candidates\":[]}")));
        assertThatThrownBy(() -> directory.duplicates(draft)).isInstanceOf(CustomerDirectory.Unavailable.class)
                .hasMessageContaining("circuit open");
        CUSTOMER_SERVICE.verify(4, postRequestedFor(urlEqualTo("/api/v1/customers/duplicates/check")));
    }

    @Test
    void aConnectionRefusedIsUnavailable() {
        CUSTOMER_SERVICE.stubFor(post("/api/v1/customers/duplicates/check").willReturn(aResponse()
                .withFault(com.github.tomakehurst.wiremock.http.Fault.CONNECTION_RESET_BY_PEER)));
        assertThatThrownBy(() -> directory.duplicates(draft)).isInstanceOf(CustomerDirectory.Unavailable.class);
        assertThat(WireMock.class).isNotNull();
    }

    @Test
    void theBestCandidateIsTheHighestAtOrAboveTheThreshold() {
        Candidate a = new Candidate(UUID.randomUUID(), "C-1", "A", 79, List.of());
        Candidate b = new Candidate(UUID.randomUUID(), "C-2", "B", 80, List.of());
        Candidate c = new Candidate(UUID.randomUUID(), "C-3", "C", 95, List.of());
        Candidate d = new Candidate(UUID.randomUUID(), "C-4", "D", 95, List.of());
        assertThat(Candidate.best(List.of(a), 80)).isEmpty();
        assertThat(Candidate.best(List.of(a, b), 80)).contains(b);
        assertThat(Candidate.best(List.of(b, c, d), 80)).contains(c);
        assertThat(Candidate.best(List.of(), 80)).isEmpty();
        assertThat(Candidate.listed(Map.of("candidates", List.of(Map.of("code", "no id"))))).isEmpty();
    }
}
