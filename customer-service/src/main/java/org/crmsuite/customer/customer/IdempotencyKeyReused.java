package org.crmsuite.customer.customer;

import java.net.URI;

import org.crmsuite.platform.web.ProblemType;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * The same {@code Idempotency-Key} came with a different request: 422 {@code urn:crm:problem:idempotency-key-reused}.
 * The type is not in the platform's {@code ProblemType} catalogue yet (proposed there), so this module renders it.
 */
public class IdempotencyKeyReused extends RuntimeException {

    public static final String TYPE = ProblemType.URN_PREFIX + "idempotency-key-reused";

    public IdempotencyKeyReused(String key) {
        super("idempotency key \"" + key + "\" was already used with a different request; use a new key for a new request");
    }

    @RestControllerAdvice
    @Order(Ordered.HIGHEST_PRECEDENCE)
    static class Handler {

        @ExceptionHandler(IdempotencyKeyReused.class)
        ResponseEntity<ProblemDetail> reused(IdempotencyKeyReused e) {
            ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.UNPROCESSABLE_CONTENT, e.getMessage());
            problem.setType(URI.create(TYPE));
            problem.setTitle("Idempotency key reused");
            return ResponseEntity.status(HttpStatus.UNPROCESSABLE_CONTENT).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
        }
    }
}
