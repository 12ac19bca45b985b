package org.crmsuite.customer.quality;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.crmsuite.customer.ApiTestSupport;
import org.crmsuite.platform.events.EventSchemas;
import org.crmsuite.platform.events.Topics;
import org.crmsuite.platform.test.EventProbe;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/** Issue 7: crm.customer.quality-scored.v1 is recorded whenever a customer's score differs from the last one announced. */
@SuppressWarnings({"unchecked", "rawtypes"})
class QualityScoredEventsTest extends ApiTestSupport {

    static final String SCORED = "crm.customer.quality-scored.v1";

    @Autowired
    QualityScores scores;

    private final JsonMapper json = JsonMapper.builder().build();
    private final EventSchemas schemas = new EventSchemas();

    /** The quality-scored payloads recorded for the customer, oldest first, each checked against the schema. */
    private List<JsonNode> scored(Object customerId) {
        List<JsonNode> payloads = db.sql("""
                        SELECT payload::text FROM outbox_event WHERE event_type = :type AND event_key = :key ORDER BY position""")
                .param("type", SCORED).param("key", customerId.toString()).query(String.class).list().stream()
                .map(json::readTree).toList();
        payloads.forEach(p -> assertThat(schemas.violations(SCORED, p)).as(p.toString()).isEmpty());
        return payloads;
    }

    private int currentScore(Object customerId) {
        return (Integer) get(STEWARD, "/api/v1/customers/" + customerId + "/quality").getBody().get("score");
    }

    /** A company name not similar to any other the tests make (no duplicate conflicts). */
    static String randomName() {
        StringBuilder name = new StringBuilder();
        for (int i = 0; i < 6; i++) {
            name.append((char) java.util.concurrent.ThreadLocalRandom.current().nextInt(0x4E00, 0x9FA5));
        }
        return name + "有限公司";
    }

