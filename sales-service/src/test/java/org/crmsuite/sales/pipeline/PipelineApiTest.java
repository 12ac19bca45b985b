package org.crmsuite.sales.pipeline;

import java.util.List;
import java.util.Map;

import org.crmsuite.sales.ApiTestSupport;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;

import static org.assertj.core.api.Assertions.assertThat;

class PipelineApiTest extends ApiTestSupport {

    @Test
    @SuppressWarnings("unchecked")
    void theSeededDefaultPipelineHasTheStandardStagesProbabilitiesAndRules() {
        List<Map<String, Object>> pipelines = http.get().uri("/api/v1/sales/pipelines")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + REP).retrieve().body(List.class);
        Map<String, Object> standard = pipelines.getFirst();
        assertThat(standard.get("isDefault")).isEqualTo(true);
        List<Map<String, Object>> stages = (List<Map<String, Object>>) standard.get("stages");
        assertThat(stages).extracting(stage -> stage.get("code"))
                .containsExactly("qualification", "needs-analysis", "proposal", "negotiation", "won", "lost");
        assertThat(stages).extracting(stage -> stage.get("probability")).containsExactly(10, 20, 50, 75, 100, 0);
        assertThat(stages.get(2).get("requiredFields")).isEqualTo(List.of("amount", "expectedCloseDate"));
        assertThat(stages.get(3).get("requiredFields")).isEqualTo(List.of("lineItems"));
        assertThat(stages.get(4).get("requiredFields")).isEqualTo(List.of("lineItems"));
    }
}
