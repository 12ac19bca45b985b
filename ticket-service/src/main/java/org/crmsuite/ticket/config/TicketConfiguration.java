package org.crmsuite.ticket.config;

import java.time.Clock;

import org.crmsuite.ticket.satisfaction.SatisfactionProperties;
import org.crmsuite.ticket.ticket.TicketNumbers;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.mongodb.core.MongoTemplate;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({TicketProperties.class, SatisfactionProperties.class})
class TicketConfiguration {

    @Bean
    TicketNumbers ticketNumbers(MongoTemplate mongo, Clock clock, TicketProperties properties) {
        return new TicketNumbers(mongo, clock, properties.timeZone());
    }
}
