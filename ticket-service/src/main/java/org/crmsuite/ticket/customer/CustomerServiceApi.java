package org.crmsuite.ticket.customer;

import java.net.URI;
import java.util.Map;

import org.springframework.cloud.openfeign.FeignClient;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

/**
 * customer-service's customer read, as a Spring Cloud OpenFeign client. The {@link URI} argument is Feign's per-call
 * target: it comes from {@link CustomerServiceEndpoint} (the configured URL, or a test's stub), so the declared
 * {@code url} is only the default. Timeouts, the caller's token and the error mapping are in
 * {@link CustomerServiceFeignConfiguration}; the circuit breaker wraps calls in {@link CustomerServiceClient}.
 */
@FeignClient(name = "customer-service", url = "${crm.ticket.customer-service.url}", configuration = CustomerServiceFeignConfiguration.class)
public interface CustomerServiceApi {

    @GetMapping(value = "/api/v1/customers/{id}", produces = MediaType.APPLICATION_JSON_VALUE)
    Map<String, Object> customer(URI baseUrl, @PathVariable("id") String customerId);
}
