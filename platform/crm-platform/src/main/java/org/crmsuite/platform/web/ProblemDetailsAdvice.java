package org.crmsuite.platform.web;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import jakarta.validation.ConstraintViolationException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authorization.AuthorizationDeniedException;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

import tools.jackson.databind.DatabindException;

/**
 * Every error a servlet service answers, as RFC 9457 problem details: stable type, translated title, a detail a
 * person can act on, and the offending fields. Unexpected errors are logged with their stack trace and answered
 * without it.
 */
@RestControllerAdvice
@Order(Ordered.LOWEST_PRECEDENCE - 100)
public class ProblemDetailsAdvice extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemDetailsAdvice.class);

    @ExceptionHandler(CrmProblemException.class)
    ResponseEntity<ProblemDetail> crmProblem(CrmProblemException e) {
        ProblemDetail problem = Problems.of(e.type(), e.getMessage(), e.violations(), locale());
        e.properties().forEach(problem::setProperty);
        return ResponseEntity.status(e.type().status()).body(problem);
    }

    @ExceptionHandler(ConstraintViolationException.class)
    ResponseEntity<ProblemDetail> constraintViolation(ConstraintViolationException e) {
        List<FieldViolation> violations = e.getConstraintViolations().stream()
                .map(v -> new FieldViolation(leaf(v.getPropertyPath().toString()), v.getMessage())).toList();
        return respond(ProblemType.VALIDATION_FAILED, "the request has " + violations.size() + " invalid field(s)", violations);
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<ProblemDetail> typeMismatch(MethodArgumentTypeMismatchException e) {
        String reason = "'" + e.getValue() + "' is not a valid value"
                + (e.getRequiredType() == null ? "" : " (expected " + e.getRequiredType().getSimpleName() + ")");
        return respond(ProblemType.VALIDATION_FAILED, e.getName() + ": " + reason, List.of(new FieldViolation(e.getName(), reason)));
    }

    @ExceptionHandler(OptimisticLockingFailureException.class)
    ResponseEntity<ProblemDetail> staleVersion(OptimisticLockingFailureException e) {
        return respond(ProblemType.STALE_VERSION,
                "the record was changed by someone else while you edited it; reload and apply your change again", List.of());
    }

    @ExceptionHandler(DataIntegrityViolationException.class)
    ResponseEntity<ProblemDetail> integrity(DataIntegrityViolationException e) {
        log.info("refused a write that breaks a database constraint: {}", e.getMostSpecificCause().getMessage());
        return respond(ProblemType.CONFLICT, "the change conflicts with existing data (a unique or referential rule)", List.of());
    }

    @ExceptionHandler({AccessDeniedException.class, AuthorizationDeniedException.class})
    ResponseEntity<ProblemDetail> forbidden(RuntimeException e) {
        return respond(ProblemType.FORBIDDEN, "your roles or department do not allow this", List.of());
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<ProblemDetail> unexpected(Exception e) {
        log.error("unexpected error", e);
        return respond(ProblemType.INTERNAL_ERROR, "an unexpected error occurred; it has been logged", List.of());
    }

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException e, HttpHeaders headers,
                                                                  HttpStatusCode status, WebRequest request) {
        List<FieldViolation> violations = violations(e.getBindingResult());
        return cast(respond(ProblemType.VALIDATION_FAILED, "the request has " + violations.size() + " invalid field(s)", violations));
    }

    @Override
    protected ResponseEntity<Object> handleHandlerMethodValidationException(HandlerMethodValidationException e, HttpHeaders headers,
                                                                            HttpStatusCode status, WebRequest request) {
        List<FieldViolation> violations = new ArrayList<>();
        e.getParameterValidationResults().forEach(result -> {
            String name = result.getMethodParameter().getParameterName();
            result.getResolvableErrors().forEach(error -> violations.add(new FieldViolation(name, error.getDefaultMessage())));
        });
        return cast(respond(ProblemType.VALIDATION_FAILED, "the request has " + violations.size() + " invalid field(s)", violations));
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException e, HttpHeaders headers,
                                                                  HttpStatusCode status, WebRequest request) {
        if (e.getCause() instanceof DatabindException databind && !databind.getPath().isEmpty()) {
            String field = jsonPath(databind);
            String reason = "cannot be read as the expected type";
            return cast(respond(ProblemType.VALIDATION_FAILED, field + ": " + reason, List.of(new FieldViolation(field, reason))));
        }
        return cast(respond(ProblemType.MALFORMED_REQUEST, "the body is not valid JSON for this request", List.of()));
    }

    /** Spring's own MVC exceptions (405, 415, 406, missing parameters ...) keep their status with our type and title. */
    @Override
    protected ResponseEntity<Object> createResponseEntity(Object body, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        if (body instanceof ProblemDetail problem && problem.getType() != null && "about:blank".equals(problem.getType().toString())) {
            ProblemType type = ProblemType.forStatus(status.value());
            problem.setType(type.uri());
            problem.setTitle(Problems.title(type, locale()));
        }
        return super.createResponseEntity(body, headers, status, request);
    }

    private static List<FieldViolation> violations(BindingResult result) {
        List<FieldViolation> violations = new ArrayList<>();
        result.getFieldErrors().forEach(error -> violations.add(new FieldViolation(error.getField(), error.getDefaultMessage())));
        result.getGlobalErrors().forEach(error -> violations.add(new FieldViolation(error.getObjectName(), error.getDefaultMessage())));
        return violations;
    }

    private static String jsonPath(DatabindException e) {
        StringBuilder path = new StringBuilder();
        e.getPath().forEach(ref -> {
            if (ref.getPropertyName() != null) {
                if (!path.isEmpty()) {
                    path.append('.');
                }
                path.append(ref.getPropertyName());
            } else if (ref.getIndex() >= 0) {
                path.append('[').append(ref.getIndex()).append(']');
            }
        });
        return path.toString();
    }

    private static String leaf(String propertyPath) {
        // "create.request.legalName" -> "legalName": the method and parameter names mean nothing to the client
        int dot = propertyPath.indexOf('.', propertyPath.indexOf('.') + 1);
        return dot < 0 ? propertyPath : propertyPath.substring(dot + 1);
    }

    private static ResponseEntity<ProblemDetail> respond(ProblemType type, String detail, List<FieldViolation> violations) {
        return ResponseEntity.status(type.status()).body(Problems.of(type, detail, violations, locale()));
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static ResponseEntity<Object> cast(ResponseEntity<ProblemDetail> response) {
        return (ResponseEntity) response;
    }

    private static Locale locale() {
        return LocaleContextHolder.getLocale();
    }
}
