package org.crmsuite.sales.activity;

import java.time.Duration;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Reminders and follow-up plans ({@code crm.sales.activities}).
 *
 * @param schedulerEnabled     whether this instance runs the reminder and follow-up checks (safe on every replica)
 * @param checkInterval        how often they run: a reminder goes out at most this late
 * @param batchSize            rows claimed per transaction
 * @param followUpLeadTime     how long before its due time a plan's next visit is created (so the rep sees it coming)
 * @param followUpRemindBefore the reminder of a planned visit, this long before it is due
 */
@Validated
@ConfigurationProperties("crm.sales.activities")
public record ActivityProperties(Boolean schedulerEnabled, @NotNull Duration checkInterval, @Min(1) int batchSize,
                                 @NotNull Duration followUpLeadTime, @NotNull Duration followUpRemindBefore) {

    public ActivityProperties {
        schedulerEnabled = schedulerEnabled == null ? Boolean.TRUE : schedulerEnabled;
        checkInterval = checkInterval == null ? Duration.ofSeconds(30) : checkInterval;
        batchSize = batchSize == 0 ? 100 : batchSize;
        followUpLeadTime = followUpLeadTime == null ? Duration.ofDays(7) : followUpLeadTime;
        followUpRemindBefore = followUpRemindBefore == null ? Duration.ofDays(1) : followUpRemindBefore;
    }
}
