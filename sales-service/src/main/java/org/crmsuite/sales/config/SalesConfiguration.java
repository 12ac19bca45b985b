package org.crmsuite.sales.config;

import java.time.Clock;
import java.time.ZoneId;

import org.crmsuite.sales.conversion.CustomerDirectory;
import org.crmsuite.sales.conversion.CustomerServiceApi;
import org.crmsuite.sales.conversion.CustomerServiceProperties;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.cloud.openfeign.EnableFeignClients;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.jpa.repository.config.EnableJpaAuditing;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.constraints.NotNull;

/** Wiring particular to sales: auditing on (the auditor comes from the platform), the business clock and its zone (what "today" means for close dates). */
@Configuration(proxyBeanMethods = false)
@EnableJpaAuditing
@EnableConfigurationProperties({SalesConfiguration.SalesProperties.class, CustomerServiceProperties.class})
@EnableFeignClients(clients = CustomerServiceApi.class)
public class SalesConfiguration {

    /** {@code crm.sales.business-zone}: the zone in which "today" is judged for expected close dates (default Asia/Shanghai). */
    @ConfigurationProperties("crm.sales")
    @Validated
    public record SalesProperties(@NotNull ZoneId businessZone) {
        public SalesProperties {
            businessZone = businessZone == null ? ZoneId.of("Asia/Shanghai") : businessZone;
        }
    }

    @Bean
    CustomerDirectory customerDirectory(CustomerServiceApi api, CustomerServiceProperties properties) {
        return new CustomerDirectory(api, properties);
    }

    @Bean
    Clock businessClock(SalesProperties properties) {
        return Clock.system(properties.businessZone());
    }
}
