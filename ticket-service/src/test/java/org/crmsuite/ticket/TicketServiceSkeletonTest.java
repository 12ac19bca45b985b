package org.crmsuite.ticket;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.ResponseEntity;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;

/** The service boots on real infrastructure with health groups, metrics, API docs and a locked API. */
@TicketServiceTest
class TicketServiceSkeletonTest {

    @LocalServerPort
    int port;

    @Test
    void bootsWithHealthMetricsAndApiDocsAndRefusesAnonymousCalls() {
        RestClient http = RestClient.builder().baseUrl("http://127.0.0.1:" + port)
                .defaultStatusHandler(status -> true, (request, response) -> { }).build();

        assertThat(status(http, "/actuator/health/liveness")).isEqualTo(200);
        assertThat(status(http, "/actuator/health/readiness")).isEqualTo(200);
        ResponseEntity<String> metrics = http.get().uri("/actuator/prometheus").retrieve().toEntity(String.class);
        assertThat(metrics.getStatusCode().value()).isEqualTo(200);
        assertThat(metrics.getBody()).contains("application=\"ticket-service\"");
        ResponseEntity<String> docs = http.get().uri("/v3/api-docs").retrieve().toEntity(String.class);
        assertThat(docs.getStatusCode().value()).isEqualTo(200);
        assertThat(docs.getBody()).contains("Ticket service API");
        assertThat(status(http, "/api/v1/tickets")).isEqualTo(401);
    }

    private static int status(RestClient http, String path) {
        return http.get().uri(path).retrieve().toBodilessEntity().getStatusCode().value();
    }
}
