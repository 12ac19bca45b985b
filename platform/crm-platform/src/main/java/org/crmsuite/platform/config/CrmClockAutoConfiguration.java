package org.crmsuite.platform.config;

import java.time.Clock;

import org.crmsuite.platform.time.AdjustableClock;
import org.crmsuite.platform.time.ClockEndpoint;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;

/**
 * With {@code crm.clock.adjustable=true} (the local stack sets it; production never does) every time decision of the
 * service reads an {@link AdjustableClock} that {@code POST /actuator/clock} moves forward. Services take time from
 * the {@link Clock} bean, never from {@code Instant.now()}, so this reaches SLA timers, reminders and expiries alike.
 */
@AutoConfiguration(before = CrmEventsAutoConfiguration.class)
@ConditionalOnProperty(name = "crm.clock.adjustable", havingValue = "true")
public class CrmClockAutoConfiguration {

    @Bean
    AdjustableClock clock() {
        return new AdjustableClock(Clock.systemUTC());
    }

    @Bean
    @ConditionalOnClass(name = "org.springframework.boot.actuate.endpoint.annotation.Endpoint")
    ClockEndpoint clockEndpoint(AdjustableClock clock) {
        return new ClockEndpoint(clock);
    }
}
