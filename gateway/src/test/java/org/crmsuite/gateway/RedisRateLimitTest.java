package org.crmsuite.gateway;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.List;

import com.github.tomakehurst.wiremock.WireMockServer;

import org.crmsuite.platform.security.Roles;
import org.crmsuite.platform.test.TestIssuer;
import org.crmsuite.platform.test.UseTestIssuer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * The shared bucket store ({@code crm.gateway.rate-limits.store=redis}) against a real Redis: started here from the
 * {@code redis-server} on the PATH (Debian package redis-server), on a free port, without persistence. Skipped when
 * no redis-server is installed; the in-memory store is covered by {@link GatewayHardeningTest}.
 */
@EnabledIf("redisServerOnPath")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "crm.gateway.rate-limits.store=redis",
        "crm.gateway.rate-limits.routes.customer.per-user.capacity=2",
        "crm.gateway.rate-limits.routes.customer.per-user.replenish-per-second=1",
        "management.health.redis.enabled=true"})
@UseTestIssuer
class RedisRateLimitTest {

    private static final WireMockServer services = new WireMockServer(wireMockConfig().bindAddress("127.0.0.1").dynamicPort());
    private static Process redis;
    private static int redisPort;

    static boolean redisServerOnPath() {
        return redisServer() != null;
    }

    private static File redisServer() {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            File candidate = new File(dir, "redis-server");
            if (candidate.canExecute()) {
                return candidate;
            }
        }
        return null;
    }

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) throws IOException {
        services.start();
        redisPort = freePort();
        redis = new ProcessBuilder(redisServer().getPath(), "--port", Integer.toString(redisPort), "--bind", "127.0.0.1",
                "--save", "", "--appendonly", "no").redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        await().atMost(Duration.ofSeconds(20)).until(() -> {
            try (Socket ignored = new Socket("127.0.0.1", redisPort)) {
                return true;
            } catch (IOException e) {
                return false;
            }
        });
        registry.add("spring.data.redis.url", () -> "redis://127.0.0.1:" + redisPort);
        for (String key : List.of("customer", "ticket", "sales", "analytics", "notification")) {
            registry.add("crm.gateway.services." + key, services::baseUrl);
        }
    }

    @AfterAll
    static void stop() {
        services.stop();
        if (redis != null) {
            redis.destroy();
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @LocalServerPort
    int port;

    @Autowired
    ReactiveStringRedisTemplate redisTemplate;

    @Test
    void the_buckets_live_in_redis_and_an_empty_one_gives_429_problem() {
        services.stubFor(get("/api/v1/customers").willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody("[]")));
        WebTestClient client = WebTestClient.bindToServer().baseUrl("http://127.0.0.1:" + port)
                .responseTimeout(Duration.ofSeconds(20)).build();
        String token = TestIssuer.get().token("sun.mei", List.of(Roles.SALES_REP), List.of());

        // Two tokens, one more per second: count the answers until the first 429 (a slow machine may earn a token back).
        int allowed = 0;
        EntityExchangeResult<String> refused = null;
        for (int i = 0; i < 20 && refused == null; i++) {
            EntityExchangeResult<String> answer = client.get().uri("/api/v1/customers")
                    .header(HttpHeaders.AUTHORIZATION, "Bearer " + token).exchange().expectBody(String.class).returnResult();
            if (answer.getStatus().value() == HttpStatus.TOO_MANY_REQUESTS.value()) {
                refused = answer;
            } else {
                assertThat(answer.getStatus().value()).isEqualTo(200);
                allowed++;
            }
        }
        assertThat(allowed).isBetween(2, 10);
        assertThat(refused).isNotNull();
        assertThat(refused.getResponseHeaders().getFirst(HttpHeaders.RETRY_AFTER)).isEqualTo("1");
        assertThat(refused.getResponseHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(refused.getResponseBody()).contains("\"type\":\"urn:crm:problem:too-many-requests\"");

        // The state any other replica would read: the user's and the client's buckets for the route.
        List<String> keys = redisTemplate.keys("request_rate_limiter.*").collectList().block(Duration.ofSeconds(5));
        // (Spring Cloud Gateway's key: the limiter configuration, i.e. the limit's capacity and rate, then the bucket.)
        assertThat(keys).contains("request_rate_limiter.{crm-2-1.user:customer:sun.mei}.tokens",
                "request_rate_limiter.{crm-2000-500.client:customer:crm-web}.tokens");
        // With the Redis health indicator switched on, overall health is UP only while Redis answers.
        client.get().uri("/actuator/health").exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.status").isEqualTo("UP");
    }
}
