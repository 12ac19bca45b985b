package org.crmsuite.gateway;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanKind;

import org.crmsuite.platform.security.Roles;
import org.crmsuite.platform.test.TestIssuer;
import org.crmsuite.platform.test.UseTestIssuer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.cloud.circuitbreaker.resilience4j.ReactiveResilience4JCircuitBreakerFactory;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * The gateway as a client sees it, against WireMock standing in for the services and the platform's test issuer
 * standing in for Keycloak. One Spring context for all cases: each case uses its own service where its effect
 * (an open breaker, a slow answer) could leak into another.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "crm.gateway.resilience.service-timeouts.ticket=700ms",
        "crm.gateway.resilience.circuit-breaker.minimum-calls=3",
        "crm.gateway.resilience.circuit-breaker.sliding-window-size=3",
        "crm.gateway.resilience.circuit-breaker.wait-in-open-state=10m",
        // Every trace recorded, so the span assertions do not depend on the sampling draw.
        "management.tracing.sampling.probability=1.0"})
@UseTestIssuer
@Import(RecordedSpans.class)
class GatewayTest {

    private static final WireMockServer services = new WireMockServer(wireMockConfig().bindAddress("127.0.0.1").dynamicPort());
    /** analytics-service is "down": nothing listens on its port. */
    private static final int NOTHING_LISTENS = freePort();
    private static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";
    private static final String CLIENT_SPAN_ID = "00f067aa0ba902b7";

    static {
        services.start();
    }

    @DynamicPropertySource
    static void serviceUrls(DynamicPropertyRegistry registry) {
        registry.add("crm.gateway.services.customer", services::baseUrl);
        registry.add("crm.gateway.services.ticket", services::baseUrl);
        registry.add("crm.gateway.services.sales", services::baseUrl);
        registry.add("crm.gateway.services.notification", services::baseUrl);
        registry.add("crm.gateway.services.analytics", () -> "http://127.0.0.1:" + NOTHING_LISTENS);
    }

    @AfterAll
    static void stopServices() {
        services.stop();
    }

    @LocalServerPort
    int port;

    @Autowired
    ReactiveResilience4JCircuitBreakerFactory circuitBreakers;

    @Autowired
    RecordedSpans spans;

    WebTestClient client;

