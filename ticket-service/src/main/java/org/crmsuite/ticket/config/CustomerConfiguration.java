package org.crmsuite.ticket.config;

import org.crmsuite.ticket.customer.CustomerServiceApi;
import org.crmsuite.ticket.customer.CustomerServiceClient;
import org.crmsuite.ticket.customer.CustomerServiceEndpoint;
import org.crmsuite.ticket.customer.CustomerServiceProperties;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.cloud.openfeign.EnableFeignClients;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(CustomerServiceProperties.class)
@EnableFeignClients(clients = CustomerServiceApi.class)
class CustomerConfiguration {

    @Bean
    @ConditionalOnMissingBean
    CustomerServiceEndpoint customerServiceEndpoint(CustomerServiceProperties properties) {
        String url = properties.url().toString();
        String base = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
        return () -> base;
    }

    @Bean
    CustomerServiceClient customerServiceClient(CustomerServiceApi api, CustomerServiceEndpoint endpoint, CustomerServiceProperties properties) {
        return new CustomerServiceClient(api, endpoint, properties);
    }
}
