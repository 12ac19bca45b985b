package org.crmsuite.analytics.config;

import org.crmsuite.analytics.kpi.FactsMirror;
import org.crmsuite.analytics.projection.MongoReadModelStore;
import org.crmsuite.analytics.projection.Projector;
import org.crmsuite.analytics.projection.ReadModelStore;
import org.crmsuite.platform.security.RecordAccess;
import org.crmsuite.platform.security.Roles;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.mongodb.core.MongoTemplate;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(AnalyticsProperties.class)
class AnalyticsConfiguration {

    @Bean
    ReadModelStore readModelStore(MongoTemplate mongo, AnalyticsProperties properties) {
        MongoReadModelStore store = new MongoReadModelStore(mongo, properties.streamBucketEvents());
        store.ensureIndexes();
        return store;
    }

    /** The KPI facts in memory, loaded in the background once the service is up. */
    @Bean
    FactsMirror factsMirror(ReadModelStore store, AnalyticsProperties properties, java.time.Clock clock) {
        return new FactsMirror(store, properties.factsCacheTtl(), clock);
    }

    @Bean
    org.springframework.context.ApplicationListener<org.springframework.boot.context.event.ApplicationReadyEvent> factsMirrorLoader(FactsMirror mirror) {
        return event -> Thread.ofVirtual().name("facts-mirror-load").start(mirror::load);
    }

    /** The churn model behind {@code crm.analytics.churn-score}, trained on demand from the service's own history. */
    @Bean
    org.crmsuite.analytics.churn.ChurnModels churnModels(AnalyticsProperties properties, java.time.Clock clock) {
        // One daemon thread, not an Executor bean (that would replace Boot's task executor): a query never waits for it.
        return new org.crmsuite.analytics.churn.ChurnModels(properties, clock, java.util.concurrent.Executors.newSingleThreadExecutor(
                Thread.ofPlatform().daemon().name("churn-model-training").factory()));
    }

    @Bean
    Projector projector(ReadModelStore store, AnalyticsProperties properties) {
        // the service defers the customer 360s to their own coalescing pass (Customer360Refresher)
        return new Projector(store, properties.historyCacheEvents(), properties.historyCacheSize().toBytes(), true);
    }

    /** Analysts read every aggregate (and no personal data); managers and reps see their department's records. */
    @Bean
    RecordAccess analyticsRecordAccess() {
        return RecordAccess.seeingAll(Roles.ANALYST, Roles.DATA_STEWARD);
    }
}
