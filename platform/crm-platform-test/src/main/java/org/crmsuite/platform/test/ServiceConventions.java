package org.crmsuite.platform.test;

import org.springframework.http.ResponseEntity;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What every service promises operators and clients, checked the same way in each: liveness and readiness probes,
 * Prometheus metrics tagged with the application, OpenAPI docs, all open; the API itself closed to anonymous calls.
 */
public final class ServiceConventions {

    public static void assertFollowed(int port, String application, String apiTitle, String apiPath) {
        RestClient http = RestClient.builder().baseUrl("http://127.0.0.1:" + port)
                .defaultStatusHandler(status -> true, (request, response) -> { }).build();

        assertThat(status(http, "/actuator/health/liveness")).isEqualTo(200);
        assertThat(status(http, "/actuator/health/readiness")).isEqualTo(200);
        ResponseEntity<String> metrics = http.get().uri("/actuator/prometheus").retrieve().toEntity(String.class);
        assertThat(metrics.getStatusCode().value()).isEqualTo(200);
        assertThat(metrics.getBody()).contains("application=\"" + application + "\"");
        ResponseEntity<String> docs = http.get().uri("/v3/api-docs").retrieve().toEntity(String.class);
        assertThat(docs.getStatusCode().value()).isEqualTo(200);
        assertThat(docs.getBody()).contains(apiTitle);
        assertThat(status(http, apiPath)).isEqualTo(401);
    }

    private static int status(RestClient http, String path) {
        return http.get().uri(path).retrieve().toBodilessEntity().getStatusCode().value();
    }

    private ServiceConventions() {
    }
}
