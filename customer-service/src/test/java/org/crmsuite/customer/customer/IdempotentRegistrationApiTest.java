package org.crmsuite.customer.customer;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.crmsuite.customer.ApiTestSupport;
import org.crmsuite.platform.test.TestIssuer;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

import static org.assertj.core.api.Assertions.assertThat;

/** Idempotency-Key on registration, and the duplicate check that creates nothing (what lead conversion builds on). */
@SuppressWarnings({"unchecked", "rawtypes"})
class IdempotentRegistrationApiTest extends ApiTestSupport {

    static final String CUSTOMERS = "/api/v1/customers";
    static final String INTEGRATION = TestIssuer.get().token("erp-connector", List.of("integration"), List.of("/integration"));

    private ResponseEntity<Map> register(String token, String key, Object body) {
        return http.post().uri(CUSTOMERS).header(HttpHeaders.AUTHORIZATION, "Bearer " + token).header("Idempotency-Key", key)
                .contentType(MediaType.APPLICATION_JSON).body(body).retrieve().toEntity(Map.class);
    }

    private long events(Object customerId) {
        return db.sql("SELECT count(*) FROM outbox_event WHERE event_key = :id AND event_type = 'crm.customer.created.v1'")
                .param("id", String.valueOf(customerId))
                .query(Long.class).single();
    }

    @Test
    void aRepeatWithTheSameKeyAnswersTheFirstCustomerAndRecordsNothing() {
        String key = UUID.randomUUID().toString();
        Map<String, Object> body = Map.of("legalName", "宁波北仑港务物流有限公司", "phone", "0574-86861234");
        ResponseEntity<Map> first = register(REP, key, body);
        assertThat(first.getStatusCode().value()).isEqualTo(201);
        long customers = count("customer");
        long outbox = count("outbox_event");

        ResponseEntity<Map> again = register(REP, key, body);
        assertThat(again.getStatusCode().value()).isEqualTo(200);
        assertThat(again.getBody()).containsEntry("id", first.getBody().get("id")).containsEntry("code", first.getBody().get("code"));
        assertThat(again.getHeaders().getETag()).isEqualTo(first.getHeaders().getETag());
        assertThat(again.getHeaders().getFirst("Idempotent-Replayed")).isEqualTo("true");
        assertThat(count("customer")).isEqualTo(customers);
        assertThat(count("outbox_event")).isEqualTo(outbox);

        // without the key, the same body is a possible duplicate of the first
        assertThat(post(REP, CUSTOMERS, body).getStatusCode().value()).isEqualTo(409);
        // another caller with the same key is another request
        ResponseEntity<Map> otherCaller = register(INTEGRATION, key, Map.of("legalName", "Lakeside Analytics GmbH"));
        assertThat(otherCaller.getStatusCode().value()).isEqualTo(201);
    }

    @Test
    void theSameKeyWithAnotherBodyIsRefused() {
        String key = UUID.randomUUID().toString();
        assertThat(register(REP, key, Map.of("legalName", "温州瓯江阀门制造有限公司")).getStatusCode().value()).isEqualTo(201);
        long customers = count("customer");
        ResponseEntity<Map> reused = register(REP, key, Map.of("legalName", "温州瓯江阀门制造有限公司", "industry", "通用设备制造业"));
        assertThat(reused.getStatusCode().value()).isEqualTo(422);
        assertThat(reused.getHeaders().getContentType().toString()).startsWith("application/problem+json");
        assertThat(reused.getBody()).containsEntry("type", "urn:crm:problem:idempotency-key-reused");
        assertThat(count("customer")).isEqualTo(customers);
    }

    @Test
    void aFailedRegistrationDoesNotKeepTheKey() {
        String key = UUID.randomUUID().toString();
        ResponseEntity<Map> invalid = register(REP, key, Map.of("legalName", "坏电话有限公司", "phone", "12"));
        assertThat(invalid.getStatusCode().value()).isEqualTo(400);
        ResponseEntity<Map> refused = register(REP, key, Map.of("legalName", "坏电话有限公司", "lifecycleStage", "ACTIVE"));
        assertThat(refused.getStatusCode().value()).isEqualTo(422);
        assertThat(refused.getBody()).containsEntry("type", "urn:crm:problem:business-rule-violated");
        assertThat(register(REP, key, Map.of("legalName", "坏电话有限公司")).getStatusCode().value()).isEqualTo(201);
        assertThat(register(REP, "has space", Map.of("legalName", "空格键有限公司")).getStatusCode().value()).isEqualTo(400);
    }

