package org.crmsuite.analytics.kpi;

import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.crmsuite.platform.security.CurrentUser;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/analytics/kpis")
@Tag(name = "KPIs", description = "Service, sales and customer KPIs by period and dimension; definitions in docs/kpis.md")
class KpiResource {

    private final KpiService kpis;

    KpiResource(KpiService kpis) {
        this.kpis = kpis;
    }

    record DefinitionView(String name, String area, String title, String formula, List<String> feedingEvents, List<String> dimensions) {
    }

    @Operation(summary = "Every KPI with its formula, feeding events and dimensions")
    @GetMapping
    List<DefinitionView> definitions() {
        return kpis.definitions(CurrentUser.current()).stream().map(d -> new DefinitionView(d.name(), d.area(), d.title(),
                d.formula(), d.feedingEvents(), d.dimensions().stream().map(Dimension::param).toList())).toList();
    }

    @Operation(summary = "One KPI over a period, broken down by a dimension",
            description = "Analysts and admins count every record; managers their department's; reps and agents their own and their team's. "
                    + "An unknown KPI is a 404, an unknown dimension or a period that does not start before it ends a 400 problem.")
    @ApiResponse(responseCode = "200", content = @Content(mediaType = "application/json", examples = @ExampleObject(value = """
            {"kpi":"sla-compliance","title":"SLA compliance","from":"2025-12-31T16:00:00Z","to":"2026-06-30T16:00:00Z","by":"priority","scope":"all",
             "rows":[{"group":"P1","values":{"resolved":40,"breached":3,"compliance":0.925}},{"group":"P2","values":{"resolved":120,"breached":6,"compliance":0.95}}]}""")))
    @ApiResponse(responseCode = "400", content = @Content(mediaType = "application/problem+json", examples = @ExampleObject(value = """
            {"type":"urn:crm:problem:validation-failed","title":"The request has invalid fields","status":400,
             "errors":[{"field":"to","reason":"must be after from (2026-06-01)"}]}""")))
    @GetMapping("/{kpi}")
    KpiResult kpi(@PathVariable @Parameter(example = "resolution-time") String kpi,
                  @RequestParam(required = false) @Parameter(description = "date in the business time zone or instant; default: 12 months before `to`", example = "2026-01-01") String from,
                  @RequestParam(required = false) @Parameter(description = "exclusive; default: the end of today", example = "2026-07-01") String to,
                  @RequestParam(required = false) @Parameter(description = "queue, agent, priority, type, channel, owner, department, source, campaign, tier, month (each KPI lists its own)", example = "queue") String by) {
        return kpis.compute(CurrentUser.current(), kpi, from, to, by);
    }

    @Operation(summary = "The same KPI as CSV", description = "One line per group; nested values become `name.part` columns.")
    @ApiResponse(responseCode = "200", content = @Content(mediaType = "text/csv", examples = @ExampleObject(value = """
            kpi,from,to,by,group,resolved,breached,compliance
            sla-compliance,2025-12-31T16:00:00Z,2026-06-30T16:00:00Z,priority,P1,40,3,0.925""")))
    @GetMapping(value = "/{kpi}.csv", produces = "text/csv")
    ResponseEntity<String> csv(@PathVariable String kpi, @RequestParam(required = false) String from,
                               @RequestParam(required = false) String to, @RequestParam(required = false) String by) {
        KpiResult result = kpis.compute(CurrentUser.current(), kpi, from, to, by);
        return ResponseEntity.ok().contentType(new MediaType("text", "csv", java.nio.charset.StandardCharsets.UTF_8))
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + result.kpi() + ".csv\"")
                .body(Csv.of(result));
    }
}
