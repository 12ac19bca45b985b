package org.crmsuite.ticket.config;

import java.time.Clock;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.crmsuite.platform.outbox.PendingEvents;
import org.crmsuite.ticket.sla.EscalationChain;
import org.crmsuite.ticket.sla.SlaPlanner;
import org.crmsuite.ticket.sla.SlaProperties;
import org.crmsuite.ticket.sla.SlaSchedule;
import org.crmsuite.ticket.sla.SlaScheduler;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.scheduling.annotation.EnableScheduling;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(SlaProperties.class)
class SlaConfiguration {

    @Bean
    SlaPlanner slaPlanner(SlaProperties properties) {
        return new SlaPlanner(properties.calendar().toCalendar(), properties.warningShare(), properties.escalation().toChain().furtherShares());
    }

    @Bean
    EscalationChain escalationChain(SlaProperties properties) {
        return properties.escalation().toChain();
    }

    @Bean
    SlaScheduler slaScheduler(MongoTemplate mongo, PendingEvents pending, TicketProperties tickets, Clock clock, SlaProperties properties,
                              EscalationChain escalation, ObjectProvider<MeterRegistry> meters) {
        return new SlaScheduler(mongo, pending, tickets, clock, properties.scheduler().batchSize(), meters.getIfAvailable(SimpleMeterRegistry::new),
                escalation);
    }

    /** Off in tests, which run the scheduler by hand with a clock they move. */
    @Configuration(proxyBeanMethods = false)
    @EnableScheduling
    @ConditionalOnProperty(name = "crm.ticket.sla.scheduler.enabled", havingValue = "true")
    static class Scheduling {
        @Bean
        SlaSchedule slaSchedule(SlaScheduler scheduler) {
            return new SlaSchedule(scheduler);
        }
    }
}
