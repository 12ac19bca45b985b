package org.crmsuite.sales.lead;

import java.net.URI;
import java.time.Instant;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
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
@RequestMapping("/api/v1/sales/leads")
@Tag(name = "Leads", description = "Prospects before they are worth a deal: new → contacted → qualified, or disqualified with a reason")
class LeadResource {

    static final String PRINTABLE = "^[^\\p{Cntrl}]*$";

    private final LeadRegistry registry;

    LeadResource(LeadRegistry registry) {
        this.registry = registry;
    }

    @PostMapping
    @Operation(summary = "Register a lead", description = "Starts NEW; owner and department come from the token. Records crm.lead.created.v1.")
    @ApiResponse(responseCode = "201", description = "Registered; ETag carries the version")
    @ApiResponse(responseCode = "400", description = "validation-failed: the offending fields are listed under errors")
    ResponseEntity<LeadView> register(@Valid @RequestBody LeadRequest request) {
        CurrentUser user = CurrentUser.current();
        Lead lead = registry.register(new Lead(request.company().strip(), strip(request.contactName()), strip(request.contactTitle()),
                strip(request.contactPhone()), strip(request.contactEmail()), request.source(), request.campaignId(),
                request.score() == null ? 0 : request.score(), user.id(), user.primaryDepartment()), user);
        return ResponseEntity.created(URI.create("/api/v1/sales/leads/" + lead.id())).eTag(Long.toString(lead.version())).body(LeadView.of(lead));
    }

    @GetMapping("/{id}")
    @Operation(summary = "One lead")
    ResponseEntity<LeadView> get(@PathVariable UUID id) {
        Lead lead = registry.get(id, CurrentUser.current());
        return ResponseEntity.ok().eTag(Long.toString(lead.version())).body(LeadView.of(lead));
    }

    @GetMapping
    @Operation(summary = "The leads you may see", description = "Newest first; size at most 100.")
    PageResponse<LeadView> list(@RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "20") int size) {
        PageRequest request = PageRequest.of(Math.max(page, 0), Math.clamp(size, 1, 100), Sort.by(Sort.Direction.DESC, "createdAt"));
        return PageResponse.of(registry.list(CurrentUser.current(), request), LeadView::of);
    }

    @PutMapping("/{id}/status")
    @Operation(summary = "Move a lead along its status flow", description = "NEW → CONTACTED → QUALIFIED; DISQUALIFIED (reason required) from "
            + "NEW, CONTACTED or QUALIFIED. Records crm.lead.qualified.v1 or crm.lead.disqualified.v1. A QUALIFIED lead is converted with POST /{id}/conversion.")
    @ApiResponse(responseCode = "412", description = "stale-version")
    @ApiResponse(responseCode = "422", description = "business-rule-violated: the move is not allowed from the current status")
    @ApiResponse(responseCode = "428", description = "version-required: send If-Match")
    ResponseEntity<LeadView> move(@PathVariable UUID id, @Valid @RequestBody StatusMove request,
            @Parameter(in = ParameterIn.HEADER, description = "The ETag of the version you edited") @RequestHeader(value = IfMatch.HEADER, required = false) String ifMatch) {
        long version = IfMatch.version(ifMatch);
        Lead lead = registry.moveTo(id, request.status(), request.reason(), version, CurrentUser.current());
        return ResponseEntity.ok().eTag(Long.toString(lead.version())).body(LeadView.of(lead));
    }

    private static String strip(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }

    record LeadRequest(
            @NotBlank @Size(max = 200) @Pattern(regexp = PRINTABLE) String company,
            @Size(max = 100) @Pattern(regexp = PRINTABLE) String contactName,
            @Size(max = 100) @Pattern(regexp = PRINTABLE) String contactTitle,
            @Size(max = 40) @Pattern(regexp = "^[+0-9 ()-]*$", message = "must contain only digits, spaces, +, (, ) and -") String contactPhone,
            @Size(max = 200) @Email String contactEmail,
            @NotNull LeadSource source,
            UUID campaignId,
            @Schema(description = "0-100, default 0") @Min(0) @Max(100) Integer score) {
    }

    record StatusMove(@NotNull LeadStatus status,
            @Schema(description = "Required when disqualifying") @Size(max = 500) @Pattern(regexp = PRINTABLE) String reason) {
    }

    record LeadView(UUID id, String company, String contactName, String contactTitle, String contactPhone, String contactEmail,
            LeadSource source, UUID campaignId, int score, LeadStatus status, String disqualifyReason, String ownerId, String department,
            @Schema(description = "Once converted: the customer it became") UUID customerId,
            @Schema(description = "Once converted: the deal it opened") UUID opportunityId, Instant convertedAt,
            long version, Instant createdAt, Instant updatedAt) {
        static LeadView of(Lead l) {
            return new LeadView(l.id(), l.company(), l.contactName(), l.contactTitle(), l.contactPhone(), l.contactEmail(), l.source(),
                    l.campaignId(), l.score(), l.status(), l.disqualifyReason(), l.owner(), l.department(), l.customerId(), l.opportunityId(),
                    l.convertedAt(), l.version(), l.createdAt(), l.updatedAt());
        }
    }
}
