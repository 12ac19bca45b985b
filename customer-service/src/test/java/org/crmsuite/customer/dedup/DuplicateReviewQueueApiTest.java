package org.crmsuite.customer.dedup;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.crmsuite.customer.ApiTestSupport;
import org.junit.jupiter.api.Test;
import org.springframework.http.ResponseEntity;

import static org.assertj.core.api.Assertions.assertThat;

/** Issue 3, part 5: the stewards' review queue, filled on registration and by the periodic scan. */
@SuppressWarnings({"unchecked", "rawtypes"})
class DuplicateReviewQueueApiTest extends ApiTestSupport {

    static final String CUSTOMERS = "/api/v1/customers";
    static final String QUEUE = "/api/v1/customers/duplicates";

    @Test
    void aCustomerRegisteredAnywayIsQueuedForStewardsAtOnce() {
        String first = (String) create("厦门鼓浪屿文旅发展有限公司", true).getBody().get("id");
        String second = (String) create("厦门鼓浪屿文旅发展股份有限公司", true).getBody().get("id");

        Map<String, Object> pair = pairOf(first, second);
        assertThat(pair).isNotNull().containsEntry("score", 70).containsEntry("status", "OPEN");
        assertThat((List<String>) pair.get("reasons")).singleElement().asString().startsWith("same name without legal form");
        assertThat(get(REP, QUEUE).getStatusCode().value()).isEqualTo(403);

        ResponseEntity<Map> dismissed = post(STEWARD, QUEUE + "/" + pair.get("id") + "/dismiss", null);
        assertThat(dismissed.getStatusCode().value()).isEqualTo(204);
        assertThat(pairOf(first, second)).isNull();
        post(STEWARD, QUEUE + "/scan", null);
        assertThat(pairOf(first, second)).isNull();
    }

    @Test
    void theDuplicateCheckOnUpdateSkipsAPairTheStewardDismissed() {
        String first = (String) create("漳州云霄白茶贸易有限公司", true).getBody().get("id");
        String second = (String) create("漳州云霄白茶贸易股份有限公司", true).getBody().get("id");
        Map<String, Object> pair = pairOf(first, second);
        assertThat(pair).isNotNull();
        ResponseEntity<Map> current = get(REP, CUSTOMERS + "/" + second);
        // not dismissed yet: renaming within the same name is a possible duplicate again
        assertThat(put(REP, CUSTOMERS + "/" + second, Map.of("legalName", "漳州云霄白茶贸易集团有限公司"), etag(current))
                .getStatusCode().value()).isEqualTo(409);
        assertThat(post(STEWARD, QUEUE + "/" + pair.get("id") + "/dismiss", null).getStatusCode().value()).isEqualTo(204);
        assertThat(put(REP, CUSTOMERS + "/" + second, Map.of("legalName", "漳州云霄白茶贸易集团有限公司"), etag(current))
                .getStatusCode().value()).isEqualTo(200);
    }

    @Test
    void thePeriodicScanFindsDuplicatesMadeByLaterEditsAndMergedPairsLeaveTheQueue() {
        String original = (String) create("Northwind Semiconductor Co., Ltd.", false).getBody().get("id");
        ResponseEntity<Map> other = create("Completely Unrelated Bakery", false);
        String otherId = (String) other.getBody().get("id");
        // since the duplicate check on update, such an edit answers 409 unless saveAnyway (then the pair is queued at once);
        // the scan still covers changes that bypass it
        assertThat(put(REP, other.getHeaders().getLocation().toString(), Map.of("legalName", "Northwind Semiconductor Inc."),
                etag(other)).getStatusCode().value()).isEqualTo(409);
        assertThat(put(REP, other.getHeaders().getLocation().toString(), Map.of("legalName", "Northwind Semiconductor Inc.",
                "saveAnyway", true), etag(other)).getStatusCode().value()).isEqualTo(200);

        ResponseEntity<Map> scan = post(STEWARD, QUEUE + "/scan", null);
        assertThat(scan.getStatusCode().value()).isEqualTo(200);
        assertThat((Integer) scan.getBody().get("scanned")).isPositive();
        Map<String, Object> pair = pairOf(original, otherId);
        assertThat(pair).isNotNull();
        assertThat((Integer) pair.get("score")).isGreaterThanOrEqualTo(50);

        String survivor = CUSTOMERS + "/" + original;
        post(STEWARD, survivor + "/merge", Map.of("loserId", otherId), etag(get(STEWARD, survivor)));
        assertThat(pairOf(original, otherId)).isNull();
    }

    private ResponseEntity<Map> create(String name, boolean anyway) {
        Map<String, Object> body = new HashMap<>(Map.of("legalName", name, "createAnyway", anyway));
        ResponseEntity<Map> created = post(REP, CUSTOMERS, body);
        assertThat(created.getStatusCode().value()).isEqualTo(201);
        return created;
    }

    private Map<String, Object> pairOf(String a, String b) {
        List<Map<String, Object>> queue = http.get().uri(QUEUE + "?size=200").header("Authorization", "Bearer " + STEWARD).retrieve().body(List.class);
        return queue.stream().filter(p -> {
            Object x = ((Map<?, ?>) p.get("customer")).get("id");
            Object y = ((Map<?, ?>) p.get("candidate")).get("id");
            return (a.equals(x) && b.equals(y)) || (a.equals(y) && b.equals(x));
        }).findFirst().orElse(null);
    }
}