    @Test
    void concurrentRepeatsRegisterOnce() throws Exception {
        String key = UUID.randomUUID().toString();
        Map<String, Object> body = Map.of("legalName", "嘉兴南湖并发测试电子有限公司", "industry", "计算机、通信和其他电子设备制造业");
        ExecutorService pool = Executors.newFixedThreadPool(6);
        try {
            List<Callable<ResponseEntity<Map>>> calls = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                calls.add(() -> register(INTEGRATION, key, body));
            }
            List<ResponseEntity<Map>> answers = new ArrayList<>();
            for (Future<ResponseEntity<Map>> f : pool.invokeAll(calls)) {
                answers.add(f.get());
            }
            assertThat(answers).extracting(a -> a.getStatusCode().value()).containsOnly(200, 201)
                    .filteredOn(s -> s == 201).hasSize(1);
            assertThat(answers).extracting(a -> a.getBody().get("id")).containsOnly(answers.get(0).getBody().get("id"));
            Object id = answers.get(0).getBody().get("id");
            assertThat(db.sql("SELECT count(*) FROM customer WHERE legal_name = '嘉兴南湖并发测试电子有限公司'").query(Long.class).single())
                    .isEqualTo(1);
            assertThat(events(id)).isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void duplicateCheckAnswersCandidatesAndCreatesNothing() {
        String uscc = uscc();
        ResponseEntity<Map> original = post(REP, CUSTOMERS, Map.of("legalName", "厦门鼓浪屿文旅发展有限公司", "uscc", uscc,
                "phone", "0592-2066666"));
        assertThat(original.getStatusCode().value()).isEqualTo(201);
        long customers = count("customer");
        long outbox = count("outbox_event");

        ResponseEntity<Map> similar = post(INTEGRATION, CUSTOMERS + "/duplicates/check",
                Map.of("legalName", "厦门鼓浪屿文旅发展股份有限公司", "phone", "0592 206 6666"));
        assertThat(similar.getStatusCode().value()).isEqualTo(200);
        List<Map<String, Object>> candidates = (List<Map<String, Object>>) similar.getBody().get("candidates");
        assertThat(candidates).singleElement().satisfies(c -> {
            assertThat(c).containsEntry("id", original.getBody().get("id")).containsEntry("code", original.getBody().get("code"))
                    .containsEntry("name", "厦门鼓浪屿文旅发展有限公司").containsKeys("score", "reasons");
            assertThat((Integer) c.get("score")).isGreaterThanOrEqualTo(90);
            assertThat((List<String>) c.get("reasons")).contains("same phone +865922066666");
        });

        Map<String, Object> sameUscc = new HashMap<>(Map.of("legalName", "完全不同的名字有限公司", "uscc", uscc));
        List<Map<String, Object>> byUscc = (List<Map<String, Object>>) post(REP, CUSTOMERS + "/duplicates/check", sameUscc).getBody()
                .get("candidates");
        assertThat(byUscc).singleElement().satisfies(c -> assertThat(c).containsEntry("score", 100));

        ResponseEntity<Map> none = post(REP, CUSTOMERS + "/duplicates/check", Map.of("legalName", "独一无二的无关公司名称有限公司"));
        assertThat(none.getStatusCode().value()).isEqualTo(200);
        assertThat((List<?>) none.getBody().get("candidates")).isEmpty();

        assertThat(post(REP, CUSTOMERS + "/duplicates/check", Map.of("legalName", "")).getStatusCode().value()).isEqualTo(400);
        assertThat(post(ANALYST, CUSTOMERS + "/duplicates/check", Map.of("legalName", "某某有限公司")).getStatusCode().value()).isEqualTo(403);
        assertThat(count("customer")).isEqualTo(customers);
        assertThat(count("outbox_event")).isEqualTo(outbox);
    }
}
