package org.crmsuite.sales.opportunity;

import java.math.BigDecimal;
import java.net.URI;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.crmsuite.platform.web.IfMatch;
import org.crmsuite.platform.security.CurrentUser;
import org.crmsuite.platform.web.PageResponse;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Sort;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/sales/opportunities")
@Tag(name = "Opportunities", description = "Deals with a customer, moving through a pipeline's stages to won or lost")
class OpportunityResource {

    static final String PRINTABLE = "^[^\\p{Cntrl}]*$";
    static final String IF_MATCH_DOC = "The ETag of the version you edited, e.g. \"3\". Missing: 428 version-required; stale: 412 stale-version.";
    static final int MAX_PAGE_SIZE = 100;

    private final OpportunityRegistry registry;

    OpportunityResource(OpportunityRegistry registry) {
        this.registry = registry;
    }

    @PostMapping
    @Operation(summary = "Open an opportunity", description = "Owner and department come from the token. Amount defaults to the sum of the "
            + "line items; currency defaults to CNY. Records crm.opportunity.created.v1.")
    @ApiResponse(responseCode = "201", description = "Opened; ETag carries the version")
    @ApiResponse(responseCode = "400", description = "validation-failed: negative amount, unknown currency, line item in another currency, "
            + "expected close date in the past, unknown stage")
    @ApiResponse(responseCode = "422", description = "business-rule-violated: the starting stage needs fields that are missing (listed under errors)")
    ResponseEntity<OpportunityView> open(@Valid @RequestBody OpportunityRequest request) {
        Opportunity opportunity = registry.open(request.toNew(), CurrentUser.current());
        return ResponseEntity.created(URI.create("/api/v1/sales/opportunities/" + opportunity.id()))
                .eTag(Long.toString(opportunity.version())).body(OpportunityView.of(opportunity));
    }

    @GetMapping("/{id}")
    @Operation(summary = "One opportunity, with line items, competitors and stage history")
    ResponseEntity<OpportunityView> get(@PathVariable UUID id) {
        Opportunity opportunity = registry.get(id, CurrentUser.current());
        return ResponseEntity.ok().eTag(Long.toString(opportunity.version())).body(OpportunityView.of(opportunity));
    }

