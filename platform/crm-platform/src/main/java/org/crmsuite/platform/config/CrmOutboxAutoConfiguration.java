package org.crmsuite.platform.config;

import java.time.Clock;

import javax.sql.DataSource;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.crmsuite.platform.consume.JdbcProcessedEvents;
import org.crmsuite.platform.consume.MongoProcessedEvents;
import org.crmsuite.platform.consume.ProcessedEvents;
import org.crmsuite.platform.events.EventEnvelopeFactory;
import org.crmsuite.platform.outbox.EventPublisher;
import org.crmsuite.platform.outbox.JdbcOutbox;
import org.crmsuite.platform.outbox.JdbcOutboxRelay;
import org.crmsuite.platform.outbox.MongoOutboxRelay;
import org.crmsuite.platform.outbox.Outbox;
import org.crmsuite.platform.outbox.OutboxProperties;
import org.crmsuite.platform.outbox.PendingEvents;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.core.ProducerFactory;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The outbox for whichever datastore the service has: a table on PostgreSQL, pending events inside documents on
 * MongoDB; and the consumers' processed-event record beside it.
 */
@AutoConfiguration(after = CrmEventsAutoConfiguration.class, afterName = {
        "org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration",
        "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration",
        "org.springframework.boot.jdbc.autoconfigure.JdbcClientAutoConfiguration",
        "org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration",
        "org.springframework.boot.hibernate.autoconfigure.HibernateJpaAutoConfiguration",
        "org.springframework.boot.data.mongodb.autoconfigure.DataMongoAutoConfiguration",
        "org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration"})
@ConditionalOnClass(KafkaTemplate.class)
@EnableConfigurationProperties(OutboxProperties.class)
public class CrmOutboxAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    @ConditionalOnBean(ProducerFactory.class)
    EventPublisher eventPublisher(ProducerFactory<String, String> producerFactory) {
        // The relay's own template: it sets traceparent from the outbox row, so no observation must overwrite it.
        return new EventPublisher(new KafkaTemplate<>(producerFactory));
    }

    static MeterRegistry meters(ObjectProvider<MeterRegistry> meters) {
        return meters.getIfAvailable(SimpleMeterRegistry::new);
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(JdbcClient.class)
    @ConditionalOnBean(DataSource.class)
    static class Jdbc {

        @Bean
        @ConditionalOnMissingBean
        @ConditionalOnBean(ProducerFactory.class)
        JdbcOutboxRelay jdbcOutboxRelay(JdbcClient jdbc, PlatformTransactionManager transactionManager, EventPublisher publisher,
                                        OutboxProperties properties, Clock clock, ObjectProvider<MeterRegistry> meters) {
            return new JdbcOutboxRelay(jdbc, new TransactionTemplate(transactionManager), publisher, properties, clock, meters(meters));
        }

        @Bean
        @ConditionalOnMissingBean
        Outbox outbox(JdbcTemplate jdbc, EventEnvelopeFactory envelopes, ObjectProvider<JdbcOutboxRelay> relay) {
            return new JdbcOutbox(jdbc, envelopes, relay.getIfAvailable());
        }

        @Bean
        @ConditionalOnMissingBean
        ProcessedEvents processedEvents(JdbcClient jdbc) {
            return new JdbcProcessedEvents(jdbc);
        }
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(MongoTemplate.class)
    @ConditionalOnBean(MongoTemplate.class)
    static class Mongo {

        @Bean
        @ConditionalOnMissingBean
        PendingEvents pendingEvents(EventEnvelopeFactory envelopes) {
            return new PendingEvents(envelopes);
        }

        @Bean
        @ConditionalOnMissingBean
        @ConditionalOnBean(ProducerFactory.class)
        MongoOutboxRelay mongoOutboxRelay(MongoTemplate mongo, EventPublisher publisher, OutboxProperties properties,
                                          ObjectProvider<MeterRegistry> meters) {
            return new MongoOutboxRelay(mongo, publisher, properties, meters(meters));
        }

        @Bean
        @ConditionalOnMissingBean
        ProcessedEvents processedEvents(MongoTemplate mongo) {
            return new MongoProcessedEvents(mongo);
        }
    }
}
