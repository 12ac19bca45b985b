package org.crmsuite.gateway;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.stubbing.Scenario;

import org.crmsuite.gateway.accesslog.AccessLogFilter;
import org.crmsuite.platform.security.Roles;
import org.crmsuite.platform.test.TestIssuer;
import org.crmsuite.platform.test.UseTestIssuer;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.slf4j.event.KeyValuePair;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.EntityExchangeResult;

/**
 * The hardening of the gateway (issue 9) as a client sees it: rate limits, retries, size limits, CORS, security
 * headers, the Swagger UI's sign-in, the access log and the per-route metrics. WireMock stands in for the services,
 * the platform's test issuer for Keycloak; limits are set small so a few requests show them.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "crm.gateway.rate-limits.routes.notification.per-user.capacity=3",
        "crm.gateway.rate-limits.routes.notification.per-user.replenish-per-second=1",
        "crm.gateway.rate-limits.routes.analytics.per-client.capacity=2",
        "crm.gateway.rate-limits.routes.analytics.per-client.replenish-per-second=1",
        "crm.gateway.rate-limits.routes.ticket.per-user.capacity=3",
        "crm.gateway.rate-limits.routes.ticket.per-user.replenish-per-second=1",
        "crm.gateway.resilience.retry.first-backoff=10ms",
        "crm.gateway.size-limits.request=1KB",
        "crm.gateway.size-limits.response=2KB",
        "crm.gateway.size-limits.routes.ticket.request=4KB",
        "crm.gateway.size-limits.routes.analytics.response=8KB",
        "crm.gateway.cors.allowed-origins=https://crm.example.com",
        "crm.gateway.api-docs.issuer-uri=https://sso.example.com/realms/crm"})
@UseTestIssuer
class GatewayHardeningTest extends StandInServicesTest {

    private static String token(String user, String client, String... roles) {
        return TestIssuer.get().token(user, List.of(roles), List.of(), Duration.ofMinutes(5), Map.of("azp", client));
    }

    private static void ok(String url) {
        services.stubFor(get(url).willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                .withBody("{\"ok\":true}")));
    }

    @Nested
    class Rate_limits {

        @Test
        void a_user_past_the_routes_bucket_gets_429_problem_with_retry_after_and_others_go_on() {
            ok("/api/v1/notifications/preferences");
            String wang = token("wang.fang", "crm-web");
            // Three tokens in the bucket, one more per second: on a busy machine a token may come back while the
            // first ones are sent, so count the answers until the first 429.
            int allowed = 0;
            EntityExchangeResult<String> refused = null;
            for (int i = 0; i < 20 && refused == null; i++) {
                EntityExchangeResult<String> answer = client.get().uri("/api/v1/notifications/preferences")
                        .header(HttpHeaders.AUTHORIZATION, "Bearer " + wang).exchange()
                        .expectBody(String.class).returnResult();
                if (answer.getStatus().value() == 429) {
                    refused = answer;
                } else {
                    assertThat(answer.getStatus().value()).isEqualTo(200);
                    assertThat(answer.getResponseHeaders().getFirst("X-RateLimit-Remaining")).isNotNull();
                    allowed++;
                }
            }
            assertThat(allowed).isBetween(3, 10);
            assertThat(refused).isNotNull();
            assertThat(refused.getResponseHeaders().getFirst(HttpHeaders.RETRY_AFTER)).isEqualTo("1");
            assertThat(refused.getResponseHeaders().getFirst("X-RateLimit-Remaining")).isEqualTo("0");
            assertThat(refused.getResponseHeaders().getFirst("X-Request-Id")).isNotBlank();
            assertThat(refused.getResponseHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
            assertThat(refused.getResponseBody()).contains("\"type\":\"urn:crm:problem:too-many-requests\"")
                    .contains("\"status\":429");
            assertThat(services.findAll(getRequestedFor(urlEqualTo("/api/v1/notifications/preferences")))).hasSize(allowed);

            // Another user, and the same user on another route, have their own buckets.
            client.get().uri("/api/v1/notifications/preferences").header(HttpHeaders.AUTHORIZATION, "Bearer " + token("zhao.lei", "crm-web"))
                    .exchange().expectStatus().isOk();
            ok("/api/v1/customers");
            client.get().uri("/api/v1/customers").header(HttpHeaders.AUTHORIZATION, "Bearer " + token("wang.fang", "crm-web", Roles.SALES_REP))
                    .exchange().expectStatus().isOk();
            // The bucket refills at one token per second.
            await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(300)).untilAsserted(() ->
                    client.get().uri("/api/v1/notifications/preferences").header(HttpHeaders.AUTHORIZATION, "Bearer " + wang)
                            .exchange().expectStatus().isOk());
        }

        @Test
        void a_client_application_past_its_bucket_gets_429_whoever_its_users_are() {
            ok("/api/v1/analytics/kpis");
            for (String user : List.of("an.li", "bo.chen")) {
                client.get().uri("/api/v1/analytics/kpis").header(HttpHeaders.AUTHORIZATION, "Bearer " + token(user, "erp-bridge", Roles.ANALYST))
                        .exchange().expectStatus().isOk();
            }
            client.get().uri("/api/v1/analytics/kpis").header(HttpHeaders.AUTHORIZATION, "Bearer " + token("chen.jie", "erp-bridge", Roles.ANALYST))
                    .exchange()
                    .expectStatus().isEqualTo(HttpStatus.TOO_MANY_REQUESTS)
                    .expectHeader().exists(HttpHeaders.RETRY_AFTER)
                    .expectBody().jsonPath("$.detail").value(detail -> assertThat(detail.toString()).contains("erp-bridge"));
            client.get().uri("/api/v1/analytics/kpis").header(HttpHeaders.AUTHORIZATION, "Bearer " + token("chen.jie", "crm-web", Roles.ANALYST))
                    .exchange().expectStatus().isOk();
        }
    }

    @Nested
    class Client_address {

        @Test
        void forwarding_headers_from_a_peer_that_is_no_trusted_proxy_are_ignored_by_the_limits_the_log_and_the_service() {
            services.stubFor(get("/api/v1/tickets/surveys/s-9").willReturn(aResponse().withStatus(200)
                    .withHeader("Content-Type", "application/json").withBody("{}")));
            Logger logger = (Logger) LoggerFactory.getLogger(AccessLogFilter.LOGGER);
            ListAppender<ILoggingEvent> lines = new ListAppender<>();
            lines.start();
            logger.addAppender(lines);
            try {
                // A new made-up address on every call does not give a new bucket: all count as 127.0.0.1 (3 tokens).
                // Sent at once, so the burst outruns the refill of 1 token/s even on a slow machine.
                org.springframework.web.reactive.function.client.WebClient web =
                        org.springframework.web.reactive.function.client.WebClient.create("http://127.0.0.1:" + port);
                List<Integer> statuses = reactor.core.publisher.Flux.range(0, 10)
                        .flatMap(i -> web.get().uri("/api/v1/tickets/surveys/s-9")
                                .header("X-Forwarded-For", "203.0.113." + i).header("Forwarded", "for=198.51.100." + i)
                                .header("X-Request-Id", "spoof-" + i)
                                .exchangeToMono(answer -> answer.releaseBody().thenReturn(answer.statusCode().value())))
                        .collectList().block(Duration.ofSeconds(60));
                assertThat(statuses).contains(429).contains(200);

                com.github.tomakehurst.wiremock.verification.LoggedRequest seen =
                        services.findAll(getRequestedFor(urlEqualTo("/api/v1/tickets/surveys/s-9"))).getFirst();
                assertThat(seen.getHeader("X-Forwarded-For")).isEqualTo("127.0.0.1");
                assertThat(seen.containsHeader("Forwarded")).isFalse();
                await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
                    for (int i = 0; i < 10; i++) {
                        assertThat(Observability.fields(lines, "spoof-" + i)).containsEntry("clientAddress", "127.0.0.1")
                                .containsEntry("user", "anonymous@127.0.0.1");
                    }
                });
            } finally {
                logger.detachAppender(lines);
            }
        }
    }

    @Nested
    class Retries {

        @Test
        void a_read_is_tried_again_after_a_dropped_connection() {
            services.stubFor(get("/api/v1/customers/7").inScenario("flaky").whenScenarioStateIs(Scenario.STARTED)
                    .willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)).willSetStateTo("recovered"));
            services.stubFor(get("/api/v1/customers/7").inScenario("flaky").whenScenarioStateIs("recovered")
                    .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody("{\"id\":7}")));

            client.get().uri("/api/v1/customers/7").header(HttpHeaders.AUTHORIZATION, "Bearer " + token("li.wei", "crm-web", Roles.SALES_REP))
                    .exchange()
                    .expectStatus().isOk()
                    .expectBody().jsonPath("$.id").isEqualTo(7);
            assertThat(services.findAll(getRequestedFor(urlEqualTo("/api/v1/customers/7")))).hasSize(2);
        }

        @Test
        void a_write_is_never_tried_again() {
            services.stubFor(post("/api/v1/sales/leads").willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));

            client.post().uri("/api/v1/sales/leads").header(HttpHeaders.AUTHORIZATION, "Bearer " + token("li.wei", "crm-web", Roles.SALES_REP))
                    .contentType(MediaType.APPLICATION_JSON).bodyValue("{\"company\":\"示例\"}")
                    .exchange()
                    .expectStatus().isEqualTo(HttpStatus.SERVICE_UNAVAILABLE)
                    .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
            assertThat(services.findAll(postRequestedFor(urlEqualTo("/api/v1/sales/leads")))).hasSize(1);
        }
    }

    @Nested
    class Size_limits {

        @Test
        void a_request_body_over_the_limit_gets_413_problem_and_never_reaches_the_service() {
            client.post().uri("/api/v1/sales/leads").header(HttpHeaders.AUTHORIZATION, "Bearer " + token("li.wei", "crm-web", Roles.SALES_REP))
                    .contentType(MediaType.APPLICATION_JSON).bodyValue("{\"notes\":\"" + "x".repeat(2000) + "\"}")
                    .exchange()
                    .expectStatus().isEqualTo(HttpStatus.CONTENT_TOO_LARGE)
                    .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                    .expectBody().jsonPath("$.type").isEqualTo("urn:crm:problem:payload-too-large");
            assertThat(services.getAllServeEvents()).isEmpty();
        }

        @Test
        void a_route_with_its_own_limits_takes_larger_bodies_and_answers() {
            services.stubFor(post("/api/v1/tickets").willReturn(aResponse().withStatus(201)));
            String agent = token("zhou.min", "crm-web", Roles.SERVICE_AGENT);
            client.post().uri("/api/v1/tickets").header(HttpHeaders.AUTHORIZATION, "Bearer " + agent)
                    .contentType(MediaType.APPLICATION_JSON).bodyValue("{\"description\":\"" + "x".repeat(2000) + "\"}")
                    .exchange()
                    .expectStatus().isCreated();
            client.post().uri("/api/v1/tickets").header(HttpHeaders.AUTHORIZATION, "Bearer " + agent)
                    .contentType(MediaType.APPLICATION_JSON).bodyValue("{\"description\":\"" + "x".repeat(5000) + "\"}")
                    .exchange()
                    .expectStatus().isEqualTo(HttpStatus.CONTENT_TOO_LARGE)
                    .expectBody().jsonPath("$.detail").value(detail -> assertThat(detail.toString()).contains("4096"));
            assertThat(services.findAll(postRequestedFor(urlEqualTo("/api/v1/tickets")))).hasSize(1);

            services.stubFor(get("/api/v1/analytics/kpis/export").willReturn(aResponse().withStatus(200)
                    .withHeader("Content-Type", "application/json").withBody("[\"" + "y".repeat(4000) + "\"]")));
            client.get().uri("/api/v1/analytics/kpis/export").header(HttpHeaders.AUTHORIZATION, "Bearer " + token("an.li", "report-tool", Roles.ANALYST))
                    .exchange()
                    .expectStatus().isOk()
                    .expectBody(String.class).value(body -> assertThat(body).hasSize(4004));
        }

        @Test
        void a_service_answer_over_the_limit_gives_502_problem() {
            services.stubFor(get("/api/v1/customers/export").willReturn(aResponse().withStatus(200)
                    .withHeader("Content-Type", "application/json").withBody("[\"" + "y".repeat(4000) + "\"]")));
            client.get().uri("/api/v1/customers/export").header(HttpHeaders.AUTHORIZATION, "Bearer " + token("li.wei", "crm-web", Roles.SALES_REP))
                    .exchange()
                    .expectStatus().isEqualTo(HttpStatus.BAD_GATEWAY)
                    .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                    .expectBody()
                    .jsonPath("$.type").isEqualTo("urn:crm:problem:bad-gateway")
                    .jsonPath("$.detail").value(detail -> assertThat(detail.toString()).contains("customer-service"));
            // The gateway still serves the next call normally.
            ok("/api/v1/customers/8");
            client.get().uri("/api/v1/customers/8").header(HttpHeaders.AUTHORIZATION, "Bearer " + token("li.wei", "crm-web", Roles.SALES_REP))
                    .exchange().expectStatus().isOk();
        }
    }

    @Nested
    class Browsers {

        @Test
        void a_preflight_from_a_configured_origin_is_answered_without_a_token_and_others_are_refused() {
            client.options().uri("/api/v1/customers")
                    .header(HttpHeaders.ORIGIN, "https://crm.example.com")
                    .header(HttpHeaders.ACCESS_CONTROL_REQUEST_METHOD, "PATCH")
                    .header(HttpHeaders.ACCESS_CONTROL_REQUEST_HEADERS, "Authorization, If-Match")
                    .exchange()
                    .expectStatus().isOk()
                    .expectHeader().valueEquals(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, "https://crm.example.com")
                    .expectHeader().exists(HttpHeaders.ACCESS_CONTROL_ALLOW_METHODS);
            client.options().uri("/api/v1/customers")
                    .header(HttpHeaders.ORIGIN, "https://evil.example.net")
                    .header(HttpHeaders.ACCESS_CONTROL_REQUEST_METHOD, "GET")
                    .exchange()
                    .expectStatus().isForbidden();
            assertThat(services.getAllServeEvents()).isEmpty();
        }

        @Test
        void an_api_answer_carries_the_security_headers_and_hsts_only_behind_tls() {
            ok("/api/v1/customers");
            client.get().uri("/api/v1/customers").header(HttpHeaders.AUTHORIZATION, "Bearer " + token("li.wei", "crm-web", Roles.SALES_REP))
                    .header(HttpHeaders.ORIGIN, "https://crm.example.com")
                    .exchange()
                    .expectStatus().isOk()
                    .expectHeader().valueEquals(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, "https://crm.example.com")
                    .expectHeader().valueEquals("X-Content-Type-Options", "nosniff")
                    .expectHeader().valueEquals("X-Frame-Options", "DENY")
                    .expectHeader().valueEquals("Referrer-Policy", "no-referrer")
                    .expectHeader().valueEquals("Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'; base-uri 'none'")
                    .expectHeader().doesNotExist("Strict-Transport-Security");
            // X-Forwarded-Proto from a peer that is no trusted proxy is ignored (TrustedProxyTest: HSTS behind a trusted one).
            client.get().uri("/api/v1/customers").header(HttpHeaders.AUTHORIZATION, "Bearer " + token("li.wei", "crm-web", Roles.SALES_REP))
                    .header("X-Forwarded-Proto", "https")
                    .exchange()
                    .expectStatus().isOk()
                    .expectHeader().doesNotExist("Strict-Transport-Security");
        }

        @Test
        void the_swagger_ui_may_call_keycloak_and_signs_in_with_pkce() {
            client.get().uri("/swagger-ui/index.html").exchange()
                    .expectStatus().isOk()
                    .expectHeader().value("Content-Security-Policy", csp -> assertThat(csp)
                            .contains("connect-src 'self' https://sso.example.com").contains("frame-ancestors 'none'"));
            client.get().uri("/swagger-ui/swagger-initializer.js").exchange()
                    .expectStatus().isOk()
                    .expectBody(String.class).value(js -> assertThat(js).contains("crm-web").contains("usePkceWithAuthorizationCodeGrant"));
        }

        @Test
        void each_services_document_gets_the_keycloak_sign_in_and_the_gateway_as_server() {
            services.stubFor(get("/v3/api-docs").willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                    .withBody("{\"openapi\":\"3.1.0\",\"info\":{\"title\":\"sales-service\"},\"servers\":[{\"url\":\"http://10.0.0.7:8083\"}],"
                            + "\"components\":{\"securitySchemes\":{\"bearer\":{\"type\":\"http\",\"scheme\":\"bearer\"}}},"
                            + "\"security\":[{\"bearer\":[]}],\"paths\":{}}")));
            client.get().uri("/v3/api-docs/sales").exchange()
                    .expectStatus().isOk()
                    .expectBody()
                    .jsonPath("$.info.title").isEqualTo("sales-service")
                    .jsonPath("$.servers.length()").isEqualTo(1)
                    .jsonPath("$.servers[0].url").isEqualTo("/")
                    .jsonPath("$.components.securitySchemes.bearer.scheme").isEqualTo("bearer")
                    .jsonPath("$.components.securitySchemes.keycloak.type").isEqualTo("oauth2")
                    .jsonPath("$.components.securitySchemes.keycloak.flows.authorizationCode.authorizationUrl")
                    .isEqualTo("https://sso.example.com/realms/crm/protocol/openid-connect/auth")
                    .jsonPath("$.components.securitySchemes.keycloak.flows.authorizationCode.tokenUrl")
                    .isEqualTo("https://sso.example.com/realms/crm/protocol/openid-connect/token")
                    .jsonPath("$.security.length()").isEqualTo(2)
                    // Swagger UI shows the link under the title: the docs page with the events' AsyncAPI document.
                    .jsonPath("$.externalDocs.url").isEqualTo("/docs");
        }
    }

    @Nested
    class Event_docs {

        @Test
        void the_asyncapi_document_is_public_and_every_schema_it_points_at_resolves() {
            EntityExchangeResult<String> answer = client.get().uri("/asyncapi/crm-events.yaml").exchange()
                    .expectStatus().isOk()
                    .expectHeader().contentTypeCompatibleWith(MediaType.parseMediaType("application/yaml"))
                    .expectHeader().exists(HttpHeaders.ETAG)
                    .expectBody(String.class).returnResult();
            Object document = new org.yaml.snakeyaml.Yaml().load(answer.getResponseBody());
            assertThat(document).isInstanceOf(Map.class);
            assertThat(((Map<?, ?>) document).get("asyncapi")).isEqualTo("3.0.0");

            java.util.Set<String> refs = new java.util.TreeSet<>();
            collectRefs(document, refs);
            java.util.Set<String> external = refs.stream().filter(ref -> !ref.startsWith("#")).collect(Collectors.toCollection(java.util.TreeSet::new));
            // One schema per message type of the catalogue (the platform ships 39+), each resolving next to the document.
            assertThat(external).hasSizeGreaterThan(30).allMatch(ref -> ref.matches("schemas/[a-z0-9.-]+\\.json"));
            java.net.URI base = java.net.URI.create("http://127.0.0.1:" + port + "/asyncapi/crm-events.yaml");
            for (String ref : external) {
                client.get().uri(base.resolve(ref)).exchange()
                        .expectStatus().isOk()
                        .expectHeader().contentTypeCompatibleWith(MediaType.parseMediaType("application/schema+json"))
                        .expectBody().jsonPath("$.type").isEqualTo("object");
            }
            // Unchanged content: a revalidation costs a 304.
            client.get().uri("/asyncapi/crm-events.yaml").header(HttpHeaders.IF_NONE_MATCH, answer.getResponseHeaders().getETag())
                    .exchange().expectStatus().isNotModified();
        }

        @Test
        void an_unknown_schema_is_a_404_problem() {
            for (String path : List.of("/asyncapi/schemas/crm.nothing.v1.json", "/asyncapi/schemas/crm.customer.created.v1.yaml",
                    "/asyncapi/schemas/..json")) {
                client.get().uri(java.net.URI.create("http://127.0.0.1:" + port + path)).exchange()
                        .expectStatus().isNotFound()
                        .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
            }
            // An encoded slash never gets as far as the lookup (Spring Security's firewall refuses it, with a problem).
            client.get().uri(java.net.URI.create("http://127.0.0.1:" + port + "/asyncapi/schemas/..%2F..%2Fapplication.yaml")).exchange()
                    .expectStatus().isBadRequest()
                    .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                    .expectBody().jsonPath("$.type").isEqualTo("urn:crm:problem:malformed-request");
        }

        @Test
        void the_docs_page_links_the_swagger_ui_every_service_and_the_events() {
            client.get().uri("/docs").exchange()
                    .expectStatus().isOk()
                    .expectHeader().contentTypeCompatibleWith(MediaType.TEXT_HTML)
                    .expectBody(String.class).value(html -> assertThat(html)
                            .contains("href=\"/swagger-ui.html\"").contains("href=\"/v3/api-docs/ticket\"")
                            .contains("href=\"/asyncapi/crm-events.yaml\"")
                            .contains("href=\"/asyncapi/schemas/crm.opportunity.won.v1.json\"")
                            .contains("href=\"/asyncapi/schemas/erp.order.placed.v1.json\""));
        }

        private static void collectRefs(Object node, java.util.Set<String> refs) {
            if (node instanceof Map<?, ?> map) {
                map.forEach((key, value) -> {
                    if ("$ref".equals(key) && value instanceof String ref) {
                        refs.add(ref);
                    } else {
                        collectRefs(value, refs);
                    }
                });
            } else if (node instanceof List<?> list) {
                list.forEach(item -> collectRefs(item, refs));
            }
        }
    }

    @Nested
    class Observability {

        @Test
        void every_request_gets_one_access_log_line_with_caller_route_status_and_latency() {
            Logger logger = (Logger) LoggerFactory.getLogger(AccessLogFilter.LOGGER);
            ListAppender<ILoggingEvent> lines = new ListAppender<>();
            lines.start();
            logger.addAppender(lines);
            try {
                ok("/api/v1/customers/9");
                client.get().uri("/api/v1/customers/9").header(HttpHeaders.AUTHORIZATION, "Bearer " + token("li.wei", "crm-web", Roles.SALES_REP))
                        .header("X-Request-Id", "access-log-1")
                        .exchange().expectStatus().isOk();
                client.get().uri("/api/v1/customers/9").header("X-Request-Id", "access-log-2")
                        .exchange().expectStatus().isUnauthorized();

                await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
                    Map<String, Object> ok = fields(lines, "access-log-1");
                    assertThat(ok).containsEntry("user", "li.wei").containsEntry("client", "crm-web")
                            .containsEntry("route", "customer-service").containsEntry("method", "GET")
                            .containsEntry("path", "/api/v1/customers/9").containsEntry("status", 200);
                    assertThat((Long) ok.get("latencyMs")).isNotNegative();
                    assertThat(fields(lines, "access-log-2")).containsEntry("status", 401);
                });
            } finally {
                logger.detachAppender(lines);
            }
        }

        @Test
        void requests_are_counted_and_timed_per_route() {
            ok("/api/v1/tickets/T-1");
            client.get().uri("/api/v1/tickets/T-1").header(HttpHeaders.AUTHORIZATION, "Bearer " + token("li.wei", "crm-web", Roles.SERVICE_AGENT))
                    .exchange().expectStatus().isOk();
            await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                    client.get().uri("/actuator/prometheus").exchange().expectStatus().isOk()
                            .expectBody(String.class).value(body -> assertThat(body)
                                    .containsPattern("spring_cloud_gateway_requests_seconds_count\\{[^}]*routeId=\"ticket-service\"")
                                    .contains("spring_cloud_gateway_requests_seconds_bucket")));
        }

        private static Map<String, Object> fields(ListAppender<ILoggingEvent> lines, String requestId) {
            List<Map<String, Object>> matching = lines.list.stream()
                    .map(event -> event.getKeyValuePairs() == null ? Map.<String, Object>of()
                            : event.getKeyValuePairs().stream().filter(pair -> pair.value != null)
                            .collect(Collectors.toMap(pair -> pair.key, pair -> pair.value, (a, b) -> b)))
                    .filter(fields -> requestId.equals(fields.get("requestId")))
                    .toList();
            assertThat(matching).hasSize(1);
            return matching.getFirst();
        }
    }
}
