package org.crmsuite.sales.forecast;

import java.math.BigDecimal;
import java.time.YearMonth;
import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.crmsuite.platform.security.CurrentUser;
import org.crmsuite.platform.web.CrmProblemException;
import org.crmsuite.sales.money.Money;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/sales")
@Tag(name = "Forecast", description = "Weighted pipeline by month, owner and department; quotas and attainment; one row per currency")
class ForecastResource {

    private final ForecastService forecasts;

    ForecastResource(ForecastService forecasts) {
        this.forecasts = forecasts;
    }

    @GetMapping("/forecast")
    @Operation(summary = "Weighted pipeline and attainment", description = "Over the deals you may see: for each month, owner, department "
            + "and currency, the open pipeline, the weighted pipeline (Σ amount × probability / 100, rounded half-even once), the amount won "
            + "in the month, the owner's quota and attainment = won / quota (4 places). Different currencies are never added.")
    List<ForecastRow> forecast(@RequestParam String from, @RequestParam String to) {
        return forecasts.forecast(month("from", from), month("to", to), CurrentUser.current()).stream().map(ForecastRow::of).toList();
    }

    @PutMapping("/quotas/{ownerId}/{month}")
    @Operation(summary = "Set a seller's quota for a month", description = "sales-manager or crm-admin. One quota per owner, month and currency.")
    @ApiResponse(responseCode = "204", description = "Set")
    ResponseEntity<Void> setQuota(@PathVariable @Size(max = 100) String ownerId, @PathVariable String month, @Valid @RequestBody QuotaRequest request) {
        forecasts.setQuota(ownerId, month("month", month), Money.of(request.amount(), request.currency(), "amount", "currency"), CurrentUser.current());
        return ResponseEntity.noContent().build();
    }

    private static YearMonth month(String field, String text) {
        try {
            return YearMonth.parse(text);
        } catch (RuntimeException e) {
            throw CrmProblemException.invalid(field, "must be a month such as 2026-12");
        }
    }

    record QuotaRequest(@NotNull @Schema(example = "300000.00") BigDecimal amount, @Schema(description = "ISO 4217, default CNY") String currency) {
    }

    record ForecastRow(String month, String ownerId, String department, String currency, int openDeals, String pipeline, String weighted,
            String won, String quota, BigDecimal attainment) {
        static ForecastRow of(ForecastService.Line line) {
            Forecast.Row row = line.row();
            return new ForecastRow(row.month().toString(), row.owner(), row.department(), row.currency(), row.openDeals(), row.pipeline().text(),
                    row.weighted().text(), row.won().text(), line.quota() == null ? null : line.quota().text(), line.attainment());
        }
    }
}
