package org.crmsuite.notification.webhook;

import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.crmsuite.notification.config.NotificationProperties;
import org.crmsuite.platform.security.CurrentUser;
import org.crmsuite.platform.web.CrmProblemException;
import org.crmsuite.platform.web.FieldViolation;
import org.crmsuite.platform.web.IfMatch;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/notifications/webhooks")
@PreAuthorize("hasAnyRole('crm-admin', 'integration')")
@Tag(name = "Webhook subscriptions", description = "Systems (ERP, finance ...) that receive events as HTTP POSTs signed with HMAC-SHA256 "
        + "over timestamp + \".\" + body (crm-admin, integration). The secret is write-only.")
class WebhookResource {

    static final String EVENT_TYPE = "^[a-z]+\\.[a-z0-9-]+\\.[a-z0-9-]+\\.v[0-9]+$";

    private final WebhookRepository subscriptions;
    private final WebhookUrlPolicy urls;

    WebhookResource(WebhookRepository subscriptions, NotificationProperties properties) {
        this.subscriptions = subscriptions;
        this.urls = new WebhookUrlPolicy(properties.webhooks().allowedHosts());
    }

    @GetMapping
    @Transactional(readOnly = true)
    @Operation(summary = "Every subscription (without secrets)")
    List<SubscriptionView> list() {
        return subscriptions.all().stream().map(SubscriptionView::of).toList();
    }

    @GetMapping("/{id}")
    @Transactional(readOnly = true)
    @Operation(summary = "One subscription (without its secret), version as ETag")
    ResponseEntity<SubscriptionView> get(@PathVariable UUID id) {
        WebhookSubscription s = subscriptions.find(id).orElseThrow(() -> CrmProblemException.notFound("webhook subscription", id));
        return ResponseEntity.ok().eTag(Long.toString(s.version())).body(SubscriptionView.of(s));
    }

    @PostMapping
    @Transactional
    @Operation(summary = "Subscribe a URL to event types", description = "Refused (400): a URL that is not http(s), or whose host is a loopback, "
            + "private or link-local address, unless the host is in crm.notification.webhooks.allowed-hosts.")
    ResponseEntity<SubscriptionView> create(@Valid @RequestBody SubscriptionRequest request) {
        if (request.secret() == null) {
            throw CrmProblemException.invalid("secret", "is required (16 to 200 characters)");
        }
        WebhookSubscription s = new WebhookSubscription(UUID.randomUUID(), request.name().strip(), request.url().strip(),
                checked(request), request.secret(), request.active() == null || request.active(), CurrentUser.current().id(), Instant.now(), 0);
        subscriptions.insert(s);
        return ResponseEntity.created(URI.create("/api/v1/notifications/webhooks/" + s.id())).eTag("0").body(SubscriptionView.of(s));
    }

    @PutMapping("/{id}")
    @Transactional
    @Operation(summary = "Replace a subscription", description = "Needs If-Match. Leave secret out to keep the current one.")
    ResponseEntity<SubscriptionView> replace(@PathVariable UUID id, @RequestHeader(value = IfMatch.HEADER, required = false) String ifMatch,
                                             @Valid @RequestBody SubscriptionRequest request) {
        long expected = IfMatch.version(ifMatch);
        WebhookSubscription current = subscriptions.find(id).orElseThrow(() -> CrmProblemException.notFound("webhook subscription", id));
        IfMatch.require("webhook subscription", id, expected, current.version());
        WebhookSubscription s = new WebhookSubscription(id, request.name().strip(), request.url().strip(), checked(request),
                request.secret() == null ? current.secret() : request.secret(), request.active() == null || request.active(),
                current.createdBy(), current.createdAt(), expected + 1);
        if (!subscriptions.update(s, expected)) {
            throw CrmProblemException.staleVersion("webhook subscription", id, expected, expected + 1);
        }
        return ResponseEntity.ok().eTag(Long.toString(s.version())).body(SubscriptionView.of(s));
    }

    @DeleteMapping("/{id}")
    @Transactional
    @Operation(summary = "Unsubscribe", description = "Needs If-Match. The subscription is deactivated (kept for the delivery log), not erased.")
    ResponseEntity<Void> delete(@PathVariable UUID id, @RequestHeader(value = IfMatch.HEADER, required = false) String ifMatch) {
        long expected = IfMatch.version(ifMatch);
        WebhookSubscription current = subscriptions.find(id).orElseThrow(() -> CrmProblemException.notFound("webhook subscription", id));
        IfMatch.require("webhook subscription", id, expected, current.version());
        subscriptions.delete(id, expected);
        return ResponseEntity.noContent().build();
    }

    private List<String> checked(SubscriptionRequest request) {
        List<FieldViolation> violations = new ArrayList<>();
        String refusal = urls.refusal(request.url().strip());
        if (refusal != null) {
            violations.add(new FieldViolation("url", refusal));
        }
        List<String> types = List.copyOf(new LinkedHashSet<>(request.eventTypes()));
        for (String type : types) {
            if (type == null || !type.matches(EVENT_TYPE)) {
                violations.add(new FieldViolation("eventTypes", "'" + type + "' is not an event type such as crm.opportunity.won.v1"));
            }
        }
        if (!violations.isEmpty()) {
            throw CrmProblemException.invalid(violations);
        }
        return types;
    }

    record SubscriptionRequest(
            @NotBlank @Size(max = 200) @Schema(example = "finance-invoicing") String name,
            @NotBlank @Size(max = 2000) @Schema(example = "https://finance.example.com/hooks/crm") String url,
            @NotEmpty @Schema(example = "[\"crm.opportunity.won.v1\"]") List<String> eventTypes,
            @Size(min = 16, max = 200) @Pattern(regexp = "^\\S+$") @Schema(example = "s3cr3t-shared-with-finance", writeOnly = true,
                    description = "HMAC key, write-only; required on create") String secret,
            Boolean active) {
    }

    record SubscriptionView(UUID id, String name, String url, List<String> eventTypes, boolean active, String createdBy, Instant createdAt,
                            long version) {
        static SubscriptionView of(WebhookSubscription s) {
            return new SubscriptionView(s.id(), s.name(), s.url(), s.eventTypes(), s.active(), s.createdBy(), s.createdAt(), s.version());
        }
    }
}
