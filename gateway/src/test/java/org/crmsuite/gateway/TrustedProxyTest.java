package org.crmsuite.gateway;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.stream.IntStream;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;

import org.crmsuite.gateway.accesslog.AccessLogFilter;
import org.crmsuite.platform.test.UseTestIssuer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.web.reactive.function.client.WebClient;

import reactor.core.publisher.Flux;

/**
 * The gateway behind a load balancer (issue 9, trusted proxies): the test client connects from 127.0.0.1, which is
 * configured as a trusted proxy here, so its {@code X-Forwarded-For} names the client. (GatewayHardeningTest shows the
 * other side: with no trusted proxy the same headers are ignored.)
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "crm.gateway.forwarded.trusted-proxies=127.0.0.0/8,10.0.0.0/8",
        "crm.gateway.rate-limits.routes.ticket.per-user.capacity=2",
        "crm.gateway.rate-limits.routes.ticket.per-user.replenish-per-second=1"})
@UseTestIssuer
class TrustedProxyTest extends StandInServicesTest {

    private static final String SURVEY = "/api/v1/tickets/surveys/s-1";
    private static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";

    @BeforeEach
    void stubTheSurvey() {
        services.stubFor(get(SURVEY).willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody("{}")));
    }

    /** Sends the requests at once (a burst outruns the 1 token/s refill even on a slow machine); their statuses. */
    private List<Integer> burst(List<String> forwardedFor) {
        WebClient web = WebClient.create("http://127.0.0.1:" + port);
        return Flux.fromIterable(forwardedFor)
                .flatMap(header -> web.get().uri(SURVEY).header("X-Forwarded-For", header)
                        .exchangeToMono(answer -> answer.releaseBody().thenReturn(answer.statusCode().value())))
                .collectList().block(Duration.ofSeconds(60));
    }

    @Test
    void the_rate_limit_counts_the_real_client_and_a_prepended_address_does_not_escape_it() {
        // Anonymous survey answers count per client address (2 tokens, 1 more per second). The client writes its own
        // X-Forwarded-For to look like someone new each time; the proxy appends the real address, which is counted.
        List<String> spoofed = IntStream.range(0, 10).mapToObj(i -> "203.0.113." + i + ", 198.51.100.7").toList();
        assertThat(burst(spoofed)).contains(429);
        // Another client behind the same proxy has its own, full bucket.
        assertThat(burst(List.of("198.51.100.8"))).containsExactly(200);
    }

    @Test
    void the_service_and_the_access_log_see_the_real_client_and_https_from_the_proxy_brings_hsts() {
        Logger logger = (Logger) LoggerFactory.getLogger(AccessLogFilter.LOGGER);
        ListAppender<ILoggingEvent> lines = new ListAppender<>() {
            @Override
            protected void append(ILoggingEvent event) {
                event.prepareForDeferredProcessing(); // the MDC (trace ids) as the writing thread had it
                super.append(event);
            }
        };
        lines.start();
        logger.addAppender(lines);
        try {
            client.get().uri(SURVEY)
                    .header("X-Forwarded-For", "192.0.2.44, 10.20.30.40")
                    .header("X-Forwarded-Proto", "https")
                    .header("X-Forwarded-Host", "crm.example.com")
                    .header("X-Request-Id", "proxy-1")
                    .header("traceparent", "00-" + TRACE_ID + "-00f067aa0ba902b7-01")
                    .exchange()
                    .expectStatus().isOk()
                    .expectHeader().valueEquals("Strict-Transport-Security", "max-age=31536000; includeSubDomains");

            LoggedRequest seen = services.findAll(getRequestedFor(urlEqualTo(SURVEY))).getLast();
            assertThat(seen.getHeader("X-Forwarded-For")).isEqualTo("192.0.2.44, 127.0.0.1");
            assertThat(seen.getHeader("X-Forwarded-Proto")).isEqualTo("https");
            assertThat(seen.getHeader("X-Forwarded-Host")).isEqualTo("crm.example.com");

            await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(lines.list.stream()
                    .filter(line -> line.getKeyValuePairs() != null && line.getKeyValuePairs().stream()
                            .anyMatch(pair -> "requestId".equals(pair.key) && "proxy-1".equals(pair.value)))
                    .flatMap(line -> line.getKeyValuePairs().stream())
                    .filter(pair -> "clientAddress".equals(pair.key))
                    .map(pair -> Objects.toString(pair.value)))
                    .containsExactly("192.0.2.44"));
            // The access line carries the request's trace (restored from the Reactor context where it is written).
            await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(lines.list.stream()
                    .filter(line -> line.getKeyValuePairs() != null && line.getKeyValuePairs().stream()
                            .anyMatch(pair -> "requestId".equals(pair.key) && "proxy-1".equals(pair.value)))
                    .map(line -> line.getMDCPropertyMap().get("traceId")))
                    .containsExactly(TRACE_ID));
            // The rate limits' key for a caller without a token is the same client.
            await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(lines.list.stream()
                    .filter(line -> line.getKeyValuePairs() != null && line.getKeyValuePairs().stream()
                            .anyMatch(pair -> "requestId".equals(pair.key) && "proxy-1".equals(pair.value)))
                    .flatMap(line -> line.getKeyValuePairs().stream())
                    .filter(pair -> "user".equals(pair.key))
                    .map(pair -> Objects.toString(pair.value)))
                    .containsExactly("anonymous@192.0.2.44"));
        } finally {
            logger.detachAppender(lines);
        }
    }
}
