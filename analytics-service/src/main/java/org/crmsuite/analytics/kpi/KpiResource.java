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
    @ApiResponse(responseCode = "200", content = @Content(mediaType = "application/json", examples = {@ExampleObject(name = "sla-compliance by priority", value = """
            {"kpi":"sla-compliance","title":"SLA compliance","from":"2025-12-31T16:00:00Z","to":"2026-06-30T16:00:00Z","by":"priority","scope":"all",
             "rows":[{"group":"P1","values":{"resolved":40,"breached":3,"compliance":0.925}},{"group":"P2","values":{"resolved":120,"breached":6,"compliance":0.95}}]}"""),
            @ExampleObject(name = "churn-risk: the riskiest customers", value = """
            {"kpi":"churn-risk","title":"Churn-risk score per customer","from":"2025-12-31T16:00:00Z","to":"2026-06-30T16:00:00Z","by":"none","scope":"all",
             "rows":[{"group":"0b9e6a52-8a3c-4f7e-9d2a-3c1f5e7b9a10","values":{"score":71,"model":"logistic-regression",
              "reasons":[{"rule":"FALLING_ORDER_FREQUENCY","points":30,"detail":"1 orders in the last 90 days after 6 before"},
                         {"rule":"OVERDUE_INVOICES","points":15,"detail":"2 overdue invoice(s)"}]}}]}"""),
            @ExampleObject(name = "data-quality of a department by month", value = """
            {"kpi":"data-quality","title":"Data quality by department over time","from":"2025-12-31T16:00:00Z","to":"2026-02-28T16:00:00Z","by":"month",
             "scope":"own and [/sales/east] in /sales/east","rows":[
              {"group":"2026-01","values":{"asOf":"2026-01-31T16:00:00Z","customers":412,"averageScore":71.35,"bands":{"lt50":38,"50to79":221,"ge80":153},
               "shares":{"lt50":0.0922,"50to79":0.5364,"ge80":0.3714},"issues":{"COMPLETENESS":260,"VALIDITY":41,"TIMELINESS":198,"CONSISTENCY":12}}},
              {"group":"2026-02","values":{"asOf":"2026-02-28T16:00:00Z","customers":430,"averageScore":74.02,"bands":{"lt50":30,"50to79":219,"ge80":181},
               "shares":{"lt50":0.0698,"50to79":0.5093,"ge80":0.4209},"issues":{"COMPLETENESS":231,"VALIDITY":35,"TIMELINESS":176,"CONSISTENCY":9}}}]}""")}))
    @ApiResponse(responseCode = "400", content = @Content(mediaType = "application/problem+json", examples = @ExampleObject(value = """
            {"type":"urn:crm:problem:validation-failed","title":"The request has invalid fields","status":400,
             "errors":[{"field":"to","reason":"must be after from (2026-06-01)"}]}""")))
    @GetMapping("/{kpi}")
    KpiResult kpi(@PathVariable @Parameter(example = "resolution-time") String kpi,
                  @RequestParam(required = false) @Parameter(description = "date in the business time zone or instant; default: 12 months before `to`", example = "2026-01-01") String from,
                  @RequestParam(required = false) @Parameter(description = "exclusive; default: the end of today", example = "2026-07-01") String to,
                  @RequestParam(required = false) @Parameter(description = "queue, agent, priority, type, channel, owner, department, source, campaign, tier, month (each KPI lists its own)", example = "queue") String by,
                  @RequestParam(required = false) @Parameter(description = "only records of this department or below it (on top of what the caller may see); with by=month: one department over time", example = "/sales/east") String department) {
        return kpis.compute(CurrentUser.current(), kpi, from, to, by, department);
    }

    @Operation(summary = "The same KPI as CSV", description = "One line per group; nested values become `name.part` columns.")
    @ApiResponse(responseCode = "200", content = @Content(mediaType = "text/csv", examples = {@ExampleObject(name = "sla-compliance by priority", value = """
            kpi,from,to,by,group,resolved,breached,compliance
            sla-compliance,2025-12-31T16:00:00Z,2026-06-30T16:00:00Z,priority,P1,40,3,0.925"""),
            @ExampleObject(name = "data-quality by department", value = """
            kpi,from,to,by,group,asOf,customers,averageScore,bands.lt50,bands.50to79,bands.ge80,shares.lt50,shares.50to79,shares.ge80,issues.COMPLETENESS,issues.VALIDITY,issues.TIMELINESS,issues.CONSISTENCY
            data-quality,2025-12-31T16:00:00Z,2026-06-30T16:00:00Z,department,/sales/east,2026-06-30T16:00:00Z,430,74.02,30,219,181,0.0698,0.5093,0.4209,231,35,176,9""")}))
    @GetMapping(value = "/{kpi}.csv", produces = "text/csv")
    ResponseEntity<String> csv(@PathVariable String kpi, @RequestParam(required = false) String from,
                               @RequestParam(required = false) String to, @RequestParam(required = false) String by,
                               @RequestParam(required = false) String department) {
        KpiResult result = kpis.compute(CurrentUser.current(), kpi, from, to, by, department);
        return ResponseEntity.ok().contentType(new MediaType("text", "csv", java.nio.charset.StandardCharsets.UTF_8))
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + result.kpi() + ".csv\"")
                .body(Csv.of(result));
    }
}
