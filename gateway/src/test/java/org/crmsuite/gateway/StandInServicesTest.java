package org.crmsuite.gateway;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

import java.time.Duration;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.Options;

import org.crmsuite.gateway.routing.DownstreamService;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * The gateway in front of one WireMock that stands in for all five services, and a client for the gateway: the set-up
 * the hardening tests share. The WireMock is started once for the test JVM (before any Spring context reads its URL),
 * shared by the subclasses, reset before each test, and answers like Spring Boot services do (Content-Length, no gzip).
 * GatewayTest keeps its own, with one service that is down.
 */
abstract class StandInServicesTest {

    static final WireMockServer services = new WireMockServer(wireMockConfig().bindAddress("127.0.0.1").dynamicPort()
            .gzipDisabled(true).useChunkedTransferEncoding(Options.ChunkedEncodingPolicy.NEVER));

    static {
        services.start();
        Runtime.getRuntime().addShutdownHook(new Thread(services::stop, "stand-in-services-stop"));
    }

    @DynamicPropertySource
    static void serviceUrls(DynamicPropertyRegistry registry) {
        for (DownstreamService service : DownstreamService.values()) {
            registry.add("crm.gateway.services." + service.key(), services::baseUrl);
        }
    }

    @LocalServerPort
    int port;

    WebTestClient client;

    @BeforeEach
    void resetServicesAndConnect() {
        services.resetAll();
        client = WebTestClient.bindToServer().baseUrl("http://127.0.0.1:" + port).responseTimeout(Duration.ofSeconds(20)).build();
    }
}
