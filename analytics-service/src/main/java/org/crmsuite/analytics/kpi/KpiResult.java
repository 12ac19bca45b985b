package org.crmsuite.analytics.kpi;

import java.time.Instant;
import java.util.List;

import io.swagger.v3.oas.annotations.media.Schema;

/** A KPI over a period, broken down by a dimension; {@code scope} says whose records were counted. */
@Schema(example = """
        {"kpi":"resolution-time","title":"Resolution time (minutes)","from":"2025-12-31T16:00:00Z","to":"2026-06-30T16:00:00Z",
         "by":"queue","scope":"all","rows":[{"group":"billing","values":{"tickets":42,"median":185.5,"p90":960.0}}]}""")
public record KpiResult(String kpi, String title, Instant from, Instant to, String by, String scope, List<KpiRow> rows) {
}
