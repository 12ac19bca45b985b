package org.crmsuite.platform.config;

import java.time.Clock;

import io.micrometer.tracing.Tracer;
import org.crmsuite.platform.events.EventEnvelopeFactory;
import org.crmsuite.platform.events.EventSchemas;
import org.crmsuite.platform.observability.Traceparents;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

import tools.jackson.databind.json.JsonMapper;

/** The event envelope and the schema catalogue, for every service. */
@AutoConfiguration(afterName = "org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration")
public class CrmEventsAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    @ConditionalOnMissingBean
    EventEnvelopeFactory eventEnvelopeFactory(@Value("${spring.application.name}") String applicationName,
                                              JsonMapper jsonMapper, Clock clock, ObjectProvider<Tracer> tracer) {
        return new EventEnvelopeFactory(applicationName, jsonMapper, clock, Traceparents.from(tracer.getIfAvailable()));
    }

    @Bean
    @ConditionalOnMissingBean
    EventSchemas eventSchemas() {
        return new EventSchemas();
    }
}