    @BeforeEach
    void setUp() {
        services.resetAll();
        client = WebTestClient.bindToServer().baseUrl("http://127.0.0.1:" + port).responseTimeout(Duration.ofSeconds(20)).build();
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String token(String... roles) {
        return TestIssuer.get().token("li.wei", List.of(roles), List.of("/sales/east"));
    }

    @Nested
    class Authentication {

        @Test
        void a_request_without_token_gets_401_problem_with_bearer_challenge() {
            client.get().uri("/api/v1/customers").exchange()
                    .expectStatus().isUnauthorized()
                    .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                    .expectHeader().valueEquals(HttpHeaders.WWW_AUTHENTICATE, "Bearer")
                    .expectHeader().exists("X-Request-Id")
                    .expectBody()
                    .jsonPath("$.type").isEqualTo("urn:crm:problem:unauthorized")
                    .jsonPath("$.status").isEqualTo(401)
                    .jsonPath("$.title").isEqualTo("Sign-in required");
            assertThat(services.getAllServeEvents()).isEmpty();
        }

        @Test
        void a_forged_token_gets_401_problem() {
            client.get().uri("/api/v1/customers")
                    .header(HttpHeaders.AUTHORIZATION, "Bearer " + TestIssuer.get().forgedToken("mallory", List.of(Roles.CRM_ADMIN)))
                    .exchange()
                    .expectStatus().isUnauthorized()
                    .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                    .expectHeader().valueEquals(HttpHeaders.WWW_AUTHENTICATE, "Bearer error=\"invalid_token\"")
                    .expectBody().jsonPath("$.type").isEqualTo("urn:crm:problem:unauthorized");
            assertThat(services.getAllServeEvents()).isEmpty();
        }

        @Test
        void an_expired_token_gets_401_problem() {
            String expired = TestIssuer.get().token("li.wei", List.of(Roles.CRM_ADMIN), List.of(), Duration.ofMinutes(-5), java.util.Map.of());
            client.get().uri("/api/v1/customers").header(HttpHeaders.AUTHORIZATION, "Bearer " + expired).exchange()
                    .expectStatus().isUnauthorized()
                    .expectBody().jsonPath("$.type").isEqualTo("urn:crm:problem:unauthorized");
        }

        @Test
        void a_token_accepted_once_and_then_altered_is_refused_although_the_original_is_cached() {
            services.stubFor(get("/api/v1/notifications/preferences").willReturn(aResponse().withStatus(200)
                    .withHeader("Content-Type", "application/json").withBody("{\"quietHours\":null}")));
            String token = token();
            client.get().uri("/api/v1/notifications/preferences").header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
                    .exchange().expectStatus().isOk();

            // Other claims under the original signature: checked in full (another cache key) and refused.
            String[] parts = token.split("\\.");
            String claims = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
                    .replace("\"preferred_username\":\"li.wei\"", "\"preferred_username\":\"mallory\"");
            assertThat(claims).contains("mallory");
            String tampered = parts[0] + "." + Base64.getUrlEncoder().withoutPadding()
                    .encodeToString(claims.getBytes(StandardCharsets.UTF_8)) + "." + parts[2];
            for (int i = 0; i < 2; i++) {
                client.get().uri("/api/v1/notifications/preferences").header(HttpHeaders.AUTHORIZATION, "Bearer " + tampered)
                        .exchange()
                        .expectStatus().isUnauthorized()
                        .expectHeader().valueEquals(HttpHeaders.WWW_AUTHENTICATE, "Bearer error=\"invalid_token\"");
            }
            // The original is still accepted (from the cache), the tampered copy never reached the service.
            client.get().uri("/api/v1/notifications/preferences").header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
                    .exchange().expectStatus().isOk();
            assertThat(services.getAllServeEvents()).hasSize(2);
        }

        @Test
        void the_problem_title_follows_the_callers_language() {
            client.get().uri("/api/v1/tickets").header(HttpHeaders.ACCEPT_LANGUAGE, "zh-CN").exchange()
                    .expectStatus().isUnauthorized()
                    .expectBody().jsonPath("$.title").isEqualTo("需要登录");
        }
    }

    @Nested
    class Roles_per_route {

        @Test
        void a_token_without_a_role_for_the_route_gets_403_problem() {
            client.get().uri("/api/v1/sales/opportunities").header(HttpHeaders.AUTHORIZATION, "Bearer " + token(Roles.SERVICE_AGENT))
                    .exchange()
                    .expectStatus().isForbidden()
                    .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                    .expectBody().jsonPath("$.type").isEqualTo("urn:crm:problem:forbidden");
            client.get().uri("/api/v1/tickets").header(HttpHeaders.AUTHORIZATION, "Bearer " + token(Roles.ANALYST))
                    .exchange()
                    .expectStatus().isForbidden();
            client.get().uri("/api/v1/customers").header(HttpHeaders.AUTHORIZATION, "Bearer " + token())
                    .exchange()
                    .expectStatus().isForbidden();
            assertThat(services.getAllServeEvents()).isEmpty();
        }

        @Test
        void notifications_are_open_to_any_authenticated_caller() {
            services.stubFor(get("/api/v1/notifications/preferences").willReturn(aResponse().withStatus(200)
                    .withHeader("Content-Type", "application/json").withBody("{\"quietHours\":null}")));
            client.get().uri("/api/v1/notifications/preferences").header(HttpHeaders.AUTHORIZATION, "Bearer " + token())
                    .exchange()
                    .expectStatus().isOk();
        }

        @Test
        void a_write_with_the_right_role_reaches_the_service_with_its_body() {
            services.stubFor(post("/api/v1/sales/leads").willReturn(aResponse().withStatus(201)
                    .withHeader("Location", "/api/v1/sales/leads/7").withHeader("Content-Type", "application/json")
                    .withBody("{\"id\":7}")));
            client.post().uri("/api/v1/sales/leads").header(HttpHeaders.AUTHORIZATION, "Bearer " + token(Roles.SALES_REP))
                    .contentType(MediaType.APPLICATION_JSON).bodyValue("{\"company\":\"上海示例有限公司\"}")
                    .exchange()
                    .expectStatus().isCreated()
                    .expectHeader().valueEquals(HttpHeaders.LOCATION, "/api/v1/sales/leads/7")
                    .expectBody().jsonPath("$.id").isEqualTo(7);
            services.verify(postRequestedFor(urlEqualTo("/api/v1/sales/leads"))
                    .withRequestBody(equalToJson("{\"company\":\"上海示例有限公司\"}")));
        }

        @Test
        void no_route_gives_404_problem_to_an_authenticated_caller() {
            client.get().uri("/api/v1/nothing-here").header(HttpHeaders.AUTHORIZATION, "Bearer " + token(Roles.CRM_ADMIN))
                    .exchange()
                    .expectStatus().isNotFound()
                    .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                    .expectBody().jsonPath("$.type").isEqualTo("urn:crm:problem:not-found");
        }
    }

    @Nested
    class Relaying {

        @Test
        void the_service_gets_the_token_the_request_id_and_the_trace_context() {
            String token = token(Roles.SALES_REP);
            services.stubFor(get("/api/v1/customers/42?fields=name").willReturn(aResponse().withStatus(200)
                    .withHeader("Content-Type", "application/json")
                    .withHeader("X-Request-Id", "req-20260101-0001") // services echo the id too
                    .withBody("{\"id\":42,\"name\":\"北京样例科技有限公司\"}")));

            client.get().uri("/api/v1/customers/42?fields=name")
                    .header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
                    .header("X-Request-Id", "req-20260101-0001")
                    .header("traceparent", "00-" + TRACE_ID + "-" + CLIENT_SPAN_ID + "-01")
                    .exchange()
                    .expectStatus().isOk()
                    .expectHeader().values("X-Request-Id", values -> assertThat(values).containsExactly("req-20260101-0001"))
                    .expectBody().jsonPath("$.name").isEqualTo("北京样例科技有限公司");

            LoggedRequest seen = onlyRequestTo("/api/v1/customers/42?fields=name");
            assertThat(seen.getHeader(HttpHeaders.AUTHORIZATION)).isEqualTo("Bearer " + token);
            assertThat(seen.getHeader("X-Request-Id")).isEqualTo("req-20260101-0001");
            // Same trace as the caller's, under the gateway's own span.
            assertThat(seen.getHeader("traceparent")).matches("00-" + TRACE_ID + "-[0-9a-f]{16}-01")
                    .doesNotContain(CLIENT_SPAN_ID);
        }

        @Test
        void without_incoming_ids_the_gateway_starts_a_trace_and_the_service_continues_it() {
            services.stubFor(get("/api/v1/customers").willReturn(aResponse().withStatus(200).withBody("[]")));

            String echoed = client.get().uri("/api/v1/customers").header(HttpHeaders.AUTHORIZATION, "Bearer " + token(Roles.DATA_STEWARD))
                    .exchange()
                    .expectStatus().isOk()
                    .returnResult(String.class).getResponseHeaders().getFirst("X-Request-Id");

            LoggedRequest seen = onlyRequestTo("/api/v1/customers");
            assertThat(echoed).matches("[0-9a-f-]{36}");
            assertThat(seen.getHeader("X-Request-Id")).isEqualTo(echoed);
            String[] traceparent = seen.getHeader("traceparent").split("-");
            assertThat(traceparent).hasSize(4);
            String traceId = traceparent[1];
            String parentSpanId = traceparent[2];
            // The service's parent is the gateway's client span for this call, in the trace of the gateway's server
            // span for the request, which carries the request id.
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                assertThat(spans.ended).anySatisfy(span -> {
                    assertThat(span.getSpanId()).isEqualTo(parentSpanId);
                    assertThat(span.getTraceId()).isEqualTo(traceId);
                    assertThat(span.getKind()).isEqualTo(SpanKind.CLIENT);
                });
                assertThat(spans.ended).anySatisfy(span -> {
                    assertThat(span.getTraceId()).isEqualTo(traceId);
                    assertThat(span.getKind()).isEqualTo(SpanKind.SERVER);
                    assertThat(span.getAttributes().get(AttributeKey.stringKey("request.id"))).isEqualTo(echoed);
                });
            });
        }

