package org.crmsuite.sales.conversion;

import java.math.BigDecimal;
import java.net.URI;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.crmsuite.platform.security.CurrentUser;
import org.crmsuite.platform.web.IfMatch;
import org.crmsuite.sales.lead.Lead;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/sales/leads")
@Tag(name = "Leads")
class ConversionResource {

    static final String PRINTABLE = "^[^\\p{Cntrl}]*$";

    private final LeadConversion conversion;

    ConversionResource(LeadConversion conversion) {
        this.conversion = conversion;
    }

    @PostMapping("/{id}/conversion")
    @Operation(summary = "Convert a qualified lead into a customer and an opportunity",
            description = "Links the lead to the customer you name (customerId), or to the best match of customer-service's duplicate "
                    + "check at or above crm.sales.customer-service.match-score, or registers a new customer (Idempotency-Key "
                    + "lead-conversion-<leadId>, so a retry never makes a twin); then opens the deal, marks the lead CONVERTED and records "
                    + "crm.lead.converted.v1 (and crm.opportunity.created.v1). A lead already converted answers 200 with what it became.")
    @ApiResponse(responseCode = "201", description = "Converted now; ETag carries the lead's new version")
    @ApiResponse(responseCode = "200", description = "Already converted (a retry): the same customer and deal")
    @ApiResponse(responseCode = "400", description = "validation-failed: a bad deal amount, currency or close date, or an unknown customerId")
    @ApiResponse(responseCode = "412", description = "stale-version")
    @ApiResponse(responseCode = "422", description = "business-rule-violated: the lead is not QUALIFIED, or customer-service refused the customer")
    @ApiResponse(responseCode = "428", description = "version-required: send If-Match")
    @ApiResponse(responseCode = "503", description = "service-unavailable: customer-service is down, slow or its circuit is open; the lead is unchanged")
    ResponseEntity<ConversionView> convert(@PathVariable UUID id, @Valid @RequestBody(required = false) ConversionRequest request,
            @Parameter(in = ParameterIn.HEADER, description = "The ETag of the lead you converted", example = "\"2\"")
            @RequestHeader(value = IfMatch.HEADER, required = false) String ifMatch) {
        LeadConversion.Request asked = request == null ? null : new LeadConversion.Request(request.customerId(), request.customer(),
                request.opportunity() == null ? null : new LeadConversion.DealFacts(request.opportunity().name(), request.opportunity().amount(),
                        request.opportunity().currency(), request.opportunity().expectedCloseDate(), request.opportunity().pipelineId(),
                        request.opportunity().stage()));
        long version = ifMatch == null ? -1 : IfMatch.version(ifMatch);
        LeadConversion.Result result = conversion.convert(id, asked, version, CurrentUser.current());
        ConversionView view = ConversionView.of(result);
        return result.convertedNow()
                ? ResponseEntity.created(URI.create("/api/v1/sales/leads/" + id)).eTag(Long.toString(result.lead().version())).body(view)
                : ResponseEntity.ok().eTag(Long.toString(result.lead().version())).body(view);
    }

    @Schema(description = "All optional: the customer you chose, facts for a new customer, and the deal to open")
    record ConversionRequest(
            @Schema(description = "Link to this existing customer instead of checking for duplicates") UUID customerId,
            @Valid LeadConversion.CompanyFacts customer,
            @Valid DealRequest opportunity) {
    }

    @Schema(description = "The deal the conversion opens; the name defaults to the company, the stage to the pipeline's first")
    record DealRequest(@Size(max = 200) @Pattern(regexp = PRINTABLE) @Schema(example = "苏州精密机械 MES 一期") String name,
                       @Schema(example = "120000.00") BigDecimal amount,
                       @Schema(example = "CNY") String currency,
                       @Schema(example = "2027-03-31") LocalDate expectedCloseDate,
                       UUID pipelineId,
                       @Schema(example = "qualification") String stage) {
    }

    @Schema(description = "A converted lead: the customer it became (created or matched) and the deal it opened")
    record ConversionView(UUID leadId, String status, UUID customerId, boolean customerCreated, UUID opportunityId,
                          @Schema(description = "The existing customer the lead was linked to by the duplicate check, when it was") MatchView matched,
                          long version, Instant convertedAt, String convertedBy) {
        static ConversionView of(LeadConversion.Result result) {
            Lead lead = result.lead();
            Candidate m = result.matched();
            return new ConversionView(lead.id(), lead.status().name(), lead.customerId(), lead.customerCreated(), lead.opportunityId(),
                    m == null ? null : new MatchView(m.id(), m.code(), m.name(), m.score(), m.reasons()), lead.version(), lead.convertedAt(),
                    lead.convertedBy());
        }
    }

    record MatchView(UUID id, @Schema(example = "C-000123") String code, String name, @Schema(example = "92") int score, List<String> reasons) {
    }
}
