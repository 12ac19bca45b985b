package org.crmsuite.sales.conversion;

import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import feign.Request;
import feign.RequestInterceptor;
import feign.Response;
import feign.codec.ErrorDecoder;
import org.crmsuite.platform.security.CurrentUser;
import org.springframework.context.annotation.Bean;
import org.springframework.http.HttpHeaders;

import tools.jackson.databind.json.JsonMapper;

/**
 * The OpenFeign client's own beans (a child context of the client, deliberately not a scanned {@code @Configuration}):
 * connect and read timeouts from {@code crm.sales.customer-service}, the caller's bearer token passed on (customer-service
 * applies its own rules to the rep), and error statuses mapped: a 4xx is an answer ({@link CustomerDirectory.Refused},
 * with the problem body), a 5xx means customer-service cannot answer ({@link CustomerDirectory.Unavailable}). Network
 * errors and timeouts surface as Feign's {@code RetryableException}; Spring Cloud OpenFeign's default retryer never retries.
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
        JsonMapper json = JsonMapper.builder().build();
        return (methodKey, response) -> response.status() >= 400 && response.status() < 500
                ? new CustomerDirectory.Refused(response.status(), body(response, json))
                : new CustomerDirectory.Unavailable("customer-service answered " + response.status(), null);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> body(Response response, JsonMapper json) {
        if (response.body() == null) {
            return Map.of();
        }
        try (InputStream in = response.body().asInputStream()) {
            Object parsed = json.readValue(in, Map.class);
            return parsed instanceof Map<?, ?> map ? (Map<String, Object>) map : Map.of();
        } catch (IOException | RuntimeException e) {
            return Map.of();
        }
    }
}
