package org.crmsuite.notification.rule;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.crmsuite.notification.delivery.Channel;
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
@RequestMapping("/api/v1/notifications/rules")
@PreAuthorize("hasRole('crm-admin')")
@Tag(name = "Rules", description = "Which event types notify whom through which channels (crm-admin). Changes apply to the next event, no release needed.")
class RuleResource {

    static final String EVENT_TYPE = "^[a-z]+\\.[a-z0-9-]+\\.[a-z0-9-]+\\.v[0-9]+$";

    private final RuleRepository rules;

    RuleResource(RuleRepository rules) {
        this.rules = rules;
    }

    @GetMapping
    @Transactional(readOnly = true)
    @Operation(summary = "Every rule, by event type")
    List<RuleView> list() {
        return rules.all().stream().map(RuleView::of).toList();
    }

    @GetMapping("/{id}")
    @Transactional(readOnly = true)
    @Operation(summary = "One rule, with its version as ETag")
    ResponseEntity<RuleView> get(@PathVariable UUID id) {
        Rule rule = rules.find(id).orElseThrow(() -> CrmProblemException.notFound("rule", id));
        return ResponseEntity.ok().eTag(Long.toString(rule.version())).body(RuleView.of(rule));
    }

    @PostMapping
    @Transactional
    @Operation(summary = "Add a rule", description = "One rule per (eventType, recipient): a second one answers 409 conflict.")
    ResponseEntity<RuleView> create(@Valid @RequestBody RuleRequest request) {
        Rule rule = request.toRule(UUID.randomUUID(), 0);
        rules.insert(rule);
        return ResponseEntity.created(URI.create("/api/v1/notifications/rules/" + rule.id())).eTag("0").body(RuleView.of(rule));
    }

    @PutMapping("/{id}")
    @Transactional
    @Operation(summary = "Replace a rule", description = "Needs If-Match with the ETag you read.")
    ResponseEntity<RuleView> replace(@PathVariable UUID id, @Parameter(example = "\"0\"") @RequestHeader(value = IfMatch.HEADER, required = false) String ifMatch,
                                     @Valid @RequestBody RuleRequest request) {
        long expected = IfMatch.version(ifMatch);
        Rule current = rules.find(id).orElseThrow(() -> CrmProblemException.notFound("rule", id));
        IfMatch.require("rule", id, expected, current.version());
        Rule rule = request.toRule(id, expected + 1);
        if (!rules.update(rule, expected)) {
            throw CrmProblemException.staleVersion("rule", id, expected, expected + 1);
        }
        return ResponseEntity.ok().eTag(Long.toString(rule.version())).body(RuleView.of(rule));
    }

    @DeleteMapping("/{id}")
    @Transactional
    @Operation(summary = "Delete a rule", description = "Needs If-Match. To pause a rule, set enabled=false instead.")
    ResponseEntity<Void> delete(@PathVariable UUID id, @RequestHeader(value = IfMatch.HEADER, required = false) String ifMatch) {
        long expected = IfMatch.version(ifMatch);
        Rule current = rules.find(id).orElseThrow(() -> CrmProblemException.notFound("rule", id));
        IfMatch.require("rule", id, expected, current.version());
        rules.delete(id, expected);
        return ResponseEntity.noContent().build();
    }

    record RuleRequest(
            @NotBlank @Pattern(regexp = EVENT_TYPE) @Schema(example = "crm.ticket.sla-breached.v1") String eventType,
            @NotBlank @Schema(example = "queue-manager", description = "event:<field>, queue-manager, role:<role>, user:<id>, owner (of the opportunity or customer the event names), manager-of:<field> or webhooks") String recipient,
            @NotEmpty @Schema(example = "[\"IN_APP\",\"EMAIL\"]") List<@NotNull Channel> channels,
            @Size(max = 200) @Schema(example = "csat <= 2", description = "optional: <field> <op> <integer>") String condition,
            Boolean enabled,
            @Size(max = 500) String description) {

        Rule toRule(UUID id, long version) {
            List<FieldViolation> violations = new ArrayList<>();
            Recipient parsedRecipient = null;
            Condition parsedCondition = null;
            List<Channel> distinct = List.copyOf(new LinkedHashSet<>(channels));
            try {
                parsedRecipient = Recipient.parse(recipient);
                parsedRecipient.requireFits(distinct);
            } catch (IllegalArgumentException e) {
                violations.add(new FieldViolation(parsedRecipient == null ? "recipient" : "channels", e.getMessage()));
            }
            try {
                parsedCondition = Condition.parse(condition);
            } catch (IllegalArgumentException e) {
                violations.add(new FieldViolation("condition", e.getMessage()));
            }
            if (!violations.isEmpty()) {
                throw CrmProblemException.invalid(violations);
            }
            return new Rule(id, eventType, parsedRecipient, distinct, parsedCondition, enabled == null || enabled, description, version);
        }
    }

    record RuleView(UUID id, String eventType, String recipient, List<Channel> channels, String condition, boolean enabled,
                    String description, long version) {
        static RuleView of(Rule rule) {
            return new RuleView(rule.id(), rule.eventType(), rule.recipient().toString(), rule.channels(),
                    rule.condition() == null ? null : rule.condition().toString(), rule.enabled(), rule.description(), rule.version());
        }
    }
}
