package org.crmsuite.ticket;

import com.github.tomakehurst.wiremock.WireMockServer;
import org.crmsuite.ticket.customer.CustomerServiceEndpoint;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

/** customer-service as a WireMock stub: by default every customer exists, active and STANDARD; tests add their own. */
public final class CustomerServiceStub {

    public static final int DEFAULT_PRIORITY = 10;

    private CustomerServiceStub() {
    }

    @TestConfiguration(proxyBeanMethods = false)
    public static class Configuration {

        @Bean(destroyMethod = "stop")
        WireMockServer customerServiceStub() {
            WireMockServer server = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
            server.start();
            server.stubFor(get(urlPathMatching("/api/v1/customers/.+")).atPriority(DEFAULT_PRIORITY).willReturn(aResponse()
                    .withStatus(200).withHeader("Content-Type", "application/json")
                    .withBody("{\"legalName\":\"杭州云栖科技有限公司\",\"shortName\":\"云栖科技\",\"valueTier\":\"STANDARD\","
                            + "\"lifecycleStage\":\"ACTIVE\",\"status\":\"ACTIVE\"}")));
            warmUp(server);
            return server;
        }

        /** The stub's first answer is slow (class loading, JIT); take it here, not inside a test's timeout. */
        private static void warmUp(WireMockServer server) {
            try (java.net.http.HttpClient client = java.net.http.HttpClient.newHttpClient()) {
                for (int i = 0; i < 3; i++) {
                    client.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + server.port() + "/api/v1/customers/warm-up")).build(),
                            java.net.http.HttpResponse.BodyHandlers.discarding());
                }
                server.resetRequests();
            } catch (java.io.IOException | InterruptedException e) {
                throw new IllegalStateException("the customer-service stub does not answer", e);
            }
        }

        @Bean
        @Primary
        CustomerServiceEndpoint stubbedCustomerService(WireMockServer customerServiceStub) {
            return () -> "http://127.0.0.1:" + customerServiceStub.port();
        }
    }
}