        @Test
        void an_unsafe_request_id_is_replaced() {
            services.stubFor(get("/api/v1/customers").willReturn(aResponse().withStatus(200).withBody("[]")));

            String echoed = client.get().uri("/api/v1/customers").header(HttpHeaders.AUTHORIZATION, "Bearer " + token(Roles.CRM_ADMIN))
                    .header("X-Request-Id", "<script>alert(1)</script>")
                    .exchange()
                    .expectStatus().isOk()
                    .returnResult(String.class).getResponseHeaders().getFirst("X-Request-Id");

            assertThat(echoed).matches("[0-9a-f-]{36}");
            assertThat(onlyRequestTo("/api/v1/customers").getHeader("X-Request-Id")).isEqualTo(echoed);
        }

        @Test
        void the_services_own_errors_pass_through_unchanged() {
            services.stubFor(get("/api/v1/customers/404").willReturn(aResponse().withStatus(404)
                    .withHeader("Content-Type", "application/problem+json")
                    .withBody("{\"type\":\"urn:crm:problem:not-found\",\"detail\":\"no customer 404\"}")));
            client.get().uri("/api/v1/customers/404").header(HttpHeaders.AUTHORIZATION, "Bearer " + token(Roles.CRM_ADMIN))
                    .exchange()
                    .expectStatus().isNotFound()
                    .expectBody().jsonPath("$.detail").isEqualTo("no customer 404");
        }

