package org.crmsuite.analytics.config;

import java.math.BigDecimal;
import java.time.ZoneId;
import java.util.List;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import org.crmsuite.analytics.kpi.KpiSettings;
import org.crmsuite.analytics.model.ChurnRules;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * analytics-service settings ({@code crm.analytics.*}).
 *
 * @param consumerGroup      the Kafka consumer group of the event intake; a new name replays the topics from the start
 * @param timeZone           the business time zone months are cut in
 * @param activeWindowDays   a customer is active when it ordered within this many days
 * @param churnWindowDays    the window the churn rules compare (orders, SLA breaches)
 * @param noContactDays      the churn rule "no contact in N days"
 * @param churnRiskLimit     rows of the per-customer churn-risk list
 * @param rfmMonetary        lower bounds of the RFM monetary scores 2..5 (yearly order value)
 * @param factsCacheTtl      how long KPI queries may reuse the in-memory snapshot of the facts an earlier one took while
 *                           events keep changing them (0: never, every query sees every applied event)
 * @param historyCacheEvents events the projector keeps parsed in memory (the histories of the keys folded lately), so
 *                           a refold reads no stored history it has seen; 0 turns the cache off. The same bound, apart,
 *                           for the events the customer 360 pass's per-customer states keep (0: no states either)
 * @param historyCacheSize   the estimated heap those parsed events may take (the cache evicts at whichever bound comes
 *                           first; the 360 states likewise, apart; README "Size the heap")
 * @param churnScore         what gives the churn-risk score: {@code model} (the default, as the model beat the rules on
 *                           held-out data in docs/benchmarks/analytics-churn-model.md; still used only when it beats them
 *                           on the service's own held-out cut-off) or {@code rules}
 * @param churnModelRetrain  how old the churn model may get before the next churn-risk query trains it again
 * @param customer360Interval the least time between two starts of the customer 360 pass (the intake's second,
 *                           coalescing pass): a customer touched by many polls within it is refolded once
 * @param streamBucketEvents the most events one bucket of a key's event stream holds (MongoDB documents are at most
 *                           16 MB: a key with more events gets more buckets; README "MongoDB notes")
 */
@Validated
@ConfigurationProperties("crm.analytics")
public record AnalyticsProperties(@NotNull String consumerGroup, @NotNull ZoneId timeZone, @Min(1) int activeWindowDays,
                                  @Min(1) int churnWindowDays, @Min(1) int noContactDays, @Min(1) int churnRiskLimit,
                                  List<BigDecimal> rfmMonetary, java.time.Duration factsCacheTtl,
                                  @jakarta.validation.constraints.PositiveOrZero Integer historyCacheEvents,
                                  org.springframework.util.unit.DataSize historyCacheSize,
                                  org.crmsuite.analytics.churn.ChurnScore churnScore, java.time.Duration churnModelRetrain,
                                  java.time.Duration customer360Interval,
                                  @jakarta.validation.constraints.Positive Integer streamBucketEvents) {

    public AnalyticsProperties {
        factsCacheTtl = factsCacheTtl == null ? java.time.Duration.ZERO : factsCacheTtl;
        historyCacheEvents = historyCacheEvents == null ? org.crmsuite.analytics.projection.Projector.DEFAULT_HISTORY_CACHE : historyCacheEvents;
        historyCacheSize = historyCacheSize == null ? org.springframework.util.unit.DataSize.ofMegabytes(64) : historyCacheSize;
        churnScore = churnScore == null ? org.crmsuite.analytics.churn.ChurnScore.MODEL : churnScore;
        churnModelRetrain = churnModelRetrain == null ? java.time.Duration.ofHours(24) : churnModelRetrain;
        customer360Interval = customer360Interval == null ? java.time.Duration.ofMillis(200) : customer360Interval;
        streamBucketEvents = streamBucketEvents == null ? org.crmsuite.analytics.projection.MongoReadModelStore.DEFAULT_BUCKET_EVENTS : streamBucketEvents;
        rfmMonetary = rfmMonetary == null || rfmMonetary.isEmpty() ? KpiSettings.DEFAULT.rfmMonetary() : List.copyOf(rfmMonetary);
    }

    public KpiSettings kpiSettings() {
        return new KpiSettings(activeWindowDays, new ChurnRules.Settings(churnWindowDays, noContactDays), churnRiskLimit, rfmMonetary);
    }
}
