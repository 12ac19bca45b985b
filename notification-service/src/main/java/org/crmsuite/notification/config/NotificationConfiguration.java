package org.crmsuite.notification.config;

import java.net.http.HttpClient;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

/** Wiring particular to notifications: the properties, the scheduler of the delivery worker, the outbound HTTP client. */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
@EnableConfigurationProperties(NotificationProperties.class)
public class NotificationConfiguration {

    /** One client for webhooks and SMS; redirects are not followed (a redirect could lead to a private address). */
    @Bean(destroyMethod = "close")
    HttpClient outboundHttpClient(NotificationProperties properties) {
        return HttpClient.newBuilder().connectTimeout(properties.webhooks().timeout())
                .followRedirects(HttpClient.Redirect.NEVER).executor(Executors.newVirtualThreadPerTaskExecutor()).build();
    }

    /** Sends deliveries in parallel (virtual threads; the worker caps how many at once). */
    @Bean(destroyMethod = "close")
    ExecutorService deliveryExecutor() {
        return Executors.newVirtualThreadPerTaskExecutor();
    }
}