        private LoggedRequest onlyRequestTo(String url) {
            List<LoggedRequest> requests = services.findAll(getRequestedFor(urlEqualTo(url)));
            assertThat(requests).hasSize(1);
            return requests.getFirst();
        }
    }

    @Nested
    class Resilience {

        @Test
        void a_service_that_is_down_gives_503_problem_and_then_an_open_breaker() {
            for (int i = 0; i < 5; i++) {
                client.get().uri("/api/v1/analytics/kpis").header(HttpHeaders.AUTHORIZATION, "Bearer " + token(Roles.ANALYST))
                        .exchange()
                        .expectStatus().isEqualTo(HttpStatus.SERVICE_UNAVAILABLE)
                        .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                        .expectHeader().exists("X-Request-Id")
                        .expectBody()
                        .jsonPath("$.type").isEqualTo("urn:crm:problem:service-unavailable")
                        .jsonPath("$.detail").value(detail -> assertThat(detail.toString()).contains("analytics-service"));
            }
            // After three failures the breaker is open: callers get the same 503 without waiting on a connection.
            assertThat(circuitBreakers.getCircuitBreakerRegistry().find("analytics-service"))
                    .hasValueSatisfying(breaker -> assertThat(breaker.getState()).isEqualTo(CircuitBreaker.State.OPEN));
        }

        @Test
        void a_service_slower_than_its_time_limit_gives_504_problem() {
            services.stubFor(get(urlPathMatching("/api/v1/tickets/slow")).willReturn(aResponse().withStatus(200)
                    .withFixedDelay(5_000).withBody("{}")));

            long started = System.nanoTime();
            client.get().uri("/api/v1/tickets/slow").header(HttpHeaders.AUTHORIZATION, "Bearer " + token(Roles.SERVICE_AGENT))
                    .exchange()
                    .expectStatus().isEqualTo(HttpStatus.GATEWAY_TIMEOUT)
                    .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                    .expectBody()
                    .jsonPath("$.type").isEqualTo("urn:crm:problem:gateway-timeout")
                    .jsonPath("$.detail").value(detail -> assertThat(detail.toString()).contains("ticket-service"));
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(4));
        }
    }

    @Nested
    class Open_paths {

        @Test
        void probes_and_metrics_need_no_token() {
            client.get().uri("/actuator/health/liveness").exchange().expectStatus().isOk();
            client.get().uri("/actuator/health/readiness").exchange().expectStatus().isOk();
            client.get().uri("/actuator/prometheus").exchange().expectStatus().isOk()
                    .expectBody(String.class).value(body -> assertThat(body).contains("jvm_memory_used_bytes"));
        }

        @Test
        void customers_answer_a_satisfaction_survey_without_an_account() {
            services.stubFor(get("/api/v1/tickets/surveys/one-time-token").willReturn(aResponse().withStatus(200)
                    .withHeader("Content-Type", "application/json").withBody("{\"ticketNumber\":\"T-2026-000001\"}")));
            client.get().uri("/api/v1/tickets/surveys/one-time-token").exchange().expectStatus().isOk();
            // the rest of the ticket API stays closed
            client.get().uri("/api/v1/tickets/T-2026-000001").exchange().expectStatus().isUnauthorized();
        }

        @Test
        void other_actuator_endpoints_are_for_admins() {
            client.get().uri("/actuator/metrics").exchange().expectStatus().isUnauthorized();
            client.get().uri("/actuator/metrics").header(HttpHeaders.AUTHORIZATION, "Bearer " + token(Roles.SALES_REP))
                    .exchange().expectStatus().isForbidden();
            client.get().uri("/actuator/metrics").header(HttpHeaders.AUTHORIZATION, "Bearer " + token(Roles.CRM_ADMIN))
                    .exchange().expectStatus().isOk();
        }

        @Test
        void swagger_ui_lists_every_services_api_docs() {
            client.get().uri("/swagger-ui.html").exchange().expectStatus().is3xxRedirection();
            client.get().uri("/swagger-ui/index.html").exchange().expectStatus().isOk();
            client.get().uri("/v3/api-docs/swagger-config").exchange()
                    .expectStatus().isOk()
                    .expectBody()
                    .jsonPath("$.urls.length()").isEqualTo(5)
                    .jsonPath("$.urls[?(@.name == 'customer-service')].url").isEqualTo("/v3/api-docs/customer")
                    .jsonPath("$.urls[?(@.name == 'analytics-service')].url").isEqualTo("/v3/api-docs/analytics");
        }

        @Test
        void a_services_api_docs_come_through_the_gateway_without_a_token() {
            services.stubFor(get("/v3/api-docs").willReturn(aResponse().withStatus(200)
                    .withHeader("Content-Type", "application/json").withBody("{\"openapi\":\"3.1.0\",\"info\":{\"title\":\"customer-service\"}}")));
            client.get().uri("/v3/api-docs/customer").exchange()
                    .expectStatus().isOk()
                    .expectBody().jsonPath("$.info.title").isEqualTo("customer-service");
            services.verify(getRequestedFor(urlEqualTo("/v3/api-docs")).withHeader(HttpHeaders.AUTHORIZATION, absent())
                    .withHeader("X-Request-Id", matching(".+")).withHeader("traceparent", matching("00-.+")));
            // A down service's docs are a problem response too, not an error page.
            client.get().uri("/v3/api-docs/analytics").exchange()
                    .expectStatus().isEqualTo(HttpStatus.SERVICE_UNAVAILABLE)
                    .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
        }

        @Test
        void unknown_paths_still_need_a_token() {
            client.get().uri("/admin").exchange().expectStatus().isUnauthorized()
                    .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
        }
    }
}
