package org.crmsuite.sales.conversion;

import java.util.Map;
import java.util.UUID;

import org.springframework.cloud.openfeign.FeignClient;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;

/**
 * What lead conversion asks of customer-service, as a Spring Cloud OpenFeign client. Timeouts, the caller's token and
 * the mapping of error statuses are in {@link CustomerServiceFeignConfiguration}; the circuit breaker wraps the calls
 * in {@link CustomerDirectory}. Answers are read as maps, so fields customer-service adds later do no harm.
 */
@FeignClient(name = "customer-service", url = "${crm.sales.customer-service.url:http://127.0.0.1:8081}",
        configuration = CustomerServiceFeignConfiguration.class)
public interface CustomerServiceApi {

    String IDEMPOTENCY_KEY = "Idempotency-Key";

    @PostMapping(value = "/api/v1/customers/duplicates/check", consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    Map<String, Object> duplicates(@RequestBody CustomerDraft draft);

    @PostMapping(value = "/api/v1/customers", consumes = MediaType.APPLICATION_JSON_VALUE, produces = MediaType.APPLICATION_JSON_VALUE)
    Map<String, Object> register(@RequestHeader(IDEMPOTENCY_KEY) String idempotencyKey, @RequestBody CustomerDraft draft);

    @GetMapping(value = "/api/v1/customers/{id}", produces = MediaType.APPLICATION_JSON_VALUE)
    Map<String, Object> customer(@PathVariable("id") UUID id);
}
