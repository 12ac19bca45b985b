package org.crmsuite.customer.orders;

import java.time.Duration;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * The at-risk rule ({@code crm.customer.at-risk.*}): an ACTIVE customer whose last ERP order is older than
 * {@code noOrderMonths} months moves to AT_RISK.
 *
 * @param noOrderMonths  months without an order after which an active customer is at risk
 * @param checkInterval  how often the rule runs
 * @param batchSize      customers moved per transaction
 */
@Validated
@ConfigurationProperties("crm.customer.at-risk")
public record AtRiskProperties(@Min(1) @Max(120) Integer noOrderMonths, Duration checkInterval, @Min(1) @Max(10_000) Integer batchSize) {

    public AtRiskProperties {
        noOrderMonths = noOrderMonths == null ? 6 : noOrderMonths;
        checkInterval = checkInterval == null ? Duration.ofHours(1) : checkInterval;
        batchSize = batchSize == null ? 200 : batchSize;
    }
}
