package org.crmsuite.platform.test;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.client.RestClient;

/**
 * Base of a service's HTTP tests: the running service on its random port, a client that returns every status
 * (problems included) instead of throwing, and tokens of the realm's demo people. A service's own test base extends
 * it and adds the {@code @SpringBootTest} and infrastructure annotations, the same on every subclass so the
 * context is shared.
 */
public abstract class ApiTestClient {

    protected static final String REP = TestIssuer.get().token("rep", List.of("sales-rep"), List.of("/sales/east"));
    protected static final String REP_WEST = TestIssuer.get().token("rep.west", List.of("sales-rep"), List.of("/sales/west"));
    protected static final String MANAGER = TestIssuer.get().token("sales.manager", List.of("sales-manager"), List.of("/sales"));
    protected static final String STEWARD = TestIssuer.get().token("steward", List.of("data-steward"), List.of("/data-office"));
    protected static final String ANALYST = TestIssuer.get().token("analyst", List.of("analyst"), List.of("/sales"));
    protected static final String MARKETING = TestIssuer.get().token("marketer", List.of("marketing"), List.of("/sales"));
    protected static final String ADMIN = TestIssuer.get().token("admin", List.of("crm-admin"), List.of("/it"));

    @LocalServerPort
    protected int port;
    protected RestClient http;

    @BeforeEach
    void client() {
        http = RestClient.builder().baseUrl("http://127.0.0.1:" + port)
                .defaultStatusHandler(status -> true, (request, response) -> { })
                .build();
    }

    protected ResponseEntity<Map> post(String token, String uri, Object body) {
        return post(token, uri, body, null);
    }

    protected ResponseEntity<Map> post(String token, String uri, Object body, String ifMatch) {
        var request = http.post().uri(uri).header(HttpHeaders.AUTHORIZATION, "Bearer " + token).contentType(MediaType.APPLICATION_JSON);
        if (ifMatch != null) {
            request = request.header(HttpHeaders.IF_MATCH, ifMatch);
        }
        return (body == null ? request : request.body(body)).retrieve().toEntity(Map.class);
    }

    protected ResponseEntity<Map> put(String token, String uri, Object body, String ifMatch) {
        var request = http.put().uri(uri).header(HttpHeaders.AUTHORIZATION, "Bearer " + token).contentType(MediaType.APPLICATION_JSON);
        if (ifMatch != null) {
            request = request.header(HttpHeaders.IF_MATCH, ifMatch);
        }
        return request.body(body).retrieve().toEntity(Map.class);
    }

    protected ResponseEntity<Map> delete(String token, String uri, String ifMatch) {
        var request = http.delete().uri(uri).header(HttpHeaders.AUTHORIZATION, "Bearer " + token);
        if (ifMatch != null) {
            request = request.header(HttpHeaders.IF_MATCH, ifMatch);
        }
        return request.retrieve().toEntity(Map.class);
    }

    protected ResponseEntity<Map> get(String token, String uri) {
        return http.get().uri(uri).header(HttpHeaders.AUTHORIZATION, "Bearer " + token).retrieve().toEntity(Map.class);
    }

    /** The fields a problem names under {@code errors}. */
    @SuppressWarnings("unchecked")
    protected static List<String> fields(ResponseEntity<Map> problem) {
        Object errors = problem.getBody().get("errors");
        return errors == null ? List.of() : ((List<Map<String, String>>) errors).stream().map(e -> e.get("field")).toList();
    }

    /** The items of a {@code PageResponse}. */
    @SuppressWarnings("unchecked")
    protected static List<Map<String, Object>> items(ResponseEntity<Map> page) {
        return (List<Map<String, Object>>) page.getBody().get("items");
    }
}