    private static String department() {
        return "/sales/east/q" + UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    void createAnnouncesTheFirstScoreAnUnchangedScoreIsNotAnnouncedAndAChangedOneIs() {
        String department = department();
        String name = randomName();
        ResponseEntity<Map> created = post(STEWARD, "/api/v1/customers", Map.of("legalName", name,
                "department", department, "ownerId", "rep"));
        assertThat(created.getStatusCode().value()).isEqualTo(201);
        String id = (String) created.getBody().get("id");
        String uri = "/api/v1/customers/" + id;
        int first = currentScore(id);

        List<JsonNode> events = scored(id);
        assertThat(events).hasSize(1);
        JsonNode announced = events.get(0);
        assertThat(announced.get("score").asInt()).isEqualTo(first);
        assertThat(announced.hasNonNull("previousScore")).as(announced.toString()).isFalse(); // null on the first (nulls are omitted)
        assertThat(announced.get("department").asString()).isEqualTo(department);
        assertThat(announced.get("code").asString()).isEqualTo(created.getBody().get("code"));
        assertThat(announced.toString()).doesNotContain(name); // no names or other values, only field names

        // a tier change does not move the score: no announcement
        ResponseEntity<Map> sameScore = put(STEWARD, uri, Map.of("legalName", name, "valueTier", "KEY"),
                etag(created));
        assertThat(sameScore.getStatusCode().value()).as(String.valueOf(sameScore.getBody())).isEqualTo(200);
        assertThat(scored(id)).hasSize(1);

        // more facts raise it: announced with the previous score
        ResponseEntity<Map> better = put(STEWARD, uri, Map.of("legalName", name, "valueTier", "KEY",
                "industry", "批发业", "size", "SMALL", "website", "https://www.wangchao-" + UUID.randomUUID().toString().substring(0, 8) + ".example.cn"), etag(sameScore));
        assertThat(better.getStatusCode().value()).isEqualTo(200);
        int second = currentScore(id);
        assertThat(second).isGreaterThan(first);
        assertThat(scored(id)).hasSize(2).last().satisfies(e -> {
            assertThat(e.get("score").asInt()).isEqualTo(second);
            assertThat(e.get("previousScore").asInt()).isEqualTo(first);
        });

        // verification raises timeliness
        assertThat(post(STEWARD, uri + "/verification", Map.of("channel", "PHONE")).getStatusCode().value()).isEqualTo(200);
        int verified = currentScore(id);
        assertThat(verified).isGreaterThan(second);
        assertThat(scored(id)).hasSize(3).last().satisfies(e -> assertThat(e.get("timeliness").asInt()).isEqualTo(20));

        // the rescoring finds nothing new; a year later timeliness has aged, without any write
        scores.refreshChanged();
        assertThat(scored(id)).hasSize(3);
        db.sql("""
                        UPDATE customer SET last_verified_at = now() - INTERVAL '400 days', updated_at = now() - INTERVAL '400 days',
                               quality_scored_at = NULL WHERE id = :id""").param("id", UUID.fromString(id)).update();
        scores.refreshChanged();
        assertThat(scored(id)).hasSize(4).last().satisfies(e -> {
            assertThat(e.get("timeliness").asInt()).isZero();
            assertThat(e.get("previousScore").asInt()).isEqualTo(verified);
            assertThat(e.get("score").asInt()).isEqualTo(verified - 20);
        });

        try (EventProbe probe = EventProbe.onSharedKafka(Topics.CUSTOMER)) {
            probe.awaitEvent(e -> e.type().equals(SCORED) && id.equals(e.subject()) && e.data().get("timeliness").asInt() == 0);
            probe.assertAllMatchTheirSchemas();
        }
    }

    @Test
    void theSurvivorOfAMergeIsAnnouncedAndMergedOrErasedCustomersNeverAgain() {
        String department = department();
        ResponseEntity<Map> survivor = post(STEWARD, "/api/v1/customers", Map.of("legalName", randomName(),
                "department", department));
        ResponseEntity<Map> loser = post(STEWARD, "/api/v1/customers", Map.of("legalName", randomName(),
                "department", department, "industry", "批发业", "website", "https://www.oujiang-" + UUID.randomUUID().toString().substring(0, 8) + ".example.cn"));
        assertThat(loser.getStatusCode().value()).as(String.valueOf(loser.getBody())).isEqualTo(201);
        String survivorId = (String) survivor.getBody().get("id");
        String loserId = (String) loser.getBody().get("id");
        int before = currentScore(survivorId);

        ResponseEntity<Map> merged = post(STEWARD, "/api/v1/customers/" + survivorId + "/merge", Map.of("loserId", loserId,
                "loserVersion", loser.getBody().get("version"), "fields", Map.of()), etag(survivor));
        assertThat(merged.getStatusCode().value()).as(String.valueOf(merged.getBody())).isEqualTo(200);
        int after = currentScore(survivorId);
        assertThat(after).isGreaterThan(before); // took the loser's industry and website
        assertThat(scored(survivorId)).hasSize(2).last().satisfies(e -> assertThat(e.get("score").asInt()).isEqualTo(after));

        // the merged-away customer is never scored again, even when it ages
        db.sql("UPDATE customer SET updated_at = now() - INTERVAL '400 days', quality_scored_at = NULL WHERE id = :id")
                .param("id", UUID.fromString(loserId)).update();
        scores.refreshChanged();
        assertThat(scored(loserId)).hasSize(1);

        // nor is an erased one
        ResponseEntity<Map> other = post(STEWARD, "/api/v1/customers", Map.of("legalName", randomName(),
                "department", department));
        String otherId = (String) other.getBody().get("id");
        assertThat(post(STEWARD, "/api/v1/customers/" + otherId + "/erase", Map.of("reason", "PIPL request")).getStatusCode().value())
                .isEqualTo(200);
        db.sql("UPDATE customer SET updated_at = now() - INTERVAL '400 days', quality_scored_at = NULL WHERE id = :id")
                .param("id", UUID.fromString(otherId)).update();
        scores.refreshChanged();
        assertThat(scored(otherId)).hasSize(1);
    }

    @Test
    void importedCustomersAreAnnouncedInTheImportBatch() {
        String first = randomName();
        String second = randomName();
        String csv = "legalName,industry,province,city\n" + first + ",批发业,浙江省,衢州市\n" + second + ",,,\n";
        ResponseEntity<Map> report = http.post().uri("/api/v1/customers/imports/quality-" + UUID.randomUUID())
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + STEWARD).contentType(MediaType.parseMediaType("text/csv"))
                .body(csv.getBytes(StandardCharsets.UTF_8)).retrieve().toEntity(Map.class);
        assertThat(report.getStatusCode().value()).as(String.valueOf(report.getBody())).isEqualTo(200);
        List<UUID> ids = db.sql("SELECT id FROM customer WHERE legal_name IN (:first, :second)")
                .param("first", first).param("second", second).query(UUID.class).list();
        assertThat(ids).hasSize(2);
        for (UUID id : ids) {
            assertThat(scored(id)).singleElement().satisfies(e -> {
                assertThat(e.get("score").asInt()).isEqualTo(currentScore(id));
                assertThat(e.hasNonNull("previousScore")).isFalse();
            });
            // written with the imported row (no update of it afterwards), so the next scoring has nothing to announce
            assertThat(db.sql("SELECT quality_announced_score FROM customer WHERE id = :id").param("id", id).query(Integer.class).single())
                    .isEqualTo(currentScore(id));
        }
        scores.refreshChanged();
        ids.forEach(id -> assertThat(scored(id)).hasSize(1));
    }
}