    @GetMapping
    @Operation(summary = "The opportunities you may see", description = "Reps: their own and their team's; managers: their department's; "
            + "crm-admin: all. Newest first; size at most 100.")
    PageResponse<OpportunityView> list(@RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "20") int size) {
        PageRequest request = PageRequest.of(Math.max(page, 0), Math.clamp(size, 1, MAX_PAGE_SIZE), Sort.by(Sort.Direction.DESC, "createdAt"));
        return PageResponse.of(registry.list(CurrentUser.current(), request), OpportunityView::of);
    }

    @PutMapping("/{id}")
    @Operation(summary = "Change an open opportunity's facts", description = "Replaces name, amount, currency, expected close date, line items "
            + "and competitors (a field left out is cleared) with the same checks as opening; the current stage's rules must still hold. "
            + "Every changed field is kept in GET /{id}/history.")
    @ApiResponse(responseCode = "200", description = "Changed; ETag carries the new version")
    @ApiResponse(responseCode = "400", description = "validation-failed: negative amount, unknown currency, close date in the past ...")
    @ApiResponse(responseCode = "412", description = "stale-version: someone changed the deal since you read it")
    @ApiResponse(responseCode = "422", description = "business-rule-violated: a closed deal, or the current stage needs a field you cleared")
    @ApiResponse(responseCode = "428", description = "version-required: send If-Match")
    ResponseEntity<OpportunityView> revise(@PathVariable UUID id, @Valid @RequestBody OpportunityEdit request,
            @Parameter(in = ParameterIn.HEADER, description = "The ETag of the version you edited") @RequestHeader(value = IfMatch.HEADER, required = false) String ifMatch) {
        long version = IfMatch.version(ifMatch);
        Opportunity opportunity = registry.revise(id, request.toRevision(), version, CurrentUser.current());
        return ResponseEntity.ok().eTag(Long.toString(opportunity.version())).body(OpportunityView.of(opportunity));
    }

    @GetMapping("/{id}/history")
    @Operation(summary = "Who changed which fact of the deal, from what to what, oldest first (stage moves are in stageHistory)")
    List<FieldChange> history(@PathVariable UUID id) {
        return registry.history(id, CurrentUser.current());
    }

    record OpportunityEdit(
            @NotBlank @Size(max = 200) @Pattern(regexp = PRINTABLE) String name,
            @Schema(example = "150000.00") BigDecimal amount,
            @Schema(example = "CNY") @Size(max = 3) String currency,
            LocalDate expectedCloseDate,
            @Valid @Size(max = 200) List<LineItemRequest> lineItems,
            @Size(max = 20) List<@NotBlank @Size(max = 200) @Pattern(regexp = PRINTABLE) String> competitors) {

        OpportunityRegistry.Revision toRevision() {
            return new OpportunityRegistry.Revision(name, amount, currency, expectedCloseDate,
                    lineItems == null ? List.of() : lineItems.stream().map(item ->
                            new OpportunityRegistry.NewLineItem(item.product(), item.quantity(), item.unitPrice(), item.currency())).toList(),
                    competitors);
        }
    }

    @PutMapping("/{id}/stage")
    @Operation(summary = "Move an opportunity to another stage", description = "Checks the target stage's rules (and those of every earlier "
            + "stage), takes the stage's default probability and keeps the move in the stage history. Moving to won or lost closes the deal "
            + "(lost needs a reason). Records crm.opportunity.stage-changed.v1, then crm.opportunity.won.v1 or crm.opportunity.lost.v1.")
    @ApiResponse(responseCode = "200", description = "Moved; ETag carries the new version")
    @ApiResponse(responseCode = "412", description = "stale-version: someone changed the opportunity since you read it")
    @ApiResponse(responseCode = "422", description = "business-rule-violated: the fields the stage needs are listed under errors")
    @ApiResponse(responseCode = "428", description = "version-required: send If-Match")
    ResponseEntity<OpportunityView> move(@PathVariable UUID id, @Valid @RequestBody StageMove request,
            @Parameter(in = ParameterIn.HEADER, description = IF_MATCH_DOC) @RequestHeader(value = IfMatch.HEADER, required = false) String ifMatch) {
        long version = IfMatch.version(ifMatch);
        Opportunity opportunity = registry.moveTo(id, request.stage(), request.reason(), version, CurrentUser.current());
        return ResponseEntity.ok().eTag(Long.toString(opportunity.version())).body(OpportunityView.of(opportunity));
    }

    record OpportunityRequest(
            @NotBlank @Size(max = 200) @Pattern(regexp = PRINTABLE) String name,
            @NotNull UUID customerId,
            @Schema(description = "Decimal, at most 2 places, not negative; defaults to the sum of the line items", example = "120000.00") BigDecimal amount,
            @Schema(description = "ISO 4217, default CNY", example = "CNY") @Size(max = 3) String currency,
            @Schema(description = "Default: the default pipeline") UUID pipelineId,
            @Schema(description = "Stage code; default: the pipeline's first stage", example = "qualification") @Size(max = 40) String stage,
            @Schema(description = "Not in the past (business zone)") LocalDate expectedCloseDate,
            @Valid @Size(max = 200) List<LineItemRequest> lineItems,
            @Size(max = 20) List<@NotBlank @Size(max = 200) @Pattern(regexp = PRINTABLE) String> competitors,
            UUID campaignId) {

        OpportunityRegistry.NewOpportunity toNew() {
            return new OpportunityRegistry.NewOpportunity(name, customerId, amount, currency, pipelineId, stage, expectedCloseDate,
                    lineItems == null ? List.of() : lineItems.stream().map(item ->
                            new OpportunityRegistry.NewLineItem(item.product(), item.quantity(), item.unitPrice(), item.currency())).toList(),
                    competitors, campaignId);
        }
    }

    record LineItemRequest(
            @NotBlank @Size(max = 200) @Pattern(regexp = PRINTABLE) String product,
            @NotNull @DecimalMin(value = "0", inclusive = false) BigDecimal quantity,
            @NotNull BigDecimal unitPrice,
            @Schema(description = "Must equal the opportunity's currency; default: the opportunity's") @Size(max = 3) String currency) {
    }

    record StageMove(@NotBlank @Size(max = 40) String stage,
            @Schema(description = "Required when moving to lost") @Size(max = 500) @Pattern(regexp = PRINTABLE) String reason) {
    }

    record LineItemView(String product, String quantity, String unitPrice, String lineTotal) {
    }

    record StageChangeView(String fromStage, String toStage, int probability, String changedBy, Instant changedAt) {
    }

    @Schema(description = "Amounts are decimal strings with two places, so no client rounds them through a float")
    record OpportunityView(UUID id, String name, UUID customerId, String amount, String currency, UUID pipelineId, String stage,
            int probability, LocalDate expectedCloseDate, OpportunityStatus status, String closeReason, Instant closedAt, UUID campaignId,
            @Schema(description = "From finance's invoices: INVOICED, OVERDUE or PAID; null before the first invoice") String invoiceStatus,
            String ownerId, String department, List<LineItemView> lineItems, List<String> competitors, List<StageChangeView> stageHistory,
            long version, Instant createdAt, Instant updatedAt) {

        static OpportunityView of(Opportunity o) {
            return new OpportunityView(o.id(), o.name(), o.customerId(), o.amount() == null ? null : o.amount().text(), o.currency(),
                    o.pipelineId(), o.stage(), o.probability(), o.expectedCloseDate(), o.status(), o.closeReason(), o.closedAt(), o.campaignId(),
                    o.invoiceStatus(), o.owner(), o.department(),
                    o.lineItems().stream().map(i -> new LineItemView(i.product(), i.quantity().toPlainString(), i.unitPrice().toPlainString(),
                            i.total().toPlainString())).toList(),
                    o.competitors(),
                    o.stageHistory().stream().map(c -> new StageChangeView(c.fromStage(), c.toStage(), c.probability(), c.changedBy(),
                            c.changedAt())).toList(),
                    o.version(), o.createdAt(), o.updatedAt());
        }
    }
}
