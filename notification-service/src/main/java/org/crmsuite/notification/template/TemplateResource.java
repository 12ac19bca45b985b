package org.crmsuite.notification.template;

import java.util.List;
import java.util.Optional;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.crmsuite.notification.delivery.Channel;
import org.crmsuite.platform.web.CrmProblemException;
import org.crmsuite.platform.web.IfMatch;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/notifications/templates")
@PreAuthorize("hasRole('crm-admin')")
@Tag(name = "Templates", description = "Message texts per event type, channel and language (zh-CN, en), crm-admin. "
        + "{{field}} inserts a payload field of the event's schema; {{field|time}} formats an instant in the recipient's zone and language.")
class TemplateResource {

    private final TemplateRepository repository;
    private final Templates templates;

    TemplateResource(TemplateRepository repository, Templates templates) {
        this.repository = repository;
        this.templates = templates;
    }

    @GetMapping
    @Transactional(readOnly = true)
    @Operation(summary = "Every template")
    List<Template> list() {
        return repository.all();
    }

    @GetMapping("/{eventType}/{channel}/{locale}")
    @Transactional(readOnly = true)
    @Operation(summary = "One template, with its version as ETag")
    ResponseEntity<Template> get(@PathVariable String eventType, @PathVariable Channel channel, @PathVariable String locale) {
        Template template = repository.find(eventType, channel, locale)
                .orElseThrow(() -> CrmProblemException.notFound("template", eventType + "/" + channel + "/" + locale));
        return ResponseEntity.ok().eTag(Long.toString(template.version())).body(template);
    }

    @PutMapping("/{eventType}/{channel}/{locale}")
    @Transactional
    @Operation(summary = "Create or replace a template", description = "A new template needs no If-Match; replacing one needs the ETag you read. "
            + "A placeholder naming a field the event's schema does not have is refused (400 validation-failed), never rendered blank.")
    ResponseEntity<Template> put(@Parameter(example = "crm.ticket.sla-breached.v1") @PathVariable String eventType,
                                 @Parameter(example = "EMAIL") @PathVariable Channel channel,
                                 @Parameter(example = "zh-CN") @PathVariable String locale,
                                 @RequestHeader(value = IfMatch.HEADER, required = false) String ifMatch,
                                 @Valid @RequestBody TemplateRequest request) {
        if (!Templates.LOCALES.contains(locale)) {
            throw CrmProblemException.invalid("locale", "must be one of " + Templates.LOCALES);
        }
        if (channel == Channel.WEBHOOK) {
            throw CrmProblemException.invalid("channel", "webhooks carry the event itself, not a template");
        }
        templates.requireValid(eventType, request.subject(), request.body());
        Optional<Template> current = repository.find(eventType, channel, locale);
        long version;
        if (current.isEmpty()) {
            version = repository.save(eventType, channel, locale, request.subject(), request.body(), null);
        } else {
            long expected = IfMatch.version(ifMatch);
            IfMatch.require("template", eventType + "/" + channel + "/" + locale, expected, current.get().version());
            version = repository.save(eventType, channel, locale, request.subject(), request.body(), expected);
            if (version < 0) {
                throw CrmProblemException.staleVersion("template", eventType, expected, expected + 1);
            }
        }
        Template saved = repository.find(eventType, channel, locale).orElseThrow();
        return ResponseEntity.ok().eTag(Long.toString(version)).body(saved);
    }

    record TemplateRequest(
            @NotBlank @Size(max = 500) @Schema(example = "SLA 已违约：工单 {{number}}") String subject,
            @NotBlank @Size(max = 20000) @Schema(example = "工单 {{number}} 于 {{breachedAt|time}} 违约。") String body) {
    }
}
