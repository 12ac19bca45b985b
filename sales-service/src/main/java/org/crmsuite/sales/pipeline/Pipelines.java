package org.crmsuite.sales.pipeline;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import org.crmsuite.platform.web.CrmProblemException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Reads the configured pipelines (seeded by Flyway; a default one always exists). */
@Service
public class Pipelines {

    private final JdbcClient db;

    Pipelines(JdbcClient db) {
        this.db = db;
    }

    @Transactional(readOnly = true)
    public List<Pipeline> all() {
        record Row(UUID pipelineId, String code, String name, int position, int probability, String outcome, String requiredFields) {
        }
        Map<UUID, List<PipelineStage>> stages = db.sql("""
                        SELECT pipeline_id, code, name, position, probability, outcome, required_fields
                        FROM pipeline_stage ORDER BY pipeline_id, position""")
                .query((rs, n) -> new Row(rs.getObject("pipeline_id", UUID.class), rs.getString("code"), rs.getString("name"),
                        rs.getInt("position"), rs.getInt("probability"), rs.getString("outcome"), rs.getString("required_fields")))
                .list().stream()
                .collect(Collectors.groupingBy(Row::pipelineId, Collectors.mapping(row -> new PipelineStage(row.code(), row.name(),
                        row.position(), row.probability(), StageOutcome.valueOf(row.outcome()), fields(row.requiredFields())), Collectors.toList())));
        return db.sql("SELECT id, name, is_default FROM pipeline ORDER BY is_default DESC, name")
                .query((rs, n) -> {
                    UUID id = rs.getObject("id", UUID.class);
                    return new Pipeline(id, rs.getString("name"), rs.getBoolean("is_default"), stages.getOrDefault(id, List.of()));
                }).list();
    }

    /** The pipeline with this id, or the default one when {@code id} is null. */
    @Transactional(readOnly = true)
    public Pipeline get(UUID id) {
        return all().stream()
                .filter(pipeline -> id == null ? pipeline.isDefault() : pipeline.id().equals(id))
                .findFirst()
                .orElseThrow(() -> id == null ? new IllegalStateException("no default pipeline") : CrmProblemException.invalid("pipelineId", "unknown pipeline " + id));
    }

    private static List<String> fields(String csv) {
        return csv == null || csv.isBlank() ? List.of() : Arrays.stream(csv.split(",")).map(String::strip).toList();
    }
}
