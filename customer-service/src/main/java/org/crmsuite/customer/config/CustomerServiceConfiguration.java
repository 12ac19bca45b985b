package org.crmsuite.customer.config;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.scheduling.annotation.EnableScheduling;

import tools.jackson.databind.json.JsonMapper;

/** What is particular to customer-service; the platform starter brings the rest. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(CustomerProperties.class)
@EnableScheduling
class CustomerServiceConfiguration {

    /** Right after the request id filter, before security: an oversized body is refused before anything reads it. */
    @Bean
    FilterRegistrationBean<RequestSizeLimit> requestSizeLimit(CustomerProperties properties, JsonMapper json) {
        FilterRegistrationBean<RequestSizeLimit> registration = new FilterRegistrationBean<>(
                new RequestSizeLimit(properties.maxRequestSize().toBytes(), json));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
        return registration;
    }
}
