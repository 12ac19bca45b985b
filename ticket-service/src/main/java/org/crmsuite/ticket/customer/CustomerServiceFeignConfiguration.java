package org.crmsuite.ticket.customer;

import java.util.concurrent.TimeUnit;

import feign.Request;
import feign.RequestInterceptor;
import feign.codec.ErrorDecoder;
import org.crmsuite.platform.security.CurrentUser;
import org.springframework.context.annotation.Bean;
import org.springframework.http.HttpHeaders;

/**
 * The OpenFeign client's own beans (a child context of the client, deliberately not a scanned {@code @Configuration}):
 * connect and read timeouts from {@code crm.ticket.customer-service}, the caller's bearer token passed on, and the
 * answers mapped to what the directory understands: 404 = the customer does not exist (an answer, not a failure),
 * 403 = the caller may not read that customer (also an answer: the snapshot describes it), any other error status =
 * customer-service cannot answer. Network errors and timeouts surface as Feign's
 * {@code RetryableException}; Spring Cloud OpenFeign's default retryer never retries.
 */
class CustomerServiceFeignConfiguration {

    @Bean
    Request.Options customerServiceTimeouts(CustomerServiceProperties properties) {
        return new Request.Options(properties.connectTimeout().toMillis(), TimeUnit.MILLISECONDS,
                properties.readTimeout().toMillis(), TimeUnit.MILLISECONDS, false);
    }

    @Bean
    RequestInterceptor callersBearerToken() {
        return template -> CurrentUser.bearerToken().ifPresent(token -> template.header(HttpHeaders.AUTHORIZATION, "Bearer " + token));
    }

    @Bean
    ErrorDecoder customerServiceErrors() {
        return (methodKey, response) -> switch (response.status()) {
            case 404 -> new CustomerServiceClient.UnknownCustomer(lastSegment(response.request().url()));
            case 403 -> new CustomerServiceClient.NotPermitted(lastSegment(response.request().url()));
            default -> new CustomerServiceClient.Unavailable("customer-service answered " + response.status(), null);
        };
    }

    private static String lastSegment(String url) {
        String path = url.contains("?") ? url.substring(0, url.indexOf('?')) : url;
        return path.substring(path.lastIndexOf('/') + 1);
    }
}
