package org.crmsuite.platform.web;

import java.net.URI;

import org.springframework.http.HttpStatus;

/**
 * The stable problem types of the suite (RFC 9457 {@code type}). Clients branch on the type, never on the text;
 * titles are translated (see {@code crm/platform/problems*.properties}).
 */
public enum ProblemType {
    VALIDATION_FAILED("validation-failed", HttpStatus.BAD_REQUEST),
    MALFORMED_REQUEST("malformed-request", HttpStatus.BAD_REQUEST),
    UNAUTHORIZED("unauthorized", HttpStatus.UNAUTHORIZED),
    FORBIDDEN("forbidden", HttpStatus.FORBIDDEN),
    NOT_FOUND("not-found", HttpStatus.NOT_FOUND),
    METHOD_NOT_ALLOWED("method-not-allowed", HttpStatus.METHOD_NOT_ALLOWED),
    NOT_ACCEPTABLE("not-acceptable", HttpStatus.NOT_ACCEPTABLE),
    CONFLICT("conflict", HttpStatus.CONFLICT),
    STALE_VERSION("stale-version", HttpStatus.PRECONDITION_FAILED),
    VERSION_REQUIRED("version-required", HttpStatus.PRECONDITION_REQUIRED),
    GONE("gone", HttpStatus.GONE),
    PAYLOAD_TOO_LARGE("payload-too-large", HttpStatus.CONTENT_TOO_LARGE),
    UNSUPPORTED_MEDIA_TYPE("unsupported-media-type", HttpStatus.UNSUPPORTED_MEDIA_TYPE),
    BUSINESS_RULE_VIOLATED("business-rule-violated", HttpStatus.UNPROCESSABLE_CONTENT),
    /** The same Idempotency-Key came with a different request: a client bug, never retried into a second effect. */
    IDEMPOTENCY_KEY_REUSED("idempotency-key-reused", HttpStatus.UNPROCESSABLE_CONTENT),
    TOO_MANY_REQUESTS("too-many-requests", HttpStatus.TOO_MANY_REQUESTS),
    SERVICE_UNAVAILABLE("service-unavailable", HttpStatus.SERVICE_UNAVAILABLE),
    GATEWAY_TIMEOUT("gateway-timeout", HttpStatus.GATEWAY_TIMEOUT),
    INTERNAL_ERROR("internal-error", HttpStatus.INTERNAL_SERVER_ERROR);

    /** Problem types are URNs: stable names, not pages that must stay online. */
    public static final String URN_PREFIX = "urn:crm:problem:";

    private final String slug;
    private final HttpStatus status;

    ProblemType(String slug, HttpStatus status) {
        this.slug = slug;
        this.status = status;
    }

    public String slug() {
        return slug;
    }

    public HttpStatus status() {
        return status;
    }

    public URI uri() {
        return URI.create(URN_PREFIX + slug);
    }

    public static ProblemType forStatus(int status) {
        for (ProblemType type : values()) {
            if (type.status.value() == status) {
                return type;
            }
        }
        return status >= 500 ? INTERNAL_ERROR : MALFORMED_REQUEST;
    }
}
