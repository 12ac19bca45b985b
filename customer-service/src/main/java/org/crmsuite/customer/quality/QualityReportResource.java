package org.crmsuite.customer.quality;

import java.math.BigDecimal;
import java.sql.Date;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.crmsuite.customer.customer.CustomerVisibility;
import org.crmsuite.platform.security.CurrentUser;
import org.crmsuite.platform.web.CrmProblemException;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/customers/quality")
@Tag(name = "Data quality")
class QualityReportResource {

    static final int MAX_DAYS = 366;

    private final JdbcClient jdbc;
    private final QualityScores scores;

    QualityReportResource(JdbcClient jdbc, QualityScores scores) {
        this.jdbc = jdbc;
        this.scores = scores;
    }

    @GetMapping("/worst")
    @Operation(summary = "Customers with the worst data quality first (data stewards and admins)", description = "Active customers by "
            + "their stored score (refreshed for changed customers every crm.customer.quality-refresh-interval and for all daily); "
            + "GET /api/v1/customers/{id}/quality tells what to fix.")
    List<WorstCustomer> worst(@Parameter(description = "the department or any below it", example = "/sales/east")
                              @RequestParam(required = false) String department,
                              @RequestParam(defaultValue = "0") @Min(0) int page,
                              @RequestParam(defaultValue = "50") @Min(1) @Max(200) int size) {
        CustomerVisibility.requireAny(CurrentUser.current(), CustomerVisibility.STEWARDS, "list customers by data quality");
        return jdbc.sql("""
                        SELECT id, code, legal_name, department, owner_id, quality_score FROM customer
                        WHERE status = 'ACTIVE' AND quality_score IS NOT NULL
                          AND (CAST(:department AS TEXT) IS NULL OR department = :department OR department LIKE :below)
                        ORDER BY quality_score, code LIMIT :limit OFFSET :offset""")
                .param("department", department).param("below", department == null ? null : department + "/%")
                .param("limit", size).param("offset", (long) page * size)
                .query((rs, n) -> new WorstCustomer(rs.getObject("id", UUID.class), rs.getString("code"), rs.getString("legal_name"),
                        rs.getString("department"), rs.getString("owner_id"), rs.getInt("quality_score")))
                .list();
    }

    @GetMapping("/departments")
    @Operation(summary = "Data quality by department: now, and the daily snapshots between from and to (data stewards and admins)",
            description = "current: customers, average score and customers scoring under 60 per department, from the stored scores; "
                    + "history: the daily snapshots (taken at crm.customer.quality-snapshot-cron, Asia/Shanghai), at most 366 days.")
    DepartmentQuality departments(@Parameter(example = "2026-11-01") @RequestParam(required = false)
                                  @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
                                  @Parameter(example = "2026-11-30") @RequestParam(required = false)
                                  @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to) {
        CustomerVisibility.requireAny(CurrentUser.current(), CustomerVisibility.STEWARDS, "see data quality by department");
        LocalDate end = to == null ? scores.today() : to;
        LocalDate start = from == null ? end.minusDays(29) : from;
        if (start.isAfter(end) || start.plusDays(MAX_DAYS).isBefore(end)) {
            throw CrmProblemException.invalid("from", "must be on or before to, and at most " + MAX_DAYS + " days before it");
        }
        List<DepartmentScore> current = jdbc.sql("""
                        SELECT coalesce(department, '') AS department, count(*) AS customers, round(avg(quality_score), 1) AS average,
                               count(*) FILTER (WHERE quality_score < :poor) AS poor
                        FROM customer WHERE status = 'ACTIVE' AND quality_score IS NOT NULL
                        GROUP BY coalesce(department, '') ORDER BY 3, 1""")
                .param("poor", QualityScores.POOR)
                .query((rs, n) -> new DepartmentScore(null, rs.getString("department"), rs.getInt("customers"),
                        rs.getBigDecimal("average"), rs.getInt("poor")))
                .list();
        List<DepartmentScore> history = jdbc.sql("""
                        SELECT day, department, customers, average_score, poor FROM quality_snapshot
                        WHERE day BETWEEN :from AND :to ORDER BY day, department""")
                .param("from", Date.valueOf(start)).param("to", Date.valueOf(end))
                .query((rs, n) -> new DepartmentScore(rs.getDate("day").toLocalDate(), rs.getString("department"), rs.getInt("customers"),
                        rs.getBigDecimal("average_score"), rs.getInt("poor")))
                .list();
        return new DepartmentQuality(start, end, current, history);
    }

    @PostMapping("/refresh")
    @Operation(summary = "Score changed customers now and take today's snapshot again (data stewards and admins)")
    Map<String, Integer> refresh() {
        CustomerVisibility.requireAny(CurrentUser.current(), CustomerVisibility.STEWARDS, "refresh data quality");
        int scored = scores.refreshChanged();
        scores.snapshot(scores.today());
        return Map.of("scored", scored);
    }

    @Schema(description = "A customer and its stored data quality score")
    record WorstCustomer(UUID id, @Schema(example = "C-000123") String code, String legalName, String department, String ownerId,
                         @Schema(example = "35") int score) {
    }

    @Schema(description = "A department's data quality on a day (day is empty for the current figures)")
    record DepartmentScore(LocalDate day, @Schema(example = "/sales/east") String department, int customers,
                           @Schema(example = "72.5") BigDecimal averageScore, @Schema(description = "customers scoring under 60") int poor) {
    }

    record DepartmentQuality(LocalDate from, LocalDate to, List<DepartmentScore> current, List<DepartmentScore> history) {
    }
}
